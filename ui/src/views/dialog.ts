// Modal dialogs and toasts. Dialogs use <dialog> so Escape and focus trapping come for free;
// every text goes in through textContent.

import { el } from "../dom";
import type { CommandError } from "../types";

/** A button at the bottom of a dialog. Return `false` to keep the dialog open. */
export interface DialogAction {
  label: string;
  kind?: "primary" | "danger" | "plain";
  testId?: string;
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
}

/** Opens a modal dialog; `onClose` runs however it closes. */
export function openDialog(options: {
  title: string;
  body: Node[];
  actions: DialogAction[];
  testId?: string;
  onClose?: () => void;
  onCancel?: () => boolean;
}): DialogHandle {
  const error = el("p", { className: "dialog-error", attrs: { role: "alert" } });
  error.hidden = true;
  const busy = el("p", { className: "dialog-busy" });
  busy.hidden = true;
  const buttons = options.actions.map((action) =>
    el("button", {
      className: `button ${action.kind ?? "plain"}`,
      text: action.label,
      attrs: { type: "button", ...(action.testId ? { "data-testid": action.testId } : {}) },
    }),
  );
  const dialog = el("dialog", { className: "dialog", attrs: { "aria-label": options.title } }, [
    el("h2", { className: "dialog-title", text: options.title }),
    el("div", { className: "dialog-body" }, options.body),
    error,
    busy,
    el("div", { className: "dialog-actions" }, buttons),
  ]);
  if (options.testId) dialog.dataset.testid = options.testId;
  const handle: DialogHandle = {
    element: dialog,
    close: () => {
      if (dialog.open) dialog.close();
    },
    showError: (value) => {
      error.hidden = value === null;
      error.textContent = value === null ? "" : typeof value === "string" ? value : value.message;
    },
    setBusy: (isBusy, text) => {
      for (const button of buttons) button.disabled = isBusy;
      busy.hidden = !isBusy;
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
  };
  options.actions.forEach((action, index) => {
    buttons[index]?.addEventListener("click", async () => {
      if (buttons[index]?.disabled) return;
      handle.showError(null);
      const keepOpen = (await action.run()) === false;
      if (!keepOpen) handle.close();
    });
  });
  dialog.addEventListener("cancel", (event) => {
    if (options.onCancel && !options.onCancel()) event.preventDefault();
  });
  dialog.addEventListener("close", () => {
    dialog.remove();
    options.onClose?.();
  });
  document.body.append(dialog);
  dialog.showModal();
  return handle;
}

/** Asks a yes/no question; with `typeToConfirm` the user must type that text first. */
export function confirmDialog(options: {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  typeToConfirm?: string;
}): Promise<boolean> {
  return new Promise((resolve) => {
    let answered = false;
    const body: Node[] = [el("p", { className: "dialog-text", text: options.message })];
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
        { label: "Cancel", run: () => undefined },
        {
          label: options.confirmLabel,
          kind: options.danger ? "danger" : "primary",
          testId: "confirm-button",
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
    input?.focus();
  });
}

/** A short message at the bottom of the window. */
export function toast(message: string, kind: "info" | "success" | "error" = "info"): void {
  let region = document.getElementById("toasts");
  if (!region) {
    region = el("div", { className: "toasts", attrs: { id: "toasts", "aria-live": "polite" } });
    document.body.append(region);
  }
  const item = el("div", { className: `toast toast-${kind}`, text: message, attrs: { role: "status" } });
  region.append(item);
  setTimeout(() => item.remove(), kind === "error" ? 8000 : 3500);
}
