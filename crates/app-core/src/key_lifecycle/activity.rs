//! A local record of what Keywarden did to an organization's keys: created, orphaned, copied,
//! acknowledged (or discarded unread), lost when the app closed during a reveal, revoked.
//!
//! It holds metadata only (ids, names, times), never a secret or a redacted value, so it can be
//! saved as plain JSON next to the settings. It keeps the most recent entries and drops the
//! oldest.

use chrono::{DateTime, Utc};
use openai_admin::{ApiKeyId, ProjectId, ServiceAccountId};
use serde::{Deserialize, Serialize};

use super::{CreatedKey, Orphan, PendingReveal, RevealRecord, RevokeOutcome};

/// The most entries a log keeps.
pub const MAX_ACTIVITY_ENTRIES: usize = 1000;

/// What happened to a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ActivityAction {
    /// A key was created and its secret held for reveal.
    Created,
    /// A key was created but its secret was lost.
    Orphaned,
    /// A new key's secret was copied to the clipboard.
    Copied,
    /// The user confirmed they stored a new key; its secret was wiped.
    Acknowledged,
    /// The user chose to wipe a new key's secret without copying it.
    Discarded,
    /// Keywarden closed while the key waited to be stored; its secret is lost.
    Lost,
    /// A key (or a service account with its keys) was revoked.
    Revoked,
    /// An orphaned service account was revoked.
    OrphanRevoked,
    /// A revoke found the key already gone.
    AlreadyGone,
    /// A key's permissions or expiry were changed.
    PolicyChanged,
    /// A new key was sent to the user's vault (where is in `stored_in`).
    SentToVault,
}

/// One thing that happened, with the ids it concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityEntry {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What happened.
    pub action: ActivityAction,
    /// The project.
    pub project_id: ProjectId,
    /// The key, when one is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<ApiKeyId>,
    /// The service account, when one was involved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_account_id: Option<ServiceAccountId>,
    /// The key's (or account's) name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where a key sent to a vault went (`pass: OpenAI/…`), never the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stored_in: Option<String>,
}

/// One organization's activity, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityLog {
    entries: Vec<ActivityEntry>,
}

impl ActivityLog {
    /// An empty log.
    pub fn new() -> Self {
        Self::default()
    }

    /// The entries, oldest first.
    pub fn entries(&self) -> &[ActivityEntry] {
        &self.entries
    }

    /// Appends an entry, dropping the oldest beyond [`MAX_ACTIVITY_ENTRIES`].
    pub fn record(&mut self, entry: ActivityEntry) {
        self.entries.push(entry);
        let excess = self.entries.len().saturating_sub(MAX_ACTIVITY_ENTRIES);
        self.entries.drain(..excess);
    }

    /// Records a created key.
    pub fn created(&mut self, key: &CreatedKey) {
        self.record(ActivityEntry {
            at: Utc::now(),
            action: ActivityAction::Created,
            project_id: key.project_id.clone(),
            key_id: Some(key.key_id.clone()),
            service_account_id: Some(key.service_account_id.clone()),
            name: Some(key.name.clone()),
            stored_in: None,
        });
    }

    /// Records a key whose secret was lost.
    pub fn orphaned(&mut self, orphan: &Orphan) {
        self.record(ActivityEntry {
            at: Utc::now(),
            action: ActivityAction::Orphaned,
            project_id: orphan.project_id.clone(),
            key_id: orphan.key_id.clone(),
            service_account_id: Some(orphan.service_account_id.clone()),
            name: Some(orphan.name.clone()),
            stored_in: None,
        });
    }

    /// Records a copy or an acknowledgement of a held secret.
    pub fn reveal(&mut self, action: ActivityAction, reveal: &PendingReveal) {
        self.record(ActivityEntry {
            at: Utc::now(),
            action,
            project_id: reveal.project_id.clone(),
            key_id: Some(reveal.key_id.clone()),
            service_account_id: Some(reveal.service_account_id.clone()),
            name: Some(reveal.name.clone()),
            stored_in: None,
        });
    }

    /// Records a new key sent to a vault, with where it went.
    pub fn sent_to_vault(&mut self, reveal: &PendingReveal, stored_in: String) {
        self.record(ActivityEntry {
            at: Utc::now(),
            action: ActivityAction::SentToVault,
            project_id: reveal.project_id.clone(),
            key_id: Some(reveal.key_id.clone()),
            service_account_id: Some(reveal.service_account_id.clone()),
            name: Some(reveal.name.clone()),
            stored_in: Some(stored_in),
        });
    }

    /// Records a key whose reveal was still open when Keywarden closed.
    pub fn lost(&mut self, record: &RevealRecord) {
        self.record(ActivityEntry {
            at: record.lost_at.unwrap_or_else(Utc::now),
            action: ActivityAction::Lost,
            project_id: record.project_id.clone(),
            key_id: Some(record.key_id.clone()),
            service_account_id: Some(record.service_account_id.clone()),
            name: Some(record.name.clone()),
            stored_in: None,
        });
    }

    /// Records a revoke (of a key, or with `orphan` of an orphaned account).
    pub fn revoked(&mut self, outcome: &RevokeOutcome, orphan: bool) {
        let entry = match outcome {
            RevokeOutcome::Revoked(revoked) => ActivityEntry {
                at: Utc::now(),
                action: if orphan {
                    ActivityAction::OrphanRevoked
                } else {
                    ActivityAction::Revoked
                },
                project_id: revoked.project_id.clone(),
                key_id: revoked.key_ids.first().cloned(),
                service_account_id: revoked.service_account_id.clone(),
                name: revoked.name.clone(),
                stored_in: None,
            },
            RevokeOutcome::AlreadyGone { project_id, id } => ActivityEntry {
                at: Utc::now(),
                action: ActivityAction::AlreadyGone,
                project_id: project_id.clone(),
                key_id: (!orphan).then(|| ApiKeyId::from(id.as_str())),
                service_account_id: orphan.then(|| ServiceAccountId::from(id.as_str())),
                name: None,
                stored_in: None,
            },
        };
        self.record(entry);
    }

    /// The log as JSON, for saving.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// A log saved with [`ActivityLog::to_json`].
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str) -> ActivityEntry {
        ActivityEntry {
            at: Utc::now(),
            action: ActivityAction::Created,
            project_id: ProjectId::from("proj_1"),
            key_id: None,
            service_account_id: None,
            name: Some(name.into()),
            stored_in: None,
        }
    }

    #[test]
    fn the_log_keeps_only_the_most_recent_entries() {
        let mut log = ActivityLog::new();
        for i in 0..MAX_ACTIVITY_ENTRIES + 5 {
            log.record(entry(&i.to_string()));
        }
        assert_eq!(log.entries().len(), MAX_ACTIVITY_ENTRIES);
        assert_eq!(log.entries()[0].name.as_deref(), Some("5"));
    }

    #[test]
    fn the_log_round_trips_through_json() {
        let mut log = ActivityLog::new();
        log.record(entry("<b>deploy</b>"));
        let json = log.to_json().unwrap();
        assert!(json.contains(r#""action":"created""#), "{json}");
        assert!(json.contains(r#""projectId":"proj_1""#), "{json}");
        assert_eq!(ActivityLog::from_json(&json).unwrap(), log);
    }
}
