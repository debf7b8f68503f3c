// Each organization's sidebar list, kept in step with Rust: the first `limit` projects (with and
// without archived ones, so the archived toggle switches at once), asked for again when the
// filter or the limit changes and whenever the organization's data version moves (a refresh, a
// create or a revoke). An answer to an older request is dropped.

import * as api from "./api";
import { followEachOrg } from "./each-org";
import { type AppState, canRead, type ProjectList, orgById, sidebarOf, withEntry } from "./state";
import type { Scope, Store } from "./store";
import type { CommandError, ProjectRow } from "./types";

/** The most rows one `query_projects` call may ask for. */
const MAX_LIMIT = 400;

interface Rows {
  rows: ProjectRow[];
  total: number;
  archivedTotal: number;
}

/** Fetches the first `count` matching projects, in calls of at most 400 rows. */
export async function firstProjects(orgId: string, text: string, includeArchived: boolean, count: number): Promise<Rows> {
  const rows: ProjectRow[] = [];
  let total = 0;
  let archivedTotal = 0;
  for (;;) {
    const limit = Math.min(MAX_LIMIT, count - rows.length);
    const page = await api.queryProjects(orgId, { text: text === "" ? null : text, includeArchived, offset: rows.length, limit });
    rows.push(...page.rows);
    total = page.total;
    archivedTotal = page.archivedTotal;
    if (page.rows.length === 0 || rows.length >= count || rows.length >= total) return { rows, total, archivedTotal };
  }
}

/** Loads and reloads every organization's sidebar list. */
export class ProjectLists {
  private generations = new Map<string, number>();

  constructor(
    private readonly store: Store<AppState>,
    scope: Scope,
  ) {
    followEachOrg(store, scope, {
      inputs: (s, id) => {
        const side = sidebarOf(s, id);
        return {
          ready: canRead(orgById(s, id)),
          version: s.versions[id] ?? 0,
          filter: side.filter.trim(),
          limit: side.limit,
        };
      },
      load: (id) => void this.load(id),
      forget: (id) => this.generations.delete(id),
    });
  }

  /** Asks Rust for the organization's list as the sidebar shows it now. */
  async load(orgId: string): Promise<void> {
    const state = this.store.get();
    if (!canRead(orgById(state, orgId))) return;
    const generation = (this.generations.get(orgId) ?? 0) + 1;
    this.generations.set(orgId, generation);
    const side = sidebarOf(state, orgId);
    const filter = side.filter.trim();
    let list: ProjectList;
    try {
      const [active, all] = await Promise.all([
        firstProjects(orgId, filter, false, side.limit),
        firstProjects(orgId, filter, true, side.limit),
      ]);
      list = {
        active: active.rows,
        activeTotal: active.total,
        all: all.rows,
        allTotal: all.total,
        archivedTotal: all.archivedTotal,
        filter,
        error: null,
      };
    } catch (error) {
      const previous = state.projects[orgId];
      list = previous
        ? { ...previous, error: (error as CommandError).message }
        : { active: [], activeTotal: 0, all: [], allTotal: 0, archivedTotal: 0, filter, error: (error as CommandError).message };
    }
    if (this.generations.get(orgId) !== generation || !orgById(this.store.get(), orgId)) return;
    this.store.set((s) => ({ projects: withEntry(s.projects, orgId, list), selectedProject: fresher(s, orgId, list) }));
  }
}

function fresher(state: AppState, orgId: string, list: ProjectList): AppState["selectedProject"] {
  const selection = state.selection;
  if (selection.kind !== "project" || selection.orgId !== orgId) return state.selectedProject;
  return list.all.find((project) => project.id === selection.projectId) ?? state.selectedProject;
}
