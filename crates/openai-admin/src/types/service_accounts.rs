//! Project service accounts and the keys minted for them.
//!
//! This is where secrets enter the client: the create responses carry the only unredacted copy
//! of a new key. Types holding one keep it in a `SecretString`, print it redacted in `Debug`,
//! and implement no `Serialize`, so a secret cannot reach a log line or a JSON response by
//! accident.

use chrono::{DateTime, Utc};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use super::open_enum::open_enum;
use super::{ApiKeyId, ServiceAccountId};

open_enum! {
    /// Role of a service account in its project.
    pub enum ServiceAccountRole {
        /// Can manage the project.
        Owner => "owner",
        /// Default membership.
        Member => "member",
        /// No default roles (created with `create_service_account_only`).
        NoRole => "none",
    }
}

/// A service account of a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceAccount {
    /// The service account id.
    pub id: ServiceAccountId,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Project role.
    #[serde(default)]
    pub role: Option<ServiceAccountRole>,
    /// When the account was created.
    #[serde(default, with = "super::wire::unix_opt")]
    pub created_at: Option<DateTime<Utc>>,
}

/// Response of creating a service account; carries its first key unless created without one.
#[derive(Debug, Clone, Deserialize)]
pub struct NewServiceAccount {
    /// The service account id.
    pub id: ServiceAccountId,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Project role (`member`, or `none` when created without a key).
    #[serde(default)]
    pub role: Option<ServiceAccountRole>,
    /// When the account was created.
    #[serde(default, with = "super::wire::unix_opt")]
    pub created_at: Option<DateTime<Utc>>,
    /// The first key, with its secret; `None` with `create_service_account_only`.
    #[serde(default)]
    pub api_key: Option<NewServiceAccountKey>,
}

impl NewServiceAccount {
    /// The account without its key, safe to store or serialize.
    pub fn account(&self) -> ServiceAccount {
        ServiceAccount {
            id: self.id.clone(),
            name: self.name.clone(),
            role: self.role.clone(),
            created_at: self.created_at,
        }
    }
}

/// A freshly minted service-account key, including its only unredacted copy.
#[derive(Clone, Deserialize)]
pub struct NewServiceAccountKey {
    /// The key id.
    pub id: ApiKeyId,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// When the key was created.
    #[serde(default, with = "super::wire::unix_opt")]
    pub created_at: Option<DateTime<Utc>>,
    /// When the key expires; `None` when it never does.
    #[serde(default, with = "super::wire::unix_opt_saturating")]
    pub expires_at: Option<DateTime<Utc>>,
    /// The secret key value; expose it only to put it in the keychain.
    #[serde(deserialize_with = "super::wire::secret")]
    pub value: SecretString,
}

impl std::fmt::Debug for NewServiceAccountKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewServiceAccountKey")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("created_at", &self.created_at)
            .field("expires_at", &self.expires_at)
            .field("value", &"[REDACTED]")
            .finish()
    }
}

/// Body of `POST /organization/projects/{id}/service_accounts`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ServiceAccountCreate {
    /// Name of the service account (required, 1–256 characters).
    pub name: String,
    /// Create the account with no role and no key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create_service_account_only: Option<bool>,
    /// Lifetime of the first key in seconds (1..=31536000); omitted = never expires, unless an
    /// organization or project policy requires an expiry. Not allowed with
    /// `create_service_account_only`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_in_seconds: Option<u32>,
    /// Permissions of the first key (`[]` = all); omitted = all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
}

/// Body of `POST /organization/projects/{id}/service_accounts/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ServiceAccountUpdate {
    /// New name; omitted when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New role; omitted when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<ServiceAccountRole>,
}

/// Body of `POST /organization/projects/{id}/service_accounts/{id}/api_keys`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ServiceAccountKeyCreate {
    /// Name of the new key; omitted when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Scopes of the new key (e.g. `api.responses.write`); omitted when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    /// Lifetime of the new key in seconds (1..=31536000); omitted = never expires, unless a
    /// policy requires an expiry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_in_seconds: Option<u32>,
}

/// Query of `GET /organization/projects/{id}/service_accounts`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceAccountListParams {
    /// Page size, 1–100.
    pub limit: Option<u32>,
    /// Cursor: id of the last account of the previous page.
    pub after: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    const CREATED: &str = r#"{"object":"organization.project.service_account","id":"svc_acct_abc",
        "name":"Production App","role":"member","created_at":1711471533,
        "api_key":{"object":"organization.project.service_account.api_key",
        "value":"sk-SENTINEL-123","name":"Secret Key","created_at":1711471533,"id":"key_abc"}}"#;

    #[test]
    fn a_created_account_keeps_its_key_value_secret_in_debug() {
        let created: NewServiceAccount = serde_json::from_str(CREATED).unwrap();
        let key = created.api_key.as_ref().unwrap();
        assert_eq!(key.value.expose_secret(), "sk-SENTINEL-123");
        let debug = format!("{created:?} {key:?}");
        assert!(!debug.contains("SENTINEL"), "{debug}");
        assert!(debug.contains("REDACTED"));
    }

    #[test]
    fn an_account_created_without_a_key_has_role_none() {
        let created: NewServiceAccount = serde_json::from_str(
            r#"{"id":"svc_1","name":"bot","role":"none","created_at":1,"api_key":null}"#,
        )
        .unwrap();
        assert_eq!(created.role, Some(ServiceAccountRole::NoRole));
        assert!(created.api_key.is_none());
    }
}
