// Keys tables: one project's keys, or search results across an organization's projects.
// Columns sort on click; every user-controlled string is set with textContent.

import { el } from "../dom";
import { fullDate, relativeTime } from "../relative-time";
import type { ApiKey, Project } from "../types";

/** A key together with the project it belongs to. */
export interface KeyRow {
  key: ApiKey;
  project: Project;
}

/** A sortable column. */
export type SortColumn = "name" | "owner" | "created" | "lastUsed" | "project";

/** Sort order of a table. */
export interface Sort {
  column: SortColumn;
  descending: boolean;
}

/** Per-row actions a table may offer. */
export interface RowActions {
  onSort: (column: SortColumn) => void;
  rowButtons?: (row: KeyRow) => HTMLElement[];
  onCopy?: (text: string, what: string) => void;
  /** The key's spend as text (e.g. "$1.20 in 30 days"), when known. */
  costOf?: (keyId: string) => string | null;
}

const COLUMNS: { id: SortColumn | null; label: string; className: string }[] = [
  { id: "name", label: "Name", className: "col-name" },
  { id: null, label: "Key", className: "col-key" },
  { id: "owner", label: "Owner", className: "col-owner" },
  { id: "created", label: "Created", className: "col-date" },
  { id: "lastUsed", label: "Last used", className: "col-date" },
];

/** Sorts rows by a column; never-used keys sort as oldest. */
export function sortRows(rows: KeyRow[], sort: Sort): KeyRow[] {
  const value = (row: KeyRow): string | number => {
    switch (sort.column) {
      case "name":
        return row.key.name.toLowerCase();
      case "owner":
        return row.key.ownerName.toLowerCase();
      case "project":
        return row.project.name.toLowerCase();
      case "created":
        return Date.parse(row.key.createdAt) || 0;
      case "lastUsed":
        return row.key.lastUsedAt ? Date.parse(row.key.lastUsedAt) || 0 : -1;
    }
  };
  const sorted = [...rows].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return sort.descending ? sorted.reverse() : sorted;
}

/** Whether a row matches a search (name, id, redacted value, owner, project). */
export function rowMatches(row: KeyRow, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (needle === "") return true;
  const { key, project } = row;
  return [key.name, key.id, key.redactedValue, key.ownerName, key.ownerEmail ?? "", project.name, project.id]
    .some((field) => field.toLowerCase().includes(needle));
}

/** The table itself. With `showProject`, a Project column comes first. */
export function renderKeysTable(
  rows: KeyRow[],
  sort: Sort,
  actions: RowActions,
  options: { showProject?: boolean; now?: Date } = {},
): HTMLElement {
  const now = options.now ?? new Date();
  const columns = options.showProject
    ? [{ id: "project" as SortColumn, label: "Project", className: "col-project" }, ...COLUMNS]
    : COLUMNS;
  const head = el("thead", {}, [
    el("tr", {}, [
      ...columns.map((column) => {
        if (!column.id) return el("th", { className: column.className, text: column.label });
        const id = column.id;
        const active = sort.column === id;
        const arrow = active ? (sort.descending ? " ↓" : " ↑") : "";
        return el("th", {
          className: column.className,
          attrs: { "aria-sort": active ? (sort.descending ? "descending" : "ascending") : "none" },
        }, [
          el("button", {
            className: "sort",
            text: `${column.label}${arrow}`,
            attrs: { type: "button", "data-sort": id },
            onClick: () => actions.onSort(id),
          }),
        ]);
      }),
      actions.rowButtons ? el("th", { className: "col-actions", attrs: { "aria-label": "Actions" } }) : null,
    ]),
  ]);
  const body = el(
    "tbody",
    {},
    sortRows(rows, sort).map((row) => renderRow(row, now, options.showProject ?? false, actions)),
  );
  return el("div", { className: "table-wrap" }, [
    el("table", { className: "keys-table", attrs: { "aria-label": "API keys" } }, [head, body]),
  ]);
}

function renderRow(row: KeyRow, now: Date, showProject: boolean, actions: RowActions): HTMLElement {
  const { key, project } = row;
  const ownerLabel =
    key.ownerKind === "serviceAccount" ? "Service account" : key.ownerKind === "user" ? "User" : "Owner";
  const owner = el("div", { className: "owner" }, [
    el("span", { className: `owner-kind owner-${key.ownerKind}`, text: ownerLabel }),
    el("span", { className: "owner-name", text: key.ownerName, title: key.ownerName }),
    key.ownerEmail ? el("span", { className: "owner-email", text: key.ownerEmail }) : null,
  ]);
  const inactive = key.ownerAccess === "inactive";
  return el("tr", { dataset: { keyId: key.id, projectId: project.id }, className: inactive ? "inactive" : "" }, [
    showProject ? el("td", { className: "project-cell", text: project.name, title: project.name }) : null,
    el("td", { className: "key-name" }, [
      el("span", { className: "name", text: key.name, title: key.name }),
      inactive ? el("span", { className: "tag", text: "owner inactive", title: "The owner lost access to this project" }) : null,
      (() => {
        const cost = actions.costOf?.(key.id);
        return cost ? el("span", { className: "key-cost", text: cost }) : null;
      })(),
    ]),
    el("td", {}, [
      actions.onCopy
        ? el("button", {
            className: "copy-chip",
            title: "Copy the redacted value",
            attrs: { type: "button", "data-testid": "copy-redacted" },
            onClick: () => actions.onCopy?.(key.redactedValue, "the redacted value"),
          }, [el("code", { className: "key-redacted", text: key.redactedValue })])
        : el("code", { className: "key-redacted", text: key.redactedValue }),
    ]),
    el("td", {}, [owner]),
    el("td", { className: "date", text: relativeTime(key.createdAt, now), title: fullDate(key.createdAt) }),
    el("td", {
      className: `date last-used${key.lastUsedAt === null ? " never" : ""}`,
      text: relativeTime(key.lastUsedAt, now),
      title: fullDate(key.lastUsedAt),
    }),
    actions.rowButtons
      ? el("td", { className: "actions-cell" }, [el("div", { className: "row-actions" }, actions.rowButtons(row))])
      : null,
  ]);
}
