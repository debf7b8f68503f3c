// The shapes the Rust side sends (src-tauri/src/dto/, docs/query-surface.md). Metadata only:
// never a secret.

export type OrgKind = "demo" | "remote";

export type OrgStatus =
  | { state: "ready" }
  | { state: "adminKeyMissing" }
  | { state: "keychainUnavailable"; message: string }
  | { state: "unavailable"; message: string };

export interface Organization {
  id: string;
  label: string;
  kind: OrgKind;
  baseUrl: string;
  status: OrgStatus;
  createdAt: string;
  lastRefreshedAt: string | null;
  readOnly: boolean;
}

export interface Project {
  id: string;
  name: string;
  status: string;
  createdAt: string;
  archivedAt: string | null;
}

export type OwnerKind = "user" | "serviceAccount" | "unknown";

export interface Progress {
  done: number;
  total: number;
}

/** A column the keys table can be sorted by (sorting happens in Rust). */
export type KeySortColumn = "name" | "owner" | "created" | "lastUsed" | "project" | "spend";

/** One page of an organization's keys: filtered, sorted and counted by Rust. */
export interface KeyQuery {
  /** null: every project of the organization. */
  projectId: string | null;
  /** Matched case-insensitively as a substring (no wildcards) against name, redacted value, owner, project, id. */
  text: string | null;
  /** Never-used keys sort as oldest; ties by key id. */
  sort: { column: KeySortColumn; descending: boolean };
  /** Past the end: rows are empty, total unchanged. */
  offset: number;
  /** 1..=500. */
  limit: number;
}

/** What one row of the keys table shows: metadata only, never a secret. */
export interface KeyRow {
  id: string;
  name: string;
  redactedValue: string;
  ownerKind: OwnerKind;
  ownerName: string;
  ownerEmail: string | null;
  /** User id or service account id. */
  ownerId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  ownerAccess: string | null;
  projectId: string;
  projectName: string;
  /** Last 30 days; null when costs were not fetched. */
  spendUsd: number | null;
}

/** The rows of one key query, with how many match in all. */
export interface KeyPage {
  total: number;
  offset: number;
  rows: KeyRow[];
}

/** One page of an organization's projects. */
export interface ProjectQuery {
  /** Substring of name or id, case-insensitive. */
  text: string | null;
  includeArchived: boolean;
  offset: number;
  /** 1..=500. */
  limit: number;
}

/** A project with its counts, as the sidebar lists it. */
export interface ProjectRow {
  id: string;
  name: string;
  status: string;
  createdAt: string;
  archivedAt: string | null;
  keyCount: number;
  serviceAccountCount: number | null;
  /** Why its keys could not be listed at the last refresh. */
  error: string | null;
}

/** The rows of one project query, with the totals. */
export interface ProjectPage {
  total: number;
  archivedTotal: number;
  offset: number;
  rows: ProjectRow[];
}

/** Whether the on-disk cache works; off when the disk is full, read-only, … */
export type CacheState = { state: "on" } | { state: "off"; reason: string };

/** What Rust holds about an organization's inventory (never the inventory itself). */
export interface InventoryStatus {
  /** null: never fetched (no cache yet). */
  refreshedAt: string | null;
  refreshing: boolean;
  projectCount: number;
  keyCount: number;
  cache: CacheState;
  /** E.g. "The cache was unreadable and was rebuilt." */
  notice: string | null;
}

export interface KeySources {
  environment: boolean;
}

export type KeySource = "clipboard" | "environment";

export interface AdminKeyAccepted {
  org: Organization;
  keyHint: string;
  clipboardCleared: boolean;
}

export interface AdminKeyInfo {
  id: string;
  name: string | null;
  redactedValue: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export interface AdminKeyHealth {
  key: AdminKeyInfo | null;
  warnings: string[];
}

export interface Rotation {
  newKey: AdminKeyInfo;
  oldRevoked: boolean;
  warning: string | null;
}

export type ErrorCode =
  | "adminKey"
  | "missingScope"
  | "readOnly"
  | "keychain"
  | "clipboard"
  | "invalidInput"
  | "notFound"
  | "notSupported"
  | "unreachable"
  | "cancelled"
  | "internal";

export interface CommandError {
  code: ErrorCode;
  message: string;
}

export interface CreatedKey {
  revealId: string;
  keyId: string;
  name: string;
  redactedValue: string;
  createdAt: string;
  serviceAccountId: string;
  projectId: string;
}

export type CreateOutcome =
  | { outcome: "created"; key: CreatedKey; masked: string }
  | {
      outcome: "orphaned";
      projectId: string;
      serviceAccountId: string;
      keyId: string | null;
      name: string;
      explanation: string;
    };

export interface ServiceAccount {
  id: string;
  name: string;
  role: string | null;
  createdAt: string | null;
}

export interface CopyDeadline {
  clearsAt: string;
}

export interface PendingReveal {
  revealId: string;
  keyId: string;
  name: string;
  projectId: string;
  serviceAccountId: string;
  createdAt: string;
  /** Whether Rust copied the secret to the clipboard at least once. */
  copied: boolean;
}

/** What acknowledging a new key did: `notCopied` means nothing was wiped; ask the user first. */
export type Acknowledged = "wiped" | "discarded" | "notCopied" | "alreadyGone";

/** A key whose secret was lost because Keywarden closed while it waited to be stored. */
export interface LostKey {
  revealId: string;
  orgId: string;
  orgLabel: string;
  projectId: string;
  keyId: string;
  serviceAccountId: string;
  name: string;
  createdAt: string;
  recordedAt: string;
  copied: boolean;
  lostAt?: string;
}

export type BlastRadius =
  | { kind: "key" }
  | { kind: "serviceAccount"; serviceAccountId: string; serviceAccountName: string | null; keyCount: number };

export interface RevokePreview {
  projectId: string;
  keyId: string;
  keyName: string | null;
  blastRadius: BlastRadius;
  lastUsedAt: string | null;
  requiresTypedConfirmation: boolean;
  confirmationText: string;
  summary: string;
}

export type RevokeOutcome =
  | { outcome: "revoked"; projectId: string; keyIds: string[]; serviceAccountId: string | null; name: string | null }
  | { outcome: "alreadyGone"; projectId: string; id: string };

export interface ActivityEntry {
  at: string;
  action:
    | "created"
    | "orphaned"
    | "copied"
    | "acknowledged"
    | "discarded"
    | "lost"
    | "revoked"
    | "orphanRevoked"
    | "alreadyGone";
  projectId: string;
  keyId?: string;
  serviceAccountId?: string;
  name?: string;
}

export interface About {
  version: string;
  logDir: string | null;
  recentLog: string;
}
