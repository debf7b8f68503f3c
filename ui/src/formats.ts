// Every date, time, count and amount the window shows, formatted by `Intl` formatters made once
// at start (making one per table row was a measurable cost).

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const exactly = new Intl.RelativeTimeFormat("en", { numeric: "always" });
/** Units of a time still ahead: days up to two months, so "in 30 days" reads exactly. */
const AHEAD: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 60 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];
const dateTime = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  second: "2-digit",
});
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });
const count = new Intl.NumberFormat("en-US");
const dollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** How many days of spend each key row carries. */
export const SPEND_DAYS = 30;

/** A past instant relative to `now`, e.g. "3 days ago"; `null` reads "never". */
export function relativeTime(iso: string | null, now: Date | number = Date.now()): string {
  if (iso === null) return "never";
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return "unknown";
  const seconds = Math.round(((typeof now === "number" ? now : now.getTime()) - then) / 1000);
  if (seconds < 45) return "just now";
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return relative.format(-Math.floor(seconds / size), unit);
  }
  return relative.format(-Math.max(1, Math.round(seconds / 60)), "minute");
}

/** A future instant relative to `now`, e.g. "in 5 days", "in 3 hours". */
export function timeUntil(iso: string, now: Date | number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return "unknown";
  const seconds = Math.round((then - (typeof now === "number" ? now : now.getTime())) / 1000);
  if (seconds < 60) return "in less than a minute";
  // Rounded, not floored: a key minted a moment ago "for 30 days" reads "in 30 days".
  for (const [unit, size] of AHEAD) {
    if (seconds >= size) {
      const n = unit === "month" ? Math.round(seconds / (30 * 24 * 3600)) : Math.round(seconds / size);
      return exactly.format(n, unit);
    }
  }
  return exactly.format(Math.max(1, Math.round(seconds / 60)), "minute");
}

/** When a key expires, relative to `now`: "in 5 days", "expired 2 days ago", "never". */
export function expiryText(iso: string | null, now: Date | number = Date.now()): string {
  if (iso === null) return "never";
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return "unknown";
  const at = typeof now === "number" ? now : now.getTime();
  return then <= at ? `expired ${relativeTime(iso, at)}` : timeUntil(iso, at);
}

/** Whether a key with this expiry has expired at `now`. */
export function isExpired(iso: string | null, now: number = Date.now()): boolean {
  if (iso === null) return false;
  const then = Date.parse(iso);
  return !Number.isNaN(then) && then <= now;
}

/** A calendar date such as "12 Mar 2027"; `null` reads "never". */
export function dayText(iso: string | null): string {
  if (iso === null) return "never";
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : day.format(time);
}

/** The scope that makes a key read-only. */
export const READ_ONLY_SCOPE = "api.all.read";

/** What a key may do, in words: "All permissions", "Read only", "Restricted: a, b". */
export function scopesText(scopes: readonly string[]): string {
  if (scopes.length === 0) return "All permissions";
  if (scopes.length === 1 && scopes[0] === READ_ONLY_SCOPE) return "Read only";
  return `Restricted: ${scopes.join(", ")}`;
}

/** The full local date and time, for tooltips. */
export function fullDate(iso: string | null): string {
  if (iso === null) return "Never used";
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateTime.format(time);
}

/** A count with thousands separators: "1,950". */
export function formatCount(value: number): string {
  return count.format(value);
}

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** A count in a few characters: "950", "1.2K", "3.4M". */
export function compactCount(value: number): string {
  return compact.format(value);
}

/** "3 keys", "1 key", "1,950 projects". */
export function plural(value: number, one: string, many: string): string {
  return `${count.format(value)} ${value === 1 ? one : many}`;
}

/** "$1.23 in 30 days", "no spend in 30 days" when a key cost nothing, null when unknown. */
/** An amount in US dollars, e.g. "$1,234.50". */
export function usdText(value: number): string {
  return dollars.format(value);
}

export function spendText(spendUsd: number | null): string | null {
  if (spendUsd === null) return null;
  if (spendUsd === 0) return `no spend in ${SPEND_DAYS} days`;
  return `${dollars.format(spendUsd)} in ${SPEND_DAYS} days`;
}
