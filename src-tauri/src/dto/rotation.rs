//! A service-account key's rotation as the webview sees it: the plan shown before it starts,
//! the rotation itself, both keys as last seen (with their last use measured on the server's
//! clock), and the rotations in progress after a restart. Ids, names, times and permissions
//! only; the new key's secret stays in Rust (its reveal goes through `CreatedKeyDto`).

use app_core::key_rotation::{RotatedKey, RotationPhase, RotationRecord};
use app_core::org::{RotationPlan, RotationStarted};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::CreatedKeyDto;

/// Where a rotation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeyRotationPhase")]
pub enum KeyRotationPhaseDto {
    /// The new key is being minted.
    Minting,
    /// Both keys are watched until the new one is used.
    Watching,
    /// The old key is revoked; the new key is the one in use.
    Completed,
    /// The new key was revoked and the old one kept.
    Abandoned,
    /// No new key was created; nothing changed.
    Failed,
}

impl From<RotationPhase> for KeyRotationPhaseDto {
    fn from(phase: RotationPhase) -> Self {
        match phase {
            RotationPhase::Minting => Self::Minting,
            RotationPhase::Watching => Self::Watching,
            RotationPhase::Completed => Self::Completed,
            RotationPhase::Abandoned => Self::Abandoned,
            RotationPhase::Failed => Self::Failed,
        }
    }
}

/// One key of a rotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "RotatedKey")]
pub struct RotatedKeyDto {
    /// The key id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// When the server created it.
    pub created_at: DateTime<Utc>,
}

impl From<RotatedKey> for RotatedKeyDto {
    fn from(key: RotatedKey) -> Self {
        Self {
            id: key.id.to_string(),
            name: key.name,
            created_at: key.created_at,
        }
    }
}

/// A rotation as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeyRotation")]
pub struct KeyRotationDto {
    /// The rotation's id.
    pub rotation_id: String,
    /// The organization.
    pub org_id: String,
    /// The project of both keys.
    pub project_id: String,
    /// The service account that owns both keys.
    pub service_account_id: String,
    /// That account's name.
    pub service_account_name: Option<String>,
    /// The key being replaced.
    pub old_key: RotatedKeyDto,
    /// The new key's name.
    pub new_key_name: String,
    /// The new key, once minted.
    pub new_key: Option<RotatedKeyDto>,
    /// The new key's permissions (`[]` = all).
    pub scopes: Vec<String>,
    /// Whether the old key's permissions were known (otherwise the new key got all).
    pub permissions_known: bool,
    /// The new key's lifetime in seconds; `null` = never expires.
    pub expires_in_seconds: Option<u32>,
    /// Where it stands.
    pub phase: KeyRotationPhaseDto,
    /// When it was started.
    pub started_at: DateTime<Utc>,
    /// Whether the new key's secret never reached anyone.
    pub secret_lost: bool,
    /// The last step that failed, and what to do.
    pub last_error: Option<String>,
}

impl From<RotationRecord> for KeyRotationDto {
    fn from(record: RotationRecord) -> Self {
        Self {
            rotation_id: record.id.to_string(),
            org_id: record.org_id.to_string(),
            project_id: record.project_id.to_string(),
            service_account_id: record.service_account_id.to_string(),
            service_account_name: record.service_account_name,
            old_key: record.old_key.into(),
            new_key_name: record.new_key_name,
            new_key: record.new_key.map(Into::into),
            scopes: record.scopes,
            permissions_known: record.permissions_known,
            expires_in_seconds: record.expires_in_seconds,
            phase: record.phase.into(),
            started_at: record.started_at,
            secret_lost: record.secret_lost,
            last_error: record.last_error,
        }
    }
}

/// What rotating a key would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeyRotationPlan")]
pub struct KeyRotationPlanDto {
    /// The project of the key.
    pub project_id: String,
    /// The key to replace.
    pub old_key: RotatedKeyDto,
    /// When the old key expires; `null` = never.
    pub old_key_expires_at: Option<DateTime<Utc>>,
    /// The service account that gets the new key.
    pub service_account_id: String,
    /// Its name.
    pub service_account_name: Option<String>,
    /// The new key's name.
    pub new_key_name: String,
    /// The new key's permissions (`[]` = all); `null` when the old key's are unknown and the
    /// new key gets all.
    pub scopes: Option<Vec<String>>,
    /// The new key's lifetime in seconds; `null` = never expires.
    pub expires_in_seconds: Option<u32>,
}

impl From<RotationPlan> for KeyRotationPlanDto {
    fn from(plan: RotationPlan) -> Self {
        Self {
            project_id: plan.project_id.to_string(),
            old_key: plan.old_key.into(),
            old_key_expires_at: plan.old_key_expires_at,
            service_account_id: plan.service_account_id.to_string(),
            service_account_name: plan.service_account_name,
            new_key_name: plan.new_key_name,
            scopes: plan.scopes,
            expires_in_seconds: plan.expires_in_seconds,
        }
    }
}

/// A rotation just started, and its new key to reveal once (absent when a retry found the
/// rotation past its reveal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeyRotationStarted")]
pub struct KeyRotationStartedDto {
    /// The rotation.
    pub rotation: KeyRotationDto,
    /// The new key; its secret is held in Rust under `revealId`.
    pub created: Option<CreatedKeyDto>,
}

impl From<RotationStarted> for KeyRotationStartedDto {
    fn from(started: RotationStarted) -> Self {
        Self {
            rotation: started.rotation.into(),
            created: started.created.map(Into::into),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app_core::key_rotation::{RotationId, RotationRecord};
    use app_core::OrgId;
    use openai_admin::{ApiKeyId, ProjectId, ServiceAccountId};

    fn record() -> RotationRecord {
        let at = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        RotationRecord {
            id: RotationId::new(),
            org_id: OrgId::new("acme"),
            project_id: ProjectId::from("proj_1"),
            service_account_id: ServiceAccountId::from("svc_1"),
            service_account_name: Some("billing-worker".into()),
            old_key: RotatedKey {
                id: ApiKeyId::from("key_old"),
                name: "billing-worker".into(),
                created_at: at,
            },
            new_key_name: "billing-worker (rotated 2027-01-15)".into(),
            new_key: None,
            scopes: vec!["api.all.read".into()],
            permissions_known: true,
            expires_in_seconds: Some(7_776_000),
            phase: RotationPhase::Minting,
            started_at: at,
            request_id: "req-1".into(),
            keys_before: vec![ApiKeyId::from("key_old")],
            server_offset_seconds: Some(-10_800),
            secret_lost: false,
            last_error: None,
            note: None,
        }
    }

    #[test]
    fn a_rotation_crosses_ipc_in_camel_case_without_its_request_or_clock_bookkeeping() {
        let record = record();
        let id = record.id.to_string();
        let json = serde_json::to_value(KeyRotationDto::from(record)).unwrap();
        assert_eq!(json["rotationId"], id);
        assert_eq!(json["phase"], "minting");
        assert_eq!(json["oldKey"]["name"], "billing-worker");
        assert_eq!(json["expiresInSeconds"], 7_776_000);
        for internal in ["requestId", "keysBefore", "serverOffsetSeconds", "note"] {
            assert!(
                json.get(internal).is_none(),
                "{internal} stays in Rust: {json}"
            );
        }
    }
}
