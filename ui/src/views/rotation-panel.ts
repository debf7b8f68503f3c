// The watch of a key rotation: where it stands, both keys' last use (measured by Rust on the
// server's clock, so never "in -3 min"), and what can be done. "Revoke old key" waits until
// OpenAI reports the new key used, or until the old key's name is typed; "Abandon" revokes the
// new key and keeps the old one. Both are armed. The panel asks Rust again every few seconds
// while the rotation is ongoing, and "Check now" asks at once.

import * as api from "../api";
import { el } from "../dom";
import { fullDate, relativeTime } from "../formats";
import { inlineName, serverName, visibleText } from "../server-text";
import type { CommandError, KeyRotationPhase, KeyRotationStatus, WatchedKey } from "../types";
import { confirmDialog, openDialog } from "./dialog";

/** How often an open panel asks Rust to look at both keys again. */
export const ROTATION_POLL_MS = 5000;

/** Fired when a rotation started, changed phase or ended, so the banner lists them again. */
export const ROTATIONS_CHANGED_EVENT = "keywarden:rotations-changed";

/** Tells the window that the rotations in progress changed. */
export function rotationsChanged(): void {
  window.dispatchEvent(new CustomEvent(ROTATIONS_CHANGED_EVENT));
}

const PHASE_WORDS: Record<KeyRotationPhase, string> = {
  minting: "Creating the new key",
  watching: "Waiting for the new key to be used",
  completed: "Rotation complete",
  abandoned: "Rotation abandoned",
  failed: "No new key was created",
};

/** The phase as the panel's headline says it. */
export function phaseText(status: Pick<KeyRotationStatus, "rotation" | "newKeyUsed">): string {
  const { phase } = status.rotation;
  if (phase === "watching" && status.newKeyUsed) return "New key in use: ready to revoke the old key";
  return PHASE_WORDS[phase];
}

/** When a key was last used, measured on the server's clock: "used 3 minutes ago". */
export function lastUseText(key: Pick<WatchedKey, "state" | "lastUsedAt" | "lastUsedSecondsAgo">): string {
  if (key.state === "gone") return "gone (revoked)";
  if (key.lastUsedAt === null) return "not used yet";
  if (key.lastUsedSecondsAgo === null) return `last used ${fullDate(key.lastUsedAt)}`;
  const at = Date.parse(key.lastUsedAt);
  return `last used ${relativeTime(key.lastUsedAt, at + Math.max(0, key.lastUsedSecondsAgo) * 1000)}`;
}

const STATE_TAGS: Record<WatchedKey["state"], string> = { active: "", expired: "expired", gone: "revoked" };

function keyCard(role: string, testId: string): { element: HTMLElement; show: (key: WatchedKey | null, fallbackName: string, used: boolean) => void } {
  const name = el("div", { className: "rotation-key-name" });
  const id = el("div", { className: "rotation-key-id" });
  const use = el("div", { className: "rotation-key-used", attrs: { "data-testid": `${testId}-used` } });
  const state = el("span", { className: "tag tag-danger", attrs: { "data-testid": `${testId}-state` } });
  const element = el("section", { className: "rotation-key", attrs: { "data-testid": testId } }, [
    el("div", { className: "rotation-key-role" }, [el("span", { text: role }), state]),
    name,
    id,
    use,
  ]);
  return {
    element,
    show: (key, fallbackName, used) => {
      name.replaceChildren(serverName(key?.name ?? fallbackName));
      id.textContent = key ? key.id : "not created yet";
      use.textContent = key ? lastUseText(key) : "—";
      use.className = `rotation-key-used${used ? " used" : ""}`;
      element.classList.toggle("gone", key?.state === "gone" || key?.state === "expired");
      state.textContent = key ? STATE_TAGS[key.state] : "";
      state.hidden = state.textContent === "";
      if (key?.lastUsedAt) use.title = `Last used ${fullDate(key.lastUsedAt)} (as OpenAI reports it)`;
      else use.removeAttribute("title");
    },
  };
}

