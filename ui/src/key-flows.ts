// What happens around a project's keys: the header buttons, the row buttons, and what follows a
// create or a revoke (the reveal, the orphan prompt, the lists asked for again, a toast).

import * as api from "./api";
import { el } from "./dom";
import { inlineName } from "./server-text";
import type { CommandError, CreateOutcome, KeyRow, Organization, ProjectRow, RevokeOutcome } from "./types";
import { toast } from "./views/dialog";
import { createKeyDialog, revokeDialog } from "./views/key-dialogs";
import { expiredAloneText, orphanDialog } from "./views/orphan-dialog";
import { editPolicyDialog } from "./views/policy-dialog";
import { revealDialog } from "./views/reveal-dialog";

/** What the key flows need from the window. */
export interface KeyFlowHost {
  /** Rust's cache of an organization's keys changed: lists and the current query run again. */
  keysChanged(orgId: string): void;
  /** The organization's activity changed; drop what is cached. */
  activityChanged(orgId: string): void;
}

/** Why creating, revoking and rotating are disabled for a read-only admin key. */
export const READ_ONLY_HINT =
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
    toast((error as CommandError).message, "error", (error as CommandError).details);
  }
}

/**
 * After a create or revoke: Rust has already listed the project's keys again (its cache is
 * current), so the window only re-runs its lists and its current query.
 */
export function keysChanged(host: KeyFlowHost, orgId: string): void {
  host.activityChanged(orgId);
  host.keysChanged(orgId);
}

/** After a create: the lists again, then the reveal (or the orphan prompt). */
export function onCreated(host: KeyFlowHost, orgId: string, outcome: CreateOutcome): void {
  const reload = () => keysChanged(host, orgId);
  reload();
  if (outcome.outcome === "created") {
    revealDialog(orgId, outcome.key, outcome.masked, () => host.activityChanged(orgId));
  } else {
    orphanDialog(orgId, outcome, reload);
  }
}

function onRevoked(host: KeyFlowHost, orgId: string, outcome: RevokeOutcome): void {
  if (outcome.outcome === "alreadyGone") {
    toast("That key was already gone (revoked elsewhere). The list is up to date now.", "info");
  } else {
    const count = outcome.keyIds.length;
    const name = `“${outcome.name ? inlineName(outcome.name) : "the key"}”`;
    toast(
      outcome.serviceAccountId
        ? `Deleted the service account and ${count === 1 ? "its only key" : `its ${count} keys`}.`
        : outcome.expired
          ? expiredAloneText(name)
          : `Revoked ${name}.`,
      "success",
    );
  }
  keysChanged(host, orgId);
}

/** "Copy project ID" and "Create key" for a project's header. */
export function projectButtons(host: KeyFlowHost, org: Organization, project: ProjectRow): HTMLElement[] {
  const archived = project.status === "archived";
  const create = button(
    "Create key",
    () =>
      createKeyDialog(
        org.id,
        project,
        project.serviceAccountCount,
        (outcome) => onCreated(host, org.id, outcome),
        org.label,
      ),
    "primary",
    "create-key",
    archived || org.status.state !== "ready" || org.readOnly,
  );
  if (archived) create.title = "Archived projects cannot get new keys";
  if (org.readOnly) create.title = READ_ONLY_HINT;
  const copyId = button("Copy project ID", () => void copyText(project.id, "the project ID"), "plain", "copy-project-id");
  return [copyId, create];
}

/** Opens the revoke dialog for a key row; what follows updates the lists. */
export function revokeKey(host: KeyFlowHost, orgId: string, key: KeyRow): void {
  void revokeDialog(orgId, key.projectId, key.id, (outcome) => onRevoked(host, orgId, outcome));
}

/** Opens the permissions-and-expiry dialog for a key row; a change updates the lists. */
export function editKeyPolicy(host: KeyFlowHost, orgId: string, key: KeyRow): void {
  const changed = () => keysChanged(host, orgId);
  editPolicyDialog(orgId, key, changed, changed);
}
