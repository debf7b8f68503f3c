// What every view is given: the store it draws from, the rows of the current key query, and the
// window's actions (views never call Rust for a change themselves; the actions do).

import type { KeyFlowHost } from "../key-flows";
import type { AppState, OrgSidebar, Selection } from "../state";
import type { Store } from "../store";
import type { HygieneRule, KeySortColumn } from "../types";
import type { RowSource } from "./keys-table";

/** What the user can ask the window to do. */
export interface WindowActions {
  select(selection: Selection): void;
  refresh(orgId: string): void;
  cancelRefresh(orgId: string): void;
  addOrganization(): void;
  removeOrganization(orgId: string): void;
  renameOrganization(orgId: string): void;
  pasteKeyAgain(orgId: string): void;
  rotateAdminKey(orgId: string): void;
  checkAdminKey(orgId: string): void;
  sort(column: KeySortColumn): void;
  /** Shows only the keys one hygiene rule finds in project and search tables (null: every key). */
  filterKeys(rule: HygieneRule | null): void;
  /** Opens the dialog of the hygiene rules' day counts. */
  editHygieneThresholds(): void;
  /** Runs a search over the current organization's keys ("" ends it). */
  search(text: string): void;
  /** Opens the export dialog for the current organization (this view, or every key). */
  exportKeys(): void;
  dismissNotice(notice: string): void;
  retryStart(): void;
  about(): void;
  /** Reads an organization's usage of every kind, per key and day. */
  readUsage(orgId: string): void;
  /** Chooses how many days of usage the keys and detail panels show. */
  setUsageDays(days: 7 | 30): void;
  /** Changes how an organization's sidebar section is shown (collapsed, archived, filter, more). */
  patchSidebar(orgId: string, patch: Partial<OrgSidebar>): void;
}

/** The current key query's rows, and a way to ask again after an error. */
export interface KeyRows extends RowSource {
  retry(): void;
}

/** Everything a view needs. */
export interface ViewContext {
  store: Store<AppState>;
  rows: KeyRows;
  host: KeyFlowHost;
  actions: WindowActions;
}
