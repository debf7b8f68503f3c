// The toolbar above the main area: the search box (the first keystroke searches at once, fast
// typing is coalesced; the search runs in Rust),
// how old the shown data is, the Export and Refresh buttons, and a calm line when the cache is off.

import { debounce } from "../coalesce";
import { el } from "../dom";
import { fullDate, relativeTime } from "../formats";
import { type AppState, currentOrg, isRefreshing } from "../state";
import type { Scope } from "../store";
import type { ViewContext } from "./context";

/** Keystrokes closer together than this are coalesced: the search runs again when they pause. */
export const SEARCH_DELAY_MS = 120;

/** The toolbar's elements (from index.html). */
export interface ToolbarElements {
  search: HTMLInputElement;
  refresh: HTMLButtonElement;
  exportKeys: HTMLButtonElement;
  cacheAge: HTMLElement;
  statusLine: HTMLElement;
}

function cacheOffReason(state: AppState): string | null {
  const current = currentOrg(state);
  const statuses = [current ? state.statuses[current.id] : undefined, ...Object.values(state.statuses)];
  for (const status of statuses) {
    if (status?.cache.state === "off") return status.cache.reason;
  }
  return null;
}

/** Wires the search box, the age line, the Refresh button and the cache line to the store. */
export function mountToolbar(elements: ToolbarElements, context: ViewContext, scope: Scope): void {
  const { store, actions } = context;
  const { search, refresh, exportKeys, cacheAge, statusLine } = elements;

  const run = debounce((text: string) => actions.search(text), SEARCH_DELAY_MS, { leading: true });
  scope.add(() => run.cancel());
  search.addEventListener("input", () => run.call(search.value));
  search.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    search.value = "";
    run.cancel();
    actions.search("");
    search.blur();
  });
  scope.add(
    store.subscribe(
      (s) => s.query,
      (query) => {
        if (query === "" && search.value.trim() !== "") {
          run.cancel();
          search.value = "";
        }
      },
    ),
  );

  refresh.addEventListener("click", () => {
    const org = currentOrg(store.get());
    if (org) actions.refresh(org.id);
  });
  exportKeys.addEventListener("click", () => actions.exportKeys());
  const showRefresh = ({ exists, refreshing }: { exists: boolean; refreshing: boolean }): void => {
    exportKeys.disabled = !exists;
    refresh.disabled = !exists || refreshing;
    refresh.textContent = refreshing ? "Refreshing…" : "Refresh";
  };
  const refreshState = (s: AppState) => {
    const org = currentOrg(s);
    return { exists: org !== undefined, refreshing: org !== undefined && isRefreshing(s, org.id) };
  };
  showRefresh(refreshState(store.get()));
  scope.add(store.subscribe(refreshState, showRefresh));

  const ageState = (s: AppState) => {
    const org = currentOrg(s);
    const status = org ? s.statuses[org.id] : undefined;
    return { known: status !== undefined, refreshedAt: status?.refreshedAt ?? null, now: s.now };
  };
  const showAge = ({ known, refreshedAt, now }: ReturnType<typeof ageState>): void => {
    cacheAge.hidden = !known;
    cacheAge.textContent = refreshedAt === null ? "Not fetched yet" : `Updated ${relativeTime(refreshedAt, now)}`;
    cacheAge.title = refreshedAt === null ? "" : `Fetched from OpenAI ${fullDate(refreshedAt)}`;
  };
  showAge(ageState(store.get()));
  scope.add(store.subscribe(ageState, showAge));

  const showCacheOff = (reason: string | null): void => {
    statusLine.hidden = reason === null;
    statusLine.replaceChildren(
      ...(reason === null
        ? []
        : [el("span", { text: `Cache off: ${reason.replace(/[.\s]+$/, "")}. Keywarden works from the network.`, attrs: { "data-testid": "cache-off" } })]),
    );
  };
  showCacheOff(cacheOffReason(store.get()));
  scope.add(store.subscribe(cacheOffReason, showCacheOff));
}
