// The two ways "Rotate" on a key row begins: for a service-account key, the plan (what the new
// key will be, read by Rust from the server) and the start; for a person's key, why it cannot be
// rotated and the way out (a service-account key instead). The watch that follows the reveal is
// in ./rotation-panel.

import * as api from "../api";
import { el } from "../dom";
import { fullDate, scopesText } from "../formats";
import { inlineName, serverName } from "../server-text";
import type { CommandError, KeyRotationPlan, KeyRotationStarted } from "../types";
import { openDialog, toast } from "./dialog";
import { newRequestId } from "./key-dialogs";

const DAY = 24 * 3600;

/** A lifetime in words: "90 days", "12 hours", "45 minutes". */
export function lifetimeText(seconds: number): string {
  if (seconds >= DAY) {
    const days = Math.round(seconds / DAY);
    return `${days} ${days === 1 ? "day" : "days"}`;
  }
  if (seconds >= 3600) {
    const hours = Math.round(seconds / 3600);
    return `${hours} ${hours === 1 ? "hour" : "hours"}`;
  }
  const minutes = Math.max(1, Math.round(seconds / 60));
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}

/** What the new key's permissions will be, in words. */
export function plannedPermissions(plan: Pick<KeyRotationPlan, "scopes">): string {
  if (plan.scopes === null) return "All permissions (the old key's are unknown: they were set outside Keywarden)";
  return `${scopesText(plan.scopes)}, like the old key`;
}

/** What the new key's expiry will be, in words. */
export function plannedExpiry(plan: Pick<KeyRotationPlan, "expiresInSeconds">): string {
  if (plan.expiresInSeconds === null) return "Never, like the old key";
  return `${lifetimeText(plan.expiresInSeconds)} after it is created, like the old key's lifetime`;
}

function planRow(label: string, value: Node | string, testId: string): Node[] {
  return [
    el("dt", { text: label }),
    el("dd", { attrs: { "data-testid": testId } }, [value]),
  ];
}

/**
 * Reads the plan, shows it, and starts the rotation once: clicks and Enter presses while the
 * request runs join it (one request id per dialog). A refusal is shown in the dialog; what
 * comes next (the reveal) is delivered after the dialog has closed.
 */
export async function startRotationDialog(
  orgId: string,
  projectId: string,
  keyId: string,
  onStarted: (started: KeyRotationStarted) => void,
): Promise<void> {
  let plan: KeyRotationPlan;
  try {
    plan = await api.planKeyRotation(orgId, projectId, keyId);
  } catch (error) {
    toast((error as CommandError).message, "error", (error as CommandError).details);
    return;
  }
  const requestId = newRequestId();
  const account = plan.serviceAccountName ?? plan.serviceAccountId;
  let inFlight: Promise<KeyRotationStarted> | null = null;
  let delivered = false;
  const start = async (): Promise<boolean> => {
    if (delivered) return true;
    inFlight ??= api.startKeyRotation(orgId, projectId, keyId, requestId);
    handle.setBusy(true, "Creating the new key…");
    try {
      const started = await inFlight;
      if (!delivered) {
        delivered = true;
        handle.close();
        onStarted(started);
      }
      return true;
    } catch (error) {
      inFlight = null;
      handle.showError(error as CommandError);
      return false;
    } finally {
      handle.setBusy(false);
    }
  };
  const handle = openDialog({
    title: `Rotate “${inlineName(plan.oldKey.name)}”?`,
    testId: "rotation-start-dialog",
    className: "rotation-dialog",
    body: [
      el("p", {
        className: "dialog-text",
        text: "Keywarden creates a new key on the same service account and shows it to you once. Put it where the old key is used; once OpenAI reports the new key used, you revoke the old one here. Until then both keys work.",
      }),
      el("dl", { className: "rotation-plan", attrs: { "data-testid": "rotation-plan" } }, [
        ...planRow("New key", serverName(plan.newKeyName), "rotation-plan-name"),
        ...planRow("Service account", serverName(account), "rotation-plan-account"),
        ...planRow("Permissions", plannedPermissions(plan), "rotation-plan-permissions"),
        ...planRow("Expires", plannedExpiry(plan), "rotation-plan-expiry"),
        ...(plan.oldKeyExpiresAt
          ? planRow("Old key expires", fullDate(plan.oldKeyExpiresAt), "rotation-plan-old-expiry")
          : []),
      ]),
    ],
    actions: [
      { label: "Cancel", run: () => undefined },
      { label: "Create the new key", kind: "primary", testId: "rotation-start-confirm", run: start },
    ],
  });
}

/** Explains why a person's key cannot be rotated, and offers a service-account key instead. */
export function userOwnedRotationDialog(keyName: string, ownerName: string, onCreateInstead: () => void): void {
  const name = inlineName(keyName || "this key");
  let createInstead = false;
  openDialog({
    title: `“${name}” cannot be rotated here`,
    testId: "rotation-user-owned",
    body: [
      el("p", {
        className: "dialog-text",
        text: `“${name}” belongs to a person (${inlineName(ownerName)}). OpenAI's API cannot create keys for people, so Keywarden cannot mint its successor.`,
      }),
      el("p", {
        className: "dialog-text",
        text: `Replace it with a service-account key instead: create one in this project, move what uses “${name}” to it, then revoke “${name}”. A service-account key can be rotated here next time.`,
      }),
    ],
    actions: [
      { label: "Close", testId: "rotation-user-close", run: () => undefined },
      {
        label: "Create a service-account key…",
        kind: "primary",
        testId: "rotation-create-instead",
        run: () => {
          createInstead = true;
        },
      },
    ],
    // The create dialog opens once this one has closed, never on top of it.
    onClose: () => {
      if (createInstead) onCreateInstead();
    },
  });
}
