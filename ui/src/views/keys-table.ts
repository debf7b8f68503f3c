// The keys table: a real <table> with a sticky header and aligned columns, whose body is windowed
// (only the rows in view exist). Sorting asks Rust for a new order; nothing is sorted here.

import { el } from "../dom";
import type { AppState, Sort } from "../state";
import { type Scope, type Store } from "../store";
import type { KeyRow, KeySortColumn } from "../types";
import { KEY_ROW_HEIGHT, type RowActions, createKeyRow } from "./key-row";
import { VirtualList } from "./virtual-list";

/** Where the table's rows come from (see KeyPages). */
export interface RowSource {
  rowAt(index: number): KeyRow | undefined;
  /** The rows drawn now (start inclusive, end exclusive), so fresher data is fetched there first. */
  viewing(start: number, end: number): void;
}

/** How a keys table is set up. */
export interface KeysTableOptions {
  /** Search results span projects: a Project column comes first. */
  showProject: boolean;
  actions: RowActions;
  onSort: (column: KeySortColumn) => void;
}

interface Column {
  label: string;
  className: string;
  sorts: { column: KeySortColumn; label: string }[];
}

const COLUMNS: Column[] = [
  { label: "Name", className: "col-name", sorts: [{ column: "name", label: "Name" }, { column: "spend", label: "Spend" }] },
  { label: "Key", className: "col-key", sorts: [] },
  { label: "Owner", className: "col-owner", sorts: [{ column: "owner", label: "Owner" }] },
  {
    label: "Used",
    className: "col-dates",
    sorts: [
      { column: "lastUsed", label: "Used" },
      { column: "created", label: "Created" },
    ],
  },
  { label: "Expires", className: "col-date", sorts: [{ column: "expires", label: "Expires" }] },
];
const PROJECT_COLUMN: Column = {
  label: "Project",
  className: "col-project",
  sorts: [{ column: "project", label: "Project" }],
};

/** The column a first click sorts descending (newest first). */
export function firstDirection(column: KeySortColumn): boolean {
  return column === "created" || column === "lastUsed" || column === "spend";
}

/** The sort after a click on `column`'s header. */
export function nextSort(sort: Sort, column: KeySortColumn): Sort {
  return sort.column === column ? { column, descending: !sort.descending } : { column, descending: firstDirection(column) };
}

function header(columns: Column[], onSort: (column: KeySortColumn) => void): {
  head: HTMLElement;
  showSort: (sort: Sort) => void;
} {
  const buttons: { column: KeySortColumn; label: string; button: HTMLButtonElement; cell: HTMLElement }[] = [];
  const cells = columns.map((column) => {
    const cell = el("th", { className: column.className, attrs: { scope: "col" } });
    if (column.sorts.length === 0) cell.textContent = column.label;
    column.sorts.forEach((sort, i) => {
      if (i > 0) cell.append(el("span", { className: "sort-divider", text: " / ", attrs: { "aria-hidden": "true" } }));
      const button = el("button", {
        className: i > 0 ? "sort secondary" : "sort",
        text: sort.label,
        attrs: { type: "button", "data-sort": sort.column },
        onClick: () => onSort(sort.column),
      });
      buttons.push({ ...sort, button, cell });
      cell.append(button);
    });
    return cell;
  });
  const head = el("thead", {}, [
    el("tr", {}, [...cells, el("th", { className: "col-actions", attrs: { "aria-label": "Actions" } })]),
  ]);
  const showSort = (sort: Sort): void => {
    for (const { cell } of buttons) cell.setAttribute("aria-sort", "none");
    for (const { column, label, button, cell } of buttons) {
      const active = sort.column === column;
      button.textContent = active ? `${label} ${sort.descending ? "↓" : "↑"}` : label;
      button.classList.toggle("active", active);
      if (active) cell.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
    }
  };
  return { head, showSort };
}

/**
 * Builds the table for the current key query. It follows `state.keys` (row count, arriving
 * pages), `state.sort` (header arrows) and the organization's read-only flag.
 */
export function createKeysTable(
  store: Store<AppState>,
  scope: Scope,
  rows: RowSource,
  orgId: string,
  options: KeysTableOptions,
): HTMLElement {
  const columns = options.showProject ? [PROJECT_COLUMN, ...COLUMNS] : COLUMNS;
  const { head, showSort } = header(columns, options.onSort);
  const body = el("tbody");
  const table = el("table", { className: options.showProject ? "keys-table with-project" : "keys-table", attrs: { "aria-label": "API keys", "data-testid": "keys-table" } }, [head, body]);
  const scroller = el("div", { className: "table-wrap" }, [table]);
  const list = new VirtualList<KeyRow>({
    scroller,
    body,
    rowHeight: KEY_ROW_HEIGHT,
    createRow: () => createKeyRow(options.showProject, options.actions, () => store.get().now),
    createSpacer: () =>
      el("tr", { className: "spacer", attrs: { "aria-hidden": "true" } }, [
        el("td", { attrs: { colspan: String(columns.length + 1) } }),
      ]),
    itemAt: (index) => rows.rowAt(index),
    onRange: (start, end) => rows.viewing(start, end),
  });
  scope.add(() => list.destroy());

  const state = store.get();
  table.setAttribute("aria-rowcount", String((state.keys.total ?? 0) + 1));
  showSort(state.sort);
  list.setTotal(state.keys.total ?? 0);
  scope.add(
    store.subscribe(
      (s) => s.keys,
      (keys, previous) => {
        if (keys.shown !== previous.shown && keys.scrollToTop) list.scrollToTop();
        table.setAttribute("aria-rowcount", String((keys.total ?? 0) + 1));
        list.setTotal(keys.total ?? 0);
      },
    ),
  );
  scope.add(store.subscribe((s) => s.sort, showSort));
  scope.add(
    store.subscribe(
      (s) => [s.now, s.orgs.find((org) => org.id === orgId)?.readOnly, s.lostKeyIds],
      () => list.redrawAll(),
    ),
  );
  return scroller;
}
