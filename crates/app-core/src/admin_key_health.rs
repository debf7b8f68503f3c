//! The admin key as a first-class risk: its own metadata, the warnings worth acting on, and
//! what a rotation did. The use cases (`Org::admin_key_health`, `Org::rotate_admin_key`) live
//! with the organization handle.

use chrono::{DateTime, Duration, Utc};
use openai_admin::{AdminApiKey, Client};
use secrecy::{ExposeSecret, SecretString};

/// Keys older than this are flagged.
pub const OLD_AFTER_DAYS: i64 = 90;

/// The admin key's own metadata, as the Admin API reports it. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminKeyInfo {
    /// The key's id.
    pub id: String,
    /// Its name.
    pub name: Option<String>,
    /// The API's redacted form.
    pub redacted_value: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was last used.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it expires; `None` means never.
    pub expires_at: Option<DateTime<Utc>>,
}

/// Something about the admin key worth acting on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminKeyWarning {
    /// Created more than [`OLD_AFTER_DAYS`] days ago.
    Old {
        /// Its age in days.
        days: i64,
    },
    /// It has no expiry date.
    NeverExpires,
    /// It is not among the organization's admin keys (it may belong to another organization).
    NotListed,
}

/// The admin key's health.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminKeyHealth {
    /// Its metadata, when it was found among the organization's admin keys.
    pub key: Option<AdminKeyInfo>,
    /// What to act on.
    pub warnings: Vec<AdminKeyWarning>,
}

/// What a rotation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotation {
    /// The new key's metadata.
    pub new_key: AdminKeyInfo,
    /// Whether the old key was revoked.
    pub old_revoked: bool,
    /// Set when the old key is still active and must be revoked by hand.
    pub warning: Option<String>,
}

/// The organization's admin key among its admin keys, found by its redacted form.
pub(crate) async fn find_own_key(
    client: &Client,
    key: &SecretString,
) -> Result<Option<AdminApiKey>, openai_admin::Error> {
    let keys = client
        .admin_api_keys()
        .list_all(&Default::default())
        .await?;
    Ok(keys
        .into_iter()
        .find(|k| redaction_matches(&k.redacted_value, key.expose_secret())))
}

/// Whether a redacted form such as `sk-admin...wxyz` could be `value`.
pub fn redaction_matches(redacted: &str, value: &str) -> bool {
    let Some((head, tail)) = redacted
        .split_once("...")
        .or_else(|| redacted.split_once('…'))
    else {
        return false;
    };
    !head.is_empty()
        && value.starts_with(head)
        && value.ends_with(tail)
        && value.len() > head.len() + tail.len()
}

/// The metadata of an admin key as listed.
pub(crate) fn info(key: AdminApiKey) -> AdminKeyInfo {
    AdminKeyInfo {
        id: key.id.to_string(),
        name: key.name,
        redacted_value: key.redacted_value,
        created_at: key.created_at,
        last_used_at: key.last_used_at,
        expires_at: key.expires_at,
    }
}

/// The health of the admin key found (or not) among the organization's admin keys at `now`.
pub(crate) fn health(key: Option<AdminKeyInfo>, now: DateTime<Utc>) -> AdminKeyHealth {
    let mut warnings = Vec::new();
    match &key {
        None => warnings.push(AdminKeyWarning::NotListed),
        Some(info) => {
            let days = (now - info.created_at).num_days();
            if now - info.created_at > Duration::days(OLD_AFTER_DAYS) {
                warnings.push(AdminKeyWarning::Old { days });
            }
            if info.expires_at.is_none() {
                warnings.push(AdminKeyWarning::NeverExpires);
            }
        }
    }
    AdminKeyHealth { key, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redaction_matches_only_the_key_it_came_from() {
        assert!(redaction_matches("sk-admin...wxyz", "sk-admin-abcdefwxyz"));
        assert!(!redaction_matches("sk-admin...wxyz", "sk-admin-abcdefwxyq"));
        assert!(!redaction_matches("sk-admin...wxyz", "sk-proj-abcdefwxyz"));
        assert!(!redaction_matches("no-dots", "sk-admin-abcdefwxyz"));
    }

    #[test]
    fn an_old_key_without_expiry_gets_both_warnings() {
        let now = Utc::now();
        let key = AdminKeyInfo {
            id: "key_1".into(),
            name: None,
            redacted_value: "sk-admin...abcd".into(),
            created_at: now - Duration::days(120),
            last_used_at: None,
            expires_at: None,
        };
        let health = health(Some(key), now);
        assert_eq!(
            health.warnings,
            vec![
                AdminKeyWarning::Old { days: 120 },
                AdminKeyWarning::NeverExpires
            ]
        );
    }

    #[test]
    fn a_fresh_expiring_key_has_no_warning() {
        let now = Utc::now();
        let key = AdminKeyInfo {
            id: "key_1".into(),
            name: None,
            redacted_value: "sk-admin...abcd".into(),
            created_at: now - Duration::days(3),
            last_used_at: Some(now),
            expires_at: Some(now + Duration::days(30)),
        };
        assert!(health(Some(key), now).warnings.is_empty());
    }
}
