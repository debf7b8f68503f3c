// "3 days ago", "never": how dates read in the tables.

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const formatter = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** A past instant relative to `now`, e.g. "3 days ago"; `null` reads "never". */
export function relativeTime(iso: string | null, now: Date = new Date()): string {
  if (iso === null) return "never";
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return "unknown";
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (seconds < 45) return "just now";
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return formatter.format(-Math.floor(seconds / size), unit);
  }
  return formatter.format(-Math.max(1, Math.round(seconds / 60)), "minute");
}

/** The full local date and time, for tooltips. */
export function fullDate(iso: string | null): string {
  if (iso === null) return "Never used";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
