// What a rejected command becomes on the page: a CommandError with a known code, whatever the
// Rust side (or Tauri itself, for an argument it could not read) rejected with.

import type { CommandError, ErrorCode } from "./types";

/** Every error code once: a code added in Rust fails the typecheck until it is listed here. */
const KNOWN_CODES: Record<ErrorCode, true> = {
  adminKey: true,
  missingScope: true,
  readOnly: true,
  keychain: true,
  clipboard: true,
  vault: true,
  invalidInput: true,
  notFound: true,
  notSupported: true,
  refused: true,
  unreachable: true,
  cancelled: true,
  internal: true,
};
const CODES = Object.keys(KNOWN_CODES) as readonly ErrorCode[];

/** Turns whatever a command rejected with into a CommandError. */
export function toCommandError(raw: unknown): CommandError {
  if (typeof raw === "object" && raw !== null) {
    const candidate = raw as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof candidate.message === "string") {
      const code = CODES.find((c) => c === candidate.code) ?? "internal";
      const details = typeof candidate.details === "string" ? { details: candidate.details } : {};
      return { code, message: candidate.message, ...details };
    }
  }
  if (typeof raw === "string" && raw.length > 0) {
    return { code: "internal", message: raw };
  }
  return { code: "internal", message: "Something went wrong inside Keywarden." };
}
