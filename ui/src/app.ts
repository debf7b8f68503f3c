// The window's state and what happens on each user action. Rendering lives in views/.

import * as api from "./api";
import { el, replaceChildren } from "./dom";
import { type KeyFlowHost, projectButtons, reloadProjectKeys, rowActions, spendText } from "./key-flows";
import type { ActivityEntry, CommandError, KeyCosts, Organization } from "./types";
import { confirmDialog, toast } from "./views/dialog";
import { type KeyRow, type Sort, type SortColumn, rowMatches } from "./views/keys-table";
import { aboutDialog } from "./views/about-dialog";
import { warnAboutLostKeys } from "./views/lost-key-warning";
import { addOrganizationDialog, renameDialog, rotateDialog } from "./views/org-dialogs";
import { type HealthState, renderOrgView } from "./views/org-view";
import { renderProjectView, renderSearchView } from "./views/project-view";
import { type OrgEntry, type Selection, renderSidebar } from "./views/sidebar";
import { emptyPanel, errorPanel, loadingPanel, noticeBanner } from "./views/status-panel";


/** How many days of spend are shown next to each key. */
const COST_DAYS = 30;

/** The Keywarden window. */
export class App {
  private entries: OrgEntry[] = [];
  private selection: Selection = { kind: "welcome" };
  private showArchived = new Set<string>();
  private health = new Map<string, HealthState>();
  private activity = new Map<string, ActivityEntry[]>();
  private sort: Sort = { column: "name", descending: false };
  private query = "";
  private notices: string[] = [];
  private loadError: CommandError | null = null;
  private started = false;
  private costs = new Map<string, KeyCosts>();
  private readonly keyHost: KeyFlowHost = {
    render: () => this.render(),
    costOf: (orgId, keyId) => spendText(this.costs.get(orgId), keyId),
    onSort: (column) => this.onSort(column),
    activityChanged: (orgId) => this.activity.delete(orgId),
  };

