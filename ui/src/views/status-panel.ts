// Loading, empty and error states: each says what is happening or what to do next.

import { el } from "../dom";
import type { CommandError } from "../types";
import { errorDetails } from "./error-details";

/** A spinner with a line of text. */
export function loadingPanel(text: string): HTMLElement {
  return el("div", { className: "panel panel-loading", attrs: { role: "status" } }, [
    el("span", { className: "spinner", attrs: { "aria-hidden": "true" } }),
    el("p", { text }),
  ]);
}

/** An empty state: a title and a hint about what to do next. */
export function emptyPanel(title: string, hint: string): HTMLElement {
  return el("div", { className: "panel panel-empty" }, [
    el("h2", { text: title }),
    el("p", { className: "hint", text: hint }),
  ]);
}

const ERROR_TITLES: Record<CommandError["code"], string> = {
  adminKey: "The admin key was not accepted",
  missingScope: "The admin key lacks a permission",
  readOnly: "The admin key is read-only",
  keychain: "The keychain cannot be used",
  clipboard: "The clipboard cannot be used",
  vault: "The key did not reach the vault",
  invalidInput: "That input was not accepted",
  notFound: "Not found",
  notSupported: "Not supported by this organization",
  refused: "OpenAI refused the request",
  unreachable: "Could not reach the organization",
  cancelled: "Cancelled",
  internal: "Something went wrong",
};

/** An error state with the reason and, when given, a retry button. */
export function errorPanel(error: CommandError, onRetry?: () => void): HTMLElement {
  return el("div", { className: "panel panel-error", attrs: { role: "alert" } }, [
    el("h2", { text: ERROR_TITLES[error.code] }),
    el("p", { className: "error-message", text: error.message }),
    errorDetails(error.details),
    onRetry
      ? el("button", { className: "button", text: "Try again", onClick: () => onRetry() })
      : null,
  ]);
}

/** A notice at the top of the content, e.g. a settings file that was set aside. */
export function noticeBanner(text: string, onDismiss: () => void): HTMLElement {
  return el("div", { className: "notice", attrs: { role: "status" } }, [
    el("span", { text }),
    el("button", { className: "button plain", text: "Dismiss", attrs: { type: "button" }, onClick: onDismiss }),
  ]);
}
