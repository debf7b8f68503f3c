// Dialogs of the key lifecycle: create, and revoke with its blast radius (a lost create is in
// orphan-dialog.ts, the one-time reveal in reveal-dialog.ts). The secret never reaches this page.

import * as api from "../api";
import { el } from "../dom";
import { relativeTime } from "../relative-time";
import { inlineName, serverName, visibleText } from "../server-text";
import type { CommandError, CreateOutcome, KeyPolicy, ProjectRow, RevokeOutcome, RevokePreview, ServiceAccount } from "../types";
import { openDialog, toast } from "./dialog";
import { createPolicyForm, isFormError, isKeyPolicy, isRefusal } from "./policy-form";

/** A new random id for one create request (double-clicks reuse it, so one key is made). */
export function newRequestId(): string {
  return crypto.randomUUID();
}

/** What the Name field names, by owner: a new service account takes the name, and Keywarden shows
 * its first key (which the API calls “Secret Key”) under it; a key added to an existing account is
 * named itself. */
export const NAME_HINTS = {
  newAccount:
    "Names the new service account. Its key is listed under this name (the OpenAI dashboard calls it “Secret Key”).",
  existingAccount: "Names the new key.",
} as const;

/** Asks for a name, an owner (a new or an existing service account), permissions and expiry, then
 * creates the key once. The policy starts as the organization's default (All / Never until it
 * has loaded, and if it cannot be loaded). Clicks and Enter presses while the request is in
 * flight join it; the outcome is delivered once, after this dialog has closed, so the reveal
 * never opens under a dialog still closing. A refusal (bad input, or the server's 400, e.g. an
 * expiry policy refusing “Never”) is shown in the dialog with everything kept, and the next
 * attempt gets a new request id: a refused create created nothing. */
export function createKeyDialog(
  orgId: string,
  project: ProjectRow,
  serviceAccountCount: number | null,
  onOutcome: (outcome: CreateOutcome) => void,
  orgLabel?: string,
): void {
  let requestId = newRequestId();
  const name = el("input", {
    className: "input",
    attrs: { type: "text", placeholder: "e.g. ci-deploy", autocomplete: "off", spellcheck: "false", "data-testid": "key-name" },
  });
  const nameHint = el("span", { className: "field-hint", text: NAME_HINTS.newAccount, attrs: { "data-testid": "key-name-hint" } });
  const target = el("select", { className: "input", attrs: { "data-testid": "key-target" } }, [
    el("option", { text: "A new service account (recommended)", attrs: { value: "" } }),
  ]);
  target.addEventListener("change", () => {
    nameHint.textContent = target.value ? NAME_HINTS.existingAccount : NAME_HINTS.newAccount;
  });
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
          target.append(el("option", { text: `Add a key to ${inlineName(account.name)}`, attrs: { value: account.id } }));
        }
      },
      () => undefined,
    );
  }
  const policy = createPolicyForm({ mode: "create" });
  const saveDefault = el("input", { attrs: { type: "checkbox", "data-testid": "policy-save-default" } });
  const saveDefaultLabel = el("label", { className: "policy-save-default" }, [
    saveDefault,
    el("span", { text: `Make this the default for ${orgLabel?.trim() ? orgLabel.trim() : "this organization"}` }),
  ]);
  const updateSaveDefault = (): void => {
    const dated = policy.choice().expiry === "date";
    saveDefault.disabled = dated;
    if (dated) saveDefault.checked = false;
    const why = dated ? "A date cannot be a default: it would be in the past one day. Choose a number of days or Never." : "";
    saveDefault.title = why;
    saveDefaultLabel.title = why;
    saveDefaultLabel.classList.toggle("disabled", dated);
  };
  policy.onChange(updateSaveDefault);
  updateSaveDefault();
  void api.keyPolicyDefault(orgId).then(
    (initial) => {
      if (!policy.touched() && isKeyPolicy(initial)) policy.set(initial);
    },
    () => undefined,
  );
  let inFlight: Promise<CreateOutcome> | null = null;
  let delivered = false;
  const submit = async (): Promise<boolean> => {
    if (delivered) return true;
    if (inFlight === null) {
      handle.showError(null);
      const chosen = policy.read();
      if (isFormError(chosen)) {
        handle.showError(chosen.error);
        return false;
      }
      const asDefault = saveDefault.checked && !saveDefault.disabled;
      const request = target.value
        ? api.addKeyToServiceAccount(orgId, project.id, target.value, name.value, chosen, requestId)
        : api.createKey(orgId, project.id, name.value, chosen, requestId);
      inFlight = request;
      // Saved once per request, and only when the create went through.
      if (asDefault) void request.then(() => saveAsDefault(orgId, chosen), () => undefined);
    }
    handle.setBusy(true, "Creating the key…");
    try {
      const outcome = await inFlight;
      if (!delivered) {
        delivered = true;
        handle.close();
        onOutcome(outcome);
      }
      return true;
    } catch (error) {
      inFlight = null;
      // Nothing was created, so the next attempt is a new request.
      requestId = newRequestId();
      const failure = error as CommandError;
      handle.showError(failure);
      if (!isRefusal(failure)) {
        handle.close();
        toast(failure.message, "error", failure.details);
      }
      return false;
    } finally {
      handle.setBusy(false);
    }
  };
  name.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    if (!event.repeat && inFlight === null) void submit();
  });
  const handle = openDialog({
    title: `New key in ${inlineName(project.name)}`,
    testId: "create-key-dialog",
    className: "policy-dialog",
    body: [
      el("label", { className: "field" }, [el("span", { className: "field-label", text: "Name" }), name, nameHint]),
      targetField,
      policy.element,
      saveDefaultLabel,
    ],
    actions: [
      { label: "Cancel", run: () => undefined },
      { label: "Create key", kind: "primary", testId: "create-key-confirm", run: submit },
    ],
  });
  name.focus();
}

