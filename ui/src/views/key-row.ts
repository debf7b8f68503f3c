// One reusable row of the keys table. Its elements are made once; scrolling only changes their
// texts (always through textContent) and which key its buttons act on.

import { el } from "../dom";
import { compactCount, dayText, expiryText, formatCount, fullDate, isExpired, relativeTime, scopesText, spendText } from "../formats";
import { fillServerText, hiddenBadge, showHiddenBadge } from "../server-text";
import type { KeyRow } from "../types";
import { createSparkline } from "./charts";
import type { RowView } from "./virtual-list";

/** Every key row's height in pixels; styles.css gives `.key-row` exactly this height. */
export const KEY_ROW_HEIGHT = 64;

/** What a row's buttons do. */
export interface RowActions {
  onCopy: (text: string, what: string) => void;
  onRevoke: (key: KeyRow) => void;
  /** Opens the dialog that changes the key's permissions and expiry. */
  onEdit: (key: KeyRow) => void;
  /** Rotates the key: a successor on the same service account, or, for a person's key, why not.
   * Rows without it show no Rotate button. */
  onRotate?: (key: KeyRow) => void;
  /** Opens the key's detail panel: usage per kind, spend per day, audit history. */
  onDetails: (key: KeyRow) => void;
  /** Whether usage was read for this organization (else the usage cell says so). */
  usageRead: () => boolean;
  /** Why revoking is disabled (a read-only admin key), or null when it is allowed. */
  revokeBlocked: () => string | null;
  /** Whether a previous run lost this key's secret and the user has not decided yet. */
  isLost: (keyId: string) => boolean;
  /** The action a findings table shows as primary, or null. */
  fitting: "revoke" | "edit" | null;
}

/** A key's permissions in a few words, and where that knowledge comes from (for the tooltip). */
export function permissionsLabel(key: KeyRow): { text: string; title: string } {
  const recorded = key.permissions;
  if (recorded === null) {
    return {
      text: "permissions unknown",
      title: "Unknown — set outside Keywarden. The API does not report a key's permissions.",
    };
  }
  const words = scopesText(recorded.scopes);
  const short = recorded.scopes.length === 0 ? "all permissions" : words.startsWith("Restricted") ? `restricted (${recorded.scopes.length})` : "read only";
  const source = recorded.source === "keywarden" ? "Set with Keywarden" : "Found in the audit log";
  return { text: short, title: `${words}. ${source} on ${dayText(recorded.setAt)}.` };
}

/** Why a key of an archived project cannot be revoked (it no longer works). */
export const ARCHIVED_REVOKE_HINT =
  "This key's project is archived, so the key no longer works: there is nothing to revoke.";
/** Why a key of an archived project cannot be edited. */
export const ARCHIVED_EDIT_HINT =
  "This key's project is archived, so the key no longer works and its permissions and expiry cannot be changed.";

/** Why a key cannot be revoked now (its project is archived, or the admin key is read-only), or null. */
export function revokeBlockedReason(key: KeyRow, readOnlyReason: string | null): string | null {
  return key.projectArchived ? ARCHIVED_REVOKE_HINT : readOnlyReason;
}

/** What "Rotate" does for this key. */
export function rotateHint(key: KeyRow): string {
  return key.ownerKind === "user"
    ? "A person's key cannot be rotated through the API: see how to replace it with a service-account key"
    : "Mint a successor on the same service account, then revoke this key once the new one is used";
}

/** Why a key's permissions and expiry cannot be changed now, or null. */
export function editBlocked(key: KeyRow, readOnlyReason: string | null, now: number): string | null {
  if (key.projectArchived) return ARCHIVED_EDIT_HINT;
  if (readOnlyReason !== null) return readOnlyReason;
  if (isExpired(key.expiresAt, now)) {
    return `This key ${expiryText(key.expiresAt, now)}; the API cannot change an expired key. Revoke it, or create a new one.`;
  }
  return null;
}

const OWNER_LABELS: Record<KeyRow["ownerKind"], string> = {
  user: "User",
  serviceAccount: "Service account",
  unknown: "Owner",
};