/** Opens the watch of rotation `rotationId`; `onChanged` runs after a step changed keys. */
export function rotationPanel(orgId: string, rotationId: string, title: string, onChanged: () => void): void {
  let status: KeyRotationStatus | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let asking = false;
  const phase = el("p", { className: "rotation-phase", attrs: { "data-testid": "rotation-phase", "aria-live": "polite" } });
  const message = el("p", { className: "dialog-text", attrs: { "data-testid": "rotation-message" } });
  const oldCard = keyCard("Old key", "rotation-old-key");
  const newCard = keyCard("New key", "rotation-new-key");
  const lastError = el("p", { className: "rotation-error", attrs: { "data-testid": "rotation-error" } });
  const finish = el("button", {
    className: "button danger",
    text: "Revoke old key",
    attrs: { type: "button", "data-testid": "rotation-finish" },
  });
  const override = el("button", {
    className: "button plain small",
    text: "Revoke it anyway…",
    attrs: { type: "button", "data-testid": "rotation-override" },
  });
  const typed = el("input", {
    className: "input",
    attrs: { type: "text", autocomplete: "off", spellcheck: "false", "data-testid": "rotation-override-name" },
  });
  const overrideField = el("label", { className: "field rotation-override-field" }, [
    el("span", {
      className: "field-label",
      text: "OpenAI has not reported the new key used yet. Type the old key's name to revoke it anyway:",
    }),
    el("code", { className: "confirm-name" }),
    typed,
  ]);
  overrideField.hidden = true;
  const abandon = el("button", {
    className: "button plain",
    text: "Abandon: revoke the new key",
    attrs: { type: "button", "data-testid": "rotation-abandon" },
  });
  const check = el("button", {
    className: "button plain small",
    text: "Check now",
    attrs: { type: "button", "data-testid": "rotation-check" },
  });
  const steps = el("div", { className: "rotation-steps" }, [finish, override, abandon]);

  const draw = (): void => {
    if (!status) return;
    const { rotation } = status;
    const ongoing = rotation.phase === "minting" || rotation.phase === "watching";
    phase.textContent = phaseText(status);
    phase.dataset.phase = rotation.phase;
    message.textContent = visibleText(status.message);
    oldCard.show(status.oldKey, rotation.oldKey.name, false);
    newCard.show(status.newKey, rotation.newKeyName, status.newKeyUsed);
    lastError.textContent = rotation.lastError ? visibleText(rotation.lastError) : "";
    lastError.hidden = !ongoing || !rotation.lastError;
    const typedMatches = typed.value.trim() === rotation.oldKey.name.trim();
    steps.hidden = !ongoing;
    check.hidden = !ongoing;
    finish.disabled = !(status.canFinish || (status.canOverride && !overrideField.hidden && typedMatches));
    finish.className = `button ${status.canFinish ? "danger-strong" : "danger"}`;
    finish.title = status.canFinish || status.canOverride ? "" : "Possible once OpenAI reports the new key used";
    override.hidden = !status.canOverride || !overrideField.hidden;
    if (!status.canOverride) overrideField.hidden = true;
    overrideField.querySelector("code")?.replaceChildren(serverName(rotation.oldKey.name));
    abandon.disabled = !status.canAbandon;
    if (!ongoing) stopPolling();
  };
  const stopPolling = (): void => {
    clearInterval(timer);
    timer = undefined;
  };
  const ask = async (): Promise<void> => {
    if (asking) return;
    asking = true;
    try {
      const before = status?.rotation.phase;
      status = await api.keyRotationStatus(orgId, rotationId);
      handle.showError(null);
      draw();
      if (before !== undefined && before !== status.rotation.phase) {
        rotationsChanged();
        onChanged();
      }
    } catch (error) {
      handle.showError(error as CommandError);
      if ((error as CommandError).code === "notFound") {
        stopPolling();
        steps.hidden = true;
        check.hidden = true;
        rotationsChanged();
      }
    } finally {
      asking = false;
    }
  };
  let stepping = false;
  const step = async (busyText: string, work: () => Promise<KeyRotationStatus>): Promise<void> => {
    if (stepping) return;
    stepping = true;
    const done = await handle.attempt(busyText, async () => {
      status = await work();
    });
    stepping = false;
    draw();
    if (done) {
      rotationsChanged();
      onChanged();
    } else {
      void ask();
    }
  };

  override.addEventListener("click", () => {
    overrideField.hidden = false;
    draw();
    typed.focus();
  });
  typed.addEventListener("input", draw);
  check.addEventListener("click", () => void ask());
  finish.addEventListener("click", (event) => {
    if (!status || finish.disabled || !handle.deliberate(finish, event)) return;
    const confirmation = status.canFinish ? null : typed.value;
    void step("Revoking the old key…", () => api.finishKeyRotation(orgId, rotationId, confirmation));
  });
  abandon.addEventListener("click", async (event) => {
    if (!status || abandon.disabled || !handle.deliberate(abandon, event)) return;
    const { rotation } = status;
    const sure = await confirmDialog({
      title: "Abandon this rotation?",
      message: `Keywarden revokes the new key “${inlineName(rotation.newKeyName)}” and keeps the old key “${inlineName(rotation.oldKey.name)}”, which goes on working. Anything already moved to the new key stops working.`,
      confirmLabel: "Revoke the new key",
      cancelLabel: "Keep watching",
      danger: true,
    });
    if (sure) void step("Revoking the new key…", () => api.abandonKeyRotation(orgId, rotationId));
  });

  const handle = openDialog({
    title: `Rotating “${inlineName(title)}”`,
    testId: "rotation-dialog",
    className: "rotation-dialog",
    body: [
      el("div", { className: "rotation-head" }, [phase, check]),
      message,
      el("div", { className: "rotation-keys" }, [oldCard.element, newCard.element]),
      lastError,
      overrideField,
      steps,
    ],
    armed: [finish, abandon],
    initialFocus: check,
    onClose: stopPolling,
    actions: [{ label: "Close", testId: "rotation-close", run: () => undefined }],
  });
  lastError.hidden = true;
  phase.textContent = "Looking at both keys…";
  void ask();
  timer = setInterval(() => void ask(), ROTATION_POLL_MS);
}
