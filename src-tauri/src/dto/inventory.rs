//! An organization's inventory as the webview sees it: its status, refresh progress, and pages
//! of projects and keys, the only way rows cross IPC (see `docs/query-surface.md`). No response
//! grows with the organization: a page holds at most 500 rows.

use app_core::inventory_store::{KeyPage, KeyRow, ProjectPage, ProjectRow};
use app_core::org::{CacheState, InventoryStatus};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::policy::RecordedPermissionsDto;
use super::vocabulary::OwnerKindDto;

/// Progress of a refresh (projects done of total) or of a usage read (days of the reports read
/// of all of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Progress")]
pub struct ProgressDto {
    /// Steps finished.
    pub done: usize,
    /// Steps in total.
    pub total: usize,
}

impl From<openai_admin::Progress> for ProgressDto {
    fn from(progress: openai_admin::Progress) -> Self {
        Self {
            done: progress.done,
            total: progress.total,
        }
    }
}

/// Whether the organization's inventory cache is in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "camelCase")]
#[ts(rename = "CacheState")]
pub enum CacheStateDto {
    /// The cache is read and written.
    On,
    /// The cache cannot be used; the organization works from the network.
    Off {
        /// Why, and what to do about it.
        reason: String,
    },
}

/// What the window shows about an inventory before it asks for a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "InventoryStatus")]
pub struct InventoryStatusDto {
    /// When it was last fetched; `null` when never.
    pub refreshed_at: Option<DateTime<Utc>>,
    /// Whether a refresh is running.
    pub refreshing: bool,
    /// How many projects it holds.
    pub project_count: u64,
    /// How many keys it holds.
    pub key_count: u64,
    /// `{state: "on"}` or `{state: "off", reason}`.
    pub cache: CacheStateDto,
    /// Something to tell the user, e.g. that an unreadable cache was rebuilt.
    pub notice: Option<String>,
    /// When usage per key was last read; `null` when never.
    pub usage_read_at: Option<DateTime<Utc>>,
}

impl From<InventoryStatus> for InventoryStatusDto {
    fn from(status: InventoryStatus) -> Self {
        Self {
            refreshed_at: status.refreshed_at,
            refreshing: status.refreshing,
            project_count: status.project_count,
            key_count: status.key_count,
            cache: match status.cache {
                CacheState::On => CacheStateDto::On,
                CacheState::Off { reason } => CacheStateDto::Off { reason },
            },
            notice: status.notice,
            usage_read_at: status.usage_read_at,
        }
    }
}

/// One row of the keys table; metadata only, never a secret.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeyRow")]
pub struct KeyRowDto {
    /// Key id.
    pub id: String,
    /// Name (empty when it has none); a service account's key that the API named “Secret Key”
    /// (its first key) or not at all carries the account's name.
    pub name: String,
    /// The API's redacted form.
    pub redacted_value: String,
    /// `user`, `serviceAccount` or `unknown`.
    pub owner_kind: OwnerKindDto,
    /// The owner's name (or email, or id).
    pub owner_name: String,
    /// The owning user's email.
    pub owner_email: Option<String>,
    /// The user id or service account id.
    pub owner_id: Option<String>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was last used; `null` means never.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it expires; `null` means never. May be past (the API lists expired keys).
    pub expires_at: Option<DateTime<Utc>>,
    /// The permissions Keywarden set or found in the audit log; `null` when unknown (the API
    /// does not report them).
    pub permissions: Option<RecordedPermissionsDto>,
    /// `active`, `inactive`, or what the API said.
    pub owner_access: Option<String>,
    /// Its project.
    pub project_id: String,
    /// Its project's name.
    pub project_name: String,
    /// Its project is archived: the key no longer works, and Keywarden offers no revoke or edit.
    pub project_archived: bool,
    /// What it cost over the last 30 days; `null` when costs were not fetched.
    pub spend_usd: Option<f64>,
    /// Requests per day of every kind, oldest first, over the period the page was asked for
    /// (`usageDays`); `null` when usage was not read or the key made none.
    pub daily_requests: Option<Vec<u64>>,
}

impl From<KeyRow> for KeyRowDto {
    fn from(row: KeyRow) -> Self {
        Self {
            id: row.id,
            name: row.name,
            redacted_value: row.redacted_value,
            owner_kind: row.owner_kind.into(),
            owner_name: row.owner_name,
            owner_email: row.owner_email,
            owner_id: row.owner_id,
            created_at: row.created_at,
            last_used_at: row.last_used_at,
            expires_at: row.expires_at,
            permissions: row.permissions.map(Into::into),
            owner_access: row.owner_access,
            project_id: row.project_id,
            project_name: row.project_name,
            project_archived: row.project_archived,
            spend_usd: row.spend_usd,
            daily_requests: None,
        }
    }
}

