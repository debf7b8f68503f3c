// The sidebar: each organization with its projects beneath, and "Add organization".

import iconUrl from "../../../icons/keywarden.svg";
import { el } from "../dom";
import type { CommandError, Inventory, Organization, Progress } from "../types";

/** What the sidebar knows about one organization. */
export interface OrgEntry {
  org: Organization;
  inventory: Inventory | null;
  refreshing: Progress | null;
  error: CommandError | null;
}

/** What is selected in the main area. */
export type Selection =
  | { kind: "welcome" }
  | { kind: "org"; orgId: string }
  | { kind: "project"; orgId: string; projectId: string };

/** Callbacks from the sidebar. */
export interface SidebarEvents {
  onSelect: (selection: Selection) => void;
  onToggleArchived: (orgId: string) => void;
  onAddOrganization: () => void;
  onCancelRefresh: (orgId: string) => void;
  onAbout: () => void;
}

/** Renders the organizations and their projects; archived ones behind a toggle. */
export function renderSidebar(
  entries: OrgEntry[],
  selection: Selection,
  showArchived: ReadonlySet<string>,
  events: SidebarEvents,
): HTMLElement {
  const brand = el("div", { className: "brand" }, [
    el("img", { className: "brand-icon", attrs: { src: iconUrl, alt: "" } }),
    el("span", { className: "brand-name", text: "Keywarden" }),
  ]);
  const orgs = entries.map((entry, index) =>
    renderOrg(entry, index, selection, showArchived.has(entry.org.id), events),
  );
  const add = el("button", {
    className: "add-org",
    text: "+ Add organization",
    attrs: { type: "button", "data-testid": "add-organization" },
    onClick: () => events.onAddOrganization(),
  });
  const about = el("button", {
    className: "about-link",
    text: "About Keywarden",
    attrs: { type: "button", "data-testid": "about" },
    onClick: () => events.onAbout(),
  });
  return el("nav", { className: "sidebar-inner" }, [brand, ...orgs, add, about]);
}

function statusNote(entry: OrgEntry, events: SidebarEvents): HTMLElement | null {
  const { org, refreshing, error, inventory } = entry;
  if (org.status.state === "adminKeyMissing") {
    return el("p", { className: "sidebar-note sidebar-error", text: "Admin key missing — paste it again" });
  }
  if (org.status.state === "keychainUnavailable" || org.status.state === "unavailable") {
    return el("p", { className: "sidebar-note sidebar-error", text: "Cannot be opened" });
  }
  if (refreshing) {
    const text =
      refreshing.total > 0 ? `Refreshing… ${refreshing.done}/${refreshing.total} projects` : "Refreshing…";
    const bar = el("progress", {
      className: "progress",
      attrs: { max: String(Math.max(refreshing.total, 1)), value: String(refreshing.done) },
    });
    return el("div", { className: "sidebar-progress", attrs: { role: "status" } }, [
      el("div", { className: "progress-row" }, [
        el("p", { className: "sidebar-note", text }),
        el("button", {
          className: "link-button",
          text: "Cancel",
          attrs: { type: "button", "data-testid": "cancel-refresh" },
          onClick: () => events.onCancelRefresh(org.id),
        }),
      ]),
      bar,
    ]);
  }
  if (error) return el("p", { className: "sidebar-note sidebar-error", text: "Could not refresh" });
  if (!inventory) return el("p", { className: "sidebar-note", text: "Loading projects…" });
  if (inventory.projects.length === 0) return el("p", { className: "sidebar-note", text: "No projects yet" });
  return null;
}

function renderOrg(
  entry: OrgEntry,
  index: number,
  selection: Selection,
  archivedShown: boolean,
  events: SidebarEvents,
): HTMLElement {
  const { org, inventory } = entry;
  const orgSelected = selection.kind === "org" && selection.orgId === org.id;
  const header = el(
    "button",
    {
      className: `org-header${orgSelected ? " selected" : ""}`,
      title: index < 9 ? `${org.label} (Ctrl+${index + 1})` : org.label,
      attrs: { type: "button", "data-testid": "org-header" },
      onClick: () => events.onSelect({ kind: "org", orgId: org.id }),
    },
    [
      el("span", { className: "org-label", text: org.label }),
      org.kind === "demo" ? el("span", { className: "badge", text: "Demo" }) : null,
      org.status.state !== "ready" ? el("span", { className: "badge badge-warn", text: "!" }) : null,
    ],
  );
  const children: (Node | null)[] = [header, statusNote(entry, events)];
  if (inventory && inventory.projects.length > 0) {
    const active = inventory.projects.filter((p) => p.project.status !== "archived");
    const archived = inventory.projects.filter((p) => p.project.status === "archived");
    const shown = archivedShown ? [...active, ...archived] : active;
    children.push(
      el(
        "ul",
        { className: "project-list" },
        shown.map(({ project, keys }) => {
          const isSelected =
            selection.kind === "project" && selection.orgId === org.id && selection.projectId === project.id;
          return el("li", {}, [
            el(
              "button",
              {
                className: `project${isSelected ? " selected" : ""}${
                  project.status === "archived" ? " archived" : ""
                }`,
                title: project.name,
                dataset: { projectId: project.id, orgId: org.id },
                attrs: { type: "button", "aria-current": isSelected ? "page" : "false" },
                onClick: () => events.onSelect({ kind: "project", orgId: org.id, projectId: project.id }),
              },
              [
                el("span", { className: "project-name", text: project.name }),
                project.status === "archived"
                  ? el("span", { className: "tag", text: "archived" })
                  : el("span", { className: "count", text: String(keys.length) }),
              ],
            ),
          ]);
        }),
      ),
    );
    if (archived.length > 0) {
      children.push(
        el("button", {
          className: "archived-toggle",
          text: archivedShown ? "Hide archived" : `Show archived (${archived.length})`,
          attrs: { type: "button", "data-testid": "toggle-archived" },
          onClick: () => events.onToggleArchived(org.id),
        }),
      );
    }
  }
  return el("section", { className: "org", dataset: { orgId: org.id } }, children);
}
