// The values a key policy is made of, apart from any form: the scope catalogue the checklist
// offers, the expiry presets, and the small readers and checks the create and edit dialogs share.

import { READ_ONLY_SCOPE, dayText } from "../formats";
import type { CommandError, KeyPolicy, Permissions } from "../types";

/** One resource of the scope catalogue and its identifiers with their short labels. */
export interface ScopeGroup {
  resource: string;
  scopes: { scope: string; label: string }[];
}

const rw = (resource: string, id: string): ScopeGroup => ({
  resource,
  scopes: [
    { scope: `api.${id}.read`, label: "Read" },
    { scope: `api.${id}.write`, label: "Write" },
  ],
});

/**
 * The scope identifiers offered as checkboxes. The API does not publish its list of scopes (the
 * dashboard uses these identifiers, the spec does not enumerate them), so this catalogue is a
 * convenience only: "Other permissions" always takes identifiers it lacks, sent as typed, and
 * the server is the one to refuse an identifier it does not know.
 */
export const SCOPE_CATALOGUE: readonly ScopeGroup[] = [
  { resource: "Models", scopes: [{ scope: "api.model.read", label: "Read" }] },
  rw("Responses", "responses"),
  { resource: "Chat completions", scopes: [{ scope: "api.chat.completions.write", label: "Write" }] },
  { resource: "Embeddings", scopes: [{ scope: "api.embeddings.write", label: "Write" }] },
  { resource: "Images", scopes: [{ scope: "api.images.write", label: "Write" }] },
  { resource: "Audio", scopes: [{ scope: "api.audio.write", label: "Write" }] },
  { resource: "Moderations", scopes: [{ scope: "api.moderations.write", label: "Write" }] },
  rw("Files", "files"),
  rw("Vector stores", "vector_stores"),
  rw("Assistants", "assistants"),
  rw("Threads", "threads"),
  rw("Fine-tuning", "fine_tuning"),
  rw("Batch", "batch"),
  rw("Evals", "evals"),
];

/** The expiry presets, in days. */
export const EXPIRY_DAYS: readonly number[] = [7, 30, 90, 365];

/** What the form reads when something must be fixed first. */
export interface FormError {
  error: string;
}

/** Whether `value` is a form error rather than a policy or change. */
export function isFormError(value: unknown): value is FormError {
  return typeof value === "object" && value !== null && typeof (value as FormError).error === "string";
}

/** Whether `value` has the shape of a KeyPolicy (an answer from Rust, or a test's mock). */
export function isKeyPolicy(value: unknown): value is KeyPolicy {
  if (typeof value !== "object" || value === null) return false;
  const { permissions, expiry } = value as { permissions?: { kind?: unknown; scopes?: unknown }; expiry?: { kind?: unknown; days?: unknown; date?: unknown } };
  const permissionsOk =
    permissions?.kind === "all" ||
    permissions?.kind === "readOnly" ||
    (permissions?.kind === "restricted" && Array.isArray(permissions.scopes) && permissions.scopes.every((s) => typeof s === "string"));
  const expiryOk =
    expiry?.kind === "never" ||
    (expiry?.kind === "days" && typeof expiry.days === "number") ||
    (expiry?.kind === "date" && typeof expiry.date === "string");
  return permissionsOk && expiryOk;
}

/** The permissions that `scopes` (as the API takes them) describe. */
export function permissionsFromScopes(scopes: readonly string[]): Permissions {
  if (scopes.length === 0) return { kind: "all" };
  if (scopes.length === 1 && scopes[0] === READ_ONLY_SCOPE) return { kind: "readOnly" };
  return { kind: "restricted", scopes: [...scopes] };
}

/**
 * Whether a failed create or change was a refusal the person can answer in the dialog: bad input,
 * something the organization does not offer, or the server refusing the request (`refused`, its
 * HTTP 400: e.g. an expiry policy refusing "Never", with the server's own words). A refused
 * request changed nothing, so the dialog keeps what was filled in.
 */
export function isRefusal(error: CommandError): boolean {
  return error.code === "invalidInput" || error.code === "notSupported" || error.code === "refused";
}

/** `YYYY-MM-DD` of the local calendar day `ms` falls on. */
export function localDate(ms: number): string {
  const at = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** "12 Mar 2027" for a `YYYY-MM-DD` date, read as that local day (not UTC midnight). */
export function dateText(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? dayText(`${date}T12:00:00`) : date;
}

/** Splits free-form identifiers on commas and whitespace, dropping blanks. */
export function splitScopes(text: string): string[] {
  return text.split(/[\s,]+/).filter((part) => part.length > 0);
}
