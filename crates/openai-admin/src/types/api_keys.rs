//! Project API keys (user- or service-account-owned), as listed by the API.
//!
//! These objects only ever carry the `redacted_value`; the secret itself is returned once, by
//! the service-account endpoints (see `service_accounts`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::open_enum::open_enum;
use super::{ApiKeyId, ServiceAccountId, UserId};

open_enum! {
    /// Whether the key's owner still has access to the project.
    pub enum OwnerProjectAccess {
        /// The owner can use the project.
        Active => "active",
        /// The owner lost access; the key may still exist.
        Inactive => "inactive",
    }
}

open_enum! {
    /// Kind of owner of a key.
    pub enum OwnerKind {
        /// A person.
        User => "user",
        /// A service account (bot).
        ServiceAccount => "service_account",
    }
}

/// Which keys a project-key list returns (`owner_project_access`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OwnerAccessFilter {
    /// Every key, whatever its owner's access (`any`); the only complete listing.
    #[default]
    Any,
    /// Keys whose owner still has project access.
    Active,
    /// Keys whose owner lost project access.
    Inactive,
    /// Send nothing and let the server apply its membership-based visibility rules.
    ServerDefault,
}

impl OwnerAccessFilter {
    /// The query value, or `None` for [`OwnerAccessFilter::ServerDefault`].
    pub fn as_query(self) -> Option<&'static str> {
        match self {
            OwnerAccessFilter::Any => Some("any"),
            OwnerAccessFilter::Active => Some("active"),
            OwnerAccessFilter::Inactive => Some("inactive"),
            OwnerAccessFilter::ServerDefault => None,
        }
    }
}

/// A project API key (metadata only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectApiKey {
    /// The key id.
    pub id: ApiKeyId,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// The redacted form, e.g. `sk-abc...def`.
    #[serde(default)]
    pub redacted_value: String,
    /// When the key was created.
    #[serde(with = "super::wire::unix")]
    pub created_at: DateTime<Utc>,
    /// When the key was last used; `None` if never.
    #[serde(default, with = "super::wire::unix_opt")]
    pub last_used_at: Option<DateTime<Utc>>,
    /// When the key expires; `None` (null or absent) when it never does. May be in the past: an
    /// expired key is still listed until it is deleted.
    #[serde(default, with = "super::wire::unix_opt_saturating")]
    pub expires_at: Option<DateTime<Utc>>,
    /// Whether the owner still has project access (absent on older servers).
    #[serde(default)]
    pub owner_project_access: Option<OwnerProjectAccess>,
    /// Who owns the key.
    #[serde(default)]
    pub owner: ApiKeyOwner,
}

/// Owner of a project API key; only the sub-object matching `kind` is present.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiKeyOwner {
    /// `user` or `service_account` (wire name `type`).
    #[serde(default, rename = "type")]
    pub kind: Option<OwnerKind>,
    /// The owning user.
    #[serde(default)]
    pub user: Option<OwnerUser>,
    /// The owning service account.
    #[serde(default)]
    pub service_account: Option<OwnerServiceAccount>,
}

/// A user owning a project key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnerUser {
    /// The user id.
    pub id: UserId,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Project role (`owner`, `member`, …).
    #[serde(default)]
    pub role: Option<String>,
    /// When the user was added.
    #[serde(default, with = "super::wire::unix_opt")]
    pub created_at: Option<DateTime<Utc>>,
}

/// A service account owning a project key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnerServiceAccount {
    /// The service account id.
    pub id: ServiceAccountId,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Project role (`owner`, `member`, `none`, …).
    #[serde(default)]
    pub role: Option<String>,
    /// When the service account was created.
    #[serde(default, with = "super::wire::unix_opt")]
    pub created_at: Option<DateTime<Utc>>,
}

/// Longest key lifetime the API accepts, in seconds (365 days).
pub const MAX_EXPIRES_IN_SECONDS: u32 = 31_536_000;

