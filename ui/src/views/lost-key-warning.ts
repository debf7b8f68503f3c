// At start: keys whose one-time reveal was open when Keywarden closed (killed, crashed, power
// cut). Their secret is gone for good but the key still exists, so each one is shown with what
// revoking it would delete, and the user decides: revoke it, keep it, or decide later.

import * as api from "../api";
import { el } from "../dom";
import { fullDate, relativeTime } from "../relative-time";
import { inlineName, serverName } from "../server-text";
import type { CommandError, LostKey, RevokePreview } from "../types";
import { type DialogHandle, openDialog, toast } from "./dialog";
import { type RevokeConfirmation, revokeConfirmation } from "./key-dialogs";
import { orphanRevokedText } from "./orphan-dialog";

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

/** What the warning offers for revoking: a revoke confirmation without its own title. */
type LostKeyChoice = Omit<RevokeConfirmation, "title">;

/** The account of a lost key that is one of several keys on it: revoking the key must not
 * delete the account, whose other keys may be in use. */
interface SharedAccount {
  name: string;
  others: number;
}

function aloneOnItsAccount(preview: RevokePreview): SharedAccount | null {
  const account = preview.blastRadius;
  if (account.kind !== "serviceAccount" || account.keyCount < 2) return null;
  return { name: account.serviceAccountName ?? account.serviceAccountId, others: account.keyCount - 1 };
}

/** Revoking only the lost key: what stays, and why it is made to expire rather than deleted. */
function aloneConfirmation(account: SharedAccount): LostKeyChoice {
  const others = account.others === 1 ? "its other key" : `its ${account.others} other keys`;
  const text =
    `Only this key is taken out of service: service account “${inlineName(account.name)}” and ${others} stay. ` +
    "OpenAI does not delete one key of a service account on its own, so it is made to expire now and stays listed as expired.";
  return {
    confirmLabel: "Revoke this key",
    body: [el("p", { className: "dialog-text blast", text, attrs: { "data-testid": "blast-radius" } })],
    typed: () => null,
    focus: undefined,
  };
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
  const alone = "code" in found ? null : aloneOnItsAccount(found);
  const confirmation = "code" in found ? null : alone ? aloneConfirmation(alone) : revokeConfirmation(found, key.keyId);
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
      if (alone) {
        const outcome = await api.revokeOrphan(key.orgId, key.projectId, key.serviceAccountId, key.keyId);
        toast(orphanRevokedText(key.name, outcome), "success");
      } else {
        await api.revokeKey(key.orgId, key.projectId, key.keyId, typed);
        toast(`Revoked “${inlineName(key.name)}”. Nothing is left behind.`, "success");
      }
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
