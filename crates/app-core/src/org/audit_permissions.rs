//! Key permissions found in the audit log: the API never reports a key's permissions, but its
//! `api_key.created` (`data.scopes`) and `api_key.updated` (`changes_requested.scopes`) events
//! say what they were set to. Read beside each refresh, from the newest event the previous read
//! saw on (the first read takes the newest [`MAX_AUDIT_EVENTS`]); an organization whose audit
//! log is off, or an admin key that may not read it, simply gives none.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use futures::{StreamExt, TryStreamExt};
use openai_admin::{AuditEventType, AuditLog, AuditLogParams, TimeFilter};
use serde_json::Value;

use super::{Org, OrgApi};
use crate::inventory_store::{PermissionSource, RecordedPermissions};

/// The most key events read per refresh (newest first): enough for the keys anyone changed
/// lately, and a bound on a refresh's time in an organization with years of history.
pub const MAX_AUDIT_EVENTS: usize = 20_000;

/// What one read of the audit log found.
#[derive(Debug, Default)]
pub(crate) struct AuditPermissions {
    /// The latest permissions per key.
    pub(crate) records: Vec<(String, RecordedPermissions)>,
    /// The newest event's time, from which the next read starts; `None` when nothing was read.
    pub(crate) read_until: Option<DateTime<Utc>>,
}

impl Org {
    /// The latest permissions the audit log records for each key, in events at or after
    /// `since`; empty when it cannot be read.
    pub(crate) async fn permissions_from_audit_log(
        &self,
        api: &OrgApi,
        since: Option<DateTime<Utc>>,
    ) -> AuditPermissions {
        let params = AuditLogParams {
            event_types: vec![AuditEventType::ApiKeyCreated, AuditEventType::ApiKeyUpdated],
            // From the second of the newest event seen, so none of that second is missed; the
            // ones read again change nothing (the newer record wins).
            effective_at: TimeFilter {
                gte: since,
                ..TimeFilter::default()
            },
            limit: Some(100),
            ..AuditLogParams::default()
        };
        let events = api
            .client
            .audit_logs()
            .stream(&params)
            .take(MAX_AUDIT_EVENTS)
            .try_collect::<Vec<_>>()
            .await;
        match events {
            Ok(events) => AuditPermissions {
                read_until: events.iter().map(|e| e.effective_at).max(),
                records: latest_permissions(&events),
            },
            Err(error) => {
                tracing::info!(%error, "key permissions are not read from the audit log");
                AuditPermissions::default()
            }
        }
    }
}

/// For each key, the scopes of its newest event that names them.
pub(crate) fn latest_permissions(events: &[AuditLog]) -> Vec<(String, RecordedPermissions)> {
    let mut latest: HashMap<String, RecordedPermissions> = HashMap::new();
    for event in events {
        let Some((key_id, scopes)) = scopes_in(event) else {
            continue;
        };
        let newer = latest
            .get(&key_id)
            .is_none_or(|known| known.set_at < event.effective_at);
        if newer {
            let record = RecordedPermissions {
                scopes,
                set_at: event.effective_at,
                source: PermissionSource::AuditLog,
            };
            latest.insert(key_id, record);
        }
    }
    latest.into_iter().collect()
}

fn scopes_in(event: &AuditLog) -> Option<(String, Vec<String>)> {
    let (name, holder) = match &event.kind {
        AuditEventType::ApiKeyCreated => ("api_key.created", "data"),
        AuditEventType::ApiKeyUpdated => ("api_key.updated", "changes_requested"),
        _ => return None,
    };
    let details = event.details.get(name)?;
    let key_id = details.get("id")?.as_str()?.to_owned();
    let scopes = details.get(holder)?.get("scopes")?.as_array()?;
    let scopes = scopes
        .iter()
        .map(Value::as_str)
        .collect::<Option<Vec<_>>>()?;
    Some((key_id, scopes.into_iter().map(str::to_owned).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: &str, at: i64, body: Value) -> AuditLog {
        let mut json = serde_json::json!({"id": format!("audit_{at}"), "type": kind,
            "effective_at": at});
        json[kind] = body;
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn the_newest_event_naming_scopes_wins_and_others_are_ignored() {
        let events = [
            event(
                "api_key.updated",
                30,
                serde_json::json!({"id": "key_a",
                "changes_requested": {"scopes": ["api.all.read"]}}),
            ),
            event(
                "api_key.created",
                10,
                serde_json::json!({"id": "key_a",
                "data": {"scopes": []}}),
            ),
            event(
                "api_key.updated",
                40,
                serde_json::json!({"id": "key_a",
                "changes_requested": {"expires_in_seconds": 60}}),
            ),
            event(
                "api_key.created",
                20,
                serde_json::json!({"id": "key_b",
                "data": {"scopes": ["api.files.read", 7]}}),
            ),
            event("api_key.deleted", 50, serde_json::json!({"id": "key_a"})),
        ];
        let found = latest_permissions(&events);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "key_a");
        assert_eq!(found[0].1.scopes, vec!["api.all.read"]);
        assert_eq!(found[0].1.set_at.timestamp(), 30);
        assert_eq!(found[0].1.source, PermissionSource::AuditLog);
    }
}
