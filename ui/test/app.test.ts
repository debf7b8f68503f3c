import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ARMING_DELAY_MS } from "../src/views/dialog";
import type { KeyQuery } from "../src/types";
import { $, $$, type Backend, PROJECTS, calls, fakeRust, mount, settle, type } from "./app-support";
import { dialogNamed, installDialogSupport, pressWithPointer, useFakeClock } from "./dialog-support";
import { lostKey } from "./fixtures";

const LOST = lostKey("proj_0");

installDialogSupport();

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  clearMocks();
});

describe("the window at start", () => {
  it("shows the cached sidebar with its age and leaves a fresh cache alone", async () => {
    const backend = fakeRust();
    await mount().start();
    await settle();
    const org = $("[data-testid=org-item][data-org-id=org-1]");
    expect(org?.querySelectorAll("[data-testid=project-item]").length).toBe(100);
    expect(org?.querySelector("[data-testid=show-more-projects]")?.textContent).toBe("Show more (1,890 more)");
    expect(org?.querySelector("[data-testid=toggle-archived]")?.textContent).toBe("Show archived (10)");
    expect($("[data-testid=cache-age]")?.textContent).toBe("Updated 30 minutes ago");
    expect(calls(backend, "refresh_inventory")).toEqual([]);
    expect(calls(backend, "get_inventory")).toEqual([]);
  });

  it("says calmly when the cache is off", async () => {
    fakeRust({ cache: { state: "off", reason: "the disk is full" } });
    await mount().start();
    await settle();
    expect($("[data-testid=cache-off]")?.textContent).toBe("Cache off: the disk is full. Keywarden works from the network.");
  });

  it("switches to archived projects at once, and shows more on request", async () => {
    fakeRust();
    await mount().start();
    await settle();
    $<HTMLButtonElement>("[data-testid=toggle-archived]")?.click();
    expect($$("[data-testid=project-item]").length).toBe(100);
    expect($("[data-testid=toggle-archived]")?.textContent).toBe("Hide archived");
    $<HTMLButtonElement>("[data-testid=show-more-projects]")?.click();
    await settle();
    expect($$("[data-testid=project-item]").length).toBe(200);
  });
});

describe("a key lost by a previous run", () => {
  it("is warned about once the organizations are shown, and revoking it re-runs that organization's lists", async () => {
    useFakeClock();
    const backend = fakeRust({}, [LOST]);
    await mount().start();
    await settle();
    const order = backend.calls.map(([cmd]) => cmd);
    expect(order.indexOf("lost_new_keys")).toBeGreaterThan(order.indexOf("list_organizations"));
    const orgItem = $("[data-testid=org-item][data-org-id=org-1]");
    expect(orgItem).not.toBeNull();
    expect(dialogNamed("lost-key-warning")?.textContent).toContain("ci-deploy");
    const listsBefore = calls(backend, "query_projects").length;
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    const revoke = $<HTMLButtonElement>("[data-testid=lost-key-revoke]");
    if (!revoke) throw new Error("no revoke button");
    pressWithPointer(revoke);
    await settle();
    expect(calls(backend, "revoke_key").map(([, args]) => args)).toEqual([
      { orgId: "org-1", projectId: "proj_0", keyId: "key_lost", confirmation: null },
    ]);
    expect(dialogNamed("lost-key-warning")).toBeNull();
    expect(calls(backend, "query_projects").length).toBeGreaterThan(listsBefore);
    expect($("[data-testid=org-item][data-org-id=org-1]")).toBe(orgItem);
  });

  it("is marked in the keys table until it is kept, and only that key", async () => {
    useFakeClock();
    fakeRust({}, [{ ...LOST, keyId: "key_1" }]);
    await mount().start();
    await settle();
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    $<HTMLButtonElement>("[data-testid=lost-key-later]")?.click();
    await settle();
    expect(dialogNamed("lost-key-warning")).toBeNull();
    $<HTMLButtonElement>("[data-testid=project-item][data-project-id=proj_0]")?.click();
    await settle();
    const shownTags = () =>
      $$("[data-testid=key-row]").filter((row) => row.querySelector<HTMLElement>("[data-testid=lost-key-tag]")?.hidden === false);
    expect(shownTags().map((row) => row.dataset.keyId)).toEqual(["key_1"]);
  });

  it("is no longer marked once the user keeps it", async () => {
    useFakeClock();
    fakeRust({}, [{ ...LOST, keyId: "key_1" }]);
    await mount().start();
    await settle();
    $<HTMLButtonElement>("[data-testid=project-item][data-project-id=proj_0]")?.click();
    await settle();
    const tagOf = (id: string) => $(`[data-testid=key-row][data-key-id=${id}] [data-testid=lost-key-tag]`);
    expect(tagOf("key_1")?.hidden).toBe(false);
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    $<HTMLButtonElement>("[data-testid=lost-key-keep]")?.click();
    await settle();
    expect(dialogNamed("lost-key-warning")).toBeNull();
    expect(tagOf("key_1")?.hidden).toBe(true);
  });

  it("is asked for only once, even when the start is retried", async () => {
    const backend = fakeRust();
    const app = mount();
    await app.start();
    await app.start();
    await settle();
    expect(calls(backend, "lost_new_keys").length).toBe(1);
  });
});

