//! Organization admin API keys.
//!
//! Unlike project keys their owner is a flat object. The create response carries the only
//! unredacted copy of the new admin key, so [`NewAdminApiKey`] follows the same rules as the
//! other secret-bearing types: `SecretString`, redacted `Debug`, no `Serialize`.

use chrono::{DateTime, Utc};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use super::list::SortOrder;
use super::{AdminApiKeyId, OwnerKind};

/// An admin API key (metadata only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminApiKey {
    /// The key id.
    pub id: AdminApiKeyId,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// The redacted form, e.g. `sk-admin...xyz`.
    #[serde(default)]
    pub redacted_value: String,
    /// When the key was created.
    #[serde(with = "super::wire::unix")]
    pub created_at: DateTime<Utc>,
    /// When the key expires; `None` for no expiry (or when the server omits it).
    #[serde(default, with = "super::wire::unix_opt")]
    pub expires_at: Option<DateTime<Utc>>,
    /// When the key was last used.
    #[serde(default, with = "super::wire::unix_opt")]
    pub last_used_at: Option<DateTime<Utc>>,
    /// Who owns the key.
    #[serde(default)]
    pub owner: AdminApiKeyOwner,
}

/// Flat owner of an admin key; every field is optional on the wire.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AdminApiKeyOwner {
    /// `user` or `service_account` (wire name `type`).
    #[serde(default, rename = "type")]
    pub kind: Option<OwnerKind>,
    /// Owner id.
    #[serde(default)]
    pub id: Option<String>,
    /// Owner name.
    #[serde(default)]
    pub name: Option<String>,
    /// Owner role.
    #[serde(default)]
    pub role: Option<String>,
    /// When the owner was created.
    #[serde(default, with = "super::wire::unix_opt")]
    pub created_at: Option<DateTime<Utc>>,
}

/// Response of creating an admin key, including its only unredacted copy.
#[derive(Clone, Deserialize)]
pub struct NewAdminApiKey {
    /// The key id.
    pub id: AdminApiKeyId,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// The redacted form.
    #[serde(default)]
    pub redacted_value: String,
    /// When the key was created.
    #[serde(default, with = "super::wire::unix_opt")]
    pub created_at: Option<DateTime<Utc>>,
    /// When the key expires; `None` for no expiry.
    #[serde(default, with = "super::wire::unix_opt")]
    pub expires_at: Option<DateTime<Utc>>,
    /// The secret key value; expose it only to put it in the keychain.
    #[serde(deserialize_with = "super::wire::secret")]
    pub value: SecretString,
}

impl std::fmt::Debug for NewAdminApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewAdminApiKey")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("redacted_value", &self.redacted_value)
            .field("created_at", &self.created_at)
            .field("expires_at", &self.expires_at)
            .field("value", &"[REDACTED]")
            .finish()
    }
}

/// Body of `POST /organization/admin_api_keys`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AdminApiKeyCreate {
    /// Name of the key (required, 1–256 characters).
    pub name: String,
    /// Lifetime in seconds (1–31,536,000); omit for a key that never expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_in_seconds: Option<u32>,
}

/// Query of `GET /organization/admin_api_keys`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AdminApiKeyListParams {
    /// Page size, 1–100.
    pub limit: Option<u32>,
    /// Cursor: id of the last key of the previous page.
    pub after: Option<String>,
    /// Sort order; omitted when `None` (server default `asc`).
    pub order: Option<SortOrder>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_admin_key_prints_redacted() {
        let key: NewAdminApiKey = serde_json::from_str(
            r#"{"object":"organization.admin_api_key","id":"key_xyz","name":"New Admin Key",
            "redacted_value":"sk-admin...xyz","created_at":1711471533,"expires_at":null,
            "owner":{"type":"user","object":"organization.user","id":"user_123"},
            "value":"sk-admin-SENTINEL"}"#,
        )
        .unwrap();
        let debug = format!("{key:?}");
        assert!(!debug.contains("SENTINEL"), "{debug}");
    }

    #[test]
    fn an_admin_key_without_expiry_decodes() {
        let key: AdminApiKey = serde_json::from_str(
            r#"{"id":"key_1","redacted_value":"sk-admin...1","created_at":1,
                "owner":{"type":"service_account","object":"organization.service_account"}}"#,
        )
        .unwrap();
        assert_eq!(key.expires_at, None);
        assert_eq!(key.owner.kind, Some(OwnerKind::ServiceAccount));
    }
}
