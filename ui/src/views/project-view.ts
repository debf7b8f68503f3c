// One project: its header and its keys.

import { el } from "../dom";
import type { ProjectInventory } from "../types";
import { type RowActions, type Sort, renderKeysTable } from "./keys-table";
import { emptyPanel } from "./status-panel";

/** Renders a project's header and its keys table (or an empty state that says what to do). */
export function renderProjectView(
  orgLabel: string,
  entry: ProjectInventory,
  sort: Sort,
  actions: RowActions,
  headerButtons: HTMLElement[] = [],
): HTMLElement {
  const { project, keys } = entry;
  const count = `${keys.length} ${keys.length === 1 ? "key" : "keys"}`;
  const header = el("header", { className: "content-header" }, [
    el("div", { className: "header-row" }, [
      el("div", { className: "header-text" }, [
        el("div", { className: "crumbs", text: orgLabel }),
        el("h1", { className: "project-title", text: project.name, title: project.name }),
      ]),
      el("div", { className: "header-actions" }, headerButtons),
    ]),
    el("div", { className: "meta" }, [
      el("code", { className: "project-id", text: project.id }),
      el("span", { className: "dot", text: "·" }),
      el("span", { className: "key-count", text: count }),
      entry.serviceAccounts !== null
        ? el("span", { className: "dot", text: "·" })
        : null,
      entry.serviceAccounts !== null
        ? el("span", {
            text: `${entry.serviceAccounts} service ${entry.serviceAccounts === 1 ? "account" : "accounts"}`,
          })
        : null,
      project.status === "archived" ? el("span", { className: "tag", text: "archived" }) : null,
    ]),
  ]);
  if (entry.keysError) {
    return el("section", { className: "keys-view" }, [
      header,
      el("div", { className: "panel panel-error", attrs: { role: "alert" } }, [
        el("h2", { text: "The keys of this project could not be loaded" }),
        el("p", { className: "error-message", text: entry.keysError }),
        el("p", { className: "hint", text: "Refresh (Ctrl+R) to try again." }),
      ]),
    ]);
  }
  if (keys.length === 0) {
    const hint =
      project.status === "archived"
        ? "Archived projects keep no usable keys."
        : "Create one with “Create key”, or in the OpenAI dashboard; it will appear here.";
    return el("section", { className: "keys-view" }, [header, emptyPanel("No API keys in this project", hint)]);
  }
  const rows = keys.map((key) => ({ key, project }));
  return el("section", { className: "keys-view" }, [header, renderKeysTable(rows, sort, actions)]);
}

/** Renders search results across every project of an organization. */
export function renderSearchView(
  orgLabel: string,
  query: string,
  rows: Parameters<typeof renderKeysTable>[0],
  sort: Sort,
  actions: RowActions,
): HTMLElement {
  const header = el("header", { className: "content-header" }, [
    el("div", { className: "crumbs", text: orgLabel }),
    el("h1", { className: "project-title", text: `Keys matching “${query}”` }),
    el("div", { className: "meta" }, [
      el("span", { className: "key-count", text: `${rows.length} ${rows.length === 1 ? "key" : "keys"} in all projects` }),
    ]),
  ]);
  if (rows.length === 0) {
    return el("section", { className: "keys-view" }, [
      header,
      emptyPanel("No key matches", "Search looks at names, ids, redacted values, owners and projects. Press Escape to clear."),
    ]);
  }
  return el("section", { className: "keys-view" }, [
    header,
    renderKeysTable(rows, sort, actions, { showProject: true }),
  ]);
}
