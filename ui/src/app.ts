// The window: the store, what keeps it in step with Rust (sidebar lists, the current key query,
// the selected project), the regions drawn from it, and the user's actions. Nothing here redraws
// the page: each region follows its own slice of the store.

import * as api from "./api";
import { HygieneReports } from "./hygiene-reports";
import { KeyPages } from "./key-pages";
import { type KeyFlowHost, keysChanged } from "./key-flows";
import { OrgActions } from "./org-actions";
import { ProjectLists } from "./project-lists";
import { type AppState, type Selection, currentOrg, initialState, orgById, sidebarOf, withEntry } from "./state";
import { Scope, Store } from "./store";
import { readUsage } from "./usage-reads";
import type { CommandError, HygieneRule } from "./types";
import { aboutDialog } from "./views/about-dialog";
import type { ViewContext, WindowActions } from "./views/context";
import { confirmDialog } from "./views/dialog";
import { exportDialog } from "./views/export-dialog";
import { thresholdsDialog } from "./views/hygiene-card";
import { nextSort } from "./views/keys-table";
import { warnAboutLostKeys } from "./views/lost-key-warning";
import { mountMainView, routeOf } from "./views/main-view";
import { mountSidebar } from "./views/sidebar";
import { type ToolbarElements, mountToolbar } from "./views/toolbar";

/** The page elements the window draws into (from index.html). */
export interface WindowElements extends ToolbarElements {
  sidebar: HTMLElement;
  view: HTMLElement;
}

type KeyQueryInputs = {
  orgId: string;
  projectId: string | null;
  text: string | null;
  filter: HygieneRule | null;
  column: AppState["sort"]["column"];
  descending: boolean;
  usageDays: number;
  version: number;
} | null;

function keyQueryInputs(state: AppState): KeyQueryInputs {
  const route = routeOf(state);
  if (route.kind !== "search" && route.kind !== "project" && route.kind !== "findings") return null;
  return {
    orgId: route.orgId,
    projectId: route.kind === "project" ? route.projectId : null,
    text: route.kind === "search" ? state.query.trim() : null,
    filter: route.kind === "findings" ? route.rule : state.keyFilter,
    column: state.sort.column,
    descending: state.sort.descending,
    usageDays: state.usageDays,
    version: state.versions[route.orgId] ?? 0,
  };
}

/** The Keywarden window. */
export class App {
  /** Everything the window shows. */
  readonly store = new Store<AppState>(initialState());
  private readonly scope = new Scope();
  private readonly pages: KeyPages;
  private readonly orgs: OrgActions;
  private readonly host: KeyFlowHost;
  private readonly hygiene: HygieneReports;
  private watchingClose = false;
  private checkedLostKeys = false;

  constructor(elements: WindowElements) {
    this.pages = new KeyPages(api.queryKeys, (keys) => this.store.set({ keys }));
    this.orgs = new OrgActions(this.store);
    const host: KeyFlowHost = {
      keysChanged: (orgId) => this.orgs.dataChanged(orgId),
      activityChanged: (orgId) => this.activityChanged(orgId),
    };
    this.host = host;
    new ProjectLists(this.store, this.scope);
    this.hygiene = new HygieneReports(this.store, this.scope);
    this.driveKeyQuery();
    this.followSelectedProject();
    const context: ViewContext = { store: this.store, rows: this.pages, host, actions: this.actions() };
    mountSidebar(elements.sidebar, context, this.scope);
    mountToolbar(elements, context, this.scope);
    mountMainView(elements.view, context, this.scope);
    window.addEventListener(api.READ_ONLY_EVENT, (event) => {
      const org = orgById(this.store.get(), (event as CustomEvent<string>).detail);
      if (org && !org.readOnly) this.orgs.replace({ ...org, readOnly: true });
    });
    const ticker = setInterval(() => this.store.set({ now: Date.now() }), 60_000);
    this.scope.add(() => clearInterval(ticker));
  }

  /**
   * Shows the organizations at once, then each one's cached inventory, refreshing old ones. Once
   * they are shown, warns about new keys a previous run lost (without waiting for inventories).
   */
  async start(): Promise<void> {
    this.store.set({ loadError: null });
    try {
      const [orgs, notices] = await Promise.all([api.listOrganizations(), api.startupNotices()]);
      this.store.set({ orgs, notices, started: true });
    } catch (error) {
      this.store.set({ loadError: error as CommandError, started: true });
      return;
    }
    if (!this.watchingClose) {
      this.watchingClose = true;
      void api.watchCloseRequests((pending) => void this.confirmQuit(pending)).catch(() => undefined);
    }
    this.checkLostKeys();
    for (const org of this.store.get().orgs) void this.orgs.openInventory(org.id);
  }

  /** Asks Rust once for keys whose reveal a crash cut short; a revoke re-runs that org's lists. */
  private checkLostKeys(): void {
    if (this.checkedLostKeys) return;
    this.checkedLostKeys = true;
    void warnAboutLostKeys((orgId) => keysChanged(this.host, orgId), {
      found: (keyIds) => this.store.set({ lostKeyIds: keyIds }),
      settled: (keyId) => this.store.set({ lostKeyIds: this.store.get().lostKeyIds.filter((id) => id !== keyId) }),
    });
  }

  /** Refreshes the current organization (Ctrl+R). */
  refreshCurrent(): void {
    const state = this.store.get();
    const id = state.selection.kind === "welcome" ? state.orgs[0]?.id : state.selection.orgId;
    if (id) void this.orgs.refresh(id);
  }

