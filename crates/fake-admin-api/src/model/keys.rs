//! Key-bearing objects: project keys, service accounts and admin keys.

use serde::{Deserialize, Serialize};

/// `organization.project.api_key`; never carries the secret value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectApiKey {
    /// Always `organization.project.api_key`.
    pub object: String,
    /// First 7 characters, `...`, last 3 characters of the secret.
    pub redacted_value: String,
    /// Display name.
    pub name: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds, or null when the key was never used.
    pub last_used_at: Option<i64>,
    /// `key_…`.
    pub id: String,
    /// `active` or `inactive`.
    pub owner_project_access: String,
    /// Who owns the key.
    pub owner: ApiKeyOwner,
    /// Unix seconds, or null when the key never expires (newer than the 2026-08-21 spec).
    pub expires_at: Option<i64>,
}

/// The nested owner of a project key; only the sub-object matching `type` is present.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiKeyOwner {
    /// `user` or `service_account`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Present when `type == "user"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<OwnerUser>,
    /// Present when `type == "service_account"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_account: Option<OwnerServiceAccount>,
}

/// A user owning a project key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnerUser {
    /// `user-…`.
    pub id: String,
    /// Email address.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Project role.
    pub role: String,
}

/// A service account owning a project key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnerServiceAccount {
    /// `svc_acct_…`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Project role.
    pub role: String,
}

/// `organization.project.service_account`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceAccount {
    /// Always `organization.project.service_account`.
    pub object: String,
    /// `svc_acct_…`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// `owner`, `member` or `none`.
    pub role: String,
    /// Unix seconds.
    pub created_at: i64,
}

/// The create-service-account response; the only place its first key's value appears.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceAccountCreateResponse {
    /// Always `organization.project.service_account`.
    pub object: String,
    /// `svc_acct_…`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// `member`, or `none` with `create_service_account_only`.
    pub role: String,
    /// Unix seconds.
    pub created_at: i64,
    /// The new key, null with `create_service_account_only`.
    pub api_key: Option<ServiceAccountApiKey>,
}

/// `organization.project.service_account.api_key` with its unredacted value (create responses only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceAccountApiKey {
    /// Always `organization.project.service_account.api_key`.
    pub object: String,
    /// The secret, shown once.
    pub value: String,
    /// Display name.
    pub name: String,
    /// Unix seconds.
    pub created_at: i64,
    /// `key_…`.
    pub id: String,
    /// Unix seconds, or null when the key never expires (newer than the 2026-08-21 spec).
    pub expires_at: Option<i64>,
}

/// `organization.admin_api_key`; never carries the secret value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminApiKey {
    /// Always `organization.admin_api_key`.
    pub object: String,
    /// `key_…`.
    pub id: String,
    /// Display name.
    pub name: Option<String>,
    /// First 7 characters, `...`, last 3 characters of the secret.
    pub redacted_value: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds, or null for no expiry.
    pub expires_at: Option<i64>,
    /// Unix seconds, or null when never used.
    pub last_used_at: Option<i64>,
    /// The flat owner object.
    pub owner: AdminApiKeyOwner,
}

/// The flat owner of an admin key (unlike the nested project-key owner).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminApiKeyOwner {
    /// `user`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `organization.user`.
    pub object: String,
    /// `user-…`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Unix seconds.
    pub created_at: i64,
    /// `owner`.
    pub role: String,
}

/// The admin-key create response: the key plus its value, shown once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminApiKeyCreateResponse {
    /// The stored key.
    #[serde(flatten)]
    pub key: AdminApiKey,
    /// The secret.
    pub value: String,
}
