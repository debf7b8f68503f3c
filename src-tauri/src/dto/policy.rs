//! Key policy on the wire: the permissions and expiry a person chooses for a new key or an
//! existing one, the organization's default and a key's recorded permissions. Every shape is
//! checked again in app-core; these only carry it.

use app_core::inventory_store::{PermissionSource, RecordedPermissions};
use app_core::key_policy::{Expiry, KeyPolicy, Permissions, PolicyChange};
use app_core::org::PolicyUpdated;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a key may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(rename = "Permissions")]
pub enum PermissionsDto {
    /// Everything the owner's role allows.
    All,
    /// Read only (`api.all.read`).
    ReadOnly,
    /// Only these scope identifiers (sent as typed, trimmed, without repeats).
    Restricted {
        /// E.g. `api.files.read`, `api.responses.write`.
        scopes: Vec<String>,
    },
}

impl From<PermissionsDto> for Permissions {
    fn from(dto: PermissionsDto) -> Self {
        match dto {
            PermissionsDto::All => Permissions::All,
            PermissionsDto::ReadOnly => Permissions::ReadOnly,
            PermissionsDto::Restricted { scopes } => Permissions::Restricted(scopes),
        }
    }
}

impl From<Permissions> for PermissionsDto {
    fn from(permissions: Permissions) -> Self {
        match permissions {
            Permissions::All => PermissionsDto::All,
            Permissions::ReadOnly => PermissionsDto::ReadOnly,
            Permissions::Restricted(scopes) => PermissionsDto::Restricted { scopes },
        }
    }
}

/// When a key expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(rename = "Expiry")]
pub enum ExpiryDto {
    /// Never (unless a policy of the organization forbids it).
    Never,
    /// This many days from now, 1 to 365.
    Days {
        /// The number of days.
        days: i64,
    },
    /// At the end of this day, local time: `YYYY-MM-DD`.
    Date {
        /// The date.
        date: String,
    },
}

impl From<ExpiryDto> for Expiry {
    fn from(dto: ExpiryDto) -> Self {
        match dto {
            ExpiryDto::Never => Expiry::Never,
            ExpiryDto::Days { days } => Expiry::Days(days),
            ExpiryDto::Date { date } => Expiry::Date(date),
        }
    }
}

impl From<Expiry> for ExpiryDto {
    fn from(expiry: Expiry) -> Self {
        match expiry {
            Expiry::Never => ExpiryDto::Never,
            Expiry::Days(days) => ExpiryDto::Days { days },
            Expiry::Date(date) => ExpiryDto::Date { date },
        }
    }
}

/// The permissions and expiry of a key to create (or an organization's default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeyPolicy")]
pub struct KeyPolicyDto {
    /// What the key may do.
    pub permissions: PermissionsDto,
    /// When it expires.
    pub expiry: ExpiryDto,
}

impl From<KeyPolicyDto> for KeyPolicy {
    fn from(dto: KeyPolicyDto) -> Self {
        KeyPolicy {
            permissions: dto.permissions.into(),
            expiry: dto.expiry.into(),
        }
    }
}

impl From<KeyPolicy> for KeyPolicyDto {
    fn from(policy: KeyPolicy) -> Self {
        KeyPolicyDto {
            permissions: policy.permissions.into(),
            expiry: policy.expiry.into(),
        }
    }
}

/// A change to an existing key; `null` keeps that part.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "PolicyChange")]
pub struct PolicyChangeDto {
    /// New permissions.
    pub permissions: Option<PermissionsDto>,
    /// New expiry (never `never`: the API cannot remove an expiry).
    pub expiry: Option<ExpiryDto>,
}

impl From<PolicyChangeDto> for PolicyChange {
    fn from(dto: PolicyChangeDto) -> Self {
        PolicyChange {
            permissions: dto.permissions.map(Into::into),
            expiry: dto.expiry.map(Into::into),
        }
    }
}

/// A key after its policy changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "PolicyUpdated")]
pub struct PolicyUpdatedDto {
    /// The key.
    pub key_id: String,
    /// Its expiry now; `null` = never.
    pub expires_at: Option<DateTime<Utc>>,
    /// The scopes this change set (`[]` = all); `null` when it left them alone.
    pub scopes: Option<Vec<String>>,
}

impl From<PolicyUpdated> for PolicyUpdatedDto {
    fn from(updated: PolicyUpdated) -> Self {
        PolicyUpdatedDto {
            key_id: updated.key_id.to_string(),
            expires_at: updated.expires_at,
            scopes: updated.scopes,
        }
    }
}

/// A key's permissions as Keywarden last learnt them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "RecordedPermissions")]
pub struct RecordedPermissionsDto {
    /// The scopes; `[]` = all permissions.
    pub scopes: Vec<String>,
    /// When they were set.
    pub set_at: DateTime<Utc>,
    /// `keywarden` (set here) or `auditLog` (found in the organization's audit log).
    pub source: PermissionSourceDto,
}

/// Who said what a key's permissions are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "PermissionSource")]
pub enum PermissionSourceDto {
    /// Keywarden set them.
    Keywarden,
    /// The organization's audit log.
    AuditLog,
}

impl From<RecordedPermissions> for RecordedPermissionsDto {
    fn from(recorded: RecordedPermissions) -> Self {
        RecordedPermissionsDto {
            scopes: recorded.scopes,
            set_at: recorded.set_at,
            source: match recorded.source {
                PermissionSource::Keywarden => PermissionSourceDto::Keywarden,
                PermissionSource::AuditLog => PermissionSourceDto::AuditLog,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_arrives_tagged_in_camel_case() {
        let policy: KeyPolicyDto = serde_json::from_value(serde_json::json!({
            "permissions": {"kind": "restricted", "scopes": ["api.files.read"]},
            "expiry": {"kind": "days", "days": 30}
        }))
        .unwrap();
        let policy = KeyPolicy::from(policy);
        assert_eq!(
            policy.permissions,
            Permissions::Restricted(vec!["api.files.read".into()])
        );
        assert_eq!(policy.expiry, Expiry::Days(30));
        let read_only = serde_json::to_value(KeyPolicyDto::from(KeyPolicy {
            permissions: Permissions::ReadOnly,
            expiry: Expiry::Never,
        }))
        .unwrap();
        assert_eq!(
            read_only,
            serde_json::json!({"permissions": {"kind": "readOnly"}, "expiry": {"kind": "never"}})
        );
    }

    #[test]
    fn a_change_may_leave_either_part_alone() {
        let change: PolicyChangeDto = serde_json::from_value(serde_json::json!({
            "permissions": null, "expiry": {"kind": "date", "date": "2027-03-12"}
        }))
        .unwrap();
        let change = PolicyChange::from(change);
        assert_eq!(change.permissions, None);
        assert_eq!(change.expiry, Some(Expiry::Date("2027-03-12".into())));
    }
}
