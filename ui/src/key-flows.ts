// What happens around a project's keys: the header buttons, the row buttons, and what follows a
// create or a revoke (the reveal, the orphan prompt, a fresh key list, a toast).

import * as api from "./api";
import { el } from "./dom";
import type { CommandError, CreateOutcome, KeyCosts, ProjectInventory, RevokeOutcome } from "./types";
import { toast } from "./views/dialog";
import { createKeyDialog, orphanDialog, revokeDialog } from "./views/key-dialogs";
import { revealDialog } from "./views/reveal-dialog";
import type { RowActions, SortColumn } from "./views/keys-table";
import type { OrgEntry } from "./views/sidebar";

/** What the key flows need from the window. */
export interface KeyFlowHost {
  render(): void;
  /** The key's spend as text, when the organization's costs are loaded. */
  costOf(orgId: string, keyId: string): string | null;
  onSort(column: SortColumn): void;
  /** The organization's activity changed; drop what is cached. */
  activityChanged(orgId: string): void;
}

const READ_ONLY_HINT =
  "This organization's admin key is read-only: Keywarden can show keys but not create, revoke or rotate them. Give the key write access in the OpenAI dashboard.";

/** A button; `disabled` ones keep their tooltip. */
export function button(label: string, onClick: () => void, kind = "plain", testId?: string, disabled = false): HTMLButtonElement {
  const node = el("button", {
    className: `button ${kind}`,
    text: label,
    attrs: { type: "button", ...(testId ? { "data-testid": testId } : {}) },
    onClick,
  });
  node.disabled = disabled;
  return node;
}

/** Copies a non-secret text through Rust and says so. */
export async function copyText(text: string, what: string): Promise<void> {
  try {
    await api.copyText(text);
    toast(`Copied ${what}.`, "success");
  } catch (error) {
    toast((error as CommandError).message, "error");
  }
}

/** Lists a project's keys again and puts them into the cached inventory. */
export async function reloadProjectKeys(host: KeyFlowHost, entry: OrgEntry, projectId: string): Promise<void> {
  try {
    const keys = await api.listKeys(entry.org.id, projectId);
    const item = entry.inventory?.projects.find((p) => p.project.id === projectId);
    if (item) {
      item.keys = keys;
      item.keysError = null;
    }
  } catch (error) {
    toast((error as CommandError).message, "error");
  }
  host.activityChanged(entry.org.id);
  host.render();
}

function onCreated(host: KeyFlowHost, entry: OrgEntry, projectId: string, outcome: CreateOutcome): void {
  const reload = () => void reloadProjectKeys(host, entry, projectId);
  reload();
  if (outcome.outcome === "created") {
    revealDialog(entry.org.id, outcome.key, outcome.masked, () => {
      host.activityChanged(entry.org.id);
      host.render();
    });
  } else {
    orphanDialog(entry.org.id, outcome, reload);
  }
}

function onRevoked(host: KeyFlowHost, entry: OrgEntry, projectId: string, outcome: RevokeOutcome): void {
  if (outcome.outcome === "alreadyGone") {
    toast("That key was already gone (revoked elsewhere). The list is up to date now.", "info");
  } else {
    const count = outcome.keyIds.length;
    toast(
      outcome.serviceAccountId
        ? `Deleted the service account and ${count === 1 ? "its only key" : `its ${count} keys`}.`
        : `Revoked “${outcome.name ?? "the key"}”.`,
      "success",
    );
  }
  void reloadProjectKeys(host, entry, projectId);
}

/** "Copy project ID" and "Create key" for a project's header. */
export function projectButtons(host: KeyFlowHost, entry: OrgEntry, project: ProjectInventory): HTMLElement[] {
  const archived = project.project.status === "archived";
  const create = button(
    "Create key",
    () => createKeyDialog(entry.org.id, project.project, project.serviceAccounts, (outcome) =>
      onCreated(host, entry, project.project.id, outcome),
    ),
    "primary",
    "create-key",
    archived || entry.org.status.state !== "ready" || entry.org.readOnly,
  );
  if (archived) create.title = "Archived projects cannot get new keys";
  if (entry.org.readOnly) create.title = READ_ONLY_HINT;
  const copyId = button("Copy project ID", () => void copyText(project.project.id, "the project ID"), "plain", "copy-project-id");
  return [copyId, create];
}

/** Sorting, copying and the per-row buttons (copy the key ID, revoke) of a keys table. */
export function rowActions(host: KeyFlowHost, entry: OrgEntry): RowActions {
  return {
    onSort: (column) => host.onSort(column),
    onCopy: (text, what) => void copyText(text, what),
    costOf: (keyId) => host.costOf(entry.org.id, keyId),
    rowButtons: ({ key, project }) => {
      const revoke = button(
        "Revoke",
        () => void revokeDialog(entry.org.id, project.id, key.id, (outcome) => onRevoked(host, entry, project.id, outcome)),
        "danger small",
        "revoke-key",
        entry.org.readOnly,
      );
      if (entry.org.readOnly) revoke.title = READ_ONLY_HINT;
      return [button("ID", () => void copyText(key.id, "the key ID"), "plain small", "copy-key-id"), revoke];
    },
  };
}

/** "$1.23 in 30 days" for a key, "no spend in 30 days" when it cost nothing, null when unknown. */
export function spendText(costs: KeyCosts | undefined, keyId: string): string | null {
  if (!costs) return null;
  const value = costs.byKey[keyId] ?? 0;
  if (value === 0) return `no spend in ${costs.days} days`;
  const money = new Intl.NumberFormat("en-US", { style: "currency", currency: costs.currency.toUpperCase() });
  return `${money.format(value)} in ${costs.days} days`;
}
