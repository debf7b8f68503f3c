// Modal dialogs (toasts live in ./toast and are re-exported here). Dialogs use <dialog> so
// Escape and focus trapping come for free; every text goes in through textContent. An irreversible action is armed: it ignores input
// that may have been meant for what was on screen before the dialog opened.

import { el } from "../dom";
import type { CommandError } from "../types";
import { errorDetails } from "./error-details";
import { placeToasts } from "./toast";

export { MAX_TOASTS, toast } from "./toast";

/**
 * How long an irreversible action ignores input after its dialog opens. Long enough for the rest
 * of a double-click, a bouncing mouse button or a held Enter key aimed at the previous dialog.
 */
export const ARMING_DELAY_MS = 800;

/** A button at the bottom of a dialog. Return `false` to keep the dialog open. */
export interface DialogAction {
  label: string;
  kind?: "primary" | "danger" | "plain";
  testId?: string;
  /** Cannot be undone: armed, so only a deliberate press made after the dialog showed counts. */
  irreversible?: boolean;
  run: () => Promise<boolean | void> | boolean | void;
}

/** What an open dialog offers its content. */
export interface DialogHandle {
  element: HTMLDialogElement;
  close: () => void;
  showError: (error: CommandError | string | null) => void;
  setBusy: (busy: boolean, text?: string) => void;
  /** Runs `work` with the dialog busy; an error is shown in the dialog. True when it succeeded. */
  attempt: (busyText: string, work: () => Promise<unknown>) => Promise<boolean>;
  /** Whether a click on an armed button (see `armed` in openDialog) is a deliberate press. */
  deliberate: (button: HTMLButtonElement, event: Event) => boolean;
}

let noteIds = 0;

/**
 * Arms buttons: for `delay` ms after the dialog opens they are shown disabled (aria-disabled,
 * so they keep focus and screen readers hear why) and ignore every activation. Afterwards a
 * click counts only when its own press began on that button after arming: a pointerdown inside
 * the dialog, or a fresh (non-repeated) Enter or Space on the focused button. A click whose
 * pointerdown happened elsewhere (or before the dialog existed) and key repeats never count, and
 * a press while arming does not even move focus onto the button.
 * Arming is time-based, so a window that loses focus or is hidden meanwhile still arms.
 */
class ArmingGuard {
  private readonly armsAt: number;
  private armed = false;
  private pressed: Element | null = null;
  private keyed: Element | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly check = (): void => this.update();
  private readonly forget = (): void => {
    this.pressed = null;
    this.keyed = null;
  };

  constructor(
    dialog: HTMLDialogElement,
    private readonly buttons: HTMLButtonElement[],
    private readonly note: HTMLElement,
    delay: number,
  ) {
    this.armsAt = performance.now() + delay;
    note.id = `arming-note-${++noteIds}`;
    note.textContent =
      buttons.length > 1
        ? "These buttons wait a moment, so a stray click or key press can't press them."
        : "This button waits a moment, so a stray click or key press can't press it.";
    for (const button of buttons) {
      button.setAttribute("aria-disabled", "true");
      button.setAttribute("aria-describedby", note.id);
    }
    dialog.dataset.armed = "false";
    const press = (event: Event): void => {
      const button = this.guarded(event.target);
      const armed = this.armedAt(event);
      this.pressed = armed ? button : null;
      if (button && !armed) event.preventDefault();
    };
    dialog.addEventListener("pointerdown", press, true);
    dialog.addEventListener("mousedown", press, true);
    dialog.addEventListener("pointercancel", this.forget, true);
    dialog.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      const button = this.guarded(event.target);
      if (!button) return;
      this.keyed = this.armedAt(event) && !event.repeat ? button : null;
      if (!this.keyed) event.preventDefault();
    }, true);
    window.addEventListener("blur", this.forget);
    window.addEventListener("focus", this.check);
    document.addEventListener("visibilitychange", this.check);
    this.update();
  }

  /** Whether `event` (a click on `button`) comes from a deliberate press; consumes the press. */
  allows(button: HTMLButtonElement, event: Event): boolean {
    const own = event.target instanceof Node && button.contains(event.target);
    const allowed = this.armedAt(event) && own && (this.pressed === button || this.keyed === button);
    this.forget();
    return allowed;
  }

  dispose(): void {
    clearTimeout(this.timer);
    window.removeEventListener("blur", this.forget);
    window.removeEventListener("focus", this.check);
    document.removeEventListener("visibilitychange", this.check);
  }

  /** Whether the guard was armed when the input behind `event` happened. Input queued while
   * the page was busy is judged by when it happened, not by when it is handled. */
  private armedAt(event: Event): boolean {
    this.update();
    const now = performance.now();
    const happened = event.timeStamp > 0 && event.timeStamp <= now ? event.timeStamp : now;
    return this.armed && happened >= this.armsAt;
  }

  private guarded(target: EventTarget | null): HTMLButtonElement | null {
    if (!(target instanceof Element)) return null;
    return this.buttons.find((button) => button.contains(target)) ?? null;
  }

  private update(): void {
    if (this.armed) return;
    const left = this.armsAt - performance.now();
    if (left > 0) {
      clearTimeout(this.timer);
      this.timer = setTimeout(this.check, left);
      return;
    }
    this.armed = true;
    for (const button of this.buttons) button.removeAttribute("aria-disabled");
    this.note.textContent = "";
    const dialog = this.note.closest("dialog");
    if (dialog) dialog.dataset.armed = "true";
  }
}

