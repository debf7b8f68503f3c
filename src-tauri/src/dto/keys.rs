//! The key lifecycle as the webview sees it: created keys (a reveal id and a redacted value,
//! never the secret), orphans, revoke previews and outcomes, pending reveals and activity.
//!
//! The app-core types used here are metadata-only by construction and serialize in camelCase.

use app_core::key_lifecycle::{CreateOutcome, CreatedKey};
use chrono::{DateTime, Utc};
use openai_admin::ServiceAccount;
use serde::Serialize;

pub use app_core::key_lifecycle::{
    Acknowledged, ActivityEntry, CopyDeadline, PendingReveal, RevokeOutcome, RevokePreview,
};

/// A key whose secret was lost when Keywarden closed during its reveal (metadata only).
pub type LostKey = app_core::key_lifecycle::RevealRecord;

/// The result of a create: a key to reveal once, or an orphan to offer to revoke.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum CreateOutcomeDto {
    /// The key exists; its secret is held in Rust under `revealId`.
    #[serde(rename_all = "camelCase")]
    Created {
        /// The key, without its secret.
        key: CreatedKey,
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

impl CreateOutcomeDto {
    /// Builds the DTO; `masked` is the vault's masked form of a created key.
    pub fn new(outcome: CreateOutcome, masked: String) -> Self {
        match outcome {
            CreateOutcome::Created(key) => Self::Created { key, masked },
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
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

/// What each key cost over a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyCostsDto {
    /// Days summed.
    pub days: u32,
    /// Currency of the amounts.
    pub currency: String,
    /// Spend per key id.
    pub by_key: std::collections::BTreeMap<String, f64>,
    /// Spend not attributed to a key.
    pub unattributed: f64,
}

impl From<app_core::insights::KeyCosts> for KeyCostsDto {
    fn from(costs: app_core::insights::KeyCosts) -> Self {
        Self {
            days: costs.days,
            currency: costs.currency,
            by_key: costs.by_key,
            unattributed: costs.unattributed,
        }
    }
}
