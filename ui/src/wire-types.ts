// Generated from src-tauri/src/dto/ by `cargo test -p keywarden --test wire_types` with
// UPDATE_WIRE_TYPES=1. Do not edit: change the Rust types and regenerate.

/** What a failed command returns to the webview. */
export type CommandError = {
  /** A stable code the UI may branch on. */
  code: ErrorCode,
  /** A short message for the person at the keyboard. */
  message: string,
  /**
   * The technical particulars, for a "Details" disclosure; absent when there are none (so
   * `{code, message}` stays a valid error).
   */
  details?: string,
};

/** The situations the UI treats differently. */
export type ErrorCode =
  | "adminKey"
  | "missingScope"
  | "readOnly"
  | "keychain"
  | "clipboard"
  | "vault"
  | "invalidInput"
  | "notFound"
  | "notSupported"
  | "refused"
  | "unreachable"
  | "cancelled"
  | "internal";

/** An organization in the sidebar. */
export type Organization = {
  /** Local id. */
  id: string,
  /** Label. */
  label: string,
  /** `demo` or `remote`. */
  kind: OrgKind,
  /** Where its Admin API lives. */
  baseUrl: string,
  /** `{state: "ready" | "adminKeyMissing" | "adminKeyRejected" | "keychainUnavailable" | "unavailable", message?}`. */
  status: OrgStatus,
  /** When it was added. */
  createdAt: string,
  /** When its inventory was last refreshed. */
  lastRefreshedAt: string | null,
  /** The admin key can read but not change anything. */
  readOnly: boolean,
};

/** Where an organization's admin key comes from. */
export type OrgKind = "demo" | "remote";

/** Whether an organization can be used, and if not, why. */
export type OrgStatus =
  | { "state": "ready" }
  | { "state": "adminKeyMissing" }
  | { "state": "adminKeyRejected" }
  | { "state": "keychainUnavailable", "message": string }
  | { "state": "unavailable", "message": string };

/** Where an admin key can be read from, besides the clipboard. */
export type KeySources = {
  /** Whether `OPENAI_ADMIN_KEY` is set. */
  environment: boolean,
};

/** Where Rust should read a new admin key. The key itself never crosses IPC. */
export type KeySource = "clipboard" | "environment";

/** The result of adding an organization or replacing its key: a hint, never the key. */
export type AdminKeyAccepted = {
  /** The organization. */
  org: Organization,
  /** E.g. `sk-admin…wxyz`. */
  keyHint: string,
  /** Whether the clipboard was cleared. */
  clipboardCleared: boolean,
};

/** The admin key's own metadata. */
export type AdminKeyInfo = {
  /** Key id. */
  id: string,
  /** Name. */
  name: string | null,
  /** Redacted form. */
  redactedValue: string,
  /** Created. */
  createdAt: string,
  /** Last used. */
  lastUsedAt: string | null,
  /** Expiry; `null` means never. */
  expiresAt: string | null,
};

/** The admin key's health: metadata and warnings in words. */
export type AdminKeyHealth = {
  /** Metadata, when found. */
  key: AdminKeyInfo | null,
  /** Warnings, ready to show. */
  warnings: Array<string>,
};

/** What a rotation did. */
export type Rotation = {
  /** The new key's metadata. */
  newKey: AdminKeyInfo,
  /** Whether the old key was revoked. */
  oldRevoked: boolean,
  /** What still needs doing by hand. */
  warning: string | null,
};

/** What the window shows about an inventory before it asks for a page. */
export type InventoryStatus = {
  /** When it was last fetched; `null` when never. */
  refreshedAt: string | null,
  /** Whether a refresh is running. */
  refreshing: boolean,
  /** How many projects it holds. */
  projectCount: number,
  /** How many keys it holds. */
  keyCount: number,
  /** `{state: "on"}` or `{state: "off", reason}`. */
  cache: CacheState,
  /** Something to tell the user, e.g. that an unreadable cache was rebuilt. */
  notice: string | null,
  /** When usage per key was last read; `null` when never. */
  usageReadAt: string | null,
};

