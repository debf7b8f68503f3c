import { describe, expect, it } from "vitest";
import type { ApiKey, Project } from "../src/types";
import { renderKeys } from "../src/views/keys-table";
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

describe("views", () => {
  it("shows names containing markup literally and creates no elements from them", () => {
    const view = renderKeys(markup, project, [key]);
    document.body.replaceChildren(view);
    expect(document.querySelectorAll("img, script").length).toBe(0);
    expect(view.querySelector(".project-title")?.textContent).toBe(markup);
    expect(view.querySelector(".key-name .name")?.textContent).toBe(markup);
    expect(view.querySelector(".owner-name")?.textContent).toBe(markup);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it("renders one row per key with its redacted value and never-used state", () => {
    const view = renderKeys("Demo", project, [key, { ...key, id: "key_2", lastUsedAt: "2026-01-01T00:00:00Z" }]);
    const rows = view.querySelectorAll("tbody tr");
    expect(rows.length).toBe(2);
    expect(rows[0]?.querySelector(".key-redacted")?.textContent).toBe("sk-svca...x7Q");
    expect(rows[0]?.querySelector(".last-used")?.textContent).toBe("never");
    expect(view.querySelector(".key-count")?.textContent).toBe("2 keys");
  });

  it("tells the user what to do when a project has no keys", () => {
    const view = renderKeys("Demo", project, []);
    expect(view.querySelector("table")).toBeNull();
    expect(view.textContent).toContain("No API keys in this project");
  });

  it("lists archived projects after active ones in the sidebar", () => {
    const archived: Project = { ...project, id: "proj_0", name: "Old", status: "archived" };
    const nav = renderSidebar(
      [{ org: { id: "demo", label: "Demo organization", kind: "demo", baseUrl: "" }, projects: [archived, project] }],
      null,
      { onSelectProject: () => {} },
    );
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
