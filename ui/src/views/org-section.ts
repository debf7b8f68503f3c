// One organization in the sidebar: a collapsible header, a status line, the refresh progress (which
// updates in place and nothing else), and its projects — the first page from `query_projects`,
// "Show more", a filter once there are many, and archived ones behind a toggle.

import { debounce } from "../coalesce";
import { el } from "../dom";
import { formatCount } from "../formats";
import { fillServerText, hiddenCharactersHint, visibleText } from "../server-text";
import { type AppState, PROJECT_PAGE, orgById, sidebarOf } from "../state";
import { type Scope, region } from "../store";
import type { Progress, ProjectRow } from "../types";
import type { ViewContext } from "./context";

/** Organizations with more projects than this get a filter box. */
export const FILTER_FROM = 12;

type Note = { kind: "error" | "note"; text: string } | null;

function noteOf(state: AppState, orgId: string): Note {
  const org = orgById(state, orgId);
  if (!org) return null;
  if (org.status.state === "adminKeyMissing") return { kind: "error", text: "Admin key missing — paste it again" };
  if (org.status.state === "adminKeyRejected") return { kind: "error", text: "Admin key rejected — replace it" };
  if (org.status.state !== "ready") return { kind: "error", text: "Cannot be opened" };
  if (state.progress[orgId]) return null;
  if (state.refreshErrors[orgId]) return { kind: "error", text: "Could not refresh" };
  const list = state.projects[orgId];
  const status = state.statuses[orgId];
  if (list?.error) return { kind: "error", text: "Could not list projects" };
  if (!list || !status) return { kind: "note", text: "Loading projects…" };
  if (list.allTotal > 0) return null;
  if (list.filter !== "") return { kind: "note", text: "No project matches" };
  return { kind: "note", text: status.refreshedAt === null ? "Loading projects…" : "No projects yet" };
}

function progressBlock(onCancel: () => void): { element: HTMLElement; show: (progress: Progress) => void } {
  const text = el("p", { className: "sidebar-note" });
  const bar = el("progress", { className: "progress" });
  const element = el("div", { className: "sidebar-progress", attrs: { role: "status", "data-testid": "refresh-progress" } }, [
    el("div", { className: "progress-row" }, [
      text,
      el("button", {
        className: "link-button",
        text: "Cancel",
        attrs: { type: "button", "data-testid": "cancel-refresh" },
        onClick: onCancel,
      }),
    ]),
    bar,
  ]);
  const show = (progress: Progress): void => {
    text.textContent =
      progress.total > 0 ? `Refreshing… ${formatCount(progress.done)}/${formatCount(progress.total)}` : "Refreshing…";
    text.title = progress.total > 0 ? `${formatCount(progress.done)} of ${formatCount(progress.total)} projects fetched` : "";
    bar.max = Math.max(progress.total, 1);
    bar.value = progress.done;
  };
  return { element, show };
}

function projectButton(context: ViewContext, orgId: string, project: ProjectRow): HTMLButtonElement {
  const archived = project.status === "archived";
  const name = el("bdi", { className: "project-name" });
  const hidden = fillServerText(name, project.name, false);
  return el(
    "button",
    {
      className: `project${archived ? " archived" : ""}`,
      title: hidden.length > 0 ? hiddenCharactersHint(hidden, `name “${visibleText(project.name)}”`) : project.name,
      dataset: { projectId: project.id, orgId },
      attrs: { type: "button", "aria-current": "false", "data-testid": "project-item" },
      onClick: () => context.actions.select({ kind: "project", orgId, projectId: project.id }),
    },
    [
      name,
      archived
        ? el("span", { className: "tag", text: "archived" })
        : el("span", { className: "count", text: formatCount(project.keyCount) }),
    ],
  );
}

function header(context: ViewContext, scope: Scope, orgId: string): HTMLElement {
  const { store, actions } = context;
  const chevron = el("button", {
    className: "org-toggle",
    attrs: { type: "button", "data-testid": "org-toggle" },
    onClick: () => actions.patchSidebar(orgId, { collapsed: !sidebarOf(store.get(), orgId).collapsed }),
  });
  const head = el("div", { className: "org-head" });
  region(
    store,
    scope,
    head,
    (s) => ({
      org: orgById(s, orgId),
      index: s.orgs.findIndex((org) => org.id === orgId),
      selected: s.selection.kind === "org" && s.selection.orgId === orgId,
      collapsed: sidebarOf(s, orgId).collapsed,
      attention: s.hygiene[orgId]?.needingAttention ?? 0,
    }),
    ({ org, index, selected, collapsed, attention }) => {
      chevron.textContent = collapsed ? "▸" : "▾";
      chevron.setAttribute("aria-expanded", String(!collapsed));
      chevron.setAttribute("aria-label", `${collapsed ? "Show" : "Hide"} the projects of ${org?.label ?? ""}`);
      if (!org) return chevron;
      return [
        el(
          "button",
          {
            className: `org-header${selected ? " selected" : ""}`,
            title: index >= 0 && index < 9 ? `${org.label} (Ctrl+${index + 1})` : org.label,
            attrs: { type: "button", "data-testid": "org-header" },
            onClick: () => actions.select({ kind: "org", orgId }),
          },
          [
            el("bdi", { className: "org-label", text: org.label }),
            org.kind === "demo" ? el("span", { className: "badge", text: "Demo" }) : null,
            org.status.state !== "ready" ? el("span", { className: "badge badge-warn", text: "!" }) : null,
            org.status.state === "ready" && attention > 0
              ? el("span", {
                  className: "badge badge-attention",
                  text: formatCount(attention),
                  title: `${formatCount(attention)} ${attention === 1 ? "key needs" : "keys need"} attention (expired, expiring, unused or without an owner); see Key hygiene`,
                  attrs: { "data-testid": "hygiene-badge" },
                })
              : null,
          ],
        ),
        chevron,
      ];
    },
  );
  return head;
}