/** Whether the organization's inventory cache is in use. */
export type CacheState =
  | { "state": "on" }
  | {
    "state": "off",
    /** Why, and what to do about it. */
    reason: string,
  };

/**
 * Progress of a refresh (projects done of total) or of a usage read (days of the reports read
 * of all of them).
 */
export type Progress = {
  /** Steps finished. */
  done: number,
  /** Steps in total. */
  total: number,
};

/** What the sidebar asks for. */
export type ProjectQuery = {
  /** A case-insensitive substring of the name or id; `null` matches every project. */
  text: string | null,
  /** Include archived projects. */
  includeArchived: boolean,
  /** Matching projects to skip. */
  offset: number,
  /** Rows to return, 1 to 400. */
  limit: number,
};

/** One page of projects. */
export type ProjectPage = {
  /** How many projects match in all. */
  total: number,
  /** How many archived projects match the text, included or not. */
  archivedTotal: number,
  /** The offset asked for. */
  offset: number,
  /** At most `limit` rows. */
  rows: Array<ProjectRow>,
};

/** One project in the sidebar. */
export type ProjectRow = {
  /** Project id. */
  id: string,
  /** Name (the id when it has none). */
  name: string,
  /** `active`, `archived`, or what the API said. */
  status: string,
  /** When it was created. */
  createdAt: string,
  /** When it was archived. */
  archivedAt: string | null,
  /** How many keys it has. */
  keyCount: number,
  /** How many service accounts it has; `null` when they could not be listed. */
  serviceAccountCount: number | null,
  /** Why its keys could not be listed at the last refresh. */
  error: string | null,
};

/** What the keys table asks for. */
export type KeyQuery = {
  /** One project's keys; `null` for every project. */
  projectId: string | null,
  /** A case-insensitive substring to match; `null` matches every key. */
  text: string | null,
  /** Only the keys one hygiene rule finds (also the expiry filter); `null` for all. */
  filter: HygieneRule | null,
  /** The order. */
  sort: KeySort,
  /** Matching rows to skip. */
  offset: number,
  /** Rows to return, 1 to 400. */
  limit: number,
  /** The days of usage each row carries (7 or 30); absent or `null` for none. */
  usageDays?: number | null,
};

/** How the keys table is sorted. */
export type KeySort = {
  /** `name`, `owner`, `created`, `lastUsed`, `project`, `spend` or `expires`. */
  column: KeySortColumn,
  /** Largest first. */
  descending: boolean,
};

/**
 * A column the keys table can be sorted by. A query names it as text, so that any other text
 * is refused as `invalidInput` rather than as a malformed call.
 */
export type KeySortColumn = "name" | "owner" | "created" | "lastUsed" | "project" | "spend" | "expires";

/** One page of keys. */
export type KeyPage = {
  /** How many keys match in all. */
  total: number,
  /** The offset asked for. */
  offset: number,
  /** At most `limit` rows. */
  rows: Array<KeyRow>,
};

/** One row of the keys table; metadata only, never a secret. */
export type KeyRow = {
  /** Key id. */
  id: string,
  /**
   * Name (empty when it has none); a service account's key that the API named “Secret Key”
   * (its first key) or not at all carries the account's name.
   */
  name: string,
  /** The API's redacted form. */
  redactedValue: string,
  /** `user`, `serviceAccount` or `unknown`. */
  ownerKind: OwnerKind,
  /** The owner's name (or email, or id). */
  ownerName: string,
  /** The owning user's email. */
  ownerEmail: string | null,
  /** The user id or service account id. */
  ownerId: string | null,
  /** When it was created. */
  createdAt: string,
  /** When it was last used; `null` means never. */
  lastUsedAt: string | null,
  /** When it expires; `null` means never. May be past (the API lists expired keys). */
  expiresAt: string | null,
  /**
   * The permissions Keywarden set or found in the audit log; `null` when unknown (the API
   * does not report them).
   */
  permissions: RecordedPermissions | null,
  /** `active`, `inactive`, or what the API said. */
  ownerAccess: string | null,
  /** Its project. */
  projectId: string,
  /** Its project's name. */
  projectName: string,
  /** Its project is archived: the key no longer works, and Keywarden offers no revoke or edit. */
  projectArchived: boolean,
  /** What it cost over the last 30 days; `null` when costs were not fetched. */
  spendUsd: number | null,
  /**
   * Requests per day of every kind, oldest first, over the period the page was asked for
   * (`usageDays`); `null` when usage was not read or the key made none.
   */
  dailyRequests: Array<number> | null,
};