/** Opens a modal dialog; `onClose` runs however it closes. */
export function openDialog(options: {
  title: string;
  body: Node[];
  actions: DialogAction[];
  testId?: string;
  className?: string;
  /** Buttons in the body that are armed like irreversible actions. */
  armed?: HTMLButtonElement[];
  /** Arms every action, for a dialog that must not be dismissed by input meant for another. */
  armAll?: boolean;
  /** What has focus first; by default the first action that is not irreversible. */
  initialFocus?: HTMLElement;
  onClose?: () => void;
  onCancel?: () => boolean;
}): DialogHandle {
  const error = el("div", { className: "dialog-error", attrs: { role: "alert", "data-testid": "dialog-error" } });
  error.hidden = true;
  const busy = el("p", { className: "dialog-busy" });
  busy.hidden = true;
  const note = el("p", { className: "dialog-arming", attrs: { "aria-live": "polite", "data-testid": "arming-note" } });
  const buttons = options.actions.map((action) =>
    el("button", {
      className: `button ${action.kind ?? "plain"}`,
      text: action.label,
      attrs: { type: "button", ...(action.testId ? { "data-testid": action.testId } : {}) },
    }),
  );
  const dialog = el("dialog", { className: `dialog ${options.className ?? ""}`.trim(), attrs: { "aria-label": options.title } }, [
    el("h2", { className: "dialog-title", text: options.title }),
    el("div", { className: "dialog-body" }, options.body),
    error,
    busy,
    el("div", { className: "dialog-actions" }, buttons),
    note,
  ]);
  if (options.testId) dialog.dataset.testid = options.testId;
  const isArmed = (action: DialogAction | undefined): boolean => Boolean(options.armAll || action?.irreversible);
  const guarded = [...(options.armed ?? []), ...buttons.filter((_, index) => isArmed(options.actions[index]))];
  note.hidden = guarded.length === 0;
  let guard: ArmingGuard | null = null;
  let isBusy = false;
  const handle: DialogHandle = {
    element: dialog,
    close: () => {
      if (dialog.open) dialog.close();
    },
    showError: (value) => {
      error.hidden = value === null;
      if (value === null || typeof value === "string") {
        error.textContent = value ?? "";
      } else {
        error.replaceChildren(el("p", { className: "dialog-error-message", text: value.message }));
        const more = errorDetails(value.details);
        if (more) error.append(more);
      }
    },
    setBusy: (busyNow, text) => {
      isBusy = busyNow;
      for (const button of buttons) button.disabled = busyNow;
      busy.hidden = !busyNow;
      busy.textContent = text ?? "Working…";
    },
    attempt: async (busyText, work) => {
      handle.setBusy(true, busyText);
      try {
        await work();
        return true;
      } catch (failure) {
        handle.showError(failure as CommandError);
        return false;
      } finally {
        handle.setBusy(false);
      }
    },
    deliberate: (button, event) => guard === null || guard.allows(button, event),
  };
  let running = false;
  options.actions.forEach((action, index) => {
    const button = buttons[index];
    button?.addEventListener("click", async (event) => {
      if (button.disabled || isBusy || running) return;
      if (isArmed(action) && !handle.deliberate(button, event)) return;
      handle.showError(null);
      running = true;
      try {
        if ((await action.run()) !== false) handle.close();
      } finally {
        running = false;
      }
    });
  });
  dialog.addEventListener("cancel", (event) => {
    if (isBusy || (options.onCancel && !options.onCancel())) event.preventDefault();
  });
  dialog.addEventListener("close", () => {
    guard?.dispose();
    dialog.removeAttribute("open");
    placeToasts();
    dialog.remove();
    options.onClose?.();
  });
  document.body.append(dialog);
  dialog.showModal();
  placeToasts();
  if (guarded.length > 0) guard = new ArmingGuard(dialog, guarded, note, ARMING_DELAY_MS);
  const safe = buttons.find((_, index) => !options.actions[index]?.irreversible);
  const first = options.initialFocus ?? (guarded.some((b) => b === document.activeElement) ? safe : undefined);
  first?.focus();
  return handle;
}

/** Asks a yes/no question; with `typeToConfirm` the user must type that text first. The answer
 * that changes something is armed; the safe answer has focus. */
export function confirmDialog(options: {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  typeToConfirm?: string;
}): Promise<boolean> {
  return new Promise((resolve) => {
    let answered = false;
    const body: Node[] = [el("p", { className: "dialog-text", text: options.message, attrs: { "data-testid": "confirm-message" } })];
    let input: HTMLInputElement | null = null;
    if (options.typeToConfirm !== undefined) {
      input = el("input", {
        className: "input",
        attrs: { type: "text", autocomplete: "off", spellcheck: "false", "aria-label": "Confirmation" },
      });
      body.push(
        el("label", { className: "field" }, [
          el("span", { text: "Type the name to confirm:" }),
          el("code", { className: "confirm-name", text: options.typeToConfirm }),
          input,
        ]),
      );
    }
    const handle = openDialog({
      title: options.title,
      body,
      testId: "confirm-dialog",
      onClose: () => resolve(answered),
      actions: [
        { label: options.cancelLabel ?? "Cancel", testId: "confirm-cancel", run: () => undefined },
        {
          label: options.confirmLabel,
          kind: options.danger ? "danger" : "primary",
          testId: "confirm-accept",
          irreversible: true,
          run: () => {
            if (input && input.value.trim() !== options.typeToConfirm?.trim()) {
              handle.showError("The name does not match.");
              return false;
            }
            answered = true;
            return true;
          },
        },
      ],
    });
    (input ?? handle.element.querySelector<HTMLButtonElement>("[data-testid=confirm-cancel]"))?.focus();
  });
}
