// A create whose response was lost: what the server made is found and shown, and can be revoked
// without taking more than the lost create made (a new service account, or one extra key).

import * as api from "../api";
import { el } from "../dom";
import { inlineName, visibleText } from "../server-text";
import type { CreateOutcome, RevokeOutcome } from "../types";
import { openDialog, toast } from "./dialog";

/** Explains a lost create and offers to revoke what the server made. */
export function orphanDialog(
  orgId: string,
  orphan: Extract<CreateOutcome, { outcome: "orphaned" }>,
  onRevoked: () => void,
): void {
  const handle = openDialog({
    title: "The key's secret was lost",
    testId: "orphan-dialog",
    armAll: true,
    body: [el("p", { className: "dialog-text", text: visibleText(orphan.explanation) })],
    actions: [
      { label: "Keep it for now", testId: "keep-orphan", run: () => undefined },
      {
        label: orphan.keyId ? "Revoke the key" : "Revoke the service account",
        kind: "danger",
        testId: "revoke-orphan",
        irreversible: true,
        run: () =>
          handle.attempt("Revoking…", async () => {
            const outcome = await api.revokeOrphan(orgId, orphan.projectId, orphan.serviceAccountId, orphan.keyId);
            toast(orphanRevokedText(orphan.name, outcome), "success");
            onRevoked();
          }),
      },
    ],
  });
}

/** What revoking an orphan did, for the toast. */
export function orphanRevokedText(name: string, outcome: RevokeOutcome): string {
  const shown = `“${inlineName(name)}”`;
  if (outcome.outcome === "alreadyGone") return `${shown} was already gone. Nothing is left behind.`;
  if (outcome.expired) return expiredAloneText(shown);
  return `Revoked ${shown}. Nothing is left behind.`;
}

/** What expiring one key of a service account did, for a toast; `shown` is the quoted name. */
export function expiredAloneText(shown: string): string {
  return `${shown} was made to expire now: it stops working within a second and stays listed as expired. Its service account and other keys keep working.`;
}