/** Who owns a key. */
export type OwnerKind = "user" | "serviceAccount" | "unknown";

/** A key's permissions as Keywarden last learnt them. */
export type RecordedPermissions = {
  /** The scopes; `[]` = all permissions. */
  scopes: Array<string>,
  /** When they were set. */
  setAt: string,
  /** `keywarden` (set here) or `auditLog` (found in the organization's audit log). */
  source: PermissionSource,
};

/** Who said what a key's permissions are. */
export type PermissionSource = "keywarden" | "auditLog";

/** The permissions and expiry of a key to create (or an organization's default). */
export type KeyPolicy = {
  /** What the key may do. */
  permissions: Permissions,
  /** When it expires. */
  expiry: Expiry,
};

/** What a key may do. */
export type Permissions =
  | { "kind": "all" }
  | { "kind": "readOnly" }
  | {
    "kind": "restricted",
    /** E.g. `api.files.read`, `api.responses.write`. */
    scopes: Array<string>,
  };

/** When a key expires. */
export type Expiry =
  | { "kind": "never" }
  | {
    "kind": "days",
    /** The number of days. */
    days: number,
  }
  | {
    "kind": "date",
    /** The date. */
    date: string,
  };

/** A change to an existing key; `null` keeps that part. */
export type PolicyChange = {
  /** New permissions. */
  permissions: Permissions | null,
  /** New expiry (never `never`: the API cannot remove an expiry). */
  expiry: Expiry | null,
};

/** A key after its policy changed. */
export type PolicyUpdated = {
  /** The key. */
  keyId: string,
  /** Its expiry now; `null` = never. */
  expiresAt: string | null,
  /** The scopes this change set (`[]` = all); `null` when it left them alone. */
  scopes: Array<string> | null,
};

/** A hygiene finding (also a filter of the keys table). */
export type HygieneRule =
  | "neverUsed"
  | "idle"
  | "expiring"
  | "expired"
  | "ownerLostAccess"
  | "neverExpires"
  | "unrestrictedServiceAccount";

/** The hygiene view of one organization. */
export type HygieneReport = {
  /** Every rule with its count, in the order to show them. */
  findings: Array<HygieneFinding>,
  /** Keys meeting at least one urgent rule (the sidebar's badge). */
  needingAttention: number,
  /** Every cached key. */
  totalKeys: number,
  /** The day counts used. */
  thresholds: HygieneThresholds,
};

/** How many keys one rule finds. */
export type HygieneFinding = {
  /** The rule. */
  rule: HygieneRule,
  /** Whether it counts toward the sidebar's badge. */
  urgent: boolean,
  /** How many keys it finds. */
  count: number,
};

/** The hygiene rules' day counts. */
export type HygieneThresholds = {
  /** A never-used key older than this many days is a finding. */
  neverUsedDays: number,
  /** A key unused for this many days is idle. */
  idleDays: number,
  /** A key expiring within this many days is a finding. */
  expiringDays: number,
};

