// What the dialog tests share: jsdom has no modal <dialog>, so showModal/close are provided here
// (open attribute, a "close" event), and small helpers press buttons the way people do.

import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, vi } from "vitest";

/** Gives jsdom's <dialog> the showModal/close behaviour the views rely on. */
export function installDialogSupport(): void {
  const proto = HTMLDialogElement.prototype as HTMLDialogElement & { __kw?: boolean };
  if (proto.__kw) return;
  proto.__kw = true;
  proto.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute("open", "");
    const first = this.querySelector<HTMLElement>("input, select, button");
    first?.focus();
  };
  proto.close = function close(this: HTMLDialogElement) {
    if (!this.hasAttribute("open")) return;
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
}

/**
 * What every dialog test file needs around each test: modal <dialog> support, a fake clock, and
 * afterwards no IPC mocks, real timers and an empty page.
 */
export function setUpDialogTests(): void {
  installDialogSupport();
  beforeEach(() => useFakeClock());
  afterEach(() => {
    clearMocks();
    vi.useRealTimers();
    document.body.replaceChildren();
  });
}

/** Fake clocks, performance.now() included, so the arming delay can be stepped through. */
export function useFakeClock(): void {
  vi.useFakeTimers({
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date", "performance"],
  });
}

/** Lets pending promises and IPC mocks settle, moving the clock by `ms`. */
export async function settle(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

/** The open dialog with this data-testid, if any. */
export function dialogNamed(testId: string): HTMLDialogElement | null {
  return document.querySelector<HTMLDialogElement>(`dialog[open][data-testid="${testId}"]`);
}

/** The button with this data-testid (fails the test when missing). */
export function buttonNamed(testId: string): HTMLButtonElement {
  const button = document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`);
  if (!button) throw new Error(`no button ${testId}`);
  return button;
}

/** A mouse press and release on `button`: pointerdown, mousedown, then click. */
export function pressWithPointer(button: HTMLElement): void {
  button.dispatchEvent(new MouseEvent("pointerdown", { bubbles: true, cancelable: true }));
  button.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true }));
  button.dispatchEvent(new MouseEvent("pointerup", { bubbles: true, cancelable: true }));
  button.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, detail: 1 }));
}

/** A release without a press on `button` (the press began elsewhere, or before it existed). */
export function releaseOnly(button: HTMLElement): void {
  button.dispatchEvent(new MouseEvent("pointerup", { bubbles: true, cancelable: true }));
  button.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, detail: 1 }));
}

/** Enter on the focused `button`, followed by the click a browser makes of it (sent even when
 * the keydown was cancelled, so the guard is tested on its own). Returns the keydown. */
export function pressEnter(button: HTMLElement, repeat = false): KeyboardEvent {
  const keydown = new KeyboardEvent("keydown", { key: "Enter", repeat, bubbles: true, cancelable: true });
  button.dispatchEvent(keydown);
  button.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
  return keydown;
}
