//! The admin key as a first-class risk: its own metadata, warnings, and rotation in place.
//!
//! Rotation mints a new admin key through the API, proves it works, stores it, and only then
//! revokes the old one. The new value never leaves Rust, and whatever step fails, the
//! organization is left with a working key.

use chrono::{DateTime, Duration, Utc};
use openai_admin::{AdminApiKey, AdminApiKeyCreate, AdminApiKeyId, Client, ProjectListParams};
use secrecy::{ExposeSecret, SecretString};

use crate::keywarden::Keywarden;
use crate::organizations::{OrgId, OrgKind};
use crate::secret_store::SecretStoreError;
use crate::Error;

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

impl Keywarden {
    /// The organization's admin key as the API sees it, with warnings.
    pub async fn admin_key_health(&self, org: &OrgId) -> Result<AdminKeyHealth, Error> {
        let (organization, client) = self.ready_client(org)?;
        let key = self.current_admin_key(org)?;
        let found = find_own_key(&client, &key)
            .await
            .map_err(|e| Error::for_org(&organization.label, e))?;
        Ok(health(found.map(info), Utc::now()))
    }

    /// Mints a new admin key, verifies it, stores it, then revokes the old one.
    pub async fn rotate_admin_key(
        &self,
        org: &OrgId,
        name: &str,
        expires_in_days: Option<u32>,
    ) -> Result<Rotation, Error> {
        let rotated = self.rotate(org, name, expires_in_days).await;
        self.note_write_refusal(org, rotated)
    }

    async fn rotate(
        &self,
        org: &OrgId,
        name: &str,
        expires_in_days: Option<u32>,
    ) -> Result<Rotation, Error> {
        let name = crate::admin_key_input::parse_key_name(name)?;
        let expires_in_seconds = match expires_in_days {
            None => None,
            Some(days @ 1..=365) => Some(days * 24 * 3600),
            Some(_) => {
                return Err(Error::InvalidInput(
                    "choose an expiry of 1 to 365 days".into(),
                ))
            }
        };
        let (organization, old_client) = self.ready_client(org)?;
        let label = organization.label.clone();
        let old_key = self.current_admin_key(org)?;
        let old = find_own_key(&old_client, &old_key)
            .await
            .map_err(|e| Error::for_org(&label, e))?
            .ok_or_else(|| {
                Error::InvalidInput(
                "this admin key is not among the organization's admin keys, so Keywarden could \
                 not revoke it afterwards; rotate it in the OpenAI dashboard instead"
                    .into(),
            )
            })?;

        let body = AdminApiKeyCreate {
            name,
            expires_in_seconds,
        };
        let new = old_client
            .admin_api_keys()
            .create(&body)
            .await
            .map_err(|e| {
                let refused = e.status().is_some_and(|status| status < 500);
                if e.may_have_reached_server() && !refused {
                    Error::InvalidInput(format!(
                    "the new admin key may or may not have been created ({e}); your current key \
                     still works — check Admin keys in the OpenAI dashboard for “{}”",
                    body.name
                ))
                } else {
                    Error::for_org(&label, e)
                }
            })?;
        let new_info = AdminKeyInfo {
            id: new.id.to_string(),
            name: new.name.clone(),
            redacted_value: new.redacted_value.clone(),
            created_at: new.created_at.unwrap_or_else(Utc::now),
            last_used_at: None,
            expires_at: new.expires_at,
        };
        let undo = |reason: String| async {
            let _ = old_client.admin_api_keys().delete(new.id.clone()).await;
            Error::Unavailable {
                label: label.clone(),
                reason,
            }
        };

        let new_client = match Client::new(
            &organization.base_url,
            new.value.clone(),
            self.client_options.clone(),
        ) {
            Ok(client) => client,
            Err(e) => return Err(undo(format!("the new key could not be used ({e})")).await),
        };
        let probe = ProjectListParams {
            limit: Some(1),
            ..ProjectListParams::default()
        };
        if let Err(e) = new_client.projects().list(&probe).await {
            return Err(undo(format!(
                "the new admin key did not work ({e}); it was revoked and the current key kept"
            ))
            .await);
        }
        if let Err(e) = self.store_admin_key(org, organization.kind, &new.value) {
            return Err(undo(format!(
                "the new admin key could not be stored ({e}); it was revoked and the current key \
                 kept"
            ))
            .await);
        }
        self.update_org(org, |entry| entry.client = Some(new_client.clone()))?;

        let revoked = new_client
            .admin_api_keys()
            .delete(AdminApiKeyId::from(old.id.as_str()))
            .await;
        let warning =
            revoked.as_ref().err().map(|e| {
                format!(
                "the new key is in use, but the old key “{}” could not be revoked ({e}); revoke \
                 it under Admin keys in the OpenAI dashboard",
                old.name.clone().unwrap_or_else(|| old.redacted_value.clone())
            )
            });
        Ok(Rotation {
            new_key: new_info,
            old_revoked: revoked.is_ok(),
            warning,
        })
    }

    /// The admin key in use: the demo's in memory, a real organization's from the keychain.
    fn current_admin_key(&self, org: &OrgId) -> Result<SecretString, Error> {
        let entry = self.entry(org)?;
        if entry.org.kind == OrgKind::Demo {
            return self
                .demo_key
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone()
                .ok_or_else(|| Error::NoAdminKey {
                    label: entry.org.label,
                });
        }
        self.secret_store
            .get(org.as_str())
            .map_err(|error| match error {
                SecretStoreError::Missing => Error::NoAdminKey {
                    label: entry.org.label,
                },
                other => Error::Keychain(other),
            })
    }

    fn store_admin_key(&self, org: &OrgId, kind: OrgKind, key: &SecretString) -> Result<(), Error> {
        if kind == OrgKind::Demo {
            *self.demo_key.lock().unwrap_or_else(|e| e.into_inner()) = Some(key.clone());
            return Ok(());
        }
        Ok(self.secret_store.set(org.as_str(), key)?)
    }
}

async fn find_own_key(
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

fn info(key: AdminApiKey) -> AdminKeyInfo {
    AdminKeyInfo {
        id: key.id.to_string(),
        name: key.name,
        redacted_value: key.redacted_value,
        created_at: key.created_at,
        last_used_at: key.last_used_at,
        expires_at: key.expires_at,
    }
}

fn health(key: Option<AdminKeyInfo>, now: DateTime<Utc>) -> AdminKeyHealth {
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
