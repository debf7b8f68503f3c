// A key's detail panel: what it was used for (requests and each kind's own unit per day), what it
// cost per day, and its audit history. Opened from a key row's usage cell. Metadata only.

import * as api from "../api";
import { el } from "../dom";
import { compactCount, formatCount, fullDate, relativeTime, scopesText, usdText } from "../formats";
import { inlineName, serverName } from "../server-text";
import type { CommandError, KeyInsight, KeyRow, KeyTimeline, KindSeries, TimelineEvent } from "../types";
import { dailyBars, dayLabels } from "./charts";
import { openDialog } from "./dialog";

const EVENT_LABELS: Record<string, string> = {
  "api_key.created": "Key created",
  "api_key.updated": "Key changed",
  "api_key.deleted": "Key revoked",
  "service_account.created": "Service account created",
  "service_account.updated": "Service account changed",
  "service_account.deleted": "Service account deleted",
};

function sum(values: readonly number[]): number {
  return values.reduce((total, n) => total + n, 0);
}

/** "1,234 requests · 56.7K tokens in, 3.1K out" — each kind in its own unit. */
export function kindSummary(series: KindSeries): string {
  const requests = sum(series.requests);
  const units = sum(series.units);
  const parts = [`${formatCount(requests)} ${requests === 1 ? "request" : "requests"}`];
  if (series.kind === "completions") {
    parts.push(`${compactCount(units)} tokens in, ${compactCount(sum(series.unitsOut))} out`);
  } else if (!(series.unit === "calls" && units === requests)) {
    parts.push(`${compactCount(units)} ${series.unit}`);
  }
  return parts.join(" · ");
}

function note(text: string, testId?: string): HTMLElement {
  return el("p", { className: "hint detail-note", text, attrs: testId ? { "data-testid": testId } : {} });
}

function usageSection(insight: KeyInsight): Node[] {
  if (insight.readAt === null) {
    return [note("Usage has not been read for this organization yet. Choose “Load usage” above the keys to see requests of every kind.", "key-usage-not-loaded")];
  }
  const labels = dayLabels(insight.firstDay, insight.days);
  const nodes: Node[] = [note(`Read ${relativeTime(insight.readAt)} · last ${insight.days} days, every kind of request.`)];
  if (insight.kinds.length === 0) {
    nodes.push(note(`No requests of any kind in the last ${insight.days} days.`, "key-usage-none"));
  }
  for (const series of insight.kinds) {
    const bars = dailyBars(series.requests, series.requests.map((n, i) => `${labels[i]}: ${formatCount(n)} requests, ${formatCount(series.units[i] ?? 0)} ${series.unit}`), "bars-usage");
    nodes.push(
      el("div", { className: "usage-kind", attrs: { "data-testid": "usage-kind", "data-kind": series.kind } }, [
        el("div", { className: "usage-kind-head" }, [
          el("strong", { text: series.label }),
          el("span", { className: "usage-kind-figures", text: kindSummary(series), attrs: { "data-testid": "usage-kind-figures" } }),
        ]),
        bars,
      ]),
    );
  }
  if (insight.spend.length > 0) {
    const total = sum(insight.spend);
    nodes.push(
      el("div", { className: "usage-kind", attrs: { "data-testid": "key-spend-daily" } }, [
        el("div", { className: "usage-kind-head" }, [
          el("strong", { text: "Spend" }),
          el("span", { className: "usage-kind-figures", text: `${usdText(total)} in ${insight.days} days` }),
        ]),
        dailyBars(insight.spend, insight.spend.map((v, i) => `${labels[i]}: ${usdText(v)}`), "bars-spend"),
      ]),
    );
  }
  for (const gap of insight.unavailable) {
    nodes.push(el("p", { className: "detail-warn", text: `${gap.what} could not be read: ${gap.why}`, attrs: { "data-testid": "usage-unavailable" } }));
  }
  return nodes;
}