  constructor(
    private readonly sidebar: HTMLElement,
    private readonly view: HTMLElement,
    private readonly search: HTMLInputElement,
    private readonly refreshButton: HTMLButtonElement,
  ) {
    search.addEventListener("input", () => {
      this.query = search.value;
      this.render();
    });
    search.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        search.value = "";
        this.query = "";
        search.blur();
        this.render();
      }
    });
    refreshButton.addEventListener("click", () => void this.refreshCurrent());
    window.addEventListener(api.READ_ONLY_EVENT, (event) => {
      const entry = this.entries.find((e) => e.org.id === (event as CustomEvent<string>).detail);
      if (entry) {
        entry.org = { ...entry.org, readOnly: true };
        this.render();
      }
    });
  }

  /** Loads the organizations, then each one's inventory (cached, or fetched with progress). */
  async start(): Promise<void> {
    this.loadError = null;
    try {
      const [orgs, notices] = await Promise.all([api.listOrganizations(), api.startupNotices()]);
      this.notices = notices;
      this.entries = orgs.map((org) => ({ org, inventory: null, refreshing: null, error: null }));
    } catch (error) {
      this.loadError = error as CommandError;
    }
    this.started = true;
    this.render();
    void api.watchCloseRequests((pending) => void this.confirmQuit(pending)).catch(() => undefined);
    void warnAboutLostKeys((orgId, projectId) => {
      const entry = this.entries.find((e) => e.org.id === orgId);
      if (entry) void reloadProjectKeys(this.keyHost, entry, projectId);
    });
    await Promise.all(this.entries.map((entry) => this.loadInventory(entry)));
  }

  /** The organization the toolbar acts on. */
  private currentOrg(): OrgEntry | undefined {
    const id = this.selection.kind === "welcome" ? undefined : this.selection.orgId;
    return this.entries.find((e) => e.org.id === id) ?? this.entries[0];
  }

  /** Refreshes the current organization (Ctrl+R). */
  async refreshCurrent(): Promise<void> {
    const entry = this.currentOrg();
    if (entry) await this.refresh(entry);
  }

  /** Selects the n-th organization (Ctrl+1..9). */
  selectOrgByIndex(index: number): void {
    const entry = this.entries[index];
    if (entry) this.select({ kind: "org", orgId: entry.org.id });
  }

  /** Opens the add-organization dialog. */
  async addOrganization(): Promise<void> {
    const sources = await api.keySources().catch(() => ({ environment: false }));
    addOrganizationDialog(sources.environment, (accepted) => {
      const entry: OrgEntry = { org: accepted.org, inventory: null, refreshing: null, error: null };
      this.entries.push(entry);
      toast(
        `Added ${accepted.org.label} (${accepted.keyHint}).${accepted.clipboardCleared ? " The clipboard was cleared." : ""}`,
        "success",
      );
      this.select({ kind: "org", orgId: accepted.org.id });
      void this.refresh(entry);
    });
  }

  private async confirmQuit(pending: number): Promise<void> {
    const confirmed = await confirmDialog({
      title: "Quit with a key not stored?",
      message: `${pending === 1 ? "A new key has" : `${pending} new keys have`} not been confirmed as stored. Quitting wipes ${pending === 1 ? "it" : "them"}, and Keywarden can never show ${pending === 1 ? "it" : "them"} again.`,
      confirmLabel: "Quit and wipe",
      danger: true,
    });
    if (confirmed) await api.quitApp();
  }

  private async loadActivity(orgId: string): Promise<void> {
    try {
      this.activity.set(orgId, await api.listActivity(orgId));
      this.render();
    } catch {
      this.activity.set(orgId, []);
    }
  }

  private select(selection: Selection): void {
    this.selection = selection;
    if (this.query) {
      this.query = "";
      this.search.value = "";
    }
    this.render();
    if (selection.kind === "org" && !this.health.has(selection.orgId)) void this.checkKey(selection.orgId);
    if (selection.kind === "org") void this.loadActivity(selection.orgId);
  }

  private async loadInventory(entry: OrgEntry): Promise<void> {
    if (entry.org.status.state !== "ready") return;
    try {
      entry.inventory = await api.getInventory(entry.org.id);
      if (entry.inventory) void this.loadCosts(entry.org.id);
    } catch (error) {
      entry.error = error as CommandError;
    }
    if (!entry.inventory) await this.refresh(entry);
    else this.render();
  }

  private async refresh(entry: OrgEntry): Promise<void> {
    if (entry.refreshing || entry.org.status.state !== "ready") return;
    entry.refreshing = { done: 0, total: 0 };
    entry.error = null;
    this.render();
    try {
      entry.inventory = await api.refreshInventory(entry.org.id, (progress) => {
        entry.refreshing = progress;
        this.renderSidebar();
      });
      entry.org = { ...entry.org, lastRefreshedAt: entry.inventory.refreshedAt };
      void this.loadCosts(entry.org.id);
    } catch (error) {
      const failure = error as CommandError;
      if (failure.code === "cancelled") {
        toast(`${entry.org.label}: ${failure.message}`, "info");
      } else {
        entry.error = failure;
        toast(`${entry.org.label}: ${failure.message}`, "error");
      }
    } finally {
      entry.refreshing = null;
      this.render();
    }
  }

  private async loadCosts(orgId: string): Promise<void> {
    try {
      this.costs.set(orgId, await api.keyCosts(orgId, COST_DAYS));
      this.render();
    } catch {
      this.costs.delete(orgId);
    }
  }

  private async checkKey(orgId: string): Promise<void> {
    const entry = this.entries.find((e) => e.org.id === orgId);
    if (!entry || entry.org.status.state !== "ready") return;
    this.health.set(orgId, "loading");
    this.render();
    try {
      this.health.set(orgId, await api.adminKeyHealth(orgId));
    } catch (error) {
      this.health.set(orgId, error as CommandError);
    }
    this.render();
  }

  private replaceOrg(org: Organization): void {
    const entry = this.entries.find((e) => e.org.id === org.id);
    if (entry) entry.org = org;
  }

  private async pasteKeyAgain(entry: OrgEntry): Promise<void> {
    try {
      const accepted = await api.replaceAdminKey(entry.org.id, "clipboard");
      this.replaceOrg(accepted.org);
      toast(`The admin key of ${accepted.org.label} was stored (${accepted.keyHint}).`, "success");
      this.health.delete(entry.org.id);
      await this.refresh(entry);
      void this.checkKey(entry.org.id);
    } catch (error) {
      toast((error as CommandError).message, "error");
    }
  }

  private async remove(entry: OrgEntry): Promise<void> {
    const confirmed = await confirmDialog({
      title: `Remove ${entry.org.label}?`,
      message:
        "Keywarden forgets this organization and deletes its admin key from the keychain. Nothing changes at OpenAI: the admin key itself stays valid until you revoke it there.",
      confirmLabel: "Remove",
      danger: true,
    });
    if (!confirmed) return;
    try {
      await api.removeOrganization(entry.org.id);
      this.entries = this.entries.filter((e) => e !== entry);
      this.selection = { kind: "welcome" };
      toast(`Removed ${entry.org.label}.`, "success");
      this.render();
    } catch (error) {
      toast((error as CommandError).message, "error");
    }
  }

  private onSort(column: SortColumn): void {
    this.sort =
      this.sort.column === column
        ? { column, descending: !this.sort.descending }
        : { column, descending: column === "created" || column === "lastUsed" };
    this.render();
  }

  private renderSidebar(): void {
    replaceChildren(
      this.sidebar,
      renderSidebar(this.entries, this.selection, this.showArchived, {
        onSelect: (selection) => this.select(selection),
        onToggleArchived: (orgId) => {
          if (!this.showArchived.delete(orgId)) this.showArchived.add(orgId);
          this.render();
        },
        onAddOrganization: () => void this.addOrganization(),
        onCancelRefresh: (orgId) => void api.cancelRefresh(orgId),
        onAbout: () => void aboutDialog(),
      }),
    );
  }

  private render(): void {
    this.renderSidebar();
    const current = this.currentOrg();
    this.refreshButton.disabled = !current || current.refreshing !== null;
    this.refreshButton.textContent = current?.refreshing ? "Refreshing…" : "Refresh";
    const banners = this.notices.map((notice) =>
      noticeBanner(notice, () => {
        this.notices = this.notices.filter((n) => n !== notice);
        this.render();
      }),
    );
    replaceChildren(this.view, ...banners, this.renderContent());
  }

  private renderContent(): HTMLElement {
    if (this.loadError) return errorPanel(this.loadError, () => void this.start());
    if (!this.started) return loadingPanel("Starting…");
    const entry = this.currentOrg();
    if (this.query.trim() !== "" && entry?.inventory) return this.renderSearch(entry);
    const selection = this.selection;
    if (selection.kind === "org" && entry) {
      return renderOrgView(entry, this.health.get(entry.org.id) ?? null, {
        onRefresh: () => void this.refresh(entry),
        onRename: () => renameDialog(entry.org, (org) => {
          this.replaceOrg(org);
          this.render();
        }),
        onRemove: () => void this.remove(entry),
        onPasteKey: () => void this.pasteKeyAgain(entry),
        onRotate: () => rotateDialog(entry.org, (rotation) => {
          toast(
            rotation.warning ?? `The admin key was rotated; the new key is ${rotation.newKey.redactedValue}.`,
            rotation.warning ? "error" : "success",
          );
          void this.checkKey(entry.org.id);
        }),
        onCheckKey: () => void this.checkKey(entry.org.id),
      }, this.activity.get(entry.org.id) ?? null);
    }
    if (selection.kind === "project" && entry) {
      const project = entry.inventory?.projects.find((p) => p.project.id === selection.projectId);
      if (project) {
        const actions = rowActions(this.keyHost, entry);
        return renderProjectView(entry.org.label, project, this.sort, actions, projectButtons(this.keyHost, entry, project));
      }
      if (entry.refreshing) return loadingPanel("Loading keys…");
      return emptyPanel("This project is gone", "It may have been deleted; choose another project.");
    }
    return this.renderWelcome();
  }

  private renderSearch(entry: OrgEntry): HTMLElement {
    const rows: KeyRow[] = (entry.inventory?.projects ?? []).flatMap((p) =>
      p.keys.map((key) => ({ key, project: p.project })),
    );
    const matching = rows.filter((row) => rowMatches(row, this.query));
    return renderSearchView(entry.org.label, this.query.trim(), matching, this.sort, rowActions(this.keyHost, entry));
  }

  private renderWelcome(): HTMLElement {
    const failed = this.entries.find((e) => e.error && !e.inventory);
    if (failed?.error) return errorPanel(failed.error, () => void this.refresh(failed));
    if (this.entries.some((e) => e.refreshing && !e.inventory)) return loadingPanel("Loading projects…");
    const projects = this.entries.reduce((sum, e) => sum + (e.inventory?.projects.length ?? 0), 0);
    const orgs = this.entries.length;
    const summary = `${orgs} ${orgs === 1 ? "organization" : "organizations"}, ${projects} ${
      projects === 1 ? "project" : "projects"
    }`;
    return el("div", { className: "welcome" }, [
      emptyPanel(
        "Choose a project",
        "Pick a project on the left to see its API keys, their owners and when they were last used. Press / to search every key of an organization.",
      ),
      el("p", { className: "welcome-summary", text: summary }),
      el("p", { className: "welcome-summary" }, [
        el("button", {
          className: "button primary",
          text: "Add your organization",
          attrs: { type: "button" },
          onClick: () => void this.addOrganization(),
        }),
      ]),
    ]);
  }
}
