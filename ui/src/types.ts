// The shapes the Rust side sends (src-tauri/src/dto/). Metadata only: never a secret.

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

export interface ApiKey {
  id: string;
  name: string;
  redactedValue: string;
  ownerKind: OwnerKind;
  ownerName: string;
  ownerEmail: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  ownerAccess: string | null;
}

export interface ProjectInventory {
  project: Project;
  keys: ApiKey[];
  keysError: string | null;
  serviceAccounts: number | null;
}

export interface Inventory {
  refreshedAt: string;
  projects: ProjectInventory[];
}

export interface Progress {
  done: number;
  total: number;
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

export interface KeyCosts {
  days: number;
  currency: string;
  byKey: Record<string, number>;
  unattributed: number;
}
