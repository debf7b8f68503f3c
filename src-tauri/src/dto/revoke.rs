//! Revoking as the webview sees it: the preview of what a revoke deletes, and what it did.

use app_core::key_lifecycle::{BlastRadius, RevokeOutcome, RevokePreview};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// What a revoke deletes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(rename = "BlastRadius")]
pub enum BlastRadiusDto {
    /// A user-owned key: only this key.
    Key,
    /// A service-account key: the whole account and every key it owns.
    #[serde(rename_all = "camelCase")]
    ServiceAccount {
        /// The account that is deleted.
        service_account_id: String,
        /// Its name.
        service_account_name: Option<String>,
        /// How many keys it owns in the project.
        key_count: usize,
    },
}

/// What revoking a key would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "RevokePreview")]
pub struct RevokePreviewDto {
    /// The project.
    pub project_id: String,
    /// The key asked for.
    pub key_id: String,
    /// Its name.
    pub key_name: Option<String>,
    /// What is deleted with it.
    pub blast_radius: BlastRadiusDto,
    /// The most recent use of any key that would be deleted.
    pub last_used_at: Option<DateTime<Utc>>,
    /// Whether the name must be typed to go ahead.
    pub requires_typed_confirmation: bool,
    /// The text to type.
    pub confirmation_text: String,
    /// One sentence saying what will be deleted.
    pub summary: String,
}

impl From<RevokePreview> for RevokePreviewDto {
    fn from(preview: RevokePreview) -> Self {
        let blast_radius = match preview.blast_radius {
            BlastRadius::Key => BlastRadiusDto::Key,
            BlastRadius::ServiceAccount {
                service_account_id,
                service_account_name,
                key_count,
            } => BlastRadiusDto::ServiceAccount {
                service_account_id: service_account_id.to_string(),
                service_account_name,
                key_count,
            },
        };
        Self {
            project_id: preview.project_id.to_string(),
            key_id: preview.key_id.to_string(),
            key_name: preview.key_name,
            blast_radius,
            last_used_at: preview.last_used_at,
            requires_typed_confirmation: preview.requires_typed_confirmation,
            confirmation_text: preview.confirmation_text,
            summary: preview.summary,
        }
    }
}

/// What a revoke did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "camelCase")]
#[ts(rename = "RevokeOutcome")]
pub enum RevokeOutcomeDto {
    /// The key (and, for a service account, the account and its keys) was deleted, or one
    /// key of a service account was made to expire now.
    #[serde(rename_all = "camelCase")]
    Revoked {
        /// The project.
        project_id: String,
        /// The keys revoked.
        key_ids: Vec<String>,
        /// The service account deleted, if any.
        service_account_id: Option<String>,
        /// The name of the key (or of the orphaned account).
        name: Option<String>,
        /// Whether the key was made to expire now instead of deleted (the API would not delete
        /// one key of a service account alone); its account and other keys stay.
        expired: bool,
    },
    /// It was already gone.
    #[serde(rename_all = "camelCase")]
    AlreadyGone {
        /// The project.
        project_id: String,
        /// The key or service account id asked for.
        id: String,
    },
}

impl From<RevokeOutcome> for RevokeOutcomeDto {
    fn from(outcome: RevokeOutcome) -> Self {
        match outcome {
            RevokeOutcome::Revoked(revoked) => Self::Revoked {
                project_id: revoked.project_id.to_string(),
                key_ids: revoked.key_ids.iter().map(ToString::to_string).collect(),
                service_account_id: revoked.service_account_id.map(|id| id.to_string()),
                name: revoked.name,
                expired: revoked.expired,
            },
            RevokeOutcome::AlreadyGone { project_id, id } => Self::AlreadyGone {
                project_id: project_id.to_string(),
                id,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use openai_admin::ProjectId;

    #[test]
    fn a_revoke_outcome_is_tagged_with_its_outcome() {
        let gone = RevokeOutcome::AlreadyGone {
            project_id: ProjectId::from("proj_1"),
            id: "key_9".into(),
        };
        let json = serde_json::to_value(RevokeOutcomeDto::from(gone)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"outcome": "alreadyGone", "projectId": "proj_1", "id": "key_9"})
        );
    }
}
