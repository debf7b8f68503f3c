// The sidebar: each organization with its projects beneath.

import iconUrl from "../../../icons/keywarden.svg";
import { el } from "../dom";
import type { CommandError, Organization, Project } from "../types";

/** What the sidebar knows about one organization. */
export interface OrgEntry {
  org: Organization;
  projects: Project[] | "loading" | CommandError;
}

/** Callbacks from the sidebar. */
export interface SidebarEvents {
  onSelectProject: (orgId: string, projectId: string) => void;
}

/** Renders the organizations and their projects; archived projects come last, dimmed. */
export function renderSidebar(
  entries: OrgEntry[],
  selected: { orgId: string; projectId: string } | null,
  events: SidebarEvents,
): HTMLElement {
  const brand = el("div", { className: "brand" }, [
    el("img", { className: "brand-icon", attrs: { src: iconUrl, alt: "" } }),
    el("span", { className: "brand-name", text: "Keywarden" }),
  ]);
  const orgs = entries.map((entry) => renderOrg(entry, selected, events));
  return el("nav", { className: "sidebar-inner" }, [brand, ...orgs]);
}

function renderOrg(
  entry: OrgEntry,
  selected: { orgId: string; projectId: string } | null,
  events: SidebarEvents,
): HTMLElement {
  const { org, projects } = entry;
  const header = el("div", { className: "org-header" }, [
    el("span", { className: "org-label", text: org.label, title: org.label }),
    org.kind === "demo" ? el("span", { className: "badge", text: "Demo" }) : null,
  ]);
  let body: HTMLElement;
  if (projects === "loading") {
    body = el("p", { className: "sidebar-note", text: "Loading projects…" });
  } else if (!Array.isArray(projects)) {
    body = el("p", { className: "sidebar-note sidebar-error", text: "Projects could not be loaded" });
  } else if (projects.length === 0) {
    body = el("p", { className: "sidebar-note", text: "No projects yet" });
  } else {
    const ordered = [...projects].sort(
      (a, b) => Number(a.status === "archived") - Number(b.status === "archived"),
    );
    body = el(
      "ul",
      { className: "project-list" },
      ordered.map((project) => {
        const isSelected = selected?.orgId === org.id && selected.projectId === project.id;
        const button = el(
          "button",
          {
            className: `project${isSelected ? " selected" : ""}${
              project.status === "archived" ? " archived" : ""
            }`,
            title: project.name,
            dataset: { projectId: project.id, orgId: org.id },
            attrs: { type: "button", "aria-current": isSelected ? "page" : "false" },
            onClick: () => events.onSelectProject(org.id, project.id),
          },
          [
            el("span", { className: "project-name", text: project.name }),
            project.status === "archived" ? el("span", { className: "tag", text: "archived" }) : null,
          ],
        );
        return el("li", {}, [button]);
      }),
    );
  }
  return el("section", { className: "org", dataset: { orgId: org.id } }, [header, body]);
}
