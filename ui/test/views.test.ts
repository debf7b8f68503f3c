import { describe, expect, it } from "vitest";
import type { ApiKey, Project } from "../src/types";
import { renderProjectView } from "../src/views/project-view";
import { rowMatches, sortRows } from "../src/views/keys-table";
import { renderSidebar } from "../src/views/sidebar";
import { errorPanel } from "../src/views/status-panel";

const markup = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>`;

const project: Project = {
  id: "proj_1",
  name: markup,
  status: "active",
  createdAt: "2026-01-01T00:00:00Z",
  archivedAt: null,
};

const key: ApiKey = {
  id: "key_1",
  name: markup,
  redactedValue: "sk-svca...x7Q",
  ownerKind: "serviceAccount",
  ownerName: markup,
  ownerEmail: null,
  createdAt: "2026-01-01T00:00:00Z",
  lastUsedAt: null,
  ownerAccess: "active",
};

const sort = { column: "name" as const, descending: false };
const renderKeys = (org: string, keys: ApiKey[]) =>
  renderProjectView(org, { project, keys, keysError: null, serviceAccounts: 1 }, sort, { onSort: () => {} });

describe("views", () => {
  it("shows names containing markup literally and creates no elements from them", () => {
    const view = renderKeys(markup, [key]);
    document.body.replaceChildren(view);
    expect(document.querySelectorAll("img, script").length).toBe(0);
    expect(view.querySelector(".project-title")?.textContent).toBe(markup);
    expect(view.querySelector(".key-name .name")?.textContent).toBe(markup);
    expect(view.querySelector(".owner-name")?.textContent).toBe(markup);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it("renders one row per key with its redacted value and never-used state", () => {
    const view = renderKeys("Demo", [key, { ...key, id: "key_2", lastUsedAt: "2026-01-01T00:00:00Z" }]);
    const rows = view.querySelectorAll("tbody tr");
    expect(rows.length).toBe(2);
    expect(rows[0]?.querySelector(".key-redacted")?.textContent).toBe("sk-svca...x7Q");
    expect(rows[0]?.querySelector(".last-used")?.textContent).toBe("never");
    expect(view.querySelector(".key-count")?.textContent).toBe("2 keys");
  });

  it("tells the user what to do when a project has no keys", () => {
    const view = renderKeys("Demo", []);
    expect(view.querySelector("table")).toBeNull();
    expect(view.textContent).toContain("No API keys in this project");
  });

  it("hides archived projects behind a toggle and lists them after active ones", () => {
    const archived: Project = { ...project, id: "proj_0", name: "Old", status: "archived" };
    const org = {
      id: "demo",
      label: "Demo organization",
      kind: "demo" as const,
      baseUrl: "",
      status: { state: "ready" as const },
      createdAt: "2026-01-01T00:00:00Z",
      lastRefreshedAt: null,
      readOnly: false,
    };
    const inventory = {
      refreshedAt: "2026-01-01T00:00:00Z",
      projects: [archived, project].map((p) => ({ project: p, keys: [], keysError: null, serviceAccounts: 0 })),
    };
    const events = {
      onSelect: () => {},
      onToggleArchived: () => {},
      onAddOrganization: () => {},
      onCancelRefresh: () => {},
      onAbout: () => {},
    };
    const entry = { org, inventory, refreshing: null, error: null };
    const hidden = renderSidebar([entry], { kind: "welcome" }, new Set(), events);
    expect([...hidden.querySelectorAll<HTMLElement>("[data-project-id]")].map((b) => b.dataset.projectId)).toEqual([
      "proj_1",
    ]);
    expect(hidden.querySelector("[data-testid=toggle-archived]")?.textContent).toBe("Show archived (1)");
    const nav = renderSidebar([entry], { kind: "welcome" }, new Set(["demo"]), events);
    const ids = [...nav.querySelectorAll<HTMLElement>("[data-project-id]")].map((b) => b.dataset.projectId);
    expect(ids).toEqual(["proj_1", "proj_0"]);
    expect(nav.querySelectorAll("img:not(.brand-icon), script").length).toBe(0);
  });

  it("shows the reason and a retry button on error", () => {
    let retried = 0;
    const panel = errorPanel({ code: "unreachable", message: "connection refused" }, () => retried++);
    expect(panel.textContent).toContain("connection refused");
    panel.querySelector("button")?.click();
    expect(retried).toBe(1);
  });
});

describe("search and sort", () => {
  const row = (name: string, lastUsedAt: string | null, projectName = "P") => ({
    key: { ...key, id: `key_${name}`, name, lastUsedAt },
    project: { ...project, name: projectName },
  });

  it("finds keys by name, id, redacted value, owner and project, ignoring case", () => {
    const r = row("Deploy bot", null, "Billing");
    expect(rowMatches(r, "deploy")).toBe(true);
    expect(rowMatches(r, "KEY_DEPLOY")).toBe(true);
    expect(rowMatches(r, "x7q")).toBe(true);
    expect(rowMatches(r, "billing")).toBe(true);
    expect(rowMatches(r, "nothing like it")).toBe(false);
    expect(rowMatches(r, "   ")).toBe(true);
  });

  it("sorts by last use with never-used keys last when descending", () => {
    const rows = [row("a", null), row("b", "2026-02-01T00:00:00Z"), row("c", "2026-03-01T00:00:00Z")];
    const sorted = sortRows(rows, { column: "lastUsed", descending: true }).map((r) => r.key.name);
    expect(sorted).toEqual(["c", "b", "a"]);
    expect(sortRows(rows, { column: "name", descending: true }).map((r) => r.key.name)).toEqual(["c", "b", "a"]);
  });
});