/// Body of `POST /organization/projects/{id}/api_keys/{key_id}`: new permissions and/or expiry.
///
/// An omitted field is left unchanged; neither may be null, and at least one must be given.
/// `scopes` replaces the key's restrictions (`[]` = all permissions, `["api.all.read"]` = read
/// only). `expires_in_seconds` counts from the request, so a retry moves the expiry again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ApiKeyUpdate {
    /// The key's new permissions; omitted when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    /// Seconds from now until the key expires (1..=[`MAX_EXPIRES_IN_SECONDS`]); omitted when
    /// `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_in_seconds: Option<u32>,
}

/// Query of `GET /organization/projects/{id}/api_keys`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiKeyListParams {
    /// Page size, 1–100.
    pub limit: Option<u32>,
    /// Cursor: id of the last key of the previous page.
    pub after: Option<String>,
    /// Owner-access filter; defaults to `any` so no key is hidden.
    pub owner_project_access: OwnerAccessFilter,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_example_key_decodes() {
        let key: ProjectApiKey = serde_json::from_str(
            r#"{"object":"organization.project.api_key","redacted_value":"sk-abc...def",
            "name":"My API Key","created_at":1711471533,"last_used_at":null,"id":"key_abc",
            "owner_project_access":"active","owner":{"type":"user","user":{"id":"user_abc",
            "name":"First Last","email":"user@example.com","role":"owner","created_at":1711471533}}}"#,
        )
        .unwrap();
        assert_eq!(key.owner.kind, Some(OwnerKind::User));
        assert_eq!(key.last_used_at, None);
        assert_eq!(key.owner_project_access, Some(OwnerProjectAccess::Active));
    }

    #[test]
    fn a_key_without_owner_or_access_decodes() {
        let key: ProjectApiKey =
            serde_json::from_str(r#"{"id":"key_1","created_at":1,"redacted_value":"sk-..."}"#)
                .unwrap();
        assert_eq!(key.owner, ApiKeyOwner::default());
        assert_eq!(key.owner_project_access, None);
        assert_eq!(key.expires_at, None);
    }

    fn expiry_of(raw: &str) -> Option<DateTime<Utc>> {
        let json = format!(r#"{{"id":"key_1","created_at":1,"expires_at":{raw}}}"#);
        serde_json::from_str::<ProjectApiKey>(&json)
            .unwrap()
            .expires_at
    }

    #[test]
    fn expires_at_decodes_null_as_never_and_seconds_as_a_date() {
        assert_eq!(expiry_of("null"), None);
        assert_eq!(
            expiry_of("1800000000"),
            DateTime::from_timestamp(1_800_000_000, 0)
        );
    }

    #[test]
    fn an_odd_expires_at_saturates_instead_of_failing_the_page() {
        let max = DateTime::<Utc>::MAX_UTC.timestamp();
        let min = DateTime::<Utc>::MIN_UTC.timestamp();
        assert_eq!(expiry_of("1e30"), DateTime::from_timestamp(max, 0));
        assert_eq!(expiry_of("-1e30"), DateTime::from_timestamp(min, 0));
        assert_eq!(expiry_of("-86400"), DateTime::from_timestamp(-86_400, 0));
        assert_eq!(
            expiry_of("1700000000.9"),
            DateTime::from_timestamp(1_700_000_000, 0)
        );
    }

    #[test]
    fn an_update_sends_only_what_changes() {
        let scopes_only = ApiKeyUpdate {
            scopes: Some(vec![]),
            expires_in_seconds: None,
        };
        assert_eq!(
            serde_json::to_string(&scopes_only).unwrap(),
            r#"{"scopes":[]}"#
        );
        let expiry_only = ApiKeyUpdate {
            scopes: None,
            expires_in_seconds: Some(86_400),
        };
        assert_eq!(
            serde_json::to_string(&expiry_only).unwrap(),
            r#"{"expires_in_seconds":86400}"#
        );
    }
}
