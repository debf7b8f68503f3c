//! The fake's wire objects.
//!
//! Each struct serializes to exactly the JSON shape of the official API (field names, nullability,
//! omitted optional fields), so tests can compare what the fake holds with what a client decodes.

mod activity;
mod keys;
mod usage;
mod usage_results;

pub use activity::{AuditLog, AuditLogProject};
pub use keys::{
    AdminApiKey, AdminApiKeyCreateResponse, AdminApiKeyOwner, ApiKeyOwner, OwnerServiceAccount,
    OwnerUser, ProjectApiKey, ServiceAccount, ServiceAccountApiKey, ServiceAccountCreateResponse,
};
pub use usage::{CompletionsResult, CostAmount, CostsResult, UsageBucket, UsagePage, UsageResult};
pub use usage_results::{
    AudioSpeechesResult, AudioTranscriptionsResult, FileSearchesResult, GroupedBy, ImagesResult,
    TokensResult, WebSearchesResult,
};

use serde::{Deserialize, Serialize};

/// `organization.project`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// `proj_…`.
    pub id: String,
    /// Always `organization.project`.
    pub object: String,
    /// Display name; nullable on the wire.
    pub name: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds, or null while active.
    pub archived_at: Option<i64>,
    /// `active` or `archived`.
    pub status: Option<String>,
    /// External key id; null unless set on create or modify.
    pub external_key_id: Option<String>,
    /// Data residency; omitted when the project was created without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residency: Option<String>,
}

/// `organization.user`, an organization member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// Always `organization.user`.
    pub object: String,
    /// `user-…`.
    pub id: String,
    /// Display name.
    pub name: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// `owner` or `reader`.
    pub role: Option<String>,
    /// Unix seconds.
    pub added_at: i64,
}

/// `organization.project.user`, a user's membership of one project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectUser {
    /// Always `organization.project.user`.
    pub object: String,
    /// The user's id.
    pub id: String,
    /// Display name.
    pub name: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// `owner` or `member`.
    pub role: String,
    /// Unix seconds.
    pub added_at: i64,
}

/// The `{object, id, deleted}` body every DELETE returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeleteResponse {
    /// e.g. `organization.project.api_key.deleted`.
    pub object: String,
    /// The deleted object's id.
    pub id: String,
    /// Always true.
    pub deleted: bool,
}

/// The cursor-list envelope shared by every list endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListResponse<T> {
    /// Always `list`.
    pub object: String,
    /// This page.
    pub data: Vec<T>,
    /// Id of the first item, null when empty.
    pub first_id: Option<String>,
    /// Id of the last item (the `after` cursor of the next page), null when empty.
    pub last_id: Option<String>,
    /// Whether another page follows.
    pub has_more: bool,
}

/// The official error envelope `{"error": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorEnvelope {
    /// The error object.
    pub error: ErrorBody,
}

/// The inner error object; all four fields are always present.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Human-readable message.
    pub message: String,
    /// e.g. `invalid_request_error`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The offending parameter, if any.
    pub param: Option<String>,
    /// Machine-readable code, if any.
    pub code: Option<String>,
}
