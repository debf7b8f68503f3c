//! The key lifecycle as the webview sees it: created keys (a reveal id and a redacted value,
//! never the secret), orphans, service accounts and activity. What follows a create (the copy,
//! the acknowledge, held and lost keys) is in `reveal`.
//!
//! Each app-core type has its own wire type here, so the on-disk formats (the activity file) and
//! the IPC shapes change independently.

use app_core::key_lifecycle::{ActivityEntry, CreateOutcome, CreatedKey};
use chrono::{DateTime, Utc};
use openai_admin::ServiceAccount;
use serde::Serialize;
use ts_rs::TS;

use super::vocabulary::ActivityActionDto;

/// A key that was just created; its secret is held in Rust under `revealId`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "CreatedKey")]
pub struct CreatedKeyDto {
    /// Where the secret is held until acknowledged.
    pub reveal_id: String,
    /// The new key's id.
    pub key_id: String,
    /// The name it was created with.
    pub name: String,
    /// The secret shortened to `sk-svca…9fQe`.
    pub redacted_value: String,
    /// When the key was created.
    pub created_at: DateTime<Utc>,
    /// The service account that owns the key.
    pub service_account_id: String,
    /// The project of the key.
    pub project_id: String,
}

impl From<CreatedKey> for CreatedKeyDto {
    fn from(key: CreatedKey) -> Self {
        Self {
            reveal_id: key.reveal_id.to_string(),
            key_id: key.key_id.to_string(),
            name: key.name,
            redacted_value: key.redacted_value,
            created_at: key.created_at,
            service_account_id: key.service_account_id.to_string(),
            project_id: key.project_id.to_string(),
        }
    }
}

/// The result of a create: a key to reveal once, or an orphan to offer to revoke.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "camelCase")]
#[ts(rename = "CreateOutcome")]
pub enum CreateOutcomeDto {
    /// The key exists; its secret is held in Rust under `revealId`.
    #[serde(rename_all = "camelCase")]
    Created {
        /// The key, without its secret.
        key: CreatedKeyDto,
        /// The secret shortened for display (`sk-svca…9fQe`).
        masked: String,
    },
    /// The key exists but its secret was lost on the way.
    #[serde(rename_all = "camelCase")]
    Orphaned {
        /// The project.
        project_id: String,
        /// The service account that was created.
        service_account_id: String,
        /// The extra key, when a key was added to an existing account.
        key_id: Option<String>,
        /// Its name.
        name: String,
        /// What happened and what to do.
        explanation: String,
    },
}

impl From<CreateOutcome> for CreateOutcomeDto {
    fn from(outcome: CreateOutcome) -> Self {
        match outcome {
            CreateOutcome::Created(key) => Self::Created {
                masked: key.redacted_value.clone(),
                key: key.into(),
            },
            CreateOutcome::Orphaned(orphan) => Self::Orphaned {
                explanation: orphan.explanation(),
                project_id: orphan.project_id.to_string(),
                service_account_id: orphan.service_account_id.to_string(),
                key_id: orphan.key_id.map(|id| id.to_string()),
                name: orphan.name,
            },
        }
    }
}

/// A service account of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ServiceAccount")]
pub struct ServiceAccountDto {
    /// Id.
    pub id: String,
    /// Name (the id when nameless).
    pub name: String,
    /// Role in the project.
    pub role: Option<String>,
    /// When it was created.
    pub created_at: Option<DateTime<Utc>>,
}

impl From<ServiceAccount> for ServiceAccountDto {
    fn from(account: ServiceAccount) -> Self {
        Self {
            name: account.name.unwrap_or_else(|| account.id.to_string()),
            id: account.id.to_string(),
            role: account.role.map(|role| role.to_string()),
            created_at: account.created_at,
        }
    }
}

/// One thing Keywarden did to a key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ActivityEntry")]
pub struct ActivityEntryDto {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// `created`, `orphaned`, `copied`, `acknowledged`, `discarded`, `lost`, `revoked`,
    /// `orphanRevoked`, `alreadyGone`, `policyChanged` or `sentToVault`.
    pub action: ActivityActionDto,
    /// The project.
    pub project_id: String,
    /// The key, when one is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub key_id: Option<String>,
    /// The service account, when one was involved.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub service_account_id: Option<String>,
    /// The key's (or account's) name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
    /// Where a key sent to a vault went (never the value).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub stored_in: Option<String>,
}

impl From<ActivityEntry> for ActivityEntryDto {
    fn from(entry: ActivityEntry) -> Self {
        Self {
            at: entry.at,
            action: entry.action.into(),
            project_id: entry.project_id.to_string(),
            key_id: entry.key_id.map(|id| id.to_string()),
            service_account_id: entry.service_account_id.map(|id| id.to_string()),
            name: entry.name,
            stored_in: entry.stored_in,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app_core::key_lifecycle::ActivityAction;
    use openai_admin::{ApiKeyId, ProjectId};

    #[test]
    fn an_activity_entry_crosses_ipc_in_camel_case_without_absent_fields() {
        let entry = ActivityEntry {
            at: DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap(),
            action: ActivityAction::OrphanRevoked,
            project_id: ProjectId::from("proj_1"),
            key_id: Some(ApiKeyId::from("key_1")),
            service_account_id: None,
            name: None,
            stored_in: None,
        };
        let json = serde_json::to_value(ActivityEntryDto::from(entry)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"at": "2023-11-14T22:13:20Z", "action": "orphanRevoked",
                "projectId": "proj_1", "keyId": "key_1"})
        );
    }
}
