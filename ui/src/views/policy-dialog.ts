// The dialog that changes an existing key's permissions and/or expiry with the API's update
// endpoint. It shows what the key has now (as far as anyone knows: the API does not report a
// key's permissions), previews what a save would change, and keeps what was filled in when the
// server refuses (e.g. an expiry its organization's policy forbids). An expired key cannot be
// changed, so its dialog only explains why.

import * as api from "../api";
import { el } from "../dom";
import { READ_ONLY_SCOPE, dayText, expiryText, isExpired, relativeTime, scopesText } from "../formats";
import { inlineName } from "../server-text";
import type { CommandError, KeyRow, Permissions, PolicyChange, PolicyUpdated } from "../types";
import { openDialog, toast } from "./dialog";
import { type FormError, createPolicyForm, dateText, isFormError, isRefusal, permissionsFromScopes } from "./policy-form";

const DAY_MS = 86_400_000;

/** The two things to know before saving, shown under the preview. */
export const POLICY_NOTES = [
  "The expiry counts from when you save; saving again moves it again.",
  "Permission changes take a short while to reach OpenAI's servers.",
] as const;

/** What `permissions` allow, in words that follow a verb: "all permissions", "read only",
 * "restricted to api.files.read, api.files.write". */
function permissionWords(permissions: Permissions): string {
  switch (permissions.kind) {
    case "all":
      return "all permissions";
    case "readOnly":
      return "read only";
    case "restricted":
      return permissions.scopes.length === 1 && permissions.scopes[0] === READ_ONLY_SCOPE
        ? "read only"
        : `restricted to ${listed(permissions.scopes)}`;
  }
}

/** "a, b and 3 more" for long lists. */
function listed(scopes: readonly string[]): string {
  const shown = scopes.slice(0, 4).join(", ");
  return scopes.length > 4 ? `${shown} and ${scopes.length - 4} more` : shown;
}

function samePermissions(a: Permissions, b: Permissions): boolean {
  const scopes = (p: Permissions): string[] =>
    p.kind === "all" ? [] : p.kind === "readOnly" ? [READ_ONLY_SCOPE] : [...new Set(p.scopes)].sort();
  return scopes(a).join("\n") === scopes(b).join("\n");
}

/** The sentences saying what saving `change` would do to `key`, at `now`. */
export function previewText(key: KeyRow, change: PolicyChange | FormError, now: number = Date.now()): string {
  if (isFormError(change)) return change.error;
  const sentences: string[] = [];
  const before = key.expiresAt === null ? "never" : dayText(key.expiresAt);
  if (change.expiry?.kind === "days") {
    const until = dayText(new Date(now + change.expiry.days * DAY_MS).toISOString());
    sentences.push(`Expires in ${change.expiry.days} days (${until}) instead of ${before}.`);
  } else if (change.expiry?.kind === "date") {
    sentences.push(`Expires ${dateText(change.expiry.date)} instead of ${before}.`);
  }
  if (change.permissions) {
    const words = permissionWords(change.permissions);
    const verb = change.permissions.kind === "all" ? "Gets" : "Becomes";
    const known = key.permissions === null ? null : permissionsFromScopes(key.permissions.scopes);
    if (known === null) sentences.push(`${verb} ${words} (what it may do now is unknown).`);
    else if (samePermissions(known, change.permissions)) {
      sentences.push(`Sets ${words} again (Keywarden's record says it has them already).`);
    } else sentences.push(`${verb} ${words} instead of ${permissionWords(known)}.`);
  }
  return sentences.length > 0 ? sentences.join(" ") : "Nothing changes yet: choose new permissions, a new expiry, or both.";
}

/** What the key has now: its expiry and what is known of its permissions. */
function currentState(key: KeyRow, now: number): HTMLElement {
  const expiry = key.expiresAt === null ? "Never" : `${dayText(key.expiresAt)} (${expiryText(key.expiresAt, now)})`;
  const recorded = key.permissions;
  const permissions =
    recorded === null
      ? "Unknown — set outside Keywarden"
      : recorded.source === "keywarden"
        ? `${scopesText(recorded.scopes)} — set ${relativeTime(recorded.setAt, now)} by Keywarden`
        : `${scopesText(recorded.scopes)} — found in the audit log (set ${relativeTime(recorded.setAt, now)})`;
  const row = (term: string, value: string, testId: string, className = ""): HTMLElement =>
    el("div", { className: "fact" }, [
      el("dt", { text: term }),
      el("dd", { className, text: value, attrs: { "data-testid": testId } }),
    ]);
  return el("dl", { className: "policy-current" }, [
    row("Expires", expiry, "policy-current-expiry", isExpired(key.expiresAt, now) ? "policy-expired-date" : ""),
    row("Permissions", permissions, "policy-current-permissions", recorded === null ? "policy-unknown" : ""),
  ]);
}

