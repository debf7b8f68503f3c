//! Rotating the admin key in place: mint a new one through the API, prove it works, store it,
//! and only then revoke the old one. The new value never leaves Rust, and whatever step fails,
//! the organization is left with a working key.

use chrono::Utc;
use openai_admin::{AdminApiKeyCreate, AdminApiKeyId, ProjectListParams};

use super::{Org, OrgApi};
use crate::admin_key_health::{find_own_key, AdminKeyInfo, Rotation};
use crate::Error;

impl Org {
    /// Mints a new admin key, verifies it, stores it, then revokes the old one.
    pub async fn rotate_admin_key(
        &self,
        name: &str,
        expires_in_days: Option<u32>,
    ) -> Result<Rotation, Error> {
        let rotated = self.rotate(name, expires_in_days).await;
        self.note_write_refusal(rotated)
    }

    async fn rotate(&self, name: &str, expires_in_days: Option<u32>) -> Result<Rotation, Error> {
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
        let old_api = self.api()?;
        let old_key = self.admin_key()?;
        let old = find_own_key(&old_api.client, &old_key)
            .await
            .map_err(|e| old_api.error(e))?
            .ok_or_else(|| {
                Error::InvalidInput(
                    "this admin key is not among the organization's admin keys, so Keywarden \
                     could not revoke it afterwards; rotate it in the OpenAI dashboard instead"
                        .into(),
                )
            })?;

        let body = AdminApiKeyCreate {
            name,
            expires_in_seconds,
        };
        let new = old_api
            .client
            .admin_api_keys()
            .create(&body)
            .await
            .map_err(|e| {
                let refused = e.status().is_some_and(|status| status < 500);
                if e.may_have_reached_server() && !refused {
                    Error::InvalidInput(format!(
                        "the new admin key may or may not have been created ({e}); your current \
                         key still works — check Admin keys in the OpenAI dashboard for “{}”",
                        body.name
                    ))
                } else {
                    old_api.error(e)
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
        let label = self.label();
        let undo = |reason: String| async {
            let _ = old_api.client.admin_api_keys().delete(new.id.clone()).await;
            Error::Unavailable {
                label: label.clone(),
                reason,
            }
        };

        let base_url = self.record().base_url;
        let options = &self.app().client_options;
        let new_api = match OrgApi::connect(&label, &base_url, new.value.clone(), options) {
            Ok(api) => api,
            Err(e) => return Err(undo(format!("the new key could not be used ({e})")).await),
        };
        let probe = ProjectListParams {
            limit: Some(1),
            ..ProjectListParams::default()
        };
        if let Err(e) = new_api.client.projects().list(&probe).await {
            return Err(undo(format!(
                "the new admin key did not work ({e}); it was revoked and the current key kept"
            ))
            .await);
        }
        if let Err(e) = self.secrets().set(self.id().as_str(), &new.value) {
            return Err(undo(format!(
                "the new admin key could not be stored ({e}); it was revoked and the current key \
                 kept"
            ))
            .await);
        }
        self.use_client(&new_api);

        let revoked = new_api
            .client
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
}
