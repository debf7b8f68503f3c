// One organization: where it lives, its admin key's health, and what can be done to it.

import { el } from "../dom";
import { formatCount, fullDate, plural, relativeTime } from "../formats";
import { serverName } from "../server-text";
import type { HealthState } from "../state";
import type { ActivityEntry, HygieneReport, HygieneRule, InventoryStatus, Organization } from "../types";
import { hygieneCard } from "./hygiene-card";

/** What the organization view can ask for. */
export interface OrgViewEvents {
  onRefresh: () => void;
  onRename: () => void;
  onRemove: () => void;
  onPasteKey: () => void;
  onRotate: () => void;
  onCheckKey: () => void;
  onFinding: (rule: HygieneRule) => void;
  onThresholds: () => void;
}

function fact(label: string, value: Node | string): HTMLElement {
  return el("div", { className: "fact" }, [
    el("dt", { text: label }),
    el("dd", {}, [typeof value === "string" ? document.createTextNode(value) : value]),
  ]);
}

function button(label: string, onClick: () => void, kind = "plain", testId?: string): HTMLElement {
  return el("button", {
    className: `button ${kind}`,
    text: label,
    attrs: { type: "button", ...(testId ? { "data-testid": testId } : {}) },
    onClick,
  });
}

/** What the organization view shows. */
export interface OrgViewData {
  org: Organization;
  status: InventoryStatus | undefined;
  health: HealthState | undefined;
  activity: ActivityEntry[] | undefined;
  hygiene: HygieneReport | undefined;
  /** The usage bar and spend chart (kept across redraws), shown when the organization is ready. */
  insight?: HTMLElement;
  /** A project's name when the sidebar has it listed, else undefined. */
  projectName: (projectId: string) => string | undefined;
}

/** Renders the organization view. */
export function renderOrgView(data: OrgViewData, events: OrgViewEvents): HTMLElement {
  const { org, status: inventory } = data;
  const isDemo = org.kind === "demo";
  const refreshedAt = inventory?.refreshedAt ?? org.lastRefreshedAt;
  const header = el("header", { className: "content-header", attrs: { "data-org-view": org.id } }, [
    el("div", { className: "header-row" }, [
      el("div", { className: "header-text" }, [
        el("div", { className: "crumbs", text: isDemo ? "Built-in demo" : "Organization" }),
        el("h1", { className: "project-title", text: org.label, title: org.label }),
      ]),
      el("div", { className: "header-actions" }, [
        button("Refresh", events.onRefresh, "plain", "refresh-org"),
        isDemo ? null : button("Rename", events.onRename, "plain", "rename-org"),
        isDemo ? null : button("Remove", events.onRemove, "danger", "remove-org"),
      ].filter((b): b is HTMLElement => b !== null)),
    ]),
  ]);
  const status = (() => {
    switch (org.status.state) {
      case "ready":
        return el("span", { className: "status ok", text: "Ready" });
      case "adminKeyMissing":
        return el("span", { className: "status bad", text: "Admin key missing — paste it again" });
      case "adminKeyRejected":
        return el("span", { className: "status bad", text: "Admin key rejected by OpenAI — replace it" });
      default:
        return el("span", { className: "status bad", text: org.status.message });
    }
  })();
  const facts = el("dl", { className: "facts" }, [
    fact("Status", status),
    fact("API", el("code", { text: org.baseUrl || "—" })),
    fact(
      "Projects",
      inventory && inventory.refreshedAt !== null
        ? `${formatCount(inventory.projectCount)} (${plural(inventory.keyCount, "key", "keys")})`
        : "not loaded yet",
    ),
    fact("Refreshed", refreshedAt ? `${relativeTime(refreshedAt)} (${fullDate(refreshedAt)})` : "never"),
  ]);
  const sections: Node[] = [header, facts];
  if (org.status.state === "adminKeyRejected" && !isDemo) {
    sections.push(
      el("div", { className: "card card-warn", attrs: { "data-testid": "key-rejected" } }, [
        el("h2", { text: "OpenAI no longer accepts this organization's admin key" }),
        el("p", {
          text: "It worked before, so it was probably revoked or has expired. Create a new admin key in OpenAI (Organization settings → Admin keys), copy it, then press Replace admin key. Keywarden checks that the key belongs to this organization; its projects and activity are kept.",
        }),
        button("Replace admin key", events.onPasteKey, "primary", "replace-admin-key"),
      ]),
    );
  } else if (org.status.state !== "ready" && !isDemo) {
    sections.push(
      el("div", { className: "card card-warn" }, [
        el("h2", { text: "This organization needs its admin key" }),
        el("p", {
          text:
            org.status.state === "adminKeyMissing"
              ? "The keychain no longer has its admin key (it may have been removed outside Keywarden). Copy the admin key from OpenAI (Organization settings → Admin keys), then paste it here."
              : "Fix the problem above, then try again.",
        }),
        button("Paste admin key from clipboard", events.onPasteKey, "primary", "paste-key-again"),
      ]),
    );
  }
  if (org.readOnly) {
    sections.push(
      el("div", { className: "card card-warn", attrs: { "data-testid": "read-only" } }, [
        el("h2", { text: "Read-only admin key" }),
        el("p", {
          text: "OpenAI refused a change because this admin key lacks write access (api.management.write). Browsing works; creating, revoking and rotating are disabled. Give the key write access in the OpenAI dashboard, or paste a key with “All” permissions.",
        }),
      ]),
    );
  }
  if (org.status.state === "ready" && data.insight) sections.push(data.insight);
  if (org.status.state === "ready") sections.push(hygieneCard(data.hygiene, events.onFinding, events.onThresholds));
  const rejected = org.status.state === "adminKeyRejected";
  sections.push(renderHealth(data.health ?? null, events, org.status.state === "ready" && !org.readOnly, rejected));
  sections.push(renderActivity(data.activity ?? null, data.projectName));
  return el("section", { className: "org-view" }, sections);
}

