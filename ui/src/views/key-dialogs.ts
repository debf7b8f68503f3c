// Dialogs of the key lifecycle: create, reveal once (masked; Rust copies), a lost create's
// orphan, and revoke with its blast radius. The secret itself never reaches this page.

import * as api from "../api";
import { el } from "../dom";
import { relativeTime } from "../relative-time";
import type { CommandError, CreateOutcome, CreatedKey, ProjectRow, RevokeOutcome, ServiceAccount } from "../types";
import { confirmDialog, openDialog, toast } from "./dialog";

/** A new random id for one create request (double-clicks reuse it, so one key is made). */
export function newRequestId(): string {
  return crypto.randomUUID();
}

/** Asks for a name (and optionally an existing service account), then creates the key once. */
export function createKeyDialog(
  orgId: string,
  project: ProjectRow,
  serviceAccountCount: number | null,
  onOutcome: (outcome: CreateOutcome) => void,
): void {
  const requestId = newRequestId();
  const name = el("input", {
    className: "input",
    attrs: { type: "text", placeholder: "e.g. ci-deploy", autocomplete: "off", spellcheck: "false", "data-testid": "key-name" },
  });
  const target = el("select", { className: "input", attrs: { "data-testid": "key-target" } }, [
    el("option", { text: "A new service account (recommended)", attrs: { value: "" } }),
  ]);
  const targetField = el("label", { className: "field" }, [
    el("span", { className: "field-label", text: "Owner" }),
    target,
    el("span", {
      className: "field-hint",
      text: "Each new service account gets its own key, so revoking it never breaks anything else.",
    }),
  ]);
  if (serviceAccountCount && serviceAccountCount > 0) {
    void api.listServiceAccounts(orgId, project.id).then(
      (accounts: ServiceAccount[]) => {
        for (const account of accounts) {
          target.append(el("option", { text: `Add a key to ${account.name}`, attrs: { value: account.id } }));
        }
      },
      () => undefined,
    );
  }
  let inFlight: Promise<CreateOutcome> | null = null;
  const submit = async (): Promise<boolean> => {
    handle.setBusy(true, "Creating the key…");
    try {
      inFlight ??= target.value
        ? api.addKeyToServiceAccount(orgId, project.id, target.value, name.value, requestId)
        : api.createKey(orgId, project.id, name.value, requestId);
      const outcome = await inFlight;
      onOutcome(outcome);
      return true;
    } catch (error) {
      inFlight = null;
      const failure = error as CommandError;
      handle.showError(failure);
      if (failure.code !== "invalidInput") {
        handle.close();
        toast(failure.message, "error");
      }
      return false;
    } finally {
      handle.setBusy(false);
    }
  };
  name.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      void submit().then((done) => done && handle.close());
    }
  });
  const handle = openDialog({
    title: `New key in ${project.name}`,
    testId: "create-key-dialog",
    body: [
      el("label", { className: "field" }, [el("span", { className: "field-label", text: "Name" }), name]),
      targetField,
    ],
    actions: [
      { label: "Cancel", run: () => undefined },
      { label: "Create key", kind: "primary", testId: "create-key-confirm", run: submit },
    ],
  });
  name.focus();
}

/** Shows a new key once, masked; Rust copies it and clears the clipboard later. */
export function revealDialog(orgId: string, key: CreatedKey, masked: string, onDone: () => void): void {
  let acknowledged = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  const countdown = el("p", { className: "countdown", attrs: { "data-testid": "clipboard-countdown", "aria-live": "polite" } });
  const copy = el("button", {
    className: "button primary",
    text: "Copy key",
    attrs: { type: "button", "data-testid": "copy-key" },
  });
  copy.addEventListener("click", async () => {
    handle.showError(null);
    try {
      const deadline = await api.copyNewKey(orgId, key.revealId);
      copy.textContent = "Copied ✓";
      const clearsAt = Date.parse(deadline.clearsAt);
      clearInterval(timer);
      const tick = () => {
        const left = Math.max(0, Math.round((clearsAt - Date.now()) / 1000));
        countdown.textContent =
          left > 0
            ? `Copied. The clipboard will be cleared in ${left} s (if it still holds this key).`
            : "The clipboard was cleared.";
        if (left === 0) {
          clearInterval(timer);
          copy.textContent = "Copy key";
        }
      };
      tick();
      timer = setInterval(tick, 1000);
    } catch (error) {
      handle.showError(error as CommandError);
    }
  });
  const finish = async (): Promise<void> => {
    acknowledged = true;
    clearInterval(timer);
    await api.acknowledgeNewKey(orgId, key.revealId).catch(() => false);
    onDone();
  };
  const handle = openDialog({
    title: `Your new key “${key.name}”`,
    testId: "reveal-dialog",
    body: [
      el("p", {
        className: "dialog-text",
        text: "Copy it into your password manager now. Keywarden will never show it again: once you confirm, it is wiped from memory.",
      }),
      el("div", { className: "reveal" }, [el("code", { className: "masked-key", text: masked, attrs: { "data-testid": "masked-key" } }), copy]),
      countdown,
      el("p", { className: "field-hint", text: `Key id ${key.keyId} · owned by a new service account ${key.serviceAccountId}` }),
    ],
    onCancel: () => {
      void confirmDialog({
        title: "Close without storing the key?",
        message: "If you close now, the key is wiped and can never be shown again. You would have to revoke it and create another.",
        confirmLabel: "Close and wipe it",
        danger: true,
      }).then((confirmed) => {
        if (confirmed) {
          void finish();
          handle.close();
        }
      });
      return false;
    },
    actions: [{ label: "I've stored it", kind: "primary", testId: "acknowledge-key", run: () => finish() }],
    onClose: () => {
      if (!acknowledged) void finish();
    },
  });
}

