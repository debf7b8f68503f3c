// One reusable row of the keys table. Its elements are made once; scrolling only changes their
// texts (always through textContent) and which key its buttons act on.

import { el } from "../dom";
import { fullDate, relativeTime, spendText } from "../formats";
import type { KeyRow } from "../types";
import type { RowView } from "./virtual-list";

/** Every key row's height in pixels; styles.css gives `.key-row` exactly this height. */
export const KEY_ROW_HEIGHT = 64;

/** What a row's buttons do. */
export interface RowActions {
  onCopy: (text: string, what: string) => void;
  onRevoke: (key: KeyRow) => void;
  /** Why revoking is disabled (a read-only admin key), or null when it is allowed. */
  revokeBlocked: () => string | null;
  /** Whether a previous run lost this key's secret and the user has not decided yet. */
  isLost: (keyId: string) => boolean;
}

const OWNER_LABELS: Record<KeyRow["ownerKind"], string> = {
  user: "User",
  serviceAccount: "Service account",
  unknown: "Owner",
};

function smallButton(label: string, testId: string, onClick: () => void): HTMLButtonElement {
  return el("button", {
    className: "button plain small",
    text: label,
    attrs: { type: "button", "data-testid": testId },
    onClick,
  });
}

/** Makes one row; `now` gives the instant relative dates are measured from. */
export function createKeyRow(showProject: boolean, actions: RowActions, now: () => number): RowView<KeyRow> {
  let current: KeyRow | undefined;
  const project = el("td", { className: "project-cell" });
  const name = el("span", { className: "name" });
  const inactiveTag = el("span", { className: "tag", text: "owner inactive", title: "The owner lost access to this project" });
  const lostTag = el("span", {
    className: "tag tag-danger",
    text: "secret lost",
    title: "Keywarden closed before this new key was stored, so nobody may have its secret. Revoke it unless someone stored it.",
    attrs: { "data-testid": "lost-key-tag" },
  });
  const cost = el("span", { className: "key-cost" });
  const redacted = el("code", { className: "key-redacted" });
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
  const ownerName = el("span", { className: "owner-name" });
  const ownerEmail = el("span", { className: "owner-email" });
  const created = el("td", { className: "date" });
  const lastUsed = el("td", { className: "date last-used" });
  const copyId = smallButton("ID", "copy-key-id", () => current && actions.onCopy(current.id, "the key ID"));
  const revoke = el("button", {
    className: "button danger small",
    text: "Revoke",
    attrs: { type: "button", "data-testid": "revoke-key" },
    onClick: () => current && actions.onRevoke(current),
  });
  const buttons = el("div", { className: "row-actions" }, [copyId, revoke]);
  const element = el("tr", { className: "key-row" }, [
    showProject ? project : null,
    el("td", { className: "key-name" }, [name, el("div", { className: "key-sub" }, [lostTag, inactiveTag, cost])]),
    el("td", { className: "key-value" }, [copyRedacted]),
    el("td", {}, [el("div", { className: "owner" }, [ownerKind, ownerName, ownerEmail])]),
    created,
    lastUsed,
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
      for (const node of [project, name, cost, redacted, ownerKind, ownerName, ownerEmail, created, lastUsed]) {
        node.textContent = "";
        node.removeAttribute("title");
      }
      inactiveTag.hidden = true;
      lostTag.hidden = true;
      buttons.hidden = true;
      copyRedacted.hidden = true;
      return;
    }
    const inactive = key.ownerAccess === "inactive";
    element.className = inactive ? "key-row inactive" : "key-row";
    element.setAttribute("data-testid", "key-row");
    element.dataset.keyId = key.id;
    element.dataset.projectId = key.projectId;
    project.textContent = key.projectName;
    project.title = key.projectName;
    name.textContent = key.name;
    name.title = key.name;
    inactiveTag.hidden = !inactive;
    lostTag.hidden = !actions.isLost(key.id);
    cost.textContent = spendText(key.spendUsd) ?? "";
    copyRedacted.hidden = false;
    redacted.textContent = key.redactedValue;
    ownerKind.textContent = OWNER_LABELS[key.ownerKind];
    ownerKind.className = `owner-kind owner-${key.ownerKind}`;
    ownerName.textContent = key.ownerName;
    ownerName.title = key.ownerName;
    ownerEmail.textContent = key.ownerEmail ?? "";
    const at = now();
    created.textContent = relativeTime(key.createdAt, at);
    created.title = fullDate(key.createdAt);
    lastUsed.textContent = relativeTime(key.lastUsedAt, at);
    lastUsed.title = fullDate(key.lastUsedAt);
    lastUsed.className = `date last-used${key.lastUsedAt === null ? " never" : ""}`;
    buttons.hidden = false;
    const blocked = actions.revokeBlocked();
    revoke.disabled = blocked !== null;
    if (blocked === null) revoke.removeAttribute("title");
    else revoke.title = blocked;
  };
  return { element, show };
}
