// Rows and pages for the UI tests, shaped like Rust's answers.
import type { KeyPage, KeyQuery, KeyRow, Organization, ProjectRow } from "../src/types";

/** The key at `index` of a made-up organization. */
export function keyRow(index: number, overrides: Partial<KeyRow> = {}): KeyRow {
  return {
    id: `key_${index}`,
    name: `key ${index}`,
    redactedValue: `sk-proj...${String(index).padStart(3, "0")}`,
    ownerKind: "serviceAccount",
    ownerName: `bot ${index}`,
    ownerEmail: null,
    ownerId: `svc_${index}`,
    createdAt: "2026-01-01T00:00:00Z",
    lastUsedAt: null,
    ownerAccess: "active",
    projectId: "proj_1",
    projectName: "Production API",
    spendUsd: 1.5,
    ...overrides,
  };
}

/** The page Rust would answer for `query` over `total` keys. */
export function keyPage(query: KeyQuery, total: number): KeyPage {
  const end = Math.min(total, query.offset + query.limit);
  const rows: KeyRow[] = [];
  for (let index = query.offset; index < end; index += 1) rows.push(keyRow(index));
  return { total, offset: query.offset, rows };
}

/** A project row. */
export function projectRow(id: string, overrides: Partial<ProjectRow> = {}): ProjectRow {
  return {
    id,
    name: `Project ${id}`,
    status: "active",
    createdAt: "2026-01-01T00:00:00Z",
    archivedAt: null,
    keyCount: 5,
    serviceAccountCount: 2,
    error: null,
    ...overrides,
  };
}

/** An organization record. */
export function organization(id: string, overrides: Partial<Organization> = {}): Organization {
  return {
    id,
    label: `Org ${id}`,
    kind: "remote",
    baseUrl: "https://api.openai.com/v1",
    status: { state: "ready" },
    createdAt: "2026-01-01T00:00:00Z",
    lastRefreshedAt: null,
    readOnly: false,
    ...overrides,
  };
}
