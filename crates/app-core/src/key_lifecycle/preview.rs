//! The preview of a revoke: exactly what it deletes, when any of that was last used, and
//! whether the user must type the key's name to go ahead.
//!
//! Computed from one listing of the project's keys (owner access `any`, so no key hides), and
//! computed again by the revoke itself, so the delete never covers more than was confirmed.

use chrono::{DateTime, TimeDelta, Utc};
use openai_admin::{ApiKeyId, OwnerKind, ProjectApiKey, ProjectId, ServiceAccountId};

/// A key used this recently needs its name typed to be revoked.
pub const RECENT_USE: TimeDelta = TimeDelta::hours(24);

/// What a revoke deletes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlastRadius {
    /// A user-owned key: only this key.
    Key,
    /// A service-account key: the whole account and every key it owns.
    ServiceAccount {
        /// The account that is deleted.
        service_account_id: ServiceAccountId,
        /// Its name.
        service_account_name: Option<String>,
        /// How many keys it owns in the project (all of them are deleted).
        key_count: usize,
    },
}

/// What revoking a key would do, to show before asking for confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokePreview {
    /// The project.
    pub project_id: ProjectId,
    /// The key asked for.
    pub key_id: ApiKeyId,
    /// Its name.
    pub key_name: Option<String>,
    /// What is deleted with it.
    pub blast_radius: BlastRadius,
    /// The most recent use of any key that would be deleted.
    pub last_used_at: Option<DateTime<Utc>>,
    /// Whether that use was within the last 24 hours, so the name must be typed.
    pub requires_typed_confirmation: bool,
    /// The text to type: the key's name (its id when it has none).
    pub confirmation_text: String,
    /// One sentence saying what will be deleted.
    pub summary: String,
}

pub(crate) fn owned_by(keys: &[ProjectApiKey], account: &ServiceAccountId) -> Vec<ApiKeyId> {
    keys.iter()
        .filter(|key| {
            let owner = key.owner.service_account.as_ref();
            owner.is_some_and(|owner| &owner.id == account)
        })
        .map(|key| key.id.clone())
        .collect()
}

/// The preview of revoking `key_id` among the project's `keys` at time `now`.
pub(crate) fn preview(
    keys: &[ProjectApiKey],
    project: &ProjectId,
    key_id: &ApiKeyId,
    now: DateTime<Utc>,
) -> Option<RevokePreview> {
    let key = keys.iter().find(|key| &key.id == key_id)?;
    let account = key
        .owner
        .service_account
        .as_ref()
        .filter(|_| key.owner.kind != Some(OwnerKind::User));
    let label = key
        .name
        .clone()
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| key.id.to_string());
    let (blast_radius, affected, summary) = match account {
        None => (
            BlastRadius::Key,
            vec![key],
            format!("Deletes key “{label}”."),
        ),
        Some(account) => {
            let affected: Vec<&ProjectApiKey> = keys
                .iter()
                .filter(|k| k.owner.service_account.as_ref().map(|o| &o.id) == Some(&account.id))
                .collect();
            let account_label = account
                .name
                .clone()
                .unwrap_or_else(|| account.id.to_string());
            let count = affected.len();
            let summary = if count == 1 {
                format!("Deletes service account “{account_label}” and its only key, “{label}”.")
            } else {
                format!(
                    "Deletes service account “{account_label}” and all {count} of its keys, \
                     including “{label}”."
                )
            };
            let radius = BlastRadius::ServiceAccount {
                service_account_id: account.id.clone(),
                service_account_name: account.name.clone(),
                key_count: count,
            };
            (radius, affected, summary)
        }
    };
    let last_used_at = affected.iter().filter_map(|k| k.last_used_at).max();
    Some(RevokePreview {
        project_id: project.clone(),
        key_id: key.id.clone(),
        key_name: key.name.clone(),
        blast_radius,
        last_used_at,
        requires_typed_confirmation: last_used_at.is_some_and(|at| now - at < RECENT_USE),
        confirmation_text: label,
        summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str, account: Option<&str>, last_used_at: Option<DateTime<Utc>>) -> ProjectApiKey {
        let json = serde_json::json!({
            "id": id, "name": format!("name of {id}"), "created_at": 1, "redacted_value": "sk-…",
            "owner": match account {
                Some(account) => serde_json::json!({"type": "service_account",
                    "service_account": {"id": account, "name": "bot"}}),
                None => serde_json::json!({"type": "user", "user": {"id": "user_1"}}),
            },
        });
        let mut key: ProjectApiKey = serde_json::from_value(json).unwrap();
        key.last_used_at = last_used_at;
        key
    }

    #[test]
    fn a_service_account_key_previews_every_key_of_the_account_and_the_latest_use() {
        let now = Utc::now();
        let keys = [
            key("key_a", Some("svc_1"), Some(now - TimeDelta::days(3))),
            key("key_b", Some("svc_1"), Some(now - TimeDelta::hours(2))),
            key("key_c", Some("svc_2"), Some(now)),
            key("key_d", None, Some(now)),
        ];
        let project = ProjectId::from("proj_1");
        let got = preview(&keys, &project, &ApiKeyId::from("key_a"), now).unwrap();
        assert!(matches!(
            got.blast_radius,
            BlastRadius::ServiceAccount { key_count: 2, .. }
        ));
        assert_eq!(got.last_used_at, Some(now - TimeDelta::hours(2)));
        assert!(got.requires_typed_confirmation);
        assert_eq!(got.confirmation_text, "name of key_a");
    }

    #[test]
    fn a_key_last_used_more_than_a_day_ago_needs_no_typing() {
        let now = Utc::now();
        let keys = [key("key_d", None, Some(now - TimeDelta::hours(25)))];
        let got = preview(&keys, &ProjectId::from("p"), &ApiKeyId::from("key_d"), now).unwrap();
        assert_eq!(got.blast_radius, BlastRadius::Key);
        assert!(!got.requires_typed_confirmation);
        assert_eq!(got.summary, "Deletes key “name of key_d”.");
    }
}