describe("a refresh", () => {
  it("starts by itself on an empty cache, updates only the progress element, and re-queries lists when done", async () => {
    const backend = fakeRust({ refreshedAt: null });
    const app = mount();
    await app.start();
    await settle();
    expect(backend.refresh).not.toBeNull();
    const list = $("[data-org-id=org-1] .project-list");
    const firstProject = $("[data-testid=project-item]");
    let progressUpdates = 0;
    app.store.subscribe((s) => s.progress["org-1"], () => (progressUpdates += 1));
    for (let done = 1; done <= PROJECTS; done += 1) {
      backend.refresh?.send({ done, total: PROJECTS });
      if (done % 4 === 0) await vi.advanceTimersByTimeAsync(1);
    }
    await vi.advanceTimersByTimeAsync(200);
    expect(progressUpdates).toBeLessThanOrEqual(PROJECTS / 4 / 100 + 2);
    expect($("[data-testid=refresh-progress]")?.textContent).toContain("2,000/2,000");
    expect($("[data-org-id=org-1] .project-list")).toBe(list);
    expect($("[data-testid=project-item]")).toBe(firstProject);
    const before = calls(backend, "query_projects").length;
    backend.refresh?.finish();
    await settle();
    expect($("[data-testid=refresh-progress]")).toBeNull();
    expect(calls(backend, "query_projects").length).toBeGreaterThan(before);
  });
});

describe("search", () => {
  async function projectOpen(): Promise<Backend> {
    const backend = fakeRust();
    await mount().start();
    await settle();
    $<HTMLButtonElement>("[data-testid=project-item][data-project-id=proj_0]")?.click();
    await settle();
    return backend;
  }

  it("shows a project of 100,000 keys with a bounded number of rows", async () => {
    await projectOpen();
    expect($("[data-testid=keys-total]")?.textContent).toBe("100,000 keys");
    const rows = $$("[data-testid=keys-table] tbody tr").length;
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(60);
    expect($("[data-testid=key-row]")?.dataset.keyId).toBe("key_0");
  });

  it("runs in Rust over every project at the first keystroke and when typing pauses, counts the matches, and Escape ends it", async () => {
    const backend = await projectOpen();
    const before = calls(backend, "query_keys").length;
    type("b");
    await settle();
    expect(calls(backend, "query_keys").length).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(50);
    type("bo");
    await vi.advanceTimersByTimeAsync(50);
    type("bot");
    await vi.advanceTimersByTimeAsync(119);
    expect(calls(backend, "query_keys").length).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    const searches = calls(backend, "query_keys").slice(before).map(([, args]) => args.query as KeyQuery);
    expect(searches.map((q) => [q.projectId, q.text, q.offset])).toEqual([
      [null, "b", 0],
      [null, "bot", 0],
    ]);
    expect($("[data-testid=keys-total]")?.textContent).toBe("3 keys match in all projects");
    expect($$("[data-testid=key-row]").length).toBe(3);
    $<HTMLInputElement>("[data-testid=search-input]")?.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    await settle();
    expect($<HTMLInputElement>("[data-testid=search-input]")?.value).toBe("");
    expect($("[data-testid=keys-total]")?.textContent).toBe("100,000 keys");
  });

  it("passes a 10,000-character search to Rust as typed", async () => {
    const backend = await projectOpen();
    const text = "%_\\'\"; DROP TABLE keys; --".padEnd(10_000, "x");
    type(text);
    await vi.advanceTimersByTimeAsync(150);
    const last = calls(backend, "query_keys").at(-1)?.[1].query as KeyQuery;
    expect(last.text).toBe(text);
  });

  it("sorts in Rust when a column header is clicked", async () => {
    const backend = await projectOpen();
    $<HTMLButtonElement>("[data-sort=created]")?.click();
    await settle();
    const last = calls(backend, "query_keys").at(-1)?.[1].query as KeyQuery;
    expect(last.sort).toEqual({ column: "created", descending: true });
    expect(last.projectId).toBe("proj_0");
  });
});
