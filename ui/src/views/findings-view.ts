// The keys one hygiene rule finds in an organization, across its projects: what the rule means,
// what to do about it, and the windowed table whose rows offer that action.

import { el } from "../dom";
import { plural } from "../formats";
import { orgById } from "../state";
import { type Scope, region } from "../store";
import type { HygieneRule } from "../types";
import type { ViewContext } from "./context";
import { RULES } from "./hygiene-card";
import { keysBody } from "./project-view";

/** The fitting row action of each rule: the button the findings table shows as primary. */
export const FITTING_ACTION: Record<HygieneRule, "revoke" | "edit"> = {
  expired: "revoke",
  expiring: "edit",
  ownerLostAccess: "revoke",
  neverUsed: "revoke",
  idle: "revoke",
  neverExpires: "edit",
  unrestrictedServiceAccount: "edit",
};

/** The findings of `rule` in an organization. */
export function findingsView(context: ViewContext, scope: Scope, orgId: string, rule: HygieneRule): HTMLElement {
  const head = el("header", { className: "content-header" });
  region(
    context.store,
    scope,
    head,
    (s) => ({ label: orgById(s, orgId)?.label ?? "", thresholds: s.hygiene[orgId]?.thresholds, total: s.keys.total }),
    ({ label, thresholds, total }) => {
      const text = RULES[rule];
      const title = thresholds ? text.title(thresholds) : "Findings";
      return [
        el("div", { className: "header-row" }, [
          el("div", { className: "header-text" }, [
            el("div", { className: "crumbs", text: `${label} · Key hygiene` }),
            el("h1", { className: "project-title", text: title, attrs: { "data-testid": "findings-title" } }),
          ]),
          el("div", { className: "header-actions" }, [
            el("button", {
              className: "button plain",
              text: "Back to the organization",
              attrs: { type: "button", "data-testid": "findings-back" },
              onClick: () => context.actions.select({ kind: "org", orgId }),
            }),
          ]),
        ]),
        el("div", { className: "meta" }, [
          el("span", {
            className: "key-count",
            text: total === null ? "Counting…" : plural(total, "key", "keys"),
            attrs: { "data-testid": "keys-total", "aria-live": "polite" },
          }),
          el("span", { className: "dot", text: "·" }),
          el("span", { className: "finding-advice", text: `${text.why} ${text.action}` }),
        ]),
      ];
    },
  );
  return el("section", { className: "keys-view" }, [
    head,
    keysBody(context, scope, orgId, { showProject: true, emptyTitle: "Nothing found", emptyText: "No key meets this rule now.", fitting: FITTING_ACTION[rule] }),
  ]);
}
