//! The audit log: every state change made through the API appends an entry.
//!
//! Events are recorded for `project.*`, `service_account.created|deleted` (details `id` = the
//! account, `data.role` on create) and `api_key.created|updated|deleted` (details `id` = the
//! key). While no admin key exists (seeding) the actor is a dashboard session; afterwards it is
//! the first admin key.

use serde_json::{json, Map, Value};

use super::State;
use crate::model::AuditLog;

/// The browser of session actors. The spec's `AuditLogActorSession` schema names only `user` and
/// `ip_address`, but both of its session examples carry `user_agent` beside them.
const USER_AGENT: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) \
    Chrome/126.0.0.0 Safari/537.36";

impl State {
    /// Appends an audit event of `kind` about `id` happening now.
    pub(crate) fn record(&mut self, kind: &str, project_id: Option<&str>, id: &str, data: Value) {
        self.record_at(self.now, kind, project_id, id, data);
    }

    /// Appends an audit event of `kind` about `id`, with optional `data` details.
    pub(crate) fn record_at(
        &mut self,
        effective_at: i64,
        kind: &str,
        project_id: Option<&str>,
        id: &str,
        data: Value,
    ) {
        let mut details = json!({ "id": id });
        if !data.is_null() {
            details["data"] = data;
        }
        self.push_event(effective_at, kind, project_id, details);
    }

    /// Appends an update event of `kind` about `id` happening now, whose details carry the
    /// `changes_requested` payload (as `api_key.updated` does).
    pub(crate) fn record_changes(
        &mut self,
        kind: &str,
        project_id: Option<&str>,
        id: &str,
        changes: Value,
    ) {
        let details = json!({ "id": id, "changes_requested": changes });
        self.push_event(self.now, kind, project_id, details);
    }

    fn push_event(
        &mut self,
        effective_at: i64,
        kind: &str,
        project_id: Option<&str>,
        details: Value,
    ) {
        let mut map = Map::new();
        map.insert(kind.to_owned(), details);
        let actor = self.audit_actor();
        let entry = AuditLog {
            id: self.fresh_id("audit_log-", 20),
            kind: kind.to_owned(),
            effective_at,
            project: project_id.and_then(|p| self.audit_project(p)),
            actor,
            details: map,
        };
        self.audit_logs.push(entry);
    }

    fn audit_actor(&self) -> Option<Value> {
        let user = self.users.first();
        let (user_id, email) = user.map_or(("user-fake".to_owned(), String::new()), |u| {
            (u.id.clone(), u.email.clone().unwrap_or_default())
        });
        let user = json!({"id": user_id, "email": email});
        Some(match self.admin_keys.first() {
            Some(key) => json!({"type": "api_key",
                "api_key": {"id": key.key.id, "type": "user", "user": user}}),
            None => json!({"type": "session",
                "session": {"user": user, "ip_address": "203.0.113.7", "user_agent": USER_AGENT}}),
        })
    }
}
