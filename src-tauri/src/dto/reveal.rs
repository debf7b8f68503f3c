//! A new key after its create, as the webview sees it: when the copied secret leaves the
//! clipboard, the keys whose secret is still held, what acknowledging one did, and the keys whose
//! secret a previous run lost. Metadata only: no secret, no redacted value.

use app_core::key_lifecycle::{Acknowledged, CopyDeadline, PendingReveal, RevealRecord};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// When the clipboard will be cleared, for the countdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "CopyDeadline")]
pub struct CopyDeadlineDto {
    /// The moment the clipboard is cleared, if it still holds the secret.
    pub clears_at: DateTime<Utc>,
}

impl From<CopyDeadline> for CopyDeadlineDto {
    fn from(deadline: CopyDeadline) -> Self {
        Self {
            clears_at: deadline.clears_at,
        }
    }
}

/// A new key whose secret is still held, without the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "PendingReveal")]
pub struct PendingRevealDto {
    /// The reveal id.
    pub reveal_id: String,
    /// The new key's id.
    pub key_id: String,
    /// The name the key was created with.
    pub name: String,
    /// The project of the key.
    pub project_id: String,
    /// The service account that owns the key.
    pub service_account_id: String,
    /// When the key was created.
    pub created_at: DateTime<Utc>,
    /// Whether Rust copied the secret to the clipboard at least once.
    pub copied: bool,
    /// Where *Send to vault* stored it, if it did.
    pub stored_in: Option<super::StoredDto>,
}

impl From<PendingReveal> for PendingRevealDto {
    fn from(pending: PendingReveal) -> Self {
        Self {
            reveal_id: pending.reveal_id.to_string(),
            key_id: pending.key_id.to_string(),
            name: pending.name,
            project_id: pending.project_id.to_string(),
            service_account_id: pending.service_account_id.to_string(),
            created_at: pending.created_at,
            copied: pending.copied,
            stored_in: pending.stored_in.map(Into::into),
        }
    }
}

/// What acknowledging a new key did; `notCopied` means nothing was wiped: ask the user first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Acknowledged")]
pub enum AcknowledgedDto {
    /// The secret had been copied; it is wiped now.
    Wiped,
    /// The secret was never copied, and the user confirmed; it is wiped now.
    Discarded,
    /// The secret was never copied, so nothing was wiped.
    NotCopied,
    /// Nothing is held under this reveal id.
    AlreadyGone,
}

impl From<Acknowledged> for AcknowledgedDto {
    fn from(done: Acknowledged) -> Self {
        match done {
            Acknowledged::Wiped => Self::Wiped,
            Acknowledged::Discarded => Self::Discarded,
            Acknowledged::NotCopied => Self::NotCopied,
            Acknowledged::AlreadyGone => Self::AlreadyGone,
        }
    }
}

/// A key whose secret was lost when Keywarden closed during its reveal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "LostKey")]
pub struct LostKeyDto {
    /// The reveal id it was held under (to dismiss it).
    pub reveal_id: String,
    /// The organization (Keywarden's local id).
    pub org_id: String,
    /// The organization's current label.
    pub org_label: String,
    /// The project of the key.
    pub project_id: String,
    /// The key's id.
    pub key_id: String,
    /// The service account that owns the key.
    pub service_account_id: String,
    /// The name the key was created with.
    pub name: String,
    /// When the key was created.
    pub created_at: DateTime<Utc>,
    /// When the record was written, just before the reveal was shown.
    pub recorded_at: DateTime<Utc>,
    /// Whether the secret reached the clipboard before Keywarden closed.
    pub copied: bool,
    /// When a start found the record left behind.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub lost_at: Option<DateTime<Utc>>,
}

impl From<RevealRecord> for LostKeyDto {
    fn from(record: RevealRecord) -> Self {
        Self {
            reveal_id: record.reveal_id.to_string(),
            org_id: record.org_id.to_string(),
            org_label: record.org_label,
            project_id: record.project_id.to_string(),
            key_id: record.key_id.to_string(),
            service_account_id: record.service_account_id.to_string(),
            name: record.name,
            created_at: record.created_at,
            recorded_at: record.recorded_at,
            copied: record.copied,
            lost_at: record.lost_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acknowledge_answers_cross_ipc_as_the_ui_names_them() {
        let names: Vec<serde_json::Value> = [
            Acknowledged::Wiped,
            Acknowledged::Discarded,
            Acknowledged::NotCopied,
            Acknowledged::AlreadyGone,
        ]
        .into_iter()
        .map(|done| serde_json::to_value(AcknowledgedDto::from(done)).unwrap())
        .collect();
        assert_eq!(
            names,
            ["wiped", "discarded", "notCopied", "alreadyGone"].map(serde_json::Value::from)
        );
    }
}
