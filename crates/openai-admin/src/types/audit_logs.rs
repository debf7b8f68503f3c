//! Audit log entries and their filters.
//!
//! The event-type enum has well over a hundred values and keeps growing, so it is open; the
//! per-event details (a property named after the event type) are kept as raw JSON.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::open_enum::open_enum;
use super::{AuditLogId, OwnerKind, ProjectId};

open_enum! {
    /// Type of an audit event (the key-management subset; everything else is `Other`).
    pub enum AuditEventType {
        /// A project API key was created.
        ApiKeyCreated => "api_key.created",
        /// A project API key was updated.
        ApiKeyUpdated => "api_key.updated",
        /// A project API key was deleted.
        ApiKeyDeleted => "api_key.deleted",
        /// A service account was created.
        ServiceAccountCreated => "service_account.created",
        /// A service account was updated.
        ServiceAccountUpdated => "service_account.updated",
        /// A service account was deleted.
        ServiceAccountDeleted => "service_account.deleted",
        /// A project was created.
        ProjectCreated => "project.created",
        /// A project was updated.
        ProjectUpdated => "project.updated",
        /// A project was archived.
        ProjectArchived => "project.archived",
        /// A project was deleted.
        ProjectDeleted => "project.deleted",
        /// A user was added.
        UserAdded => "user.added",
        /// A user was updated.
        UserUpdated => "user.updated",
        /// A user was deleted.
        UserDeleted => "user.deleted",
        /// A tenant admin API key was created.
        TenantAdminApiKeyCreated => "tenant.admin_api_key.created",
        /// A tenant admin API key was deleted.
        TenantAdminApiKeyDeleted => "tenant.admin_api_key.deleted",
    }
}

open_enum! {
    /// Kind of actor behind an audit event.
    pub enum ActorKind {
        /// A dashboard session.
        Session => "session",
        /// An API key.
        ApiKey => "api_key",
    }
}

/// One audit log entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLog {
    /// The entry id.
    pub id: AuditLogId,
    /// The event type (wire name `type`).
    #[serde(rename = "type")]
    pub kind: AuditEventType,
    /// When the event happened.
    #[serde(with = "super::wire::unix")]
    pub effective_at: DateTime<Utc>,
    /// The project the event was scoped to.
    #[serde(default)]
    pub project: Option<AuditLogProject>,
    /// Who performed the action.
    #[serde(default)]
    pub actor: Option<AuditLogActor>,
    /// Every other property, notably the one named after the event type with its details.
    #[serde(flatten)]
    pub details: BTreeMap<String, serde_json::Value>,
}

/// Project reference inside an audit entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLogProject {
    /// The project id.
    #[serde(default)]
    pub id: Option<ProjectId>,
    /// The project name.
    #[serde(default)]
    pub name: Option<String>,
}

/// Actor of an audit event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLogActor {
    /// `session` or `api_key` (wire name `type`).
    #[serde(default, rename = "type")]
    pub kind: Option<ActorKind>,
    /// The session, for dashboard actions.
    #[serde(default)]
    pub session: Option<AuditLogSession>,
    /// The API key, for API actions.
    #[serde(default)]
    pub api_key: Option<AuditLogApiKey>,
}

/// Session behind an audit event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLogSession {
    /// The signed-in user.
    #[serde(default)]
    pub user: Option<AuditLogUser>,
    /// The client's IP address.
    #[serde(default)]
    pub ip_address: Option<String>,
    /// The client's user agent (in the spec's examples, not its schema).
    #[serde(default)]
    pub user_agent: Option<String>,
}

/// API key behind an audit event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLogApiKey {
    /// Tracking id of the key.
    #[serde(default)]
    pub id: Option<String>,
    /// `user` or `service_account` (wire name `type`).
    #[serde(default, rename = "type")]
    pub kind: Option<OwnerKind>,
    /// The owning user.
    #[serde(default)]
    pub user: Option<AuditLogUser>,
    /// The owning service account (`{id}`).
    #[serde(default)]
    pub service_account: Option<serde_json::Value>,
}

/// User reference inside an audit entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLogUser {
    /// The user id.
    #[serde(default)]
    pub id: Option<String>,
    /// The user's e-mail.
    #[serde(default)]
    pub email: Option<String>,
}

/// Bounds on `effective_at` (`effective_at[gt]`, `[gte]`, `[lt]`, `[lte]`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimeFilter {
    /// Strictly after.
    pub gt: Option<DateTime<Utc>>,
    /// At or after.
    pub gte: Option<DateTime<Utc>>,
    /// Strictly before.
    pub lt: Option<DateTime<Utc>>,
    /// At or before.
    pub lte: Option<DateTime<Utc>>,
}

/// Query of `GET /organization/audit_logs`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditLogParams {
    /// Time bounds.
    pub effective_at: TimeFilter,
    /// Only these event types (`event_types[]`).
    pub event_types: Vec<AuditEventType>,
    /// Only these projects (`project_ids[]`).
    pub project_ids: Vec<ProjectId>,
    /// Only these actors: user, service-account or key tracking ids (`actor_ids[]`).
    pub actor_ids: Vec<String>,
    /// Only these actor e-mails (`actor_emails[]`).
    pub actor_emails: Vec<String>,
    /// Only these resources (`resource_ids[]`).
    pub resource_ids: Vec<String>,
    /// Tenant-scoped events only (`tenant_only=true`).
    pub tenant_only: bool,
    /// Page size, 1–100.
    pub limit: Option<u32>,
    /// Cursor: entries after this id.
    pub after: Option<String>,
    /// Cursor: entries before this id.
    pub before: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_event_type_keeps_its_details() {
        let log: AuditLog = serde_json::from_str(
            r#"{"id":"audit_1","type":"tenant.project_api_key.created","effective_at":5,
            "actor":{"type":"api_key","api_key":{"id":"key_t","type":"service_account",
            "service_account":{"id":"svc_1"}}},
            "tenant.project_api_key.created":{"id":"key_x"}}"#,
        )
        .unwrap();
        assert_eq!(
            log.kind,
            AuditEventType::Other("tenant.project_api_key.created".into())
        );
        assert!(log.details.contains_key("tenant.project_api_key.created"));
    }
}
