// The one-time reveal of a new key: shown masked, copied by Rust, then acknowledged, after which
// nobody can see it again. Its buttons are armed (stray input aimed at the create dialog cannot
// press them), copy has focus, and both sit on the left, away from where the create dialog's
// confirm button was. *Send to vault…* opens a form that hands the key straight to a password
// manager instead (./vault-form). Acknowledging a key that was neither copied nor sent asks
// first; Rust knows.

import * as api from "../api";
import { el } from "../dom";
import { inlineName } from "../server-text";
import type { CommandError, CreatedKey } from "../types";
import { confirmDialog, openDialog } from "./dialog";
import { vaultForm } from "./vault-form";

/** What the user is asked when acknowledging a key nobody copied. */
export const NEVER_COPIED_MESSAGE =
  "You haven't copied this key or sent it to a vault. Once you confirm, nobody can see it again.";

/** Shows a new key once, masked; Rust copies it and clears the clipboard later. */
export function revealDialog(
  orgId: string,
  key: CreatedKey,
  masked: string,
  onDone: () => void,
  ownerNote = `Key id ${key.keyId} · owned by a new service account ${key.serviceAccountId}`,
): void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const countdown = el("p", { className: "countdown", attrs: { "data-testid": "clipboard-countdown", "aria-live": "polite" } });
  const copy = el("button", {
    className: "button primary",
    text: "Copy key",
    attrs: { type: "button", "data-testid": "reveal-copy" },
  });
  const showCountdown = (clearsAt: number): void => {
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
  };
  const toVault = el("button", {
    className: "button plain",
    text: "Send to vault…",
    attrs: { type: "button", "data-testid": "reveal-send-to-vault" },
  });
  const vaultSlot = el("div", { className: "vault-slot" });
  toVault.addEventListener("click", (event) => {
    if (!handle.deliberate(toVault, event)) return;
    toVault.hidden = true;
    vaultSlot.append(
      vaultForm(orgId, key.revealId, {
        showError: (error) => handle.showError(error),
        onStored: () => {
          countdown.textContent = "";
        },
      }),
    );
  });
  copy.addEventListener("click", async (event) => {
    if (!handle.deliberate(copy, event)) return;
    handle.showError(null);
    try {
      const deadline = await api.copyNewKey(orgId, key.revealId);
      copy.textContent = "Copied ✓";
      showCountdown(Date.parse(deadline.clearsAt));
    } catch (error) {
      handle.showError(error as CommandError);
    }
  });

  /** Wipes the key in Rust; true once it is gone. Never copied: asks first (safe answer focused). */
  const acknowledge = async (evenIfNotCopied: boolean): Promise<boolean> => {
    let done;
    try {
      done = await api.acknowledgeNewKey(orgId, key.revealId, evenIfNotCopied);
    } catch (error) {
      handle.showError(error as CommandError);
      return false;
    }
    if (done === "notCopied") {
      const sure = await confirmDialog({
        title: "Wipe the key without copying it?",
        message: NEVER_COPIED_MESSAGE,
        confirmLabel: "Wipe it, I don't need it",
        cancelLabel: "Go back and copy it",
        danger: true,
      });
      if (!sure) {
        copy.focus();
        return false;
      }
      return acknowledge(true);
    }
    clearInterval(timer);
    onDone();
    return true;
  };

  const handle = openDialog({
    title: `Your new key “${inlineName(key.name)}”`,
    testId: "reveal-dialog",
    className: "reveal-dialog",
    body: [
      el("p", {
        className: "dialog-text",
        text: "Store it in your password manager now: send it there directly, or copy it. Keywarden will never show it again: once you confirm, it is wiped from memory.",
      }),
      el("code", { className: "masked-key", text: masked, attrs: { "data-testid": "masked-key" } }),
      el("div", { className: "reveal" }, [copy, toVault, countdown]),
      vaultSlot,
      el("p", { className: "field-hint", text: ownerNote }),
    ],
    armed: [copy, toVault],
    initialFocus: copy,
    onCancel: () => {
      void confirmDialog({
        title: "Close without storing the key?",
        message: "If you close now, the key is wiped and can never be shown again. You would have to revoke it and create another.",
        confirmLabel: "Close and wipe it",
        cancelLabel: "Keep it open",
        danger: true,
      }).then(async (confirmed) => {
        if (confirmed && (await acknowledge(true))) handle.close();
      });
      return false;
    },
    actions: [
      {
        label: "I've stored it",
        kind: "plain",
        testId: "reveal-acknowledge",
        irreversible: true,
        run: () => acknowledge(false),
      },
    ],
  });
}