/** The result of a create: a key to reveal once, or an orphan to offer to revoke. */
export type CreateOutcome =
  | {
    "outcome": "created",
    /** The key, without its secret. */
    key: CreatedKey,
    /** The secret shortened for display (`sk-svca…9fQe`). */
    masked: string,
  }
  | {
    "outcome": "orphaned",
    /** The project. */
    projectId: string,
    /** The service account that was created. */
    serviceAccountId: string,
    /** The extra key, when a key was added to an existing account. */
    keyId: string | null,
    /** Its name. */
    name: string,
    /** What happened and what to do. */
    explanation: string,
  };

/** A key that was just created; its secret is held in Rust under `revealId`. */
export type CreatedKey = {
  /** Where the secret is held until acknowledged. */
  revealId: string,
  /** The new key's id. */
  keyId: string,
  /** The name it was created with. */
  name: string,
  /** The secret shortened to `sk-svca…9fQe`. */
  redactedValue: string,
  /** When the key was created. */
  createdAt: string,
  /** The service account that owns the key. */
  serviceAccountId: string,
  /** The project of the key. */
  projectId: string,
};

/** A service account of a project. */
export type ServiceAccount = {
  /** Id. */
  id: string,
  /** Name (the id when nameless). */
  name: string,
  /** Role in the project. */
  role: string | null,
  /** When it was created. */
  createdAt: string | null,
};

/** When the clipboard will be cleared, for the countdown. */
export type CopyDeadline = {
  /** The moment the clipboard is cleared, if it still holds the secret. */
  clearsAt: string,
};

/** A new key whose secret is still held, without the secret. */
export type PendingReveal = {
  /** The reveal id. */
  revealId: string,
  /** The new key's id. */
  keyId: string,
  /** The name the key was created with. */
  name: string,
  /** The project of the key. */
  projectId: string,
  /** The service account that owns the key. */
  serviceAccountId: string,
  /** When the key was created. */
  createdAt: string,
  /** Whether Rust copied the secret to the clipboard at least once. */
  copied: boolean,
  /** Where *Send to vault* stored it, if it did. */
  storedIn: Stored | null,
};

/** What acknowledging a new key did; `notCopied` means nothing was wiped: ask the user first. */
export type Acknowledged = "wiped" | "discarded" | "notCopied" | "alreadyGone";

/** A key whose secret was lost when Keywarden closed during its reveal. */
export type LostKey = {
  /** The reveal id it was held under (to dismiss it). */
  revealId: string,
  /** The organization (Keywarden's local id). */
  orgId: string,
  /** The organization's current label. */
  orgLabel: string,
  /** The project of the key. */
  projectId: string,
  /** The key's id. */
  keyId: string,
  /** The service account that owns the key. */
  serviceAccountId: string,
  /** The name the key was created with. */
  name: string,
  /** When the key was created. */
  createdAt: string,
  /** When the record was written, just before the reveal was shown. */
  recordedAt: string,
  /** Whether the secret reached the clipboard before Keywarden closed. */
  copied: boolean,
  /** When a start found the record left behind. */
  lostAt?: string,
};

/** What revoking a key would do. */
export type RevokePreview = {
  /** The project. */
  projectId: string,
  /** The key asked for. */
  keyId: string,
  /** Its name. */
  keyName: string | null,
  /** What is deleted with it. */
  blastRadius: BlastRadius,
  /** The most recent use of any key that would be deleted. */
  lastUsedAt: string | null,
  /** Whether the name must be typed to go ahead. */
  requiresTypedConfirmation: boolean,
  /** The text to type. */
  confirmationText: string,
  /** One sentence saying what will be deleted. */
  summary: string,
};

/** What a revoke deletes. */
export type BlastRadius =
  | { "kind": "key" }
  | {
    "kind": "serviceAccount",
    /** The account that is deleted. */
    serviceAccountId: string,
    /** Its name. */
    serviceAccountName: string | null,
    /** How many keys it owns in the project. */
    keyCount: number,
  };

