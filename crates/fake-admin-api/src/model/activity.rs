//! Activity objects: audit log entries (usage and costs pages are in `usage`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One audit log entry; its details live under a key named after `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLog {
    /// `audit_log-…`.
    pub id: String,
    /// Event type, e.g. `api_key.created`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Unix seconds.
    pub effective_at: i64,
    /// The project the event is scoped to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<AuditLogProject>,
    /// Who did it (`AuditLogActor` JSON).
    pub actor: Option<Value>,
    /// `{ "<type>": { "id": … } }`.
    #[serde(flatten)]
    pub details: Map<String, Value>,
}

/// `{id, name}` of the project an audit event belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLogProject {
    /// Project id.
    pub id: String,
    /// Project name.
    pub name: String,
}
