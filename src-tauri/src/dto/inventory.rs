//! An organization's inventory as the webview sees it: its status, refresh progress, and the
//! paged queries of projects and keys, the only way rows cross IPC (see
//! `docs/query-surface.md`). No response grows with the organization: a page holds at most 500
//! rows.

use app_core::inventory_store::{
    KeyPage, KeyQuery, KeyRow, KeySort, ProjectPage, ProjectQuery, ProjectRow,
};
use app_core::org::{CacheState, InventoryStatus};
use chrono::{DateTime, Utc};
use serde::de::{value, IntoDeserializer};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::vocabulary::{KeySortColumnDto, OwnerKindDto};

/// Refresh progress: projects done of total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Progress")]
pub struct ProgressDto {
    /// Projects finished.
    pub done: usize,
    /// Projects in total.
    pub total: usize,
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
        }
    }
}

/// How the keys table is sorted.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeySort")]
pub struct KeySortDto {
    /// `name`, `owner`, `created`, `lastUsed`, `project` or `spend`.
    #[ts(as = "KeySortColumnDto")]
    pub column: String,
    /// Largest first.
    pub descending: bool,
}

/// What the keys table asks for.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeyQuery")]
pub struct KeyQueryDto {
    /// One project's keys; `null` for every project.
    pub project_id: Option<String>,
    /// A case-insensitive substring to match; `null` matches every key.
    pub text: Option<String>,
    /// The order.
    pub sort: KeySortDto,
    /// Matching rows to skip.
    pub offset: i64,
    /// Rows to return, 1 to 500.
    pub limit: i64,
}

impl TryFrom<KeyQueryDto> for KeyQuery {
    type Error = app_core::Error;

    fn try_from(query: KeyQueryDto) -> Result<Self, Self::Error> {
        let column = query.sort.column.as_str().into_deserializer();
        let column = KeySortColumnDto::deserialize(column).map_err(|_: value::Error| {
            app_core::Error::InvalidInput(
                "sort keys by name, owner, created, lastUsed, project or spend".into(),
            )
        })?;
        Ok(KeyQuery {
            project_id: query.project_id,
            text: query.text,
            sort: KeySort {
                column: column.into(),
                descending: query.sort.descending,
            },
            offset: offset(query.offset)?,
            limit: limit(query.limit)?,
        })
    }
}

/// What the sidebar asks for.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ProjectQuery")]
pub struct ProjectQueryDto {
    /// A case-insensitive substring of the name or id; `null` matches every project.
    pub text: Option<String>,
    /// Include archived projects.
    pub include_archived: bool,
    /// Matching projects to skip.
    pub offset: i64,
    /// Rows to return, 1 to 500.
    pub limit: i64,
}

impl TryFrom<ProjectQueryDto> for ProjectQuery {
    type Error = app_core::Error;

    fn try_from(query: ProjectQueryDto) -> Result<Self, Self::Error> {
        Ok(ProjectQuery {
            text: query.text,
            include_archived: query.include_archived,
            offset: offset(query.offset)?,
            limit: limit(query.limit)?,
        })
    }
}

fn offset(offset: i64) -> Result<u64, app_core::Error> {
    u64::try_from(offset).map_err(|_| {
        app_core::Error::InvalidInput("the offset must be 0 or more; nothing was read".into())
    })
}

/// A limit outside `u32` is refused here; the store refuses anything outside 1..=500.
fn limit(limit: i64) -> Result<u32, app_core::Error> {
    u32::try_from(limit).map_err(|_| {
        app_core::Error::InvalidInput(format!(
            "choose a page of 1 to {} rows (asked for {limit})",
            app_core::inventory_store::MAX_PAGE_ROWS
        ))
    })
}

/// One row of the keys table; metadata only, never a secret.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeyRow")]
pub struct KeyRowDto {
    /// Key id.
    pub id: String,
    /// Name (empty when it has none).
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
    /// `active`, `inactive`, or what the API said.
    pub owner_access: Option<String>,
    /// Its project.
    pub project_id: String,
    /// Its project's name.
    pub project_name: String,
    /// What it cost over the last 30 days; `null` when costs were not fetched.
    pub spend_usd: Option<f64>,
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
            owner_access: row.owner_access,
            project_id: row.project_id,
            project_name: row.project_name,
            spend_usd: row.spend_usd,
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
            rows: page.rows.into_iter().map(KeyRowDto::from).collect(),
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
    use app_core::inventory_store::{KeyOwnerKind, KeySortColumn};

    fn key_query(json: serde_json::Value) -> Result<KeyQuery, app_core::Error> {
        KeyQuery::try_from(serde_json::from_value::<KeyQueryDto>(json).unwrap())
    }

    #[test]
    fn a_key_query_arrives_in_camel_case_and_becomes_the_store_query() {
        let query = key_query(serde_json::json!({"projectId": "proj_1", "text": "ci",
            "sort": {"column": "lastUsed", "descending": true}, "offset": 500, "limit": 500}))
        .unwrap();
        assert_eq!(query.project_id.as_deref(), Some("proj_1"));
        assert_eq!(query.sort.column, KeySortColumn::LastUsed);
        assert!(query.sort.descending);
        assert_eq!((query.offset, query.limit), (500, 500));
    }

    #[test]
    fn a_negative_offset_a_huge_limit_or_an_unknown_sort_is_invalid_input() {
        let sort = serde_json::json!({"column": "name", "descending": false});
        let cases = [
            serde_json::json!({"projectId": null, "text": null, "sort": sort, "offset": -1,
                "limit": 10}),
            serde_json::json!({"projectId": null, "text": null, "sort": sort, "offset": 0,
                "limit": 1_i64 << 40}),
            serde_json::json!({"projectId": null, "text": null, "offset": 0, "limit": 10,
                "sort": {"column": "1; DROP TABLE keys", "descending": false}}),
        ];
        for case in cases {
            let error = key_query(case.clone()).unwrap_err();
            assert!(
                matches!(error, app_core::Error::InvalidInput(_)),
                "{case}: {error:?}"
            );
        }
    }

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
            spend_usd: Some(1.25),
        };
        let json = serde_json::to_value(KeyRowDto::from(row)).unwrap();
        assert_eq!(json["redactedValue"], "sk-svca...x7Q");
        assert_eq!(json["ownerKind"], "serviceAccount");
        assert_eq!(json["ownerId"], "svc_1");
        assert_eq!(json["lastUsedAt"], serde_json::Value::Null);
        assert_eq!(json["spendUsd"], 1.25);
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
        };
        let json = serde_json::to_value(InventoryStatusDto::from(status)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"refreshedAt": null, "refreshing": false, "projectCount": 0,
                "keyCount": 0, "cache": {"state": "off", "reason": "the disk is full"},
                "notice": null})
        );
    }
}
