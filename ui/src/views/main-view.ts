// The main area: notices on top, then the view the selection and the search call for. The view is
// built again only when that choice changes; each view then redraws its own parts.

import { el } from "../dom";
import { plural } from "../formats";
import { openRotation } from "../key-rotation";
import { type AppState, currentOrg, orgById, searching } from "../state";
import { type Scope, region } from "../store";
import type { CommandError, HygieneRule } from "../types";
import type { ViewContext } from "./context";
import { findingsView } from "./findings-view";
import { renderOrgView } from "./org-view";
import { orgSpendCard } from "./spend-chart";
import { usageControls } from "./usage-controls";
import { projectView, searchView } from "./project-view";
import { mountRotationBanner } from "./rotation-banner";
import { emptyPanel, errorPanel, loadingPanel, noticeBanner } from "./status-panel";

type Route =
  | { kind: "failed"; error: CommandError }
  | { kind: "starting" }
  | { kind: "search"; orgId: string }
  | { kind: "org"; orgId: string }
  | { kind: "project"; orgId: string; projectId: string }
  | { kind: "findings"; orgId: string; rule: HygieneRule }
  | { kind: "welcome" };

/** Which view the state calls for. */
export function routeOf(state: AppState): Route {
  if (state.loadError) return { kind: "failed", error: state.loadError };
  if (!state.started) return { kind: "starting" };
  const org = currentOrg(state);
  if (org && searching(state)) return { kind: "search", orgId: org.id };
  const selection = state.selection;
  if (selection.kind !== "welcome" && orgById(state, selection.orgId)) return selection;
  return { kind: "welcome" };
}

function orgView(context: ViewContext, scope: Scope, orgId: string): HTMLElement {
  const container = el("div");
  const insight = el("div", { className: "org-insight" }, [usageControls(context, scope, orgId), orgSpendCard(context, scope, orgId)]);
  region(
    context.store,
    scope,
    container,
    (s) => ({
      org: orgById(s, orgId),
      status: s.statuses[orgId],
      health: s.health[orgId],
      activity: s.activity[orgId],
      projects: s.projects[orgId],
      hygiene: s.hygiene[orgId],
    }),
    ({ org, status, health, activity, projects, hygiene }) => {
      if (!org) return null;
      const projectName = (id: string) => projects?.all.find((p) => p.id === id)?.name;
      const { actions } = context;
      return renderOrgView(
        { org, status, health, activity, hygiene, projectName, insight },
        {
          onRefresh: () => actions.refresh(orgId),
          onRename: () => actions.renameOrganization(orgId),
          onRemove: () => actions.removeOrganization(orgId),
          onPasteKey: () => actions.pasteKeyAgain(orgId),
          onRotate: () => actions.rotateAdminKey(orgId),
          onCheckKey: () => actions.checkAdminKey(orgId),
          onFinding: (rule) => actions.select({ kind: "findings", orgId, rule }),
          onThresholds: () => actions.editHygieneThresholds(),
        },
      );
    },
  );
  return container;
}

function projectRoute(context: ViewContext, scope: Scope, orgId: string): HTMLElement {
  const container = el("div", { className: "route" });
  region(
    context.store,
    scope,
    container,
    (s) => (s.selectedProject === "gone" ? "gone" : s.selectedProject === null ? "loading" : "ready"),
    (state, inner) => {
      if (state === "gone") return emptyPanel("This project is gone", "It may have been deleted; choose another project.");
      if (state === "loading") return loadingPanel("Loading keys…");
      return projectView(context, inner, orgId);
    },
  );
  return container;
}

function welcome(context: ViewContext, scope: Scope): HTMLElement {
  const container = el("div", { className: "route" });
  region(
    context.store,
    scope,
    container,
    (s) => ({ orgs: s.orgs, statuses: s.statuses, progress: s.progress, errors: s.refreshErrors }),
    ({ orgs, statuses, progress, errors }) => {
      const noCache = (id: string) => (statuses[id]?.refreshedAt ?? null) === null;
      const failed = orgs.find((org) => errors[org.id] && noCache(org.id));
      const failure = failed ? errors[failed.id] : undefined;
      if (failed && failure) return errorPanel(failure, () => context.actions.refresh(failed.id));
      if (orgs.some((org) => progress[org.id] && noCache(org.id))) return loadingPanel("Loading projects…");
      const projects = orgs.reduce((sum, org) => sum + (statuses[org.id]?.projectCount ?? 0), 0);
      return el("div", { className: "welcome" }, [
        emptyPanel(
          "Choose a project",
          "Pick a project on the left to see its API keys, their owners and when they were last used. Press / to search every key of an organization.",
        ),
        el("p", {
          className: "welcome-summary",
          text: `${plural(orgs.length, "organization", "organizations")}, ${plural(projects, "project", "projects")}`,
        }),
        el("p", { className: "welcome-summary" }, [
          el("button", {
            className: "button primary",
            text: "Add your organization",
            attrs: { type: "button" },
            onClick: () => context.actions.addOrganization(),
          }),
        ]),
      ]);
    },
  );
  return container;
}

/** Fills `view` with the notices and the routed content; they redraw on their own from now on. */
export function mountMainView(view: HTMLElement, context: ViewContext, scope: Scope): void {
  const notices = el("div", { className: "notices" });
  const rotations = el("div");
  const content = el("div", { className: "route" });
  view.replaceChildren(notices, rotations, content);
  mountRotationBanner(rotations, ({ rotation }) =>
    openRotation(context.host, rotation.orgId, rotation.rotationId, rotation.oldKey.name),
  );
  region(context.store, scope, notices, (s) => s.notices, (list) =>
    list.map((notice) => noticeBanner(notice, () => context.actions.dismissNotice(notice))),
  );
  region(context.store, scope, content, routeOf, (route, inner) => {
    switch (route.kind) {
      case "failed":
        return errorPanel(route.error, () => context.actions.retryStart());
      case "starting":
        return loadingPanel("Starting…");
      case "search":
        return searchView(context, inner, route.orgId);
      case "org":
        return orgView(context, inner, route.orgId);
      case "project":
        return projectRoute(context, inner, route.orgId);
      case "findings":
        return findingsView(context, inner, route.orgId, route.rule);
      case "welcome":
        return welcome(context, inner);
    }
  });
}