/** What a saved change did, for the toast: "expires 30 Dec 2026; read only". */
function updatedText(change: PolicyChange, updated: PolicyUpdated): string {
  const parts: string[] = [];
  if (change.expiry !== null) parts.push(`expires ${dayText(updated.expiresAt)}`);
  if (updated.scopes !== null) parts.push(permissionWords(permissionsFromScopes(updated.scopes)));
  return parts.join("; ");
}

/** Opens the dialog that changes `key`'s permissions and expiry; `onUpdated` gets what the
 * server now holds after a save. */
export function editPolicyDialog(
  orgId: string,
  key: KeyRow,
  onUpdated: (updated: PolicyUpdated) => void,
  /** After a failure that closes the dialog (the key is gone, or the outcome is unknown): Rust
   * has already brought its cache up to date, so the lists should ask again. */
  onListChanged: () => void = () => undefined,
): void {
  const now = Date.now();
  const label = inlineName(key.name || key.redactedValue || key.id);
  const expired = isExpired(key.expiresAt, now);
  const form = createPolicyForm({
    mode: "edit",
    ...(key.permissions ? { initial: { permissions: permissionsFromScopes(key.permissions.scopes), expiry: { kind: "never" } } } : {}),
  });
  const preview = el("p", { className: "policy-preview", attrs: { "data-testid": "policy-preview", "aria-live": "polite" } });
  const notes = el(
    "ul",
    { className: "policy-notes", attrs: { "data-testid": "policy-notes" } },
    POLICY_NOTES.map((note) => el("li", { text: note })),
  );
  const body: Node[] = [currentState(key, now)];
  if (expired) {
    body.push(
      el("p", {
        className: "policy-blocked",
        text: `This key ${expiryText(key.expiresAt, now)}; the API cannot change an expired key. Revoke it, or mint a new one.`,
        attrs: { "data-testid": "policy-expired", role: "note" },
      }),
    );
  }
  body.push(form.element);
  // An expired key cannot change, so there is nothing to preview or to know before saving.
  if (!expired) body.push(preview, notes);

  const handle = openDialog({
    title: `Permissions and expiry of “${label}”`,
    testId: "policy-dialog",
    className: "policy-dialog",
    body,
    actions: [
      { label: expired ? "Close" : "Cancel", testId: "policy-cancel", run: () => undefined },
      { label: "Save", kind: "primary", testId: "policy-save", run: () => save() },
    ],
  });
  const saveButton = handle.element.querySelector<HTMLButtonElement>("[data-testid=policy-save]");

  /** Whether the form asks for no change at all (both parts kept). */
  const unchanged = (): boolean => {
    const choice = form.choice();
    return choice.permissions === "keep" && choice.expiry === "keep";
  };
  const refresh = (): void => {
    const change = form.read();
    preview.textContent = expired ? "Nothing can change." : previewText(key, change, Date.now());
    preview.classList.toggle("policy-preview-idle", expired || unchanged() || isFormError(change));
    if (saveButton) {
      saveButton.disabled = expired || unchanged();
      saveButton.title = expired ? "An expired key cannot be changed" : unchanged() ? "Choose new permissions, a new expiry, or both" : "";
    }
  };

  const save = async (): Promise<boolean> => {
    const change = form.read();
    if (isFormError(change)) {
      handle.showError(change.error);
      return false;
    }
    let updated = null as PolicyUpdated | null;
    let failure = null as CommandError | null;
    // A refusal (bad input, the server's 400) is thrown on to be shown here with the fields kept;
    // anything else closes the dialog and is told in a toast.
    const done = await handle.attempt("Saving…", async () => {
      try {
        updated = await api.updateKeyPolicy(orgId, key.projectId, key.id, change);
      } catch (error) {
        const refused = error as CommandError;
        if (refused.code !== "notFound" && isRefusal(refused)) throw refused;
        failure = refused;
      }
    });
    refresh();
    if (!done) return false;
    handle.close();
    if (failure !== null) {
      toast(failure.message, "error", failure.details);
      onListChanged();
      return true;
    }
    if (updated !== null) {
      const summary = updatedText(change, updated);
      toast(summary ? `Updated “${label}”: ${summary}.` : `Updated “${label}”.`, "success");
      onUpdated(updated);
    }
    return true;
  };

  // A refusal's message stays while the fields are adjusted (it says what the server requires);
  // the next press of Save clears it.
  form.onChange(refresh);
  if (expired) form.setDisabled(true);
  refresh();
}