  /** Selects the n-th organization (Ctrl+1..9). */
  selectOrgByIndex(index: number): void {
    const org = this.store.get().orgs[index];
    if (org) this.select({ kind: "org", orgId: org.id });
  }

  private actions(): WindowActions {
    const { store, orgs } = this;
    return {
      select: (selection) => this.select(selection),
      readUsage: (orgId) => void readUsage(store, orgId, (id) => orgs.dataChanged(id)),
      setUsageDays: (days) => store.set({ usageDays: days }),
      refresh: (orgId) => void orgs.refresh(orgId),
      cancelRefresh: (orgId) => orgs.cancelRefresh(orgId),
      addOrganization: () => void orgs.add((org) => this.select({ kind: "org", orgId: org.id })),
      removeOrganization: (orgId) => void orgs.remove(orgId),
      renameOrganization: (orgId) => orgs.rename(orgId),
      pasteKeyAgain: (orgId) => void orgs.pasteKeyAgain(orgId),
      rotateAdminKey: (orgId) => orgs.rotate(orgId),
      checkAdminKey: (orgId) => void orgs.checkKey(orgId),
      sort: (column) => store.set((s) => ({ sort: nextSort(s.sort, column) })),
      filterKeys: (rule) => store.set({ keyFilter: rule }),
      editHygieneThresholds: () => {
        const report = Object.values(store.get().hygiene)[0];
        if (report) thresholdsDialog(report.thresholds, () => this.hygiene.reloadAll());
      },
      search: (text) => store.set({ query: text.trim() === "" ? "" : text }),
      exportKeys: () => {
        const state = store.get();
        const org = currentOrg(state);
        if (!org) return;
        const inputs = keyQueryInputs(state);
        const view =
          inputs && inputs.orgId === org.id
            ? {
                query: {
                  projectId: inputs.projectId,
                  text: inputs.text,
                  filter: inputs.filter,
                  sort: { column: inputs.column, descending: inputs.descending },
                  usageDays: null,
                },
                keys: state.keys.total,
              }
            : null;
        exportDialog(org, view);
      },
      dismissNotice: (notice) => store.set((s) => ({ notices: s.notices.filter((n) => n !== notice) })),
      retryStart: () => void this.start(),
      about: () => void aboutDialog(),
      patchSidebar: (orgId, patch) =>
        store.set((s) => ({ sidebar: withEntry(s.sidebar, orgId, { ...sidebarOf(s, orgId), ...patch }) })),
    };
  }

  private select(selection: Selection): void {
    const state = this.store.get();
    const list = selection.kind === "project" ? state.projects[selection.orgId] : undefined;
    const project =
      selection.kind === "project" ? (list?.all.find((p) => p.id === selection.projectId) ?? null) : null;
    this.store.set({ selection, query: "", selectedProject: project });
    if (selection.kind !== "org") return;
    if (!state.health[selection.orgId]) void this.orgs.checkKey(selection.orgId);
    void this.orgs.loadActivity(selection.orgId);
  }

  private activityChanged(orgId: string): void {
    const selection = this.store.get().selection;
    if (selection.kind === "org" && selection.orgId === orgId) void this.orgs.loadActivity(orgId);
    else this.store.set((s) => ({ activity: withEntry(s.activity, orgId, undefined) }));
  }

  /** Runs the key query the view calls for whenever its inputs change; answers arrive in pages. */
  private driveKeyQuery(): void {
    this.scope.add(
      this.store.subscribe(keyQueryInputs, (next, previous) => {
        if (!next) {
          this.pages.clear();
          return;
        }
        const query = {
          projectId: next.projectId,
          text: next.text,
          filter: next.filter,
          sort: { column: next.column, descending: next.descending },
          usageDays: next.usageDays,
        };
        const sameView =
          previous !== null &&
          previous.orgId === next.orgId &&
          previous.projectId === next.projectId &&
          (previous.text === null) === (next.text === null);
        const sameQuery =
          sameView &&
          previous.text === next.text &&
          previous.filter === next.filter &&
          previous.column === next.column &&
          previous.descending === next.descending;
        this.pages.run(next.orgId, query, { keepShown: sameView, keepPosition: sameQuery });
      }),
    );
  }

  /** Keeps the selected project's row (name, counts, error) current, or notes that it is gone. */
  private followSelectedProject(): void {
    const selected = (s: AppState) =>
      s.selection.kind === "project"
        ? { orgId: s.selection.orgId, projectId: s.selection.projectId, version: s.versions[s.selection.orgId] ?? 0 }
        : null;
    this.scope.add(
      this.store.subscribe(selected, (next) => {
        if (next) void this.lookUpProject(next.orgId, next.projectId);
      }),
    );
  }

  private async lookUpProject(orgId: string, projectId: string): Promise<void> {
    const query = { text: projectId, includeArchived: true, offset: 0, limit: 50 };
    const page = await api.queryProjects(orgId, query).catch(() => null);
    const state = this.store.get();
    const selection = state.selection;
    if (!page || selection.kind !== "project" || selection.orgId !== orgId || selection.projectId !== projectId) return;
    const row = page.rows.find((p) => p.id === projectId);
    this.store.set({ selectedProject: row ?? "gone" });
  }

  private async confirmQuit(pending: number): Promise<void> {
    const one = pending === 1;
    const confirmed = await confirmDialog({
      title: "Quit with a key not stored?",
      message: `${one ? "A new key has" : `${pending} new keys have`} not been confirmed as stored. Quitting wipes ${one ? "it" : "them"}, and Keywarden can never show ${one ? "it" : "them"} again.`,
      confirmLabel: "Quit and wipe",
      danger: true,
    });
    if (confirmed) await api.quitApp();
  }
}
