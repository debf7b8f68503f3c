// The window under test: a fake Rust side (every command the window calls, answered like Rust
// would over a large organization) and the page elements the App mounts into.
import { mockIPC } from "@tauri-apps/api/mocks";
import { vi } from "vitest";
import { App } from "../src/app";
import type { HygieneReport, InventoryStatus, KeyQuery, LostKey, Progress, ProjectQuery } from "../src/types";
import { keyPage, lostKey, lostKeyPreview, organization, projectRow } from "./fixtures";

export const PROJECTS = 2000;
export const ARCHIVED = 10;
export const KEYS = 100_000;

export interface Backend {
  calls: [string, Record<string, unknown>][];
  status: InventoryStatus;
  refresh: { send: (progress: Progress) => void; finish: () => void } | null;
}

const LOST_PREVIEW = lostKeyPreview(lostKey("proj_0"));

/** A hygiene report with `count` keys for every rule (urgent ones make up the badge). */
export function hygieneReport(count: number): HygieneReport {
  const rules = ["expired", "expiring", "ownerLostAccess", "neverUsed", "idle", "neverExpires", "unrestrictedServiceAccount"] as const;
  return {
    findings: rules.map((rule) => ({ rule, urgent: rule !== "neverExpires" && rule !== "unrestrictedServiceAccount", count })),
    needingAttention: count * 2,
    totalKeys: KEYS,
    thresholds: { neverUsedDays: 30, idleDays: 90, expiringDays: 14 },
  };
}

export function fakeRust(status: Partial<InventoryStatus> = {}, lost: LostKey[] = [], hygiene = hygieneReport(0)): Backend {
  const backend: Backend = {
    calls: [],
    status: {
      refreshedAt: new Date(Date.now() - 30 * 60 * 1000).toISOString(),
      refreshing: false,
      projectCount: PROJECTS,
      keyCount: KEYS,
      cache: { state: "on" },
      notice: null,
      usageReadAt: null,
      ...status,
    },
    refresh: null,
  };
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    backend.calls.push([cmd, args]);
    switch (cmd) {
      case "list_organizations":
        return [organization("org-1")];
      case "startup_notices":
      case "list_activity":
        return [];
      case "lost_new_keys":
        return lost;
      case "revoke_preview":
        return LOST_PREVIEW;
      case "revoke_key":
        return { outcome: "revoked", projectId: "proj_0", keyIds: ["key_lost"], serviceAccountId: "svc_lost", name: "ci-deploy" };
      case "inventory_status":
        return backend.status;
      case "query_projects": {
        const query = args.query as ProjectQuery;
        const total = query.includeArchived ? PROJECTS : PROJECTS - ARCHIVED;
        const rows = [];
        for (let i = query.offset; i < Math.min(total, query.offset + query.limit); i += 1) {
          rows.push(projectRow(`proj_${i}`, { status: i >= PROJECTS - ARCHIVED ? "archived" : "active" }));
        }
        return { total, archivedTotal: ARCHIVED, offset: query.offset, rows };
      }
      case "hygiene_report":
        return hygiene;
      case "query_keys": {
        const query = args.query as KeyQuery;
        return keyPage(query, query.text ? 3 : KEYS);
      }
      case "refresh_inventory":
        return new Promise((resolve) => {
          const channel = args.onProgress as { onmessage: (progress: Progress) => void };
          backend.refresh = {
            send: (progress) => channel.onmessage(progress),
            finish: () => resolve({ ...backend.status, refreshedAt: new Date().toISOString() }),
          };
        });
      default:
        return null;
    }
  });
  return backend;
}

export function mount(): App {
  document.body.replaceChildren();
  const html = `<aside id="sidebar"></aside><main><input id="search" data-testid="search-input"><span id="cache-age" data-testid="cache-age"></span>
    <button id="export" data-testid="export-keys"></button><button id="refresh"></button><div id="status-line"></div><div id="view"></div></main>`;
  document.body.append(new DOMParser().parseFromString(html, "text/html").body.cloneNode(true));
  const get = (id: string) => document.getElementById(id) as HTMLElement;
  return new App({
    sidebar: get("sidebar"),
    view: get("view"),
    search: get("search") as HTMLInputElement,
    refresh: get("refresh") as HTMLButtonElement,
    exportKeys: get("export") as HTMLButtonElement,
    cacheAge: get("cache-age"),
    statusLine: get("status-line"),
  });
}

export const settle = () => vi.advanceTimersByTimeAsync(0);
export const $ = <T extends Element = HTMLElement>(css: string) => document.querySelector<T>(css);
export const $$ = (css: string) => [...document.querySelectorAll<HTMLElement>(css)];
export const calls = (backend: Backend, command: string) => backend.calls.filter(([cmd]) => cmd === command);

export function type(text: string): void {
  const search = $<HTMLInputElement>("[data-testid=search-input]");
  if (!search) throw new Error("no search box");
  search.value = text;
  search.dispatchEvent(new Event("input"));
}