function eventLine(event: TimelineEvent): HTMLElement {
  const label = EVENT_LABELS[event.kind] ?? event.kind;
  const who = event.actor ? `by ${event.actor}${event.actorKind === "session" ? " (dashboard)" : event.actorKind === "api_key" ? " (API key)" : ""}` : "by someone the log does not name";
  const where = event.ipAddress ? ` from ${event.ipAddress}` : "";
  const detail = event.scopes === null ? null : el("div", { className: "event-detail", text: `Permissions: ${scopesText(event.scopes)}` });
  return el("li", { className: "timeline-event", attrs: { "data-testid": "key-history-event", "data-kind": event.kind } }, [
    el("div", { className: "event-head" }, [
      el("strong", { text: label }),
      el("span", { className: "event-when", text: relativeTime(event.at), title: fullDate(event.at) }),
    ]),
    el("div", { className: "event-who", text: `${who}${where}`, title: event.userAgent ?? "" }),
    detail,
  ]);
}

function historySection(timeline: KeyTimeline): Node[] {
  if (timeline.gap !== null) {
    return [el("p", { className: "detail-warn", text: timeline.gap.message, attrs: { "data-testid": "key-history-gap", "data-reason": timeline.gap.reason } })];
  }
  if (timeline.events.length === 0) {
    return [note("The audit log holds no event about this key or its service account (it keeps events from when logging was turned on).", "key-history-empty")];
  }
  const list = el("ol", { className: "timeline" }, timeline.events.map(eventLine));
  return timeline.truncated ? [list, note("Older events are not shown.")] : [list];
}

function failure(error: unknown): Node[] {
  const message = (error as CommandError)?.message ?? String(error);
  return [el("p", { className: "detail-warn", text: message, attrs: { "data-testid": "key-detail-error" } })];
}

/** Opens the detail panel of `key` showing `days` (7 or 30) days of usage. */
export function keyDetails(orgId: string, key: KeyRow, days: number): void {
  const usage = el("div", { className: "detail-body", attrs: { "data-testid": "key-usage-detail", "aria-busy": "true" } }, [note("Reading usage…")]);
  const history = el("div", { className: "detail-body", attrs: { "data-testid": "key-history", "aria-busy": "true" } }, [note("Reading the audit log…")]);
  const period = el("select", { className: "input input-compact", attrs: { "data-testid": "key-detail-period", "aria-label": "Usage period" } }, [
    el("option", { text: "Last 7 days", attrs: { value: "7" } }),
    el("option", { text: "Last 30 days", attrs: { value: "30" } }),
  ]);
  period.value = String(days);
  const loadUsage = (): void => {
    usage.setAttribute("aria-busy", "true");
    api
      .keyInsight(orgId, key.id, Number(period.value))
      .then((insight) => usage.replaceChildren(...usageSection(insight)))
      .catch((error) => usage.replaceChildren(...failure(error)))
      .finally(() => usage.setAttribute("aria-busy", "false"));
  };
  period.addEventListener("change", loadUsage);
  const summary = el("div", { className: "detail-summary" }, [
    el("code", { className: "key-redacted", text: key.redactedValue }),
    el("span", { className: "hint", text: `${key.ownerKind === "serviceAccount" ? "Service account" : key.ownerKind === "user" ? "User" : "Owner"} ` }),
    serverName(key.ownerName),
  ]);
  openDialog({
    title: `Key “${inlineName(key.name || key.id)}”`,
    testId: "key-details",
    className: "dialog-details",
    body: [
      summary,
      el("section", { className: "detail-section" }, [
        el("div", { className: "detail-heading" }, [el("h3", { text: "Usage" }), period]),
        usage,
      ]),
      el("section", { className: "detail-section" }, [el("div", { className: "detail-heading" }, [el("h3", { text: "History" })]), history]),
    ],
    actions: [{ label: "Close", kind: "plain", testId: "key-details-close", run: () => true }],
  });
  loadUsage();
  api
    .keyTimeline(orgId, key.id)
    .then((timeline) => history.replaceChildren(...historySection(timeline)))
    .catch((error) => history.replaceChildren(...failure(error)))
    .finally(() => history.setAttribute("aria-busy", "false"));
}
