// Each organization's hygiene findings (the counts behind the sidebar's badge and the
// organization's hygiene card), asked for again whenever its data version moves (a refresh, a
// create, a revoke, a policy change) or the thresholds change. An answer to an older request is
// dropped; a failure keeps the previous counts.

import * as api from "./api";
import { type AppState, orgById, withEntry } from "./state";
import type { Scope, Store } from "./store";

/** Loads and reloads every ready organization's hygiene report. */
export class HygieneReports {
  private generations = new Map<string, number>();
  private watched = new Map<string, () => void>();

  constructor(
    private readonly store: Store<AppState>,
    scope: Scope,
  ) {
    const ids = (s: AppState) => s.orgs.map((org) => org.id);
    this.sync(ids(store.get()));
    scope.add(store.subscribe(ids, (list) => this.sync(list)));
    scope.add(() => {
      for (const stop of this.watched.values()) stop();
    });
  }

  /** Asks again for every organization (after the thresholds changed). */
  reloadAll(): void {
    for (const id of this.watched.keys()) void this.load(id);
  }

  private sync(ids: string[]): void {
    for (const [id, stop] of this.watched) {
      if (!ids.includes(id)) {
        stop();
        this.watched.delete(id);
        this.generations.delete(id);
        this.store.set((s) => ({ hygiene: withEntry(s.hygiene, id, undefined) }));
      }
    }
    for (const id of ids) {
      if (this.watched.has(id)) continue;
      const inputs = (s: AppState) => ({
        ready: orgById(s, id)?.status.state === "ready",
        version: s.versions[id] ?? 0,
        refreshedAt: s.statuses[id]?.refreshedAt ?? null,
      });
      this.watched.set(id, this.store.subscribe(inputs, () => void this.load(id)));
      void this.load(id);
    }
  }

  private async load(orgId: string): Promise<void> {
    if (orgById(this.store.get(), orgId)?.status.state !== "ready") return;
    const generation = (this.generations.get(orgId) ?? 0) + 1;
    this.generations.set(orgId, generation);
    const report = await api.hygieneReport(orgId).catch(() => null);
    if (!report || this.generations.get(orgId) !== generation || !orgById(this.store.get(), orgId)) return;
    this.store.set((s) => ({ hygiene: withEntry(s.hygiene, orgId, report) }));
  }
}
