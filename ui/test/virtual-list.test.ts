import { describe, expect, it } from "vitest";
import { initialState, type AppState } from "../src/state";
import { Scope, Store } from "../src/store";
import type { KeyRow } from "../src/types";
import { KEY_ROW_HEIGHT } from "../src/views/key-row";
import { createKeysTable } from "../src/views/keys-table";
import { type RowView, VirtualList } from "../src/views/virtual-list";
import { keyRow, organization } from "./fixtures";

const ROW = 40;

function scroller(height: number): HTMLElement {
  const node = document.createElement("div");
  Object.defineProperty(node, "clientHeight", { value: height, configurable: true });
  document.body.replaceChildren(node);
  return node;
}

function scrollTo(node: HTMLElement, top: number): void {
  node.scrollTop = top;
  node.dispatchEvent(new Event("scroll"));
}

function numberList(total: number, height = 400) {
  const view = scroller(height);
  const body = document.createElement("div");
  view.append(body);
  let made = 0;
  const list = new VirtualList<number>({
    scroller: view,
    body,
    rowHeight: ROW,
    createRow: (): RowView<number> => {
      made += 1;
      const element = document.createElement("div");
      element.className = "row";
      return { element, show: (_index, item) => (element.textContent = item === undefined ? "" : `row ${item}`) };
    },
    createSpacer: () => Object.assign(document.createElement("div"), { className: "spacer" }),
    itemAt: (index) => index,
  });
  list.setTotal(total);
  return { view, body, list, made: () => made };
}

const texts = (body: HTMLElement) => [...body.querySelectorAll(".row")].map((row) => row.textContent);

describe("windowed list", () => {
  it("keeps the number of row elements bounded by the screen, not by 100,000 rows", () => {
    const { body, made } = numberList(100_000);
    const rows = body.querySelectorAll(".row").length;
    expect(rows).toBeGreaterThanOrEqual(400 / ROW);
    expect(rows).toBeLessThanOrEqual(2 * (400 / ROW + 2));
    expect(made()).toBe(rows);
  });

  it("stands for the rows not drawn with spacers of their full height", () => {
    const { body, view } = numberList(100_000);
    scrollTo(view, 50_000 * ROW);
    const [top, bottom] = [...body.querySelectorAll<HTMLElement>(".spacer")];
    const drawn = body.querySelectorAll(".row").length;
    const height = (node: HTMLElement | undefined) => Number.parseFloat(node?.style.height ?? "0");
    expect(height(top) + drawn * ROW + height(bottom)).toBe(100_000 * ROW);
  });

  it("shows the right rows after a scroll and reuses the same elements", () => {
    const { body, view, made } = numberList(100_000);
    scrollTo(view, 20_000 * ROW);
    const before = made();
    scrollTo(view, 73_210 * ROW);
    const shown = texts(body);
    expect(shown).toContain("row 73210");
    expect(shown).toContain("row 73219");
    expect(shown).not.toContain("row 0");
    const first = Number(shown[0]?.replace("row ", ""));
    expect(shown).toEqual(shown.map((_, i) => `row ${first + i}`));
    expect(made()).toBe(before);
  });

  it("draws every row of a short list and no spacer", () => {
    const { body } = numberList(3);
    expect(texts(body)).toEqual(["row 0", "row 1", "row 2"]);
    expect(body.querySelectorAll(".spacer").length).toBe(0);
  });

  it("copes with the row count shrinking below the scroll position", () => {
    const { body, view, list } = numberList(100_000);
    scrollTo(view, 90_000 * ROW);
    list.setTotal(5);
    expect(texts(body)).toEqual(["row 0", "row 1", "row 2", "row 3", "row 4"]);
  });
});

describe("keys table", () => {
  function table(total: number) {
    const store = new Store<AppState>({ ...initialState(), orgs: [organization("org")] });
    store.set({ keys: { total, version: 1, shown: 1, scrollToTop: false, error: null } });
    const rowsAsked: number[] = [];
    const source = {
      rowAt: (index: number): KeyRow | undefined => {
        rowsAsked.push(index);
        return index < 200 || index >= 60_000 ? keyRow(index) : undefined;
      },
      viewing: () => {},
    };
    const sorted: string[] = [];
    const revoked: string[] = [];
    const element = createKeysTable(store, new Scope(), source, "org", {
      showProject: true,
      actions: { onCopy: () => {}, onRevoke: (key) => revoked.push(key.id), onEdit: () => {}, onDetails: () => {}, usageRead: () => false, fitting: null, revokeBlocked: () => null, isLost: () => false },
      onSort: (column) => sorted.push(column),
    });
    Object.defineProperty(element, "clientHeight", { value: 600, configurable: true });
    document.body.replaceChildren(element);
    return { store, element, sorted, revoked, rowsAsked };
  }

  it("keeps its <tr> count bounded with 100,000 keys and shows the keys at the scroll position", () => {
    const { element } = table(100_000);
    const count = () => element.querySelectorAll("tbody tr").length;
    expect(count()).toBeLessThan(60);
    scrollTo(element, 61_000 * KEY_ROW_HEIGHT);
    expect(count()).toBeLessThan(60);
    const ids = [...element.querySelectorAll<HTMLElement>("[data-testid=key-row]")].map((row) => row.dataset.keyId);
    expect(ids).toContain("key_61000");
    expect(element.querySelector("[data-testid=keys-table]")?.getAttribute("aria-rowcount")).toBe("100001");
  });

  it("draws rows still loading as placeholders without a key id", () => {
    const { element } = table(100_000);
    scrollTo(element, 30_000 * KEY_ROW_HEIGHT);
    const rows = [...element.querySelectorAll<HTMLElement>("tbody tr.key-row")];
    expect(rows.every((row) => row.classList.contains("placeholder") && row.dataset.keyId === undefined)).toBe(true);
  });

  it("asks for a sort by the clicked column and marks the active one", () => {
    const { element, store, sorted } = table(10);
    element.querySelector<HTMLButtonElement>("[data-sort=lastUsed]")?.click();
    expect(sorted).toEqual(["lastUsed"]);
    store.set({ sort: { column: "spend", descending: true } });
    expect(element.querySelector("[data-sort=spend]")?.textContent).toBe("Spend ↓");
    expect(element.querySelector("[data-sort=name]")?.textContent).toBe("Name");
  });

  it("points a reused row's buttons at the key it shows now", () => {
    const { element, revoked } = table(100_000);
    scrollTo(element, 60_500 * KEY_ROW_HEIGHT);
    const row = element.querySelector<HTMLElement>("tr[data-key-id='key_60500']");
    row?.querySelector<HTMLButtonElement>("[data-testid=revoke-key]")?.click();
    expect(revoked).toEqual(["key_60500"]);
  });
});
