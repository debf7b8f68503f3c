// Spend where people look for it: an organization's last days by project (stacked bars, a legend
// with each project's total), and a project's own spend in its header. Drawn from Rust's cache
// (costs grouped by project, read with every refresh).

import * as api from "../api";
import { el } from "../dom";
import { usdText } from "../formats";
import { serverName } from "../server-text";
import type { Scope } from "../store";
import { region } from "../store";
import type { SpendByProject } from "../types";
import { STACK_COLOURS, createSparkline, dayLabels, stackedBars } from "./charts";
import type { ViewContext } from "./context";

/** Loads `load` whenever the organization's data or the period changes, then draws it. */
function drawn(
  context: ViewContext,
  scope: Scope,
  orgId: string,
  container: HTMLElement,
  load: (days: number) => Promise<SpendByProject>,
  draw: (spend: SpendByProject) => (Node | null)[],
): void {
  region(
    context.store,
    scope,
    container,
    // A refresh bumps the organization's version, so the version alone says the spend changed.
    (s) => ({ version: s.versions[orgId] ?? 0, days: s.usageDays }),
    ({ days }, inner) => {
      const body = el("div", { className: "spend-body" });
      load(days)
        .then((spend) => {
          if (!inner.isDisposed) body.replaceChildren(...draw(spend).filter((n): n is Node => n !== null));
        })
        .catch(() => {
          if (!inner.isDisposed) body.replaceChildren();
        });
      return body;
    },
  );
}

/** The organization's spend by project over the chosen period, as stacked daily bars. */
export function orgSpendCard(context: ViewContext, scope: Scope, orgId: string): HTMLElement {
  const card = el("div", { className: "card spend-card", attrs: { "data-testid": "org-spend" } });
  drawn(context, scope, orgId, card, (days) => api.spendByProject(orgId, days), (spend) => {
    const total = spend.projects.reduce((sum, p) => sum + p.total, 0);
    const title = el("h2", { text: `Spend by project · last ${spend.days} days` });
    if (spend.projects.length === 0) {
      return [title, el("p", { className: "hint", text: "No spend recorded in this period (spend is read with each refresh).", attrs: { "data-testid": "org-spend-none" } })];
    }
    const labels = dayLabels(spend.firstDay, spend.days);
    const chart = stackedBars(
      spend.projects.map((p) => ({ label: p.name, values: p.daily })),
      labels,
      usdText,
    );
    chart.setAttribute("data-testid", "org-spend-chart");
    const legend = el(
      "ul",
      { className: "spend-legend" },
      spend.projects.map((p, i) =>
        el("li", { attrs: { "data-testid": "org-spend-project", "data-project-id": p.projectId } }, [
          el("span", { className: `swatch stack-${i % STACK_COLOURS}`, attrs: { "aria-hidden": "true" } }),
          serverName(p.name, "spend-name"),
          el("span", { className: "spend-total", text: usdText(p.total) }),
        ]),
      ),
    );
    return [
      el("div", { className: "card-title-row" }, [title, el("span", { className: "spend-sum", text: usdText(total), attrs: { "data-testid": "org-spend-total" } })]),
      chart,
      el("div", { className: "chart-axis" }, [el("span", { text: labels[0] ?? "" }), el("span", { text: labels[labels.length - 1] ?? "" })]),
      legend,
    ];
  });
  return card;
}

/** A project's spend over the chosen period, for its header: the sum and a sparkline. */
export function projectSpend(context: ViewContext, scope: Scope, orgId: string, projectId: string): HTMLElement {
  const box = el("span", { className: "project-spend", attrs: { "data-testid": "project-spend" } });
  drawn(context, scope, orgId, box, (days) => api.spendByProject(orgId, days, projectId), (spend) => {
    const project = spend.projects[0];
    if (!project) return [el("span", { className: "hint", text: `no spend in ${spend.days} days` })];
    const spark = createSparkline(64, 16);
    spark.show(project.daily);
    return [spark.element, el("span", { text: `${usdText(project.total)} in ${spend.days} days` })];
  });
  return box;
}