/** Makes one row; `now` gives the instant relative dates are measured from. */
export function createKeyRow(showProject: boolean, actions: RowActions, now: () => number): RowView<KeyRow> {
  let current: KeyRow | undefined;
  const projectName = el("bdi", { className: "project-name-text", attrs: { "data-testid": "key-row-project" } });
  const archivedTag = el("span", {
    className: "tag tag-archived",
    text: "archived",
    attrs: { "data-testid": "archived-project-tag" },
  });
  const project = el("td", { className: "project-cell" }, [projectName]);
  const name = el("bdi", { className: "name", attrs: { "data-testid": "key-row-name" } });
  const hiddenTag = hiddenBadge();
  const inactiveTag = el("span", { className: "tag", text: "owner inactive", title: "The owner lost access to this project" });
  const lostTag = el("span", {
    className: "tag tag-danger",
    text: "secret lost",
    title: "Keywarden closed before this new key was stored, so nobody may have its secret. Revoke it unless someone stored it.",
    attrs: { "data-testid": "lost-key-tag" },
  });
  const cost = el("span", { className: "key-cost" });
  const permissions = el("span", { className: "key-permissions", attrs: { "data-testid": "key-permissions" } });
  const redacted = el("code", { className: "key-redacted server-text" });
  const copyRedacted = el(
    "button",
    {
      className: "copy-chip",
      title: "Copy the redacted value",
      attrs: { type: "button", "data-testid": "copy-redacted" },
      onClick: () => current && actions.onCopy(current.redactedValue, "the redacted value"),
    },
    [redacted],
  );
  const ownerKind = el("span", { className: "owner-kind" });
  const ownerName = el("bdi", { className: "owner-name", attrs: { "data-testid": "key-row-owner" } });
  const ownerEmail = el("bdi", { className: "owner-email" });
  const lastUsed = el("span", { className: "last-used" });
  const created = el("span", { className: "created" });
  const expires = el("td", { className: "date expires", attrs: { "data-testid": "key-expires" } });
  const spark = createSparkline(44, 14);
  const usageText = el("span", { className: "usage-text", attrs: { "data-testid": "key-usage-text" } });
  const usage = el(
    "button",
    {
      className: "usage-chip",
      attrs: { type: "button", "data-testid": "key-usage" },
      onClick: () => current && actions.onDetails(current),
    },
    [created, spark.element, usageText],
  );
  const copyId = el("button", {
    className: "link-button copy-id",
    text: "copy ID",
    title: "Copy the key ID",
    attrs: { type: "button", "data-testid": "copy-key-id" },
    onClick: () => current && actions.onCopy(current.id, "the key ID"),
  });
  const revoke = el("button", {
    className: "button danger small",
    text: "Revoke",
    attrs: { type: "button", "data-testid": "revoke-key" },
    onClick: () => current && actions.onRevoke(current),
  });
  const edit = el("button", {
    className: "button plain small",
    text: "Edit",
    title: "Change its permissions and expiry",
    attrs: { type: "button", "data-testid": "edit-key-policy" },
    onClick: () => current && actions.onEdit(current),
  });
  const rotate = el("button", {
    className: "button plain small",
    text: "Rotate",
    attrs: { type: "button", "data-testid": "key-rotate" },
    onClick: () => current && actions.onRotate?.(current),
  });
  rotate.hidden = actions.onRotate === undefined;
  const buttons = el("div", { className: "row-actions" }, [edit, rotate, revoke]);
  // Across projects an archived project is marked under its name (a project's own view says so in
  // its header).
  project.append(el("div", { className: "project-sub" }, [archivedTag]));
  const element = el("tr", { className: "key-row" }, [
    showProject ? project : null,
    el("td", { className: "key-name" }, [
      name,
      el("div", { className: "key-sub" }, [hiddenTag, lostTag, inactiveTag, permissions, cost]),
    ]),
    el("td", { className: "key-value" }, [copyRedacted, copyId]),
    el("td", {}, [el("div", { className: "owner" }, [ownerKind, ownerName, ownerEmail])]),
    el("td", { className: "date dates" }, [lastUsed, usage]),
    expires,
    el("td", { className: "actions-cell" }, [buttons]),
  ]);

  const show = (index: number, key: KeyRow | undefined): void => {
    current = key;
    element.setAttribute("aria-rowindex", String(index + 2));
    if (!key) {
      element.className = "key-row placeholder";
      element.removeAttribute("data-testid");
      delete element.dataset.keyId;
      delete element.dataset.projectId;
      spark.show(null);
      usage.hidden = true;
      copyId.hidden = true;
      for (const node of [projectName, name, cost, permissions, redacted, ownerKind, ownerName, ownerEmail, created, lastUsed, expires, usageText]) {
        node.textContent = "";
        node.removeAttribute("title");
      }
      inactiveTag.hidden = true;
      archivedTag.hidden = true;
      hiddenTag.hidden = true;
      lostTag.hidden = true;
      buttons.hidden = true;
      copyRedacted.hidden = true;
      return;
    }
    const inactive = key.ownerAccess === "inactive";
    element.className = `key-row${inactive ? " inactive" : ""}${key.projectArchived ? " project-archived" : ""}`;
    element.setAttribute("data-testid", "key-row");
    element.dataset.keyId = key.id;
    element.dataset.projectId = key.projectId;
    const projectHidden = fillServerText(projectName, key.projectName);
    const hidden = [
      // A project's own view names the project in its header, which carries its own mark.
      { where: "project name", codePoints: showProject ? projectHidden : [] },
      { where: "key name", codePoints: fillServerText(name, key.name) },
      { where: "owner's name", codePoints: fillServerText(ownerName, key.ownerName) },
      { where: "owner's email", codePoints: fillServerText(ownerEmail, key.ownerEmail ?? "") },
      { where: "redacted value", codePoints: fillServerText(redacted, key.redactedValue, false) },
    ];
    showHiddenBadge(hiddenTag, hidden);
    if (key.ownerKind === "serviceAccount" && key.name === key.ownerName) {
      name.title = `${name.title} — the key of service account ${name.title} (the API names an account's first key “Secret Key”)`;
    }
    archivedTag.hidden = !key.projectArchived;
    archivedTag.title = key.projectArchived ? `The project ${projectName.title} is archived: its keys no longer work.` : "";
    inactiveTag.hidden = !inactive;
    lostTag.hidden = !actions.isLost(key.id);
    cost.textContent = spendText(key.spendUsd) ?? "";
    copyRedacted.hidden = false;
    ownerKind.textContent = OWNER_LABELS[key.ownerKind];
    ownerKind.className = `owner-kind owner-${key.ownerKind}`;
    const at = now();
    created.textContent = `created ${relativeTime(key.createdAt, at)}`;
    created.title = `Created ${fullDate(key.createdAt)}`;
    lastUsed.textContent = key.lastUsedAt === null ? "never used" : relativeTime(key.lastUsedAt, at);
    lastUsed.title = key.lastUsedAt === null ? "Never used" : `Last used ${fullDate(key.lastUsedAt)}`;
    lastUsed.className = `last-used${key.lastUsedAt === null ? " never" : ""}`;
    const label = permissionsLabel(key);
    permissions.textContent = label.text;
    permissions.title = label.title;
    permissions.className = `key-permissions${key.permissions === null ? " unknown" : ""}`;
    expires.textContent = expiryText(key.expiresAt, at);
    expires.title = key.expiresAt === null ? "Never expires" : `Expires ${fullDate(key.expiresAt)}`;
    expires.className = `date expires${isExpired(key.expiresAt, at) ? " expired" : key.expiresAt === null ? " never" : ""}`;
    showUsage(key);
    buttons.hidden = false;
    const readOnly = actions.revokeBlocked();
    const blocked = revokeBlockedReason(key, readOnly);
    revoke.disabled = blocked !== null;
    if (blocked === null) revoke.removeAttribute("title");
    else revoke.title = blocked;
    const editReason = editBlocked(key, readOnly, at);
    edit.disabled = editReason !== null;
    edit.title = editReason ?? "Change its permissions and expiry";
    const rotateReason = revokeBlockedReason(key, readOnly);
    rotate.disabled = rotateReason !== null;
    rotate.title = rotateReason ?? rotateHint(key);
    revoke.className = `button ${actions.fitting === "revoke" ? "danger-strong" : "danger"} small`;
    edit.className = `button ${actions.fitting === "edit" ? "primary" : "plain"} small`;
  };
  const showUsage = (key: KeyRow): void => {
    usage.hidden = false;
    copyId.hidden = false;
    const read = actions.usageRead();
    created.hidden = read;
    spark.element.style.display = read ? "" : "none";
    usageText.hidden = !read;
    const series = key.dailyRequests;
    const total = (series ?? []).reduce((sum, n) => sum + n, 0);
    spark.show(series);
    usage.dataset.requests = String(total);
    if (!read) {
      usageText.textContent = "";
      usage.title = `Created ${fullDate(key.createdAt)}. Usage not loaded yet — choose “Load usage” above. Opens this key's details and history.`;
    } else if (total === 0) {
      usageText.textContent = "0 req";
      usage.title = `Created ${fullDate(key.createdAt)}. No requests of any kind in this period. Opens this key's details and history.`;
    } else {
      const days = series?.length ?? 0;
      usageText.textContent = `${compactCount(total)} req`;
      usage.title = `Created ${fullDate(key.createdAt)}. ${formatCount(total)} requests of every kind in the last ${days} days. Opens usage per kind, spend and history.`;
    }
  };
  return { element, show };
}