function renderHealth(health: HealthState | null, events: OrgViewEvents, ready: boolean, rejected = false): HTMLElement {
  const title = el("h2", { text: "Admin key" });
  const why = rejected ? "Unavailable until the admin key is replaced." : "Unavailable until the organization can be opened.";
  if (!ready) return el("div", { className: "card" }, [title, el("p", { className: "hint", text: why })]);
  if (health === null) {
    return el("div", { className: "card" }, [title, button("Check the admin key", events.onCheckKey, "plain", "check-key")]);
  }
  if (health === "loading") {
    return el("div", { className: "card" }, [title, el("p", { className: "hint", text: "Checking the admin key…" })]);
  }
  if ("code" in health) {
    return el("div", { className: "card card-warn" }, [
      title,
      el("p", { className: "error-message", text: health.message }),
      button("Try again", events.onCheckKey),
    ]);
  }
  const key = health.key;
  const facts = key
    ? el("dl", { className: "facts" }, [
        fact("Name", key.name ? serverName(key.name) : "—"),
        fact("Key", el("code", { className: "admin-redacted", text: key.redactedValue })),
        fact("Created", `${relativeTime(key.createdAt)} (${fullDate(key.createdAt)})`),
        fact("Last used", relativeTime(key.lastUsedAt)),
        fact("Expires", key.expiresAt ? fullDate(key.expiresAt) : "never"),
      ])
    : null;
  const warnings = health.warnings.map((w) => el("li", { text: w }));
  return el("div", { className: `card${warnings.length ? " card-warn" : ""}`, attrs: { "data-testid": "admin-key-card" } }, [
    title,
    facts,
    warnings.length ? el("ul", { className: "warnings" }, warnings) : el("p", { className: "hint", text: "No problems found." }),
    el("div", { className: "card-actions" }, [
      button("Rotate admin key…", events.onRotate, "primary", "rotate-key"),
      el("span", {
        className: "hint",
        text: "Mints a new admin key, checks it works, stores it in the keychain, then revokes this one.",
      }),
    ]),
  ]);
}

const ACTIONS: Record<ActivityEntry["action"], string> = {
  created: "Created",
  orphaned: "Created, secret lost",
  copied: "Copied to the clipboard",
  acknowledged: "Stored and wiped from memory",
  discarded: "Wiped without being copied",
  lost: "Secret lost: Keywarden closed before it was stored",
  revoked: "Revoked",
  orphanRevoked: "Revoked (lost secret)",
  alreadyGone: "Already gone",
  policyChanged: "Permissions or expiry changed",
  sentToVault: "Sent to a vault",
};

function renderActivity(
  activity: ActivityEntry[] | null,
  projectName: (projectId: string) => string | undefined,
): HTMLElement {
  const title = el("h2", { text: "Activity on this computer" });
  if (activity === null) return el("div", { className: "card" }, [title, el("p", { className: "hint", text: "Loading…" })]);
  if (activity.length === 0) {
    return el("div", { className: "card" }, [
      title,
      el("p", { className: "hint", text: "Keys you create, copy or revoke with Keywarden are listed here (names and ids only)." }),
    ]);
  }
  return el("div", { className: "card", attrs: { "data-testid": "activity" } }, [
    title,
    el(
      "ul",
      { className: "activity" },
      activity.slice(0, 50).map((item) =>
        el("li", {}, [
          el("span", { className: "activity-when", text: relativeTime(item.at), title: fullDate(item.at) }),
          el("span", {
            className: "activity-what",
            text: item.storedIn ? `${ACTIONS[item.action]} (${item.storedIn})` : ACTIONS[item.action],
          }),
          el("span", { className: "activity-name" }, [serverName(item.name ?? item.keyId ?? "")]),
          el("span", { className: "activity-project" }, [serverName(projectName(item.projectId) ?? item.projectId)]),
        ]),
      ),
    ),
  ]);
}