/** What a revoke did. */
export type RevokeOutcome =
  | {
    "outcome": "revoked",
    /** The project. */
    projectId: string,
    /** The keys revoked. */
    keyIds: Array<string>,
    /** The service account deleted, if any. */
    serviceAccountId: string | null,
    /** The name of the key (or of the orphaned account). */
    name: string | null,
    /**
     * Whether the key was made to expire now instead of deleted (the API would not delete
     * one key of a service account alone); its account and other keys stay.
     */
    expired: boolean,
  }
  | {
    "outcome": "alreadyGone",
    /** The project. */
    projectId: string,
    /** The key or service account id asked for. */
    id: string,
  };

/** One thing Keywarden did to a key. */
export type ActivityEntry = {
  /** When it happened. */
  at: string,
  /**
   * `created`, `orphaned`, `copied`, `acknowledged`, `discarded`, `lost`, `revoked`,
   * `orphanRevoked`, `alreadyGone`, `policyChanged` or `sentToVault`.
   */
  action: ActivityAction,
  /** The project. */
  projectId: string,
  /** The key, when one is known. */
  keyId?: string,
  /** The service account, when one was involved. */
  serviceAccountId?: string,
  /** The key's (or account's) name. */
  name?: string,
  /** Where a key sent to a vault went (never the value). */
  storedIn?: string,
};

/** What Keywarden did to a key. */
export type ActivityAction =
  | "created"
  | "orphaned"
  | "copied"
  | "acknowledged"
  | "discarded"
  | "lost"
  | "revoked"
  | "orphanRevoked"
  | "alreadyGone"
  | "policyChanged"
  | "sentToVault";

/** What rotating a key would do. */
export type KeyRotationPlan = {
  /** The project of the key. */
  projectId: string,
  /** The key to replace. */
  oldKey: RotatedKey,
  /** When the old key expires; `null` = never. */
  oldKeyExpiresAt: string | null,
  /** The service account that gets the new key. */
  serviceAccountId: string,
  /** Its name. */
  serviceAccountName: string | null,
  /** The new key's name. */
  newKeyName: string,
  /**
   * The new key's permissions (`[]` = all); `null` when the old key's are unknown and the
   * new key gets all.
   */
  scopes: Array<string> | null,
  /** The new key's lifetime in seconds; `null` = never expires. */
  expiresInSeconds: number | null,
};

/**
 * A rotation just started, and its new key to reveal once (absent when a retry found the
 * rotation past its reveal).
 */
export type KeyRotationStarted = {
  /** The rotation. */
  rotation: KeyRotation,
  /** The new key; its secret is held in Rust under `revealId`. */
  created: CreatedKey | null,
};

/** A rotation as stored. */
export type KeyRotation = {
  /** The rotation's id. */
  rotationId: string,
  /** The organization. */
  orgId: string,
  /** The project of both keys. */
  projectId: string,
  /** The service account that owns both keys. */
  serviceAccountId: string,
  /** That account's name. */
  serviceAccountName: string | null,
  /** The key being replaced. */
  oldKey: RotatedKey,
  /** The new key's name. */
  newKeyName: string,
  /** The new key, once minted. */
  newKey: RotatedKey | null,
  /** The new key's permissions (`[]` = all). */
  scopes: Array<string>,
  /** Whether the old key's permissions were known (otherwise the new key got all). */
  permissionsKnown: boolean,
  /** The new key's lifetime in seconds; `null` = never expires. */
  expiresInSeconds: number | null,
  /** Where it stands. */
  phase: KeyRotationPhase,
  /** When it was started. */
  startedAt: string,
  /** Whether the new key's secret never reached anyone. */
  secretLost: boolean,
  /** The last step that failed, and what to do. */
  lastError: string | null,
};

/** Where a rotation stands. */
export type KeyRotationPhase = "minting" | "watching" | "completed" | "abandoned" | "failed";

/** One key of a rotation. */
export type RotatedKey = {
  /** The key id. */
  id: string,
  /** Its name. */
  name: string,
  /** When the server created it. */
  createdAt: string,
};

