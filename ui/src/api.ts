// The only module that talks to the Rust side. One typed function per command; every rejection
// comes out as a CommandError. No key ever passes through here: admin keys are read by Rust from
// the clipboard or the environment, new keys stay in Rust. The one thing typed here that unlocks
// something is a vault's own password or session for *Send to vault*, passed straight on.

import { Channel, invoke } from "@tauri-apps/api/core";
import { toCommandError } from "./command-error";
import type { KeysRequest } from "./key-pages";
import type {
  About,
  Acknowledged,
  LostKey,
  ActivityEntry,
  CopyDeadline,
  CreateOutcome,
  PendingReveal,
  RevokeOutcome,
  RevokePreview,
  KeyRotationInProgress,
  KeyRotationPlan,
  KeyRotationStarted,
  KeyRotationStatus,
  ServiceAccount,
  AdminKeyAccepted,
  AdminKeyHealth,
  CloseRequest,
  InventoryStatus,
  KeyPage,
  KeyQuery,
  KeySource,
  KeySources,
  Organization,
  Progress,
  ProjectPage,
  ProjectQuery,
  Rotation,
  HygieneReport,
  HygieneThresholds,
  KeyPolicy,
  PolicyChange,
  PolicyUpdated,
  Stored,
  ExportFormat,
  Exported,
  VaultRequest,
  VaultSetup,
  VaultUnlock,
  KeyInsight,
  KeyTimeline,
  SpendByProject,
  UsageRead,
} from "./types";

export { toCommandError } from "./command-error";

/** Fired (with the organization id) when a change was refused because the admin key is read-only. */
export const READ_ONLY_EVENT = "keywarden:read-only";

/** In test builds the page keeps every IPC payload it received, so leak sweeps can search them. */
function record(command: string, payload: unknown): void {
  const log = (window as unknown as { __KEYWARDEN_IPC__?: unknown }).__KEYWARDEN_IPC__;
  if (Array.isArray(log)) log.push({ command, payload });
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    const response = await invoke<T>(command, args);
    record(command, response);
    return response;
  } catch (raw) {
    record(command, raw);
    const error = toCommandError(raw);
    if (error.code === "readOnly" && typeof args?.orgId === "string") {
      window.dispatchEvent(new CustomEvent(READ_ONLY_EVENT, { detail: args.orgId }));
    }
    throw error;
  }
}

/** The organizations in sidebar order. */
export const listOrganizations = (): Promise<Organization[]> => call("list_organizations");

/** Problems found at start, to show once. */
export const startupNotices = (): Promise<string[]> => call("startup_notices");

/** Which admin-key sources besides the clipboard exist. */
export const keySources = (): Promise<KeySources> => call("key_sources");

/** Adds an organization; Rust reads its admin key from `source`. */
export const addOrganization = (
  label: string,
  baseUrl: string | null,
  source: KeySource,
): Promise<AdminKeyAccepted> => call("add_organization", { label, baseUrl, source });

/** Replaces a missing or revoked admin key; Rust reads it from `source`. */
export const replaceAdminKey = (orgId: string, source: KeySource): Promise<AdminKeyAccepted> =>
  call("replace_admin_key", { orgId, source });

/** Renames an organization. */
export const renameOrganization = (orgId: string, label: string): Promise<Organization> =>
  call("rename_organization", { orgId, label });

/** Removes an organization and its keychain entry. */
export const removeOrganization = (orgId: string): Promise<void> =>
  call("remove_organization", { orgId });

/** What Rust holds about an organization's inventory: age, counts, whether the cache works. */
export const inventoryStatus = (orgId: string): Promise<InventoryStatus> =>
  call("inventory_status", { orgId });

/** One page of an organization's projects, with counts. */
export const queryProjects = (orgId: string, query: ProjectQuery): Promise<ProjectPage> =>
  call("query_projects", { orgId, query });

/** One page of an organization's keys, filtered and sorted by Rust. */
export const queryKeys = (orgId: string, query: KeyQuery): Promise<KeyPage> =>
  call("query_keys", { orgId, query });

/** Fetches the whole inventory into Rust's cache, reporting progress; resolves to its status. */
export function refreshInventory(
  orgId: string,
  onProgress: (progress: Progress) => void,
): Promise<InventoryStatus> {
  const channel = new Channel<Progress>();
  channel.onmessage = (progress) => {
    record("refresh_inventory:progress", progress);
    onProgress(progress);
  };
  return call("refresh_inventory", { orgId, onProgress: channel });
}

/** The admin key's own metadata and warnings. */
export const adminKeyHealth = (orgId: string): Promise<AdminKeyHealth> =>
  call("admin_key_health", { orgId });

