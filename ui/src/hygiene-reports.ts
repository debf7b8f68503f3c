// Each organization's hygiene findings (the counts behind the sidebar's badge and the
// organization's hygiene card), asked for again whenever its data version moves (a refresh, a
// create, a revoke, a policy change) or the thresholds change. An answer to an older request is
// dropped; a failure keeps the previous counts.

import * as api from "./api";
import { followEachOrg } from "./each-org";
import { type AppState, orgById, withEntry } from "./state";
import type { Scope, Store } from "./store";

/** Loads and reloads every ready organization's hygiene report. */
export class HygieneReports {
  private generations = new Map<string, number>();
  private readonly followed: () => string[];

  constructor(
    private readonly store: Store<AppState>,
    scope: Scope,
  ) {
    this.followed = followEachOrg(store, scope, {
      inputs: (s, id) => ({
        ready: orgById(s, id)?.status.state === "ready",
        // Every refresh, create, revoke and policy change moves the version once.
        version: s.versions[id] ?? 0,
      }),
      load: (id) => void this.load(id),
      forget: (id) => {
        this.generations.delete(id);
        this.store.set((s) => ({ hygiene: withEntry(s.hygiene, id, undefined) }));
      },
    });
  }

  /** Asks again for every organization (after the thresholds changed). */
  reloadAll(): void {
    for (const id of this.followed()) void this.load(id);
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