/** A rotation as the watch panel shows it. */
export type KeyRotationStatus = {
  /** The rotation. */
  rotation: KeyRotation,
  /** The old key. */
  oldKey: WatchedKey,
  /** The new key, once minted. */
  newKey: WatchedKey | null,
  /** The server's present as estimated; `null` while unknown. */
  serverNow: string | null,
  /** Whether OpenAI reports the new key used since it was created. */
  newKeyUsed: boolean,
  /** Whether the old key was used after the new key was created. */
  oldKeyUsedSince: boolean,
  /** Whether the service account was deleted. */
  serviceAccountGone: boolean,
  /** Whether "Revoke old key" may be pressed. */
  canFinish: boolean,
  /** Whether the old key may be revoked anyway by typing its name. */
  canOverride: boolean,
  /** Whether the rotation may be abandoned. */
  canAbandon: boolean,
  /** What is going on and what to do. */
  message: string,
};

/** One key of a rotation as last seen on the server. */
export type WatchedKey = {
  /** The key id. */
  id: string,
  /** Its name. */
  name: string,
  /** When the server created it. */
  createdAt: string,
  /** Whether it exists and works. */
  state: WatchedKeyState,
  /** When it was last used; `null` = never (or gone). */
  lastUsedAt: string | null,
  /** How many seconds before the server's present that was; `null` when unknown. */
  lastUsedSecondsAgo: number | null,
  /** When it expires; `null` = never (or gone). */
  expiresAt: string | null,
};

/** Whether a watched key exists and works. */
export type WatchedKeyState = "active" | "expired" | "gone";

/** A rotation in progress, for the banner after a restart. */
export type KeyRotationInProgress = {
  /** The rotation. */
  rotation: KeyRotation,
  /** Its organization's label. */
  orgLabel: string,
  /** Whether one of its steps is under way right now. */
  busy: boolean,
};

/** What the send form starts with for one new key. */
export type VaultSetup = {
  /** Every vault kind, with whether it can be used here. */
  offers: Array<VaultOffer>,
  /** The last choice for this organization. */
  choice: VaultChoice | null,
  /** The suggested entry path. */
  entry: string,
};

/** A vault as offered: whether it can be used here and what it asks for. */
export type VaultOffer = {
  /** The kind. */
  kind: VaultKind,
  /** Its name. */
  label: string,
  /** Whether it can be used now. */
  available: boolean,
  /** Why not, and how to get it. */
  unavailableReason: string | null,
  /** Whether a database file must be chosen. */
  needsDatabase: boolean,
  /** Whether the vault's password must be typed. */
  needsPassword: boolean,
  /** Whether a session token may be given. */
  acceptsSession: boolean,
};

/** A kind of password manager. */
export type VaultKind =
  | "pass"
  | "keepassXc"
  | "secretService"
  | "onePassword"
  | "bitwarden"
  | "osKeychain";

/** Where this organization's keys went last time. */
export type VaultChoice = {
  /** The vault. */
  kind: VaultKind,
  /** The KeePassXC database file. */
  database: string | null,
  /** The collection or 1Password vault. */
  container: string | null,
};

/** A send as the user filled it in. */
export type VaultRequest = {
  /** The vault. */
  kind: VaultKind,
  /** The entry path, e.g. `OpenAI/Acme/Billing/ci-deploy`. */
  entry: string,
  /** The KeePassXC database file (a full path). */
  database: string | null,
  /** The collection or 1Password vault. */
  container: string | null,
};

/** What unlocks the vault for one send; see the module doc. */
export type VaultUnlock = {
  /** The KeePassXC database password. */
  password: string | null,
  /** A Bitwarden session token. */
  session: string | null,
};

/** Where a sent key went: shown in the reveal dialog (never the value). */
export type Stored = {
  /** The vault. */
  kind: VaultKind,
  /** Its name, e.g. `pass`. */
  vault: string,
  /** The entry: a path, an item id or an `op://` reference. */
  location: string,
};

