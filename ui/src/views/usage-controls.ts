// The usage bar of a keys view and an organization: which period the sparklines show, when usage
// was last read, what could not be read, and the button that reads it (usage is read on demand:
// one organization-wide report per kind of request).

import { el } from "../dom";
import { relativeTime } from "../formats";
import type { Scope } from "../store";
import { region } from "../store";
import type { Progress } from "../types";
import type { ViewContext } from "./context";

/** The usage bar for `orgId`. */
export function usageControls(context: ViewContext, scope: Scope, orgId: string): HTMLElement {
  const bar = el("div", { className: "usage-bar", attrs: { "data-testid": "usage-bar" } });
  region(
    context.store,
    scope,
    bar,
    (s) => ({
      days: s.usageDays,
      readAt: s.statuses[orgId]?.usageReadAt ?? null,
      read: s.usageReads[orgId],
      now: s.now,
    }),
    ({ days, readAt, read, now }) => {
      const reading = read?.kind === "reading";
      const period = el("select", { className: "input input-compact", attrs: { "data-testid": "usage-period", "aria-label": "Usage period" } }, [
        el("option", { text: "Usage: 7 days", attrs: { value: "7" } }),
        el("option", { text: "Usage: 30 days", attrs: { value: "30" } }),
      ]);
      period.value = String(days);
      period.addEventListener("change", () => context.actions.setUsageDays(period.value === "7" ? 7 : 30));
      const button = el("button", {
        className: `button ${readAt === null ? "primary" : "plain"} small`,
        text: reading ? "Reading usage…" : readAt === null ? "Load usage" : "Refresh usage",
        title: "Reads the last 30 days of requests of every kind (completions, embeddings, images, audio, moderations, searches) and spend, per key",
        attrs: { type: "button", "data-testid": "refresh-usage" },
        onClick: () => context.actions.readUsage(orgId),
      });
      button.disabled = reading;
      const status = el("span", {
        className: "usage-status hint",
        attrs: { "data-testid": "usage-status", "aria-live": "polite" },
        text: reading
          ? `Reading every kind of usage…${percent(read.progress)}`
          : readAt === null
            ? "Usage not loaded: sparklines and idle checks use “last used” only."
            : `Usage of every kind read ${relativeTime(readAt, now)}.`,
      });
      const gaps = read?.kind === "read" ? read.read.unavailable : [];
      const warning =
        gaps.length === 0
          ? null
          : el("span", {
              className: "usage-gaps",
              text: `${gaps.map((g) => g.what).join(", ")} could not be read`,
              title: gaps.map((g) => `${g.what}: ${g.why}`).join("\n"),
              attrs: { "data-testid": "usage-unavailable-summary" },
            });
      return [period, button, status, warning];
    },
  );
  return bar;
}

/** " 45%" once the read has said how far it is, or nothing before. */
function percent(progress: Progress | null): string {
  if (!progress || progress.total <= 0) return "";
  return ` ${Math.floor((100 * Math.min(progress.done, progress.total)) / progress.total)}%`;
}