/** Saves `policy` as the organization's default after a create it was used for; a failure only
 * says so, since the key itself was created. */
function saveAsDefault(orgId: string, policy: KeyPolicy): void {
  api.setKeyPolicyDefault(orgId, policy).then(
    () => undefined,
    (error: CommandError) =>
      toast(`The key was created, but its permissions and expiry were not saved as the default: ${error.message}`, "error"),
  );
}

/** The body of a revoke confirmation: what goes with the key, when it was last used, and the
 * name to type when it was used recently. */
export interface RevokeConfirmation {
  title: string;
  confirmLabel: string;
  body: Node[];
  /** The typed name to send, or null when none is asked for. */
  typed: () => string | null;
  /** Where focus goes first (the name field), if anywhere. */
  focus: HTMLElement | undefined;
}

/** Builds the confirmation of revoking `keyId` from its preview. */
export function revokeConfirmation(preview: RevokePreview, keyId: string): RevokeConfirmation {
  const lastUsed = preview.lastUsedAt ? `Last used ${relativeTime(preview.lastUsedAt)}.` : "Never used.";
  const input = el("input", {
    className: "input",
    attrs: { type: "text", autocomplete: "off", spellcheck: "false", "data-testid": "revoke-confirmation" },
  });
  const body: Node[] = [
    el("p", { className: "dialog-text blast", text: visibleText(preview.summary), attrs: { "data-testid": "blast-radius" } }),
    el("p", { className: `dialog-text${preview.requiresTypedConfirmation ? " recent" : ""}`, text: lastUsed }),
  ];
  if (preview.requiresTypedConfirmation) {
    body.push(
      el("label", { className: "field" }, [
        el("span", { className: "field-label", text: "It was used in the last 24 hours. Type its name to confirm:" }),
        el("code", { className: "confirm-name" }, [serverName(preview.confirmationText)]),
        input,
      ]),
    );
  }
  const account = preview.blastRadius.kind === "serviceAccount" ? preview.blastRadius : null;
  return {
    title: account
      ? `Delete service account “${inlineName(account.serviceAccountName ?? account.serviceAccountId)}”?`
      : `Revoke “${inlineName(preview.keyName ?? keyId)}”?`,
    confirmLabel: account ? "Delete service account" : "Revoke key",
    body,
    typed: () => (preview.requiresTypedConfirmation ? input.value : null),
    focus: preview.requiresTypedConfirmation ? input : undefined,
  };
}

/** For a key that shares its service account: both choices, each with what it takes. The
 * confirmation's own body follows without its first line (the account's summary, said here). */
function sharedBody(confirmation: RevokeConfirmation, keyName: string, account: string, keyCount: number): Node[] {
  const others = keyCount - 1;
  const rest = others === 1 ? "its other key" : `its ${others} other keys`;
  const [, ...after] = confirmation.body;
  return [
    el("p", {
      className: "dialog-text blast",
      text: `“${keyName}” shares service account “${account}” with ${others === 1 ? "1 other key" : `${others} other keys`}.`,
    }),
    el("p", {
      className: "dialog-text",
      attrs: { "data-testid": "revoke-alone-hint" },
      text: `Expire only this key: it stops working within a second and stays listed as expired; the service account and ${rest} keep working.`,
    }),
    el("p", {
      className: "dialog-text",
      attrs: { "data-testid": "blast-radius" },
      text: `Delete service account: deletes “${account}” and all ${keyCount} of its keys.`,
    }),
    ...after,
  ];
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
    toast((error as CommandError).message, "error", (error as CommandError).details);
    return;
  }
  const confirmation = revokeConfirmation(preview, keyId);
  const account = preview.blastRadius.kind === "serviceAccount" ? preview.blastRadius : null;
  const shared = account !== null && account.keyCount > 1;
  const keyName = inlineName(preview.keyName ?? keyId);
  const accountName = account ? inlineName(account.serviceAccountName ?? account.serviceAccountId) : "";
  const body = shared ? sharedBody(confirmation, keyName, accountName, account.keyCount) : confirmation.body;
  const handle = openDialog({
    title: shared ? `Revoke “${keyName}”?` : confirmation.title,
    testId: "revoke-dialog",
    body,
    ...(confirmation.focus ? { initialFocus: confirmation.focus } : {}),
    actions: [
      { label: "Cancel", run: () => undefined },
      ...(shared
        ? [
            {
              label: "Expire only this key",
              kind: "danger" as const,
              testId: "revoke-key-alone",
              irreversible: true,
              run: () =>
                handle.attempt("Revoking…", async () => {
                  onOutcome(await api.revokeKeyAlone(orgId, projectId, keyId, confirmation.typed()));
                }),
            },
          ]
        : []),
      {
        label: confirmation.confirmLabel,
        kind: "danger",
        testId: "revoke-confirm",
        irreversible: true,
        run: () =>
          handle.attempt("Revoking…", async () => {
            onOutcome(await api.revokeKey(orgId, projectId, keyId, confirmation.typed()));
          }),
      },
    ],
  });
}