/** A file format for the export. */
export type ExportFormat = "csv" | "json";

/** What an export wrote. */
export type Exported = {
  /** The file. */
  path: string,
  /** How many keys it holds. */
  keys: number,
};

/** What one usage read found. */
export type UsageRead = {
  /** When it was read. */
  readAt: string,
  /** How many days it covers. */
  days: number,
  /** How many keys made requests. */
  keysWithUsage: number,
  /** What could not be read. */
  unavailable: Array<Unavailable>,
  /** Results of an unknown kind, skipped. */
  unknownResults: number,
  /** Buckets repeated or out of the period, skipped. */
  skippedBuckets: number,
};

/** Something that could not be read, and why. */
export type Unavailable = {
  /** What, e.g. "Images" or "Spend per day". */
  what: string,
  /** Why, and what to do. */
  why: string,
};

/** A key's usage and spend over a period. */
export type KeyInsight = {
  /** How many days. */
  days: number,
  /** The first day (UTC midnight). */
  firstDay: string,
  /** When usage was read; `null` when never. */
  readAt: string | null,
  /** Each kind the key used. */
  kinds: Array<KindSeries>,
  /** Spend per day, oldest first (empty when unknown). */
  spend: Array<number>,
  /** What could not be read. */
  unavailable: Array<Unavailable>,
};

/** One kind's daily figures for a key. */
export type KindSeries = {
  /** e.g. `embeddings`. */
  kind: string,
  /** e.g. "Embeddings". */
  label: string,
  /** e.g. `tokens`, `images`, `characters`, `seconds`, `calls`. */
  unit: string,
  /** Requests per day, oldest first. */
  requests: Array<number>,
  /** The kind's main figure per day. */
  units: Array<number>,
  /** Output tokens per day (completions). */
  unitsOut: Array<number>,
};

/** The organization's spend per project and day. */
export type SpendByProject = {
  /** How many days. */
  days: number,
  /** The first day (UTC midnight). */
  firstDay: string,
  /** Projects that spent anything, largest first. */
  projects: Array<ProjectSpend>,
};

/** One project's spend per day. */
export type ProjectSpend = {
  /** Project id. */
  projectId: string,
  /** Its name. */
  name: string,
  /** Spend per day, oldest first. */
  daily: Array<number>,
  /** The sum. */
  total: number,
};

/** A key's audit timeline. */
export type KeyTimeline = {
  /** Newest first. */
  events: Array<TimelineEvent>,
  /** Set when the log could not be read. */
  gap: TimelineGap | null,
  /** More events exist than are shown. */
  truncated: boolean,
};

/** One event of a key's audit timeline. */
export type TimelineEvent = {
  /** e.g. `api_key.updated`. */
  kind: string,
  /** When. */
  at: string,
  /** About the owning service account rather than the key. */
  aboutServiceAccount: boolean,
  /** Who (email, user id or API key id). */
  actor: string | null,
  /** `session` or `api_key`. */
  actorKind: string | null,
  /** From which IP address. */
  ipAddress: string | null,
  /** With which user agent. */
  userAgent: string | null,
  /** The permissions set or asked for (`[]` = all). */
  scopes: Array<string> | null,
};

/** Why a timeline could not be read. */
export type TimelineGap =
  | {
    "reason": "loggingOff",
    /** What to say. */
    message: string,
  }
  | {
    "reason": "notPermitted",
    /** What to say. */
    message: string,
  }
  | {
    "reason": "failed",
    /** What to say. */
    message: string,
  };

/** What the About box shows. */
export type About = {
  /** Keywarden's version. */
  version: string,
  /** The folder of the log files. */
  logDir: string | null,
  /** The end of the newest logs. */
  recentLog: string,
};

/**
 * Sent over the close-requests channel: how many new keys are still unacknowledged. A newtype
 * struct, so on the wire it is that number.
 */
export type CloseRequest = number;