/// One page of keys.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeyPage")]
pub struct KeyPageDto {
    /// How many keys match in all.
    pub total: u64,
    /// The offset asked for.
    pub offset: u64,
    /// At most `limit` rows.
    pub rows: Vec<KeyRowDto>,
}

impl From<KeyPage> for KeyPageDto {
    fn from(page: KeyPage) -> Self {
        Self {
            total: page.total,
            offset: page.offset,
            rows: page
                .rows
                .into_iter()
                .map(|row| {
                    let daily_requests = page.daily_requests.get(&row.id).cloned();
                    KeyRowDto {
                        daily_requests,
                        ..KeyRowDto::from(row)
                    }
                })
                .collect(),
        }
    }
}

/// One project in the sidebar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ProjectRow")]
pub struct ProjectRowDto {
    /// Project id.
    pub id: String,
    /// Name (the id when it has none).
    pub name: String,
    /// `active`, `archived`, or what the API said.
    pub status: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was archived.
    pub archived_at: Option<DateTime<Utc>>,
    /// How many keys it has.
    pub key_count: u64,
    /// How many service accounts it has; `null` when they could not be listed.
    pub service_account_count: Option<u64>,
    /// Why its keys could not be listed at the last refresh.
    pub error: Option<String>,
}

impl From<ProjectRow> for ProjectRowDto {
    fn from(row: ProjectRow) -> Self {
        Self {
            id: row.id,
            name: row.name,
            status: row.status,
            created_at: row.created_at,
            archived_at: row.archived_at,
            key_count: row.key_count,
            service_account_count: row.service_account_count,
            error: row.error,
        }
    }
}

/// One page of projects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ProjectPage")]
pub struct ProjectPageDto {
    /// How many projects match in all.
    pub total: u64,
    /// How many archived projects match the text, included or not.
    pub archived_total: u64,
    /// The offset asked for.
    pub offset: u64,
    /// At most `limit` rows.
    pub rows: Vec<ProjectRowDto>,
}

impl From<ProjectPage> for ProjectPageDto {
    fn from(page: ProjectPage) -> Self {
        Self {
            total: page.total,
            archived_total: page.archived_total,
            offset: page.offset,
            rows: page.rows.into_iter().map(ProjectRowDto::from).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app_core::inventory_store::KeyOwnerKind;

    #[test]
    fn a_key_row_crosses_ipc_in_camel_case_with_its_owner_and_spend() {
        let row = KeyRow {
            id: "key_1".into(),
            name: "CI".into(),
            redacted_value: "sk-svca...x7Q".into(),
            owner_kind: KeyOwnerKind::ServiceAccount,
            owner_id: Some("svc_1".into()),
            owner_name: "deploy-bot".into(),
            owner_email: None,
            created_at: DateTime::<Utc>::from_timestamp(1_711_471_533, 0).unwrap(),
            last_used_at: None,
            owner_access: Some("active".into()),
            project_id: "proj_1".into(),
            project_name: "Web".into(),
            project_archived: false,
            spend_usd: Some(1.25),
            expires_at: None,
            permissions: None,
        };
        let json = serde_json::to_value(KeyRowDto::from(row)).unwrap();
        assert_eq!(json["redactedValue"], "sk-svca...x7Q");
        assert_eq!(json["ownerKind"], "serviceAccount");
        assert_eq!(json["ownerId"], "svc_1");
        assert_eq!(json["lastUsedAt"], serde_json::Value::Null);
        assert_eq!(json["spendUsd"], 1.25);
        assert_eq!(json["expiresAt"], serde_json::Value::Null);
        assert_eq!(json["permissions"], serde_json::Value::Null);
        assert_eq!(json["projectArchived"], false);
        assert!(json.get("redacted_value").is_none());
    }

    #[test]
    fn a_cache_that_is_off_says_why_on_the_wire() {
        let status = InventoryStatus {
            refreshed_at: None,
            refreshing: false,
            project_count: 0,
            key_count: 0,
            cache: CacheState::Off {
                reason: "the disk is full".into(),
            },
            notice: None,
            usage_read_at: None,
        };
        let json = serde_json::to_value(InventoryStatusDto::from(status)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"refreshedAt": null, "refreshing": false, "projectCount": 0,
                "keyCount": 0, "cache": {"state": "off", "reason": "the disk is full"},
                "notice": null, "usageReadAt": null})
        );
    }
}
