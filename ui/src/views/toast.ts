// Toasts: short messages at the bottom of the window. At most a few show, the same message never
// twice, and while a modal dialog is open they sit inside it (the top layer), below its content,
// instead of piling up over it behind its backdrop.

import { el } from "../dom";
import { errorDetails } from "./error-details";

/** At most this many toasts show at once; a newer one replaces the oldest. */
export const MAX_TOASTS = 3;

function toastRegion(): HTMLElement {
  let region = document.getElementById("toasts");
  if (!region) {
    region = el("div", { className: "toasts", attrs: { id: "toasts", "aria-live": "polite" } });
    document.body.append(region);
  }
  return region;
}

/** Keeps the toasts above what is in front: inside the open modal dialog (the top layer, where
 * they sit below its content instead of over it), else at the bottom of the window. */
export function placeToasts(): void {
  const region = document.getElementById("toasts");
  if (!region) return;
  const dialogs = [...document.querySelectorAll<HTMLDialogElement>("dialog[open]")];
  const front = dialogs[dialogs.length - 1];
  const home = front ?? document.body;
  region.classList.toggle("toasts-in-dialog", front !== undefined);
  if (region.parentElement !== home) home.append(region);
}

/** A short message at the bottom of the window (inside an open dialog, below its content). The
 * same message is not shown twice, and at most MAX_TOASTS show; `details` go behind a "Details"
 * disclosure, and a toast whose details are open stays until they are closed. */
export function toast(message: string, kind: "info" | "success" | "error" = "info", details?: string | null): void {
  const region = toastRegion();
  placeToasts();
  for (const old of region.querySelectorAll<HTMLElement>(".toast")) {
    if (old.dataset.message === message) old.remove();
  }
  const more = errorDetails(details);
  const item = el("div", { className: `toast toast-${kind}`, attrs: { role: "status", "data-testid": "toast" } }, [
    el("span", { className: "toast-message", text: message }),
    more,
  ]);
  item.dataset.message = message;
  region.append(item);
  while (region.children.length > MAX_TOASTS) region.firstElementChild?.remove();
  const expire = (): void => {
    if (more instanceof HTMLDetailsElement && more.open) setTimeout(expire, 2000);
    else item.remove();
  };
  setTimeout(expire, kind === "error" ? 8000 : 3500);
}
