// Reading an organization's usage of every kind (asked for by the user): marks the read as
// running, asks Rust, then reloads what shows usage (the keys' sparklines, the hygiene findings).

import * as api from "./api";
import { withEntry, type AppState } from "./state";
import type { Store } from "./store";
import type { CommandError, Progress } from "./types";
import { toast } from "./views/dialog";

/** Reads `orgId`'s usage; `dataChanged` reloads its lists and queries. Never throws. */
export async function readUsage(store: Store<AppState>, orgId: string, dataChanged: (orgId: string) => void): Promise<void> {
  if (store.get().usageReads[orgId]?.kind === "reading") return;
  const reading = (progress: Progress | null) =>
    store.set((s) => ({ usageReads: withEntry(s.usageReads, orgId, { kind: "reading", progress }) }));
  reading(null);
  try {
    const read = await api.refreshUsage(orgId, reading);
    const status = await api.inventoryStatus(orgId).catch(() => null);
    store.batch(() => {
      store.set((s) => ({ usageReads: withEntry(s.usageReads, orgId, { kind: "read", read }) }));
      if (status) store.set((s) => ({ statuses: withEntry(s.statuses, orgId, status) }));
    });
    dataChanged(orgId);
  } catch (error) {
    const failure = error as CommandError;
    store.set((s) => ({ usageReads: withEntry(s.usageReads, orgId, { kind: "failed", error: failure }) }));
    toast(`Usage could not be read. ${failure.message}`, "error", failure.details);
  }
}
