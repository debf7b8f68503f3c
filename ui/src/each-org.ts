// Following every organization: something to load for each one now, again whenever what it
// depends on changes, and to forget once the organization is gone. The sidebar lists and the
// hygiene reports both keep per-organization data in step with Rust this way.

import type { AppState } from "./state";
import type { Scope, Store } from "./store";

/** What to do for each organization. */
export interface EachOrg<I> {
  /** What a load depends on; a change (by value) loads again. */
  inputs: (state: AppState, orgId: string) => I;
  /** Loads the organization's data (answers to older loads are the caller's to drop). */
  load: (orgId: string) => void;
  /** The organization is gone: drop what was kept for it. */
  forget: (orgId: string) => void;
}

/** Starts following every organization the store lists; stops with `scope`. Returns the ids followed. */
export function followEachOrg<I>(store: Store<AppState>, scope: Scope, each: EachOrg<I>): () => string[] {
  const watched = new Map<string, () => void>();
  const sync = (ids: string[]): void => {
    for (const [id, stop] of watched) {
      if (!ids.includes(id)) {
        stop();
        watched.delete(id);
        each.forget(id);
      }
    }
    for (const id of ids) {
      if (watched.has(id)) continue;
      watched.set(id, store.subscribe((s) => each.inputs(s, id), () => each.load(id)));
      each.load(id);
    }
  };
  const ids = (s: AppState) => s.orgs.map((org) => org.id);
  sync(ids(store.get()));
  scope.add(store.subscribe(ids, sync));
  scope.add(() => {
    for (const stop of watched.values()) stop();
  });
  return () => [...watched.keys()];
}
