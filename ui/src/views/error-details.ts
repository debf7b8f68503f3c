// The particulars of an error (operation, HTTP status, the server's text, request id) behind a
// "Details" disclosure, so a message leads with what happened and what to do.

import { el } from "../dom";

/** A closed "Details" disclosure with `details` as plain text, or null when there are none. */
export function errorDetails(details: string | null | undefined): HTMLElement | null {
  if (!details) return null;
  return el("details", { className: "error-details", attrs: { "data-testid": "error-details" } }, [
    el("summary", { text: "Details" }),
    el("pre", { className: "error-details-text", text: details }),
  ]);
}
