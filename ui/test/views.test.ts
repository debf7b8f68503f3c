import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/app";
import { initialState, type AppState } from "../src/state";
import { Scope, Store } from "../src/store";
import type { KeyQuery, ProjectQuery } from "../src/types";
import type { ViewContext, WindowActions } from "../src/views/context";
import { createKeyRow } from "../src/views/key-row";
import { mountMainView } from "../src/views/main-view";
import { mountSidebar } from "../src/views/sidebar";
import { errorPanel } from "../src/views/status-panel";
import { keyPage, keyRow, organization, projectRow } from "./fixtures";

const markup = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>`;

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

function context(state: Partial<AppState>, actions: Partial<WindowActions> = {}): ViewContext {
  const store = new Store<AppState>({ ...initialState(), started: true, ...state });
  const rows = { rowAt: (index: number) => keyRow(index, { name: markup, ownerName: markup, projectName: markup }), viewing: () => {}, retry: () => {} };
  const ignore = () => {};
  const all: WindowActions = {
    select: ignore, refresh: ignore, cancelRefresh: ignore, addOrganization: ignore, removeOrganization: ignore,
    renameOrganization: ignore, pasteKeyAgain: ignore, rotateAdminKey: ignore, checkAdminKey: ignore, sort: ignore,
    search: ignore, exportKeys: ignore, dismissNotice: ignore, retryStart: ignore, about: ignore, filterKeys: ignore, editHygieneThresholds: ignore,
    readUsage: ignore, setUsageDays: ignore,
    patchSidebar: (orgId, patch) =>
      store.set((s) => ({ sidebar: { ...s.sidebar, [orgId]: { ...initialSidebar, ...s.sidebar[orgId], ...patch } } })),
    ...actions,
  };
  return { store, rows, host: { keysChanged: ignore, activityChanged: ignore }, actions: all };
}
const initialSidebar = { collapsed: false, showArchived: false, filter: "", limit: 100 };
const list = (count: number) => {
  const active = Array.from({ length: count }, (_, i) => projectRow(`proj_${i}`, { name: i === 0 ? markup : `P${i}` }));
  return { active, activeTotal: count, all: active, allTotal: count, archivedTotal: 0, filter: "", error: null };
};

describe("views", () => {
  it("show names containing markup literally and create no elements from them", () => {
    const org = organization("org-1", { label: markup });
    const project = projectRow("proj_0", { name: markup });
    const view = document.createElement("div");
    const sidebar = document.createElement("aside");
    document.body.replaceChildren(sidebar, view);
    const ctx = context({
      orgs: [org],
      projects: { "org-1": list(3) },
      selection: { kind: "project", orgId: "org-1", projectId: "proj_0" },
      selectedProject: project,
      keys: { total: 2, version: 1, shown: 1, scrollToTop: false, error: null },
    });
    mountSidebar(sidebar, ctx, new Scope());
    mountMainView(view, ctx, new Scope());
    expect(document.querySelectorAll("img:not(.brand-icon), script").length).toBe(0);
    expect(view.querySelector(".project-title")?.textContent).toBe(markup);
    expect(view.querySelector(".key-name .name")?.textContent).toBe(markup);
    expect(view.querySelector(".owner-name")?.textContent).toBe(markup);
    expect(sidebar.querySelector(".org-label")?.textContent).toBe(markup);
    expect(sidebar.querySelector(".project-name")?.textContent).toBe(markup);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it("show a key's redacted value, its never-used state and its spend", () => {
    const row = createKeyRow(false, { onCopy: () => {}, onRevoke: () => {}, onEdit: () => {}, onDetails: () => {}, usageRead: () => false, fitting: null, revokeBlocked: () => null, isLost: () => false }, () => Date.parse("2026-02-01T00:00:00Z"));
    row.show(4, keyRow(4, { spendUsd: 28.73 }));
    expect(row.element.querySelector(".key-redacted")?.textContent).toBe("sk-proj...004");
    expect(row.element.querySelector(".last-used")?.textContent).toBe("never used");
    expect(row.element.querySelector(".key-cost")?.textContent).toBe("$28.73 in 30 days");
    expect(row.element.dataset.keyId).toBe("key_4");
  });

  it("tell the user what to do when a project has no keys", () => {
    const view = document.createElement("div");
    mountMainView(view, context({
      orgs: [organization("org-1")],
      selection: { kind: "project", orgId: "org-1", projectId: "proj_0" },
      selectedProject: projectRow("proj_0", { keyCount: 0 }),
      keys: { total: 0, version: 1, shown: 1, scrollToTop: false, error: null },
    }), new Scope());
    expect(view.querySelector("table")).toBeNull();
    expect(view.textContent).toContain("No API keys in this project");
    expect(view.querySelector("[data-testid=keys-total]")?.textContent).toBe("0 keys");
  });

  it("show the reason and a retry button on error", () => {
    let retried = 0;
    const panel = errorPanel({ code: "unreachable", message: "connection refused" }, () => retried++);
    expect(panel.textContent).toContain("connection refused");
    panel.querySelector("button")?.click();
    expect(retried).toBe(1);
  });
});

describe("the sidebar", () => {
  it("collapses an organization's projects behind its header", () => {
    const sidebar = document.createElement("aside");
    const ctx = context({ orgs: [organization("org-1")], projects: { "org-1": list(3) } });
    mountSidebar(sidebar, ctx, new Scope());
    const body = sidebar.querySelector<HTMLElement>(".org-body");
    expect(body?.hidden).toBe(false);
    sidebar.querySelector<HTMLButtonElement>("[data-testid=org-toggle]")?.click();
    expect(body?.hidden).toBe(true);
    expect(sidebar.querySelector("[data-testid=org-toggle]")?.getAttribute("aria-expanded")).toBe("false");
  });

  it("offers a filter only to organizations with many projects", () => {
    const sidebar = document.createElement("aside");
    const ctx = context({
      orgs: [organization("small"), organization("big")],
      projects: { small: list(3), big: list(40) },
    });
    mountSidebar(sidebar, ctx, new Scope());
    const filter = (id: string) => sidebar.querySelector<HTMLInputElement>(`[data-org-id=${id}] [data-testid=project-filter]`);
    expect(filter("small")?.hidden).toBe(true);
    expect(filter("big")?.hidden).toBe(false);
  });

  it("highlights the selected project without rebuilding the list", () => {
    const sidebar = document.createElement("aside");
    const ctx = context({ orgs: [organization("org-1")], projects: { "org-1": list(3) } });
    mountSidebar(sidebar, ctx, new Scope());
    const button = sidebar.querySelector<HTMLElement>("[data-project-id=proj_1]");
    ctx.store.set({ selection: { kind: "project", orgId: "org-1", projectId: "proj_1" } });
    expect(sidebar.querySelector("[data-project-id=proj_1]")).toBe(button);
    expect(button?.classList.contains("selected")).toBe(true);
    expect(button?.getAttribute("aria-current")).toBe("page");
  });
});

describe("the project filter", () => {
  it("asks Rust for matching projects once typing pauses", async () => {
    vi.useFakeTimers();
    const queries: ProjectQuery[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "query_projects") {
        const query = (args as { query: ProjectQuery }).query;
        queries.push(query);
        return { total: 1, archivedTotal: 0, offset: 0, rows: [projectRow("proj_7")] };
      }
      if (cmd === "query_keys") return keyPage((args as { query: KeyQuery }).query, 0);
      return null;
    });
    document.body.replaceChildren();
    const make = (tag: string, id: string) => Object.assign(document.createElement(tag), { id });
    const app = new App({
      sidebar: make("aside", "sidebar"),
      view: make("div", "view"),
      search: make("input", "search") as HTMLInputElement,
      refresh: make("button", "refresh") as HTMLButtonElement,
      exportKeys: make("button", "export") as HTMLButtonElement,
      cacheAge: make("span", "cache-age"),
      statusLine: make("div", "status-line"),
    });
    app.store.set({ orgs: [organization("org-1")], started: true });
    await vi.advanceTimersByTimeAsync(0);
    queries.length = 0;
    app.store.set((s) => ({ sidebar: { ...s.sidebar, "org-1": { ...initialSidebar, filter: "prod 7" } } }));
    await vi.advanceTimersByTimeAsync(0);
    expect(queries.map((q) => [q.text, q.includeArchived, q.offset])).toEqual([
      ["prod 7", false, 0],
      ["prod 7", true, 0],
    ]);
  });
});

describe("search results", () => {
  it("are shown even when the project selected before could not list its keys", () => {
    const view = document.createElement("div");
    mountMainView(view, context({
      orgs: [organization("org-1")],
      selection: { kind: "project", orgId: "org-1", projectId: "proj_0" },
      selectedProject: projectRow("proj_0", { error: "missing scope" }),
      query: "bot",
      keys: { total: 2, version: 1, shown: 1, scrollToTop: false, error: null },
    }), new Scope());
    expect(view.querySelector(".project-title")?.textContent).toBe("Keys matching “bot”");
    expect(view.querySelectorAll("[data-testid=key-row]").length).toBe(2);
    expect(view.textContent).not.toContain("could not be loaded");
  });
});

describe("a search Rust refuses", () => {
  it("says so calmly with Rust's reason and how to clear it", () => {
    const view = document.createElement("div");
    mountMainView(view, context({
      orgs: [organization("org-1")],
      query: "x".repeat(10_000),
      keys: {
        total: null,
        version: 1,
        shown: 1,
        scrollToTop: false,
        error: { code: "invalidInput", message: "A search is at most 200 characters." },
      },
    }), new Scope());
    expect(view.querySelector(".panel-empty h2")?.textContent).toBe("That search was not accepted");
    expect(view.textContent).toContain("A search is at most 200 characters. Press Escape to clear.");
    expect(view.querySelector("[data-testid=keys-total]")?.textContent).toBe("");
    expect(view.querySelector(".panel-error")).toBeNull();
  });
});
