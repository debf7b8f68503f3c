// What the window knows, in one immutable object: the slices each region subscribes to, and the
// small functions that read a slice (so every region reads the same thing the same way).

import type {
  ActivityEntry,
  AdminKeyHealth,
  CommandError,
  HygieneReport,
  HygieneRule,
  InventoryStatus,
  KeySortColumn,
  Organization,
  Progress,
  ProjectRow,
  UsageRead,
} from "./types";

/** What is selected in the main area. */
export type Selection =
  | { kind: "welcome" }
  | { kind: "org"; orgId: string }
  | { kind: "project"; orgId: string; projectId: string }
  /** The keys one hygiene rule finds in an organization. */
  | { kind: "findings"; orgId: string; rule: HygieneRule };

/** Sort order of the keys table (applied by Rust). */
export interface Sort {
  column: KeySortColumn;
  descending: boolean;
}

/** The admin key card's state. */
export type HealthState = AdminKeyHealth | "loading" | CommandError;

/** The first rows of an organization's project list, with and without archived projects. */
export interface ProjectList {
  /** Active projects only. */
  active: ProjectRow[];
  activeTotal: number;
  /** Active and archived projects. */
  all: ProjectRow[];
  allTotal: number;
  archivedTotal: number;
  /** The filter these rows answer. */
  filter: string;
  /** Why the last query failed, if it did (the rows are the previous ones). */
  error: string | null;
}

/** How one organization's sidebar section is shown. */
export interface OrgSidebar {
  collapsed: boolean;
  showArchived: boolean;
  /** Project filter text (matched by Rust against names and ids). */
  filter: string;
  /** How many projects are listed before "Show more". */
  limit: number;
}

/** The keys the table shows: `total` is null until the first page of a query arrives. */
export interface KeysView {
  total: number | null;
  /** Bumped whenever a page arrives, so the table redraws its rows. */
  version: number;
  /** Which query the shown rows answer. */
  shown: number;
  /** Whether the shown rows answer a new query (scroll back to the top) or fresher data. */
  scrollToTop: boolean;
  error: CommandError | null;
}

/** Everything the window draws from. */
export interface AppState {
  started: boolean;
  loadError: CommandError | null;
  orgs: Organization[];
  statuses: Readonly<Record<string, InventoryStatus>>;
  /** Running refreshes, coalesced to at most 10 updates a second. */
  progress: Readonly<Record<string, Progress>>;
  refreshErrors: Readonly<Record<string, CommandError>>;
  /** Bumped each time an organization's cached data changed: its lists and queries run again. */
  versions: Readonly<Record<string, number>>;
  projects: Readonly<Record<string, ProjectList>>;
  sidebar: Readonly<Record<string, OrgSidebar>>;
  selection: Selection;
  /** The selected project's row; "gone" when Rust no longer knows it. */
  selectedProject: ProjectRow | "gone" | null;
  /** The search text in effect (debounced); empty: no search. */
  query: string;
  sort: Sort;
  /** The expiry filter of project and search tables (a hygiene rule); null shows every key. */
  keyFilter: HygieneRule | null;
  keys: KeysView;
  /** Each organization's hygiene findings, from Rust's cache. */
  hygiene: Readonly<Record<string, HygieneReport>>;
  health: Readonly<Record<string, HealthState>>;
  activity: Readonly<Record<string, ActivityEntry[]>>;
  notices: string[];
  /** Keys whose secret a previous run lost and the user has not yet revoked or kept. */
  lostKeyIds: readonly string[];
  /** The clock, ticking each minute, for "updated 3 minutes ago". */
  now: number;
  /** How many days of usage the keys table and detail panels show (7 or 30). */
  usageDays: 7 | 30;
  /** Each organization's usage read in progress ("reading"), its last answer, or its failure. */
  usageReads: Readonly<Record<string, UsageReadState>>;
}

/** Where an organization's usage read stands. */
export type UsageReadState = { kind: "reading"; progress: Progress | null } | { kind: "read"; read: UsageRead } | { kind: "failed"; error: CommandError };

/** How many projects a sidebar section lists before "Show more". */
export const PROJECT_PAGE = 100;

/** The sidebar state of an organization never touched. */
export const DEFAULT_SIDEBAR: OrgSidebar = Object.freeze({
  collapsed: false,
  showArchived: false,
  filter: "",
  limit: PROJECT_PAGE,
});

/** The state before anything is loaded. */
export function initialState(now = Date.now()): AppState {
  return {
    started: false,
    loadError: null,
    orgs: [],
    statuses: {},
    progress: {},
    refreshErrors: {},
    versions: {},
    projects: {},
    sidebar: {},
    selection: { kind: "welcome" },
    selectedProject: null,
    query: "",
    sort: { column: "name", descending: false },
    keyFilter: null,
    hygiene: {},
    keys: { total: null, version: 0, shown: 0, scrollToTop: false, error: null },
    health: {},
    activity: {},
    notices: [],
    lostKeyIds: [],
    now,
    usageDays: 30,
    usageReads: {},
  };
}

/** A copy of `record` with `key` set to `value`, or removed when `value` is undefined. */
export function withEntry<V>(
  record: Readonly<Record<string, V>>,
  key: string,
  value: V | undefined,
): Readonly<Record<string, V>> {
  const copy = { ...record };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

/** The organization the toolbar and the search act on: the selected one, else the first. */
export function currentOrg(state: AppState): Organization | undefined {
  const id = state.selection.kind === "welcome" ? undefined : state.selection.orgId;
  return state.orgs.find((org) => org.id === id) ?? state.orgs[0];
}

/** An organization by id. */
export function orgById(state: AppState, orgId: string): Organization | undefined {
  return state.orgs.find((org) => org.id === orgId);
}

/** How an organization's sidebar section is shown. */
export function sidebarOf(state: AppState, orgId: string): OrgSidebar {
  return state.sidebar[orgId] ?? DEFAULT_SIDEBAR;
}

/** Whether the search is in effect (it covers the current organization). */
export function searching(state: AppState): boolean {
  return state.query.trim() !== "" && currentOrg(state) !== undefined;
}

/** Whether an organization is being refreshed. */
export function isRefreshing(state: AppState, orgId: string): boolean {
  return state.progress[orgId] !== undefined;
}

/** Whether an organization's cached inventory can be read: its key works, or OpenAI refused it
 * lately (the cache stays readable until the key is replaced). */
export function canRead(org: Organization | undefined): boolean {
  return org?.status.state === "ready" || org?.status.state === "adminKeyRejected";
}
