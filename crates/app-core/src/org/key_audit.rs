//! A key's audit timeline: the audit-log events about the key (`api_key.created`, `.updated`
//! with the permissions asked for, `.deleted`) and about the service account that owns it,
//! newest first, with who did it, when, and from where when the log says.
//!
//! An organization whose audit logging is off, or an admin key that may not read the log, gets
//! a timeline that says which — never an empty list that would read as "nothing happened".

use chrono::{DateTime, Utc};
use futures::{StreamExt, TryStreamExt};
use openai_admin::{AuditEventType, AuditLog, AuditLogParams, ErrorKind};
use serde_json::Value;

use super::Org;
use crate::Error;

/// The most events one timeline reads.
pub const MAX_TIMELINE_EVENTS: usize = 200;

/// One event of a key's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEvent {
    /// The event type, e.g. `api_key.updated`.
    pub kind: String,
    /// When it took effect.
    pub at: DateTime<Utc>,
    /// Whether it is about the owning service account rather than the key.
    pub about_service_account: bool,
    /// Who did it: an email, a user id, or an API key's id; `None` when the log does not say.
    pub actor: Option<String>,
    /// `session` (the dashboard) or `api_key`, when known.
    pub actor_kind: Option<String>,
    /// The client's IP address, when present.
    pub ip_address: Option<String>,
    /// The client's user agent, when present.
    pub user_agent: Option<String>,
    /// The permissions created with or asked for (`[]` = all), when the event carries them.
    pub scopes: Option<Vec<String>>,
}

/// Why a timeline could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimelineGap {
    /// The organization has not turned audit logging on.
    LoggingOff(String),
    /// The admin key may not read the audit log.
    NotPermitted(String),
    /// Reading failed otherwise (network, server).
    Failed(String),
}

/// A key's audit timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyTimeline {
    /// Events, newest first.
    pub events: Vec<TimelineEvent>,
    /// Set when the log could not be read; `events` is then empty.
    pub gap: Option<TimelineGap>,
    /// Whether more than [`MAX_TIMELINE_EVENTS`] events exist (the oldest are not shown).
    pub truncated: bool,
}

impl Org {
    /// The audit events about `key_id` and its owning service account.
    pub async fn key_timeline(&self, key_id: &str) -> Result<KeyTimeline, Error> {
        let key = key_id.trim().to_owned();
        if key.is_empty() || key.len() > 128 {
            return Err(Error::InvalidInput(
                "choose a key to show its history".to_owned(),
            ));
        }
        let api = self.api()?;
        let lookup = key.clone();
        let owner = self
            .inventory()
            .query(move |store| store.key_owner(&lookup))
            .await?;
        let service_account = owner
            .filter(|o| o.owner_kind == "service_account")
            .and_then(|o| o.owner_id);
        let mut resource_ids = vec![key.clone()];
        resource_ids.extend(service_account.clone());
        let params = AuditLogParams {
            resource_ids,
            event_types: vec![
                AuditEventType::ApiKeyCreated,
                AuditEventType::ApiKeyUpdated,
                AuditEventType::ApiKeyDeleted,
                AuditEventType::ServiceAccountCreated,
                AuditEventType::ServiceAccountUpdated,
                AuditEventType::ServiceAccountDeleted,
            ],
            limit: Some(100),
            ..AuditLogParams::default()
        };
        let read = api
            .client
            .audit_logs()
            .stream(&params)
            .take(MAX_TIMELINE_EVENTS + 1)
            .try_collect::<Vec<_>>()
            .await;
        let mut logs = match read {
            Ok(logs) => logs,
            Err(error) => return gap(&api, error),
        };
        let truncated = logs.len() > MAX_TIMELINE_EVENTS;
        logs.truncate(MAX_TIMELINE_EVENTS);
        let mut events: Vec<TimelineEvent> = logs
            .iter()
            .filter_map(|log| event(log, &key, service_account.as_deref()))
            .collect();
        events.sort_by_key(|e| std::cmp::Reverse(e.at));
        Ok(KeyTimeline {
            events,
            gap: None,
            truncated,
        })
    }
}

/// The timeline of a log that could not be read: a 403 says whether logging is off or the
/// admin key may not read it; a rejected admin key stays an error.
fn gap(api: &super::OrgApi, error: openai_admin::Error) -> Result<KeyTimeline, Error> {
    let message = error.api_message().unwrap_or_default().to_lowercase();
    let kind = error.kind();
    let mapped = api.error(error);
    let gap = match kind {
        ErrorKind::Unauthorized => return Err(mapped),
        ErrorKind::MissingScope
            if message.contains("not enabled") || message.contains("disabled") =>
        {
            TimelineGap::LoggingOff(
                "This organization has not turned on audit logging, so no history of this key \
                 exists. An owner can turn it on in the organization's data controls settings."
                    .to_owned(),
            )
        }
        ErrorKind::MissingScope => TimelineGap::NotPermitted(format!(
            "The admin key may not read the audit log ({mapped}). Use an admin key with audit \
             log access to see this key's history."
        )),
        _ => TimelineGap::Failed(format!("The audit log could not be read: {mapped}")),
    };
    Ok(KeyTimeline {
        events: Vec::new(),
        gap: Some(gap),
        truncated: false,
    })
}

/// The event of `log` if it is about `key` or its service account.
fn event(log: &AuditLog, key: &str, service_account: Option<&str>) -> Option<TimelineEvent> {
    let kind = log.kind.as_str().to_owned();
    let details = log.details.get(&kind)?;
    let id = details.get("id").and_then(Value::as_str)?;
    let about_service_account = service_account == Some(id) && id != key;
    if id != key && !about_service_account {
        return None;
    }
    let scopes = details
        .pointer("/data/scopes")
        .or_else(|| details.pointer("/changes_requested/scopes"))
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        });
    let actor = log.actor.as_ref();
    let session = actor.and_then(|a| a.session.as_ref());
    let api_key = actor.and_then(|a| a.api_key.as_ref());
    let user = session
        .and_then(|s| s.user.as_ref())
        .or_else(|| api_key.and_then(|k| k.user.as_ref()));
    let who = user
        .and_then(|u| {
            u.email
                .clone()
                .filter(|e| !e.is_empty())
                .or_else(|| u.id.clone())
        })
        .or_else(|| api_key.and_then(|k| k.id.clone()));
    Some(TimelineEvent {
        kind,
        at: log.effective_at,
        about_service_account,
        actor: who,
        actor_kind: actor
            .and_then(|a| a.kind.as_ref())
            .map(|k| k.as_str().to_owned()),
        ip_address: session.and_then(|s| s.ip_address.clone()),
        user_agent: session.and_then(|s| s.user_agent.clone()),
        scopes,
    })
}