/** Mints a new admin key, verifies and stores it, then revokes the old one. */
export const rotateAdminKey = (
  orgId: string,
  name: string,
  expiresInDays: number | null,
): Promise<Rotation> => call("rotate_admin_key", { orgId, name, expiresInDays });

/** Creates a service account with its first key, with `policy`'s permissions and expiry. The
 * same request id never creates twice. */
export const createKey = (
  orgId: string,
  projectId: string,
  name: string,
  policy: KeyPolicy,
  requestId: string,
): Promise<CreateOutcome> => call("create_key", { orgId, projectId, name, policy, requestId });

/** Adds a key to an existing service account, with `policy`'s permissions and expiry. */
export const addKeyToServiceAccount = (
  orgId: string,
  projectId: string,
  serviceAccountId: string,
  name: string,
  policy: KeyPolicy,
  requestId: string,
): Promise<CreateOutcome> =>
  call("add_key_to_service_account", { orgId, projectId, serviceAccountId, name, policy, requestId });

/** Changes an existing key's permissions and/or expiry (`null` keeps that part). */
export const updateKeyPolicy = (
  orgId: string,
  projectId: string,
  keyId: string,
  change: PolicyChange,
): Promise<PolicyUpdated> => call("update_key_policy", { orgId, projectId, keyId, change });

/** The permissions and expiry the create dialog starts with in this organization. */
export const keyPolicyDefault = (orgId: string): Promise<KeyPolicy> => call("key_policy_default", { orgId });

/** Saves this organization's default permissions and expiry for new keys. */
export const setKeyPolicyDefault = (orgId: string, policy: KeyPolicy): Promise<KeyPolicy> =>
  call("set_key_policy_default", { orgId, policy });

/** How many keys each hygiene rule finds, from Rust's cache. */
export const hygieneReport = (orgId: string): Promise<HygieneReport> => call("hygiene_report", { orgId });

/** Saves the hygiene rules' day counts (for every organization). */
export const setHygieneThresholds = (thresholds: HygieneThresholds): Promise<HygieneThresholds> =>
  call("set_hygiene_thresholds", { thresholds });

/** The service accounts of a project. */
export const listServiceAccounts = (orgId: string, projectId: string): Promise<ServiceAccount[]> =>
  call("list_service_accounts", { orgId, projectId });

/** Copies a new key to the clipboard; Rust does the copy and clears it later. */
export const copyNewKey = (orgId: string, revealId: string): Promise<CopyDeadline> =>
  call("copy_new_key", { orgId, revealId });

/** Wipes a new key's secret from Rust's memory. A key never copied is wiped only with
 * `evenIfNotCopied`; otherwise the answer is `notCopied` and nothing changes. */
export const acknowledgeNewKey = (orgId: string, revealId: string, evenIfNotCopied: boolean): Promise<Acknowledged> =>
  call("acknowledge_new_key", { orgId, revealId, evenIfNotCopied });

/** The vaults a held key can be sent to, the organization's last choice and a suggested entry. */
export const vaultSetup = (orgId: string, revealId: string): Promise<VaultSetup> =>
  call("vault_setup", { orgId, revealId });

/** Sends a held key to the user's vault from Rust. `unlock` carries what the user typed to
 * unlock the vault (a KeePassXC password, a Bitwarden session); it is never stored. */
export const sendNewKeyToVault = (
  orgId: string,
  revealId: string,
  request: VaultRequest,
  unlock: VaultUnlock,
): Promise<Stored> => call("send_new_key_to_vault", { orgId, revealId, request, unlock });

/** Asks for a KeePassXC database in a native dialog; null when cancelled. */
export const chooseVaultDatabase = (): Promise<string | null> => call("choose_vault_database");

/** Exports the keys of `view` (every key of the organization when null) to a file the user
 * picks in a native dialog; Rust writes it. Null when the dialog was cancelled. */
export const exportKeys = (orgId: string, view: KeysRequest | null, format: ExportFormat): Promise<Exported | null> =>
  call("export_keys", { orgId, view: view ? { ...view, offset: 0, limit: 1 } : null, format });

/** New keys whose secrets are still held. */
export const pendingNewKeys = (): Promise<PendingReveal[]> => call("pending_new_keys");

/** Keys whose secret was lost because Keywarden closed while they waited to be stored. */
export const lostNewKeys = (): Promise<LostKey[]> => call("lost_new_keys");

/** Stops warning about a lost key the user decided to keep. */
export const dismissLostKey = (revealId: string): Promise<boolean> => call("dismiss_lost_key", { revealId });

/** What revoking a key would delete. */
export const revokePreview = (orgId: string, projectId: string, keyId: string): Promise<RevokePreview> =>
  call("revoke_preview", { orgId, projectId, keyId });

