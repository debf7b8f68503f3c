// At start: keys whose one-time reveal was open when Keywarden closed (killed, crashed, power
// cut). Their secret is gone for good but the key still exists, so each one is shown with what
// revoking it would delete, and the user decides: revoke it, keep it, or decide later.

import * as api from "../api";
import { el } from "../dom";
import { fullDate, relativeTime } from "../relative-time";
import { inlineName, serverName } from "../server-text";
import type { CommandError, LostKey, RevokePreview } from "../types";
import { type DialogHandle, openDialog, toast } from "./dialog";
import { revokeConfirmation } from "./key-dialogs";

/** Called after a lost key was revoked, so its project's list can be fetched again. */
export type OnLostKeyRevoked = (orgId: string, projectId: string) => void;

/** Keeps the keys table's "secret lost" marks in step with the user's decisions. */
export interface LostKeyMarks {
  /** These keys were lost; the table marks them until each is settled. */
  found: (keyIds: string[]) => void;
  /** This key was revoked or kept: no longer marked. */
  settled: (keyId: string) => void;
}

/** Asks Rust for lost keys, marks them, and warns about each in turn. */
export async function warnAboutLostKeys(onRevoked: OnLostKeyRevoked, marks?: LostKeyMarks): Promise<void> {
  let lost: LostKey[];
  try {
    lost = await api.lostNewKeys();
  } catch (error) {
    toast((error as CommandError).message, "error", (error as CommandError).details);
    return;
  }
  if (lost.length > 0) marks?.found(lost.map((key) => key.keyId));
  for (const key of lost) {
    if (await lostKeyWarning(key, onRevoked)) marks?.settled(key.keyId);
  }
}

/** The sentence that says what happened, with the key's name emphasised. */
export function lostKeyMessage(key: LostKey): HTMLElement {
  const name = el("em", {}, [serverName(key.name)]);
  const text = key.copied
    ? [
        "Keywarden closed before you confirmed storing the key ",
        name,
        ". It had been copied to the clipboard, so you may have stored it; if not, its secret is lost. Revoke it?",
      ]
    : ["Keywarden closed while the key ", name, " was waiting to be copied. Its secret is lost. Revoke it?"];
  return el("p", { className: "dialog-text", attrs: { "data-testid": "lost-key-message" } }, text);
}

async function preview(key: LostKey): Promise<RevokePreview | CommandError> {
  try {
    return await api.revokePreview(key.orgId, key.projectId, key.keyId);
  } catch (error) {
    return error as CommandError;
  }
}

/** Shows one lost key; resolves when the dialog closes, with whether it was revoked or kept. */
export async function lostKeyWarning(key: LostKey, onRevoked: OnLostKeyRevoked): Promise<boolean> {
  const found = await preview(key);
  const gone = "code" in found && found.code === "notFound";
  const details = el("p", {
    className: "field-hint",
    text: `${key.orgLabel} · project ${key.projectId} · key ${key.keyId} · created ${relativeTime(key.createdAt)} (${fullDate(key.createdAt)})`,
  });
  const body: Node[] = [lostKeyMessage(key), details];
  const confirmation = "code" in found ? null : revokeConfirmation(found, key.keyId);
  if (confirmation) body.push(...confirmation.body);
  else if (gone) body.push(el("p", { className: "dialog-text", text: "The key no longer exists: it was revoked elsewhere. Nothing is left to do." }));
  else body.push(el("p", { className: "dialog-error", text: `What revoking it would delete could not be checked: ${(found as CommandError).message}` }));

  let handle: DialogHandle | null = null;
  let settled = false;
  const keep = async (message: string): Promise<boolean> => {
    try {
      await api.dismissLostKey(key.revealId);
      toast(message, "info");
      settled = true;
      return true;
    } catch (error) {
      handle?.showError(error as CommandError);
      return false;
    }
  };
  const revoke = async (typed: string | null): Promise<boolean> =>
    (await handle?.attempt("Revoking…", async () => {
      await api.revokeKey(key.orgId, key.projectId, key.keyId, typed);
      toast(`Revoked “${inlineName(key.name)}”. Nothing is left behind.`, "success");
      settled = true;
      onRevoked(key.orgId, key.projectId);
    })) ?? false;
  return new Promise((resolve) => {
    handle = openDialog({
      title: gone ? "A lost key is already gone" : "A new key's secret was lost",
      testId: "lost-key-warning",
      body,
      onClose: () => resolve(settled),
      ...(confirmation?.focus ? { initialFocus: confirmation.focus } : {}),
      actions: gone
        ? [{ label: "OK", kind: "primary", testId: "lost-key-keep", run: () => keep(`“${inlineName(key.name)}” was already revoked.`) }]
        : [
            { label: "Decide later", testId: "lost-key-later", run: () => undefined },
            {
              label: "Keep the key",
              testId: "lost-key-keep",
              run: () => keep(`Keywarden will not ask about “${inlineName(key.name)}” again. Its secret cannot be shown.`),
            },
            ...(confirmation
              ? [
                  {
                    label: confirmation.confirmLabel,
                    kind: "danger" as const,
                    testId: "lost-key-revoke",
                    irreversible: true,
                    run: () => revoke(confirmation.typed()),
                  },
                ]
              : []),
          ],
    });
  });
}