function progressLine(context: ViewContext, scope: Scope, orgId: string): HTMLElement {
  const container = el("div", { className: "org-progress" });
  const block = progressBlock(() => context.actions.cancelRefresh(orgId));
  const show = (progress: Progress | undefined): void => {
    if (!progress) {
      container.replaceChildren();
      return;
    }
    block.show(progress);
    if (block.element.parentElement !== container) container.replaceChildren(block.element);
  };
  show(context.store.get().progress[orgId]);
  scope.add(context.store.subscribe((s) => s.progress[orgId], show));
  return container;
}

function filterBox(context: ViewContext, scope: Scope, orgId: string): HTMLInputElement {
  const input = el("input", {
    className: "project-filter",
    attrs: {
      type: "search",
      placeholder: "Filter projects",
      "aria-label": "Filter projects",
      autocomplete: "off",
      spellcheck: "false",
      "data-testid": "project-filter",
    },
  });
  const apply = debounce((text: string) => context.actions.patchSidebar(orgId, { filter: text, limit: PROJECT_PAGE }), 150);
  scope.add(() => apply.cancel());
  input.addEventListener("input", () => apply.call(input.value));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && input.value !== "") {
      event.stopPropagation();
      input.value = "";
      apply.cancel();
      context.actions.patchSidebar(orgId, { filter: "", limit: PROJECT_PAGE });
    }
  });
  const visible = (s: AppState): boolean => {
    const list = s.projects[orgId];
    return sidebarOf(s, orgId).filter !== "" || (list !== undefined && list.allTotal > FILTER_FROM);
  };
  input.hidden = !visible(context.store.get());
  scope.add(context.store.subscribe(visible, (shown) => (input.hidden = !shown && input.value === "")));
  return input;
}

function projectList(context: ViewContext, scope: Scope, orgId: string): HTMLElement {
  const { store } = context;
  const list = el("ul", { className: "project-list" });
  let buttons = new Map<string, HTMLButtonElement>();
  const selectedId = (s: AppState): string | null =>
    s.selection.kind === "project" && s.selection.orgId === orgId ? s.selection.projectId : null;
  const mark = (id: string | null, previous: string | null = null): void => {
    for (const key of [previous, id]) {
      const button = key === null ? undefined : buttons.get(key);
      if (!button) continue;
      button.classList.toggle("selected", key === id);
      button.setAttribute("aria-current", key === id ? "page" : "false");
    }
  };
  region(
    store,
    scope,
    list,
    (s) => {
      const projects = s.projects[orgId];
      return projects ? (sidebarOf(s, orgId).showArchived ? projects.all : projects.active) : null;
    },
    (rows) => {
      buttons = new Map((rows ?? []).map((project) => [project.id, projectButton(context, orgId, project)]));
      mark(selectedId(store.get()));
      return [...buttons.values()].map((button) => el("li", {}, [button]));
    },
  );
  scope.add(store.subscribe(selectedId, (id, previous) => mark(id, previous)));
  return list;
}

function listFooter(context: ViewContext, scope: Scope, orgId: string): HTMLElement {
  const footer = el("div", { className: "org-more" });
  region(
    context.store,
    scope,
    footer,
    (s) => {
      const list = s.projects[orgId];
      const side = sidebarOf(s, orgId);
      if (!list) return null;
      const shown = side.showArchived ? list.all.length : list.active.length;
      const total = side.showArchived ? list.allTotal : list.activeTotal;
      return { left: total - shown, archived: list.archivedTotal, showArchived: side.showArchived, limit: side.limit };
    },
    (footerState) => {
      if (!footerState) return null;
      const { left, archived, showArchived, limit } = footerState;
      return [
        left > 0
          ? el("button", {
              className: "archived-toggle",
              text: `Show more (${formatCount(left)} more)`,
              attrs: { type: "button", "data-testid": "show-more-projects" },
              onClick: () => context.actions.patchSidebar(orgId, { limit: limit + PROJECT_PAGE }),
            })
          : null,
        archived > 0 || showArchived
          ? el("button", {
              className: "archived-toggle",
              text: showArchived ? "Hide archived" : `Show archived (${formatCount(archived)})`,
              attrs: { type: "button", "data-testid": "toggle-archived" },
              onClick: () => context.actions.patchSidebar(orgId, { showArchived: !showArchived }),
            })
          : null,
      ];
    },
  );
  return footer;
}

/** Builds an organization's sidebar section; it follows the store until `scope` is disposed. */
export function createOrgSection(context: ViewContext, scope: Scope, orgId: string): HTMLElement {
  const note = el("div", { className: "org-note" });
  region(context.store, scope, note, (s) => noteOf(s, orgId), (value) =>
    value ? el("p", { className: `sidebar-note${value.kind === "error" ? " sidebar-error" : ""}`, text: value.text }) : null,
  );
  const body = el("div", { className: "org-body" }, [
    filterBox(context, scope, orgId),
    projectList(context, scope, orgId),
    listFooter(context, scope, orgId),
  ]);
  body.hidden = sidebarOf(context.store.get(), orgId).collapsed;
  scope.add(context.store.subscribe((s) => sidebarOf(s, orgId).collapsed, (collapsed) => (body.hidden = collapsed)));
  return el("section", { className: "org", dataset: { orgId }, attrs: { "data-testid": "org-item" } }, [
    header(context, scope, orgId),
    note,
    progressLine(context, scope, orgId),
    body,
  ]);
}
