import { describe, expect, it } from "vitest";
import { KeyPages } from "../src/key-pages";
import type { KeysView } from "../src/state";
import type { KeyPage, KeyQuery } from "../src/types";
import { keyPage } from "./fixtures";

interface Pending {
  orgId: string;
  query: KeyQuery;
  resolve: (page: KeyPage) => void;
  reject: (error: unknown) => void;
}

function setUp() {
  const pending: Pending[] = [];
  const views: KeysView[] = [];
  const pages = new KeyPages(
    (orgId, query) => new Promise<KeyPage>((resolve, reject) => pending.push({ orgId, query, resolve, reject })),
    (view) => views.push(view),
    200,
  );
  return { pending, views, pages, last: () => views.at(-1) };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const byName = { column: "name" as const, descending: false };

describe("paged key queries", () => {
  it("ignores an answer to an older query that arrives after the newer one", async () => {
    const { pending, pages, last } = setUp();
    pages.run("org", { projectId: null, text: "a", filter: null, sort: byName }, { keepShown: true, keepPosition: false });
    pages.run("org", { projectId: null, text: "ab", filter: null, sort: byName }, { keepShown: true, keepPosition: false });
    const [forA, forAb] = pending;
    forAb?.resolve(keyPage(forAb.query, 3));
    await flush();
    forA?.resolve(keyPage(forA.query, 4910));
    await flush();
    expect(last()?.total).toBe(3);
    expect(pages.rowAt(0)?.id).toBe("key_0");
    expect(forAb?.query).toEqual({ projectId: null, text: "ab", filter: null, sort: byName, offset: 0, limit: 200 });
  });

  it("ignores a late failure of an older query", async () => {
    const { pending, pages, last } = setUp();
    pages.run("org", { projectId: "p", text: null, filter: null, sort: byName }, { keepShown: false, keepPosition: false });
    pages.run("org", { projectId: "q", text: null, filter: null, sort: byName }, { keepShown: false, keepPosition: false });
    pending[1]?.resolve(keyPage(pending[1].query, 2));
    pending[0]?.reject({ code: "internal", message: "late" });
    await flush();
    expect(last()?.error).toBeNull();
    expect(last()?.total).toBe(2);
  });

  it("fetches a page once, when a row on it is first asked for, and serves it from memory after", async () => {
    const { pending, pages } = setUp();
    pages.run("org", { projectId: null, text: null, filter: null, sort: byName }, { keepShown: false, keepPosition: false });
    pending[0]?.resolve(keyPage(pending[0].query, 100_000));
    await flush();
    expect(pages.rowAt(450)).toBeUndefined();
    expect(pages.rowAt(451)).toBeUndefined();
    expect(pending.map((p) => p.query.offset)).toEqual([0, 400]);
    pending[1]?.resolve(keyPage(pending[1].query, 100_000));
    await flush();
    expect(pages.rowAt(451)?.id).toBe("key_451");
    expect(pending.length).toBe(2);
  });

  it("keeps showing the old rows until the new query answers, then says to scroll to the top", async () => {
    const { pending, pages, last } = setUp();
    pages.run("org", { projectId: null, text: "a", filter: null, sort: byName }, { keepShown: false, keepPosition: false });
    pending[0]?.resolve(keyPage(pending[0].query, 50));
    await flush();
    const shownBefore = last()?.shown;
    pages.run("org", { projectId: null, text: "b", filter: null, sort: byName }, { keepShown: true, keepPosition: false });
    expect(pages.rowAt(0)?.id).toBe("key_0");
    expect(last()?.shown).toBe(shownBefore);
    pending[1]?.resolve({ total: 1, offset: 0, rows: [keyPage(pending[1].query, 1).rows[0]!] });
    await flush();
    expect(last()?.shown).not.toBe(shownBefore);
    expect(last()?.scrollToTop).toBe(true);
    expect(last()?.total).toBe(1);
  });

  it("after fresher data, fetches the pages in view first and keeps the position", async () => {
    const { pending, pages, last } = setUp();
    const query = { projectId: null, text: null, filter: null, sort: byName };
    pages.run("org", query, { keepShown: false, keepPosition: false });
    pending[0]?.resolve(keyPage(pending[0].query, 100_000));
    await flush();
    pages.viewing(50_190, 50_220);
    pages.run("org", query, { keepShown: true, keepPosition: true });
    expect(pending.slice(1).map((p) => p.query.offset)).toEqual([50_000, 50_200]);
    pending[1]?.resolve(keyPage(pending[1].query, 100_000));
    await flush();
    expect(last()?.scrollToTop).toBe(false);
    expect(pages.rowAt(50_190)?.id).toBe("key_50190");
  });

  it("reports an error for the current query and asks again on retry", async () => {
    const { pending, pages, last } = setUp();
    pages.run("org", { projectId: null, text: null, filter: null, sort: byName }, { keepShown: false, keepPosition: false });
    pending[0]?.reject({ code: "unreachable", message: "offline" });
    await flush();
    expect(last()?.error?.message).toBe("offline");
    pages.retry();
    expect(last()?.error).toBeNull();
    expect(pending.length).toBe(2);
  });
});