/** Revokes a key; `confirmation` is the typed name when the preview asks for it. */
export const revokeKey = (
  orgId: string,
  projectId: string,
  keyId: string,
  confirmation: string | null,
): Promise<RevokeOutcome> => call("revoke_key", { orgId, projectId, keyId, confirmation });

/** Takes one key of a service account out of service; the account and its other keys stay. */
export const revokeKeyAlone = (
  orgId: string,
  projectId: string,
  keyId: string,
  confirmation: string | null,
): Promise<RevokeOutcome> => call("revoke_key_alone", { orgId, projectId, keyId, confirmation });

/** Revokes what a create whose secret was lost left: the new service account, or with `keyId`
 * only that extra key on an existing account (its other keys stay). */
export const revokeOrphan = (
  orgId: string,
  projectId: string,
  serviceAccountId: string,
  keyId: string | null,
): Promise<RevokeOutcome> => call("revoke_orphan", { orgId, projectId, serviceAccountId, keyId });

/** What rotating a service-account key would do: the new key's name, permissions, lifetime. */
export const planKeyRotation = (orgId: string, projectId: string, keyId: string): Promise<KeyRotationPlan> =>
  call("plan_key_rotation", { orgId, projectId, keyId });

/** Starts rotating a key: Rust mints its successor once per request id and holds its secret. */
export const startKeyRotation = (
  orgId: string,
  projectId: string,
  keyId: string,
  requestId: string,
): Promise<KeyRotationStarted> => call("start_key_rotation", { orgId, projectId, keyId, requestId });

/** Looks at both keys of a rotation (on the server) and says where it stands. */
export const keyRotationStatus = (orgId: string, rotationId: string): Promise<KeyRotationStatus> =>
  call("key_rotation_status", { orgId, rotationId });

/** Revokes a rotation's old key; `confirmation` is its typed name while the new key is unused. */
export const finishKeyRotation = (
  orgId: string,
  rotationId: string,
  confirmation: string | null,
): Promise<KeyRotationStatus> => call("finish_key_rotation", { orgId, rotationId, confirmation });

/** Abandons a rotation: revokes the new key and keeps the old one. */
export const abandonKeyRotation = (orgId: string, rotationId: string): Promise<KeyRotationStatus> =>
  call("abandon_key_rotation", { orgId, rotationId });

/** The key rotations in progress in every organization. */
export const listKeyRotations = (): Promise<KeyRotationInProgress[]> => call("list_key_rotations");

/** The organization's activity, newest first. */
export const listActivity = (orgId: string): Promise<ActivityEntry[]> => call("list_activity", { orgId });

/** Copies a non-secret text (an id, a redacted value). */
export const copyText = (text: string): Promise<void> => call("copy_text", { text });

/** Wipes held secrets and quits. */
export const quitApp = (): Promise<void> => call("quit_app");

/** Calls `onClose` when the window is closed while new keys are unacknowledged. */
export function watchCloseRequests(onClose: (pending: CloseRequest) => void): Promise<void> {
  const channel = new Channel<CloseRequest>();
  channel.onmessage = onClose;
  return call("watch_close_requests", { onClose: channel });
}

/** Stops a running refresh of an organization. */
export const cancelRefresh = (orgId: string): Promise<boolean> => call("cancel_refresh", { orgId });

/** Version and the recent log, for the About box. */
export const about = (): Promise<About> => call("about");

/** Writes all logs into one file in Downloads; returns its path. */
export const exportLogs = (): Promise<string> => call("export_logs");

// Usage, spend and history of keys.

/** Reads the last 30 days of usage of every kind, per key and day, into Rust's cache. */
export function refreshUsage(orgId: string, onProgress: (progress: Progress) => void): Promise<UsageRead> {
  const channel = new Channel<Progress>();
  channel.onmessage = (progress) => {
    record("refresh_usage:progress", progress);
    onProgress(progress);
  };
  return call("refresh_usage", { orgId, onProgress: channel });
}

/** One key's usage per kind and day, and its spend per day, over 7 or 30 days. */
export const keyInsight = (orgId: string, keyId: string, days: number): Promise<KeyInsight> =>
  call("key_insight", { orgId, keyId, days });

/** The audit-log events about one key and its service account. */
export const keyTimeline = (orgId: string, keyId: string): Promise<KeyTimeline> =>
  call("key_timeline", { orgId, keyId });

/** Spend per project and day over 7 or 30 days: the projects that spent most (the rest summed, with
 * an empty id), or only `projectId`'s. */
export const spendByProject = (orgId: string, days: number, projectId: string | null = null): Promise<SpendByProject> =>
  call("spend_by_project", { orgId, days, projectId });