/** Explains a lost create and offers to revoke what the server made. */
export function orphanDialog(
  orgId: string,
  orphan: Extract<CreateOutcome, { outcome: "orphaned" }>,
  onRevoked: () => void,
): void {
  const handle = openDialog({
    title: "The key's secret was lost",
    testId: "orphan-dialog",
    body: [el("p", { className: "dialog-text", text: orphan.explanation })],
    actions: [
      { label: "Keep it for now", run: () => undefined },
      {
        label: orphan.keyId ? "Revoke the key" : "Revoke the service account",
        kind: "danger",
        testId: "revoke-orphan",
        run: () =>
          handle.attempt("Revoking…", async () => {
            if (orphan.keyId) await api.revokeKey(orgId, orphan.projectId, orphan.keyId, orphan.name);
            else await api.revokeOrphan(orgId, orphan.projectId, orphan.serviceAccountId);
            toast(`Revoked “${orphan.name}”. Nothing is left behind.`, "success");
            onRevoked();
          }),
      },
    ],
  });
}

/** Loads the blast radius, asks for confirmation (typed when used recently), then revokes. */
export async function revokeDialog(
  orgId: string,
  projectId: string,
  keyId: string,
  onOutcome: (outcome: RevokeOutcome) => void,
): Promise<void> {
  let preview;
  try {
    preview = await api.revokePreview(orgId, projectId, keyId);
  } catch (error) {
    toast((error as CommandError).message, "error");
    return;
  }
  const lastUsed = preview.lastUsedAt ? `Last used ${relativeTime(preview.lastUsedAt)}.` : "Never used.";
  const input = el("input", {
    className: "input",
    attrs: { type: "text", autocomplete: "off", spellcheck: "false", "data-testid": "revoke-confirmation" },
  });
  const body: Node[] = [
    el("p", { className: "dialog-text blast", text: preview.summary, attrs: { "data-testid": "blast-radius" } }),
    el("p", { className: `dialog-text${preview.requiresTypedConfirmation ? " recent" : ""}`, text: lastUsed }),
  ];
  if (preview.requiresTypedConfirmation) {
    body.push(
      el("label", { className: "field" }, [
        el("span", { className: "field-label", text: "It was used in the last 24 hours. Type its name to confirm:" }),
        el("code", { className: "confirm-name", text: preview.confirmationText }),
        input,
      ]),
    );
  }
  const handle = openDialog({
    title:
      preview.blastRadius.kind === "serviceAccount"
        ? `Delete service account “${preview.blastRadius.serviceAccountName ?? preview.blastRadius.serviceAccountId}”?`
        : `Revoke “${preview.keyName ?? keyId}”?`,
    testId: "revoke-dialog",
    body,
    actions: [
      { label: "Cancel", run: () => undefined },
      {
        label: preview.blastRadius.kind === "serviceAccount" ? "Delete service account" : "Revoke key",
        kind: "danger",
        testId: "revoke-confirm",
        run: () =>
          handle.attempt("Revoking…", async () => {
            const typed = preview.requiresTypedConfirmation ? input.value : null;
            onOutcome(await api.revokeKey(orgId, projectId, keyId, typed));
          }),
      },
    ],
  });
  if (preview.requiresTypedConfirmation) input.focus();
}
