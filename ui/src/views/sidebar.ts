// The sidebar: the brand, one section per organization (made once and kept while the organization
// exists), "Add organization" and "About". Sections redraw their own parts; this list only adds
// and removes sections when organizations come and go.

import iconUrl from "../../../icons/keywarden.svg";
import { el } from "../dom";
import { Scope } from "../store";
import type { ViewContext } from "./context";
import { createOrgSection } from "./org-section";

/** Fills `sidebar`; from then on it follows the store. */
export function mountSidebar(sidebar: HTMLElement, context: ViewContext, scope: Scope): void {
  const brand = el("div", { className: "brand" }, [
    el("img", { className: "brand-icon", attrs: { src: iconUrl, alt: "" } }),
    el("span", { className: "brand-name", text: "Keywarden" }),
  ]);
  const orgs = el("div", { className: "org-list" });
  const add = el("button", {
    className: "add-org",
    text: "+ Add organization",
    attrs: { type: "button", "data-testid": "add-organization" },
    onClick: () => context.actions.addOrganization(),
  });
  const about = el("button", {
    className: "about-link",
    text: "About Keywarden",
    attrs: { type: "button", "data-testid": "about" },
    onClick: () => context.actions.about(),
  });
  sidebar.replaceChildren(el("nav", { className: "sidebar-inner" }, [brand, orgs, add, about]));

  const sections = new Map<string, { element: HTMLElement; scope: Scope }>();
  const sync = (ids: string[]): void => {
    for (const [id, section] of sections) {
      if (!ids.includes(id)) {
        section.scope.dispose();
        sections.delete(id);
      }
    }
    const elements = ids.map((id) => {
      let section = sections.get(id);
      if (!section) {
        const sectionScope = scope.child();
        section = { element: createOrgSection(context, sectionScope, id), scope: sectionScope };
        sections.set(id, section);
      }
      return section.element;
    });
    const same = elements.length === orgs.children.length && elements.every((e, i) => orgs.children[i] === e);
    if (!same) orgs.replaceChildren(...elements);
  };
  const ids = (): string[] => context.store.get().orgs.map((org) => org.id);
  sync(ids());
  scope.add(context.store.subscribe((s) => s.orgs.map((org) => org.id), sync));
}
