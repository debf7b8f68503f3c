// What can be done to an organization: read its inventory status, refresh it (progress coalesced
// to ten updates a second), add, rename, remove it, paste or rotate its admin key, check its
// health, read its activity. Each action changes the store; the regions that care redraw.

import * as api from "./api";
import { Coalescer } from "./coalesce";
import { type AppState, canRead, type HealthState, isRefreshing, orgById, withEntry } from "./state";
import type { Store } from "./store";
import type { CommandError, InventoryStatus, Organization } from "./types";
import { confirmDialog, toast } from "./views/dialog";
import { addOrganizationDialog, renameDialog, rotateDialog } from "./views/org-dialogs";

/** Cached data older than this is refreshed in the background at start. */
export const STALE_AFTER_MS = 60 * 60 * 1000;
/** How often a refresh running elsewhere is checked on. */
const WATCH_MS = 2000;

/** A message about one organization, for a toast: named once, as a sentence. */
export function aboutOrganization(label: string, message: string): string {
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  return message.includes(label) ? sentence : `${label}: ${message}`;
}

/** Whether a cache in this state should be refreshed without being asked. */
export function needsRefresh(status: InventoryStatus, now = Date.now()): boolean {
  if (status.refreshing) return false;
  if (status.refreshedAt === null) return true;
  const at = Date.parse(status.refreshedAt);
  return Number.isNaN(at) || now - at > STALE_AFTER_MS;
}

/** The organization actions, over the window's store. */
export class OrgActions {
  constructor(private readonly store: Store<AppState>) {}

  /** Marks an organization's cached data as changed: its lists and key queries run again. */
  dataChanged(orgId: string): void {
    this.store.set((s) => ({ versions: withEntry(s.versions, orgId, (s.versions[orgId] ?? 0) + 1) }));
  }

  /** Reads the inventory status (from Rust's cache, fast), then refreshes when it is empty or old. */
  async openInventory(orgId: string): Promise<void> {
    if (!canRead(orgById(this.store.get(), orgId))) return;
    let status: InventoryStatus;
    try {
      status = await api.inventoryStatus(orgId);
    } catch (error) {
      this.store.set((s) => ({ refreshErrors: withEntry(s.refreshErrors, orgId, error as CommandError) }));
      return;
    }
    this.setStatus(orgId, status);
    const notice = status.notice;
    if (notice) this.store.set((s) => ({ notices: s.notices.includes(notice) ? s.notices : [...s.notices, notice] }));
    if (status.refreshing) void this.watchOutsideRefresh(orgId);
    else if (needsRefresh(status)) void this.refresh(orgId);
  }

  /** Refreshes an organization from OpenAI; lists re-query when it ends. */
  async refresh(orgId: string): Promise<void> {
    const org = orgById(this.store.get(), orgId);
    if (!org || !canRead(org) || isRefreshing(this.store.get(), orgId)) return;
    const showProgress = (progress: { done: number; total: number }) => {
      if (orgById(this.store.get(), orgId)) this.store.set((s) => ({ progress: withEntry(s.progress, orgId, progress) }));
    };
    this.store.set((s) => ({
      progress: withEntry(s.progress, orgId, { done: 0, total: 0 }),
      refreshErrors: withEntry(s.refreshErrors, orgId, undefined),
    }));
    const coalescer = new Coalescer(showProgress, 100);
    try {
      const status = await api.refreshInventory(orgId, (progress) => coalescer.push(progress));
      this.setStatus(orgId, status);
    } catch (error) {
      const failure = error as CommandError;
      const label = orgById(this.store.get(), orgId)?.label ?? org.label;
      if (failure.code === "cancelled") {
        toast(aboutOrganization(label, failure.message), "info");
      } else if (orgById(this.store.get(), orgId)) {
        this.store.set((s) => ({ refreshErrors: withEntry(s.refreshErrors, orgId, failure) }));
        toast(aboutOrganization(label, failure.message), "error", failure.details);
        if (failure.code === "adminKey") await this.reloadRecord(orgId);
      }
    } finally {
      coalescer.cancel();
      this.store.batch(() => {
        this.store.set((s) => ({ progress: withEntry(s.progress, orgId, undefined) }));
        if (orgById(this.store.get(), orgId)) this.dataChanged(orgId);
      });
    }
  }

  /** Stops a running refresh. */
  cancelRefresh(orgId: string): void {
    void api.cancelRefresh(orgId).catch(() => false);
  }

  /** Opens the add-organization dialog; a new organization is selected and fetched. */
  async add(onAdded: (org: Organization) => void): Promise<void> {
    const sources = await api.keySources().catch(() => ({ environment: false }));
    addOrganizationDialog(sources.environment, (accepted) => {
      this.store.set((s) => ({ orgs: [...s.orgs.filter((o) => o.id !== accepted.org.id), accepted.org] }));
      toast(
        `Added ${accepted.org.label} (${accepted.keyHint}).${accepted.clipboardCleared ? " The clipboard was cleared." : ""}`,
        "success",
      );
      onAdded(accepted.org);
      void this.openInventory(accepted.org.id);
    });
  }

