// Rows and pages for the UI tests, shaped like Rust's answers.
import type { KeyPage, KeyQuery, KeyRow, LostKey, Organization, ProjectRow, RevokePreview } from "../src/types";

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
    expiresAt: null,
    permissions: null,
    ownerAccess: "active",
    projectId: "proj_1",
    projectName: "Production API",
    projectArchived: false,
    spendUsd: 1.5,
    dailyRequests: null,
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

/** A key whose reveal a previous run left open, in project `projectId`. */
export function lostKey(projectId: string): LostKey {
  return {
    revealId: "5d0f2b1c-0000-4000-8000-000000000002",
    orgId: "org-1",
    orgLabel: "Acme",
    projectId,
    keyId: "key_lost",
    serviceAccountId: "svc_lost",
    name: "ci-deploy",
    createdAt: "2026-01-01T00:00:00Z",
    recordedAt: "2026-01-01T00:00:00Z",
    copied: false,
    lostAt: "2026-01-01T00:05:00Z",
  };
}

/** What revoking `key` would delete: its own service account. */
export function lostKeyPreview(key: LostKey): RevokePreview {
  return {
    projectId: key.projectId,
    keyId: key.keyId,
    keyName: key.name,
    blastRadius: { kind: "serviceAccount", serviceAccountId: key.serviceAccountId, serviceAccountName: key.name, keyCount: 1 },
    lastUsedAt: null,
    requiresTypedConfirmation: false,
    confirmationText: key.name,
    summary: `Deletes service account ${key.name} and its 1 key.`,
  };
}