  /** Asks, then forgets an organization and its keychain entry. */
  async remove(orgId: string): Promise<void> {
    const org = orgById(this.store.get(), orgId);
    if (!org) return;
    const confirmed = await confirmDialog({
      title: `Remove ${org.label}?`,
      message:
        "Keywarden forgets this organization and deletes its admin key from the keychain. Nothing changes at OpenAI: the admin key itself stays valid until you revoke it there.",
      confirmLabel: "Remove",
      danger: true,
    });
    if (!confirmed) return;
    try {
      await api.removeOrganization(orgId);
    } catch (error) {
      toast((error as CommandError).message, "error", (error as CommandError).details);
      return;
    }
    this.store.set((s) => ({
      orgs: s.orgs.filter((o) => o.id !== orgId),
      selection: { kind: "welcome" },
      selectedProject: null,
      query: "",
      statuses: withEntry(s.statuses, orgId, undefined),
      progress: withEntry(s.progress, orgId, undefined),
      refreshErrors: withEntry(s.refreshErrors, orgId, undefined),
      projects: withEntry(s.projects, orgId, undefined),
      health: withEntry(s.health, orgId, undefined),
      activity: withEntry(s.activity, orgId, undefined),
    }));
    toast(`Removed ${org.label}.`, "success");
  }

  /** Opens the rename dialog. */
  rename(orgId: string): void {
    const org = orgById(this.store.get(), orgId);
    if (org) renameDialog(org, (renamed) => this.replace(renamed));
  }

  /** Reads an organization's record again (e.g. its status after OpenAI refused its key). */
  async reloadRecord(orgId: string): Promise<void> {
    const orgs = await api.listOrganizations().catch(() => null);
    const org = orgs?.find((o) => o.id === orgId);
    if (org && orgById(this.store.get(), orgId)) this.replace(org);
  }

  /** Has Rust read a replacement admin key from the clipboard, then refreshes. */
  async pasteKeyAgain(orgId: string): Promise<void> {
    try {
      const accepted = await api.replaceAdminKey(orgId, "clipboard");
      this.replace(accepted.org);
      toast(`The admin key of ${accepted.org.label} was stored (${accepted.keyHint}).`, "success");
      this.store.set((s) => ({ health: withEntry(s.health, orgId, undefined) }));
      await this.openInventory(orgId);
      await this.refresh(orgId);
      void this.checkKey(orgId);
    } catch (error) {
      const failure = error as CommandError;
      toast(failure.message, "error", failure.details);
    }
  }

  /** Opens the rotate dialog. */
  rotate(orgId: string): void {
    const org = orgById(this.store.get(), orgId);
    if (!org) return;
    rotateDialog(org, (rotation) => {
      toast(
        rotation.warning ?? `The admin key was rotated; the new key is ${rotation.newKey.redactedValue}.`,
        rotation.warning ? "error" : "success",
      );
      void this.checkKey(orgId);
    });
  }

  /** Reads the admin key's own metadata and warnings. */
  async checkKey(orgId: string): Promise<void> {
    if (orgById(this.store.get(), orgId)?.status.state !== "ready") return;
    this.setHealth(orgId, "loading");
    let health: HealthState;
    try {
      health = await api.adminKeyHealth(orgId);
    } catch (error) {
      health = error as CommandError;
    }
    this.setHealth(orgId, health);
  }

  /** Reads the organization's activity log. */
  async loadActivity(orgId: string): Promise<void> {
    const entries = await api.listActivity(orgId).catch(() => []);
    if (orgById(this.store.get(), orgId)) this.store.set((s) => ({ activity: withEntry(s.activity, orgId, entries) }));
  }

  /** Puts a changed organization record in place. */
  replace(org: Organization): void {
    this.store.set((s) => ({ orgs: s.orgs.map((o) => (o.id === org.id ? org : o)) }));
  }

  private setHealth(orgId: string, health: HealthState): void {
    if (orgById(this.store.get(), orgId)) this.store.set((s) => ({ health: withEntry(s.health, orgId, health) }));
  }

  private setStatus(orgId: string, status: InventoryStatus): void {
    if (!orgById(this.store.get(), orgId)) return;
    this.store.set((s) => {
      const refreshedAt = status.refreshedAt;
      const moved = refreshedAt !== null && orgById(s, orgId)?.lastRefreshedAt !== refreshedAt;
      return {
        statuses: withEntry(s.statuses, orgId, status),
        orgs: moved ? s.orgs.map((o) => (o.id === orgId ? { ...o, lastRefreshedAt: refreshedAt } : o)) : s.orgs,
      };
    });
  }

  private async watchOutsideRefresh(orgId: string): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, WATCH_MS));
      if (!orgById(this.store.get(), orgId)) return;
      const status = await api.inventoryStatus(orgId).catch(() => null);
      if (!status) return;
      this.setStatus(orgId, status);
      if (!status.refreshing) {
        this.dataChanged(orgId);
        return;
      }
    }
  }
}
