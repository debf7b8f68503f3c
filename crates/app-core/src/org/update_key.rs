//! Changing an existing key's permissions and/or expiry with the API's update endpoint.
//!
//! The server refuses an expired key and an expiry its policies forbid; its message is shown as
//! sent. A key revoked elsewhere answers 404: the project's keys are listed again so the window
//! stops showing it. The update is never retried: its expiry counts from the request, so after a
//! lost response the key is read back and the window shows what the server now holds.

use chrono::{DateTime, Utc};
use openai_admin::{ApiKeyId, ErrorKind, ProjectApiKey, ProjectId};

use super::Org;
use crate::key_lifecycle::{outcome_unknown, ActivityAction, ActivityEntry};
use crate::key_policy::PolicyChange;
use crate::Error;

/// A key after its policy changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyUpdated {
    /// The key.
    pub key_id: ApiKeyId,
    /// Its expiry now; `None` = never.
    pub expires_at: Option<DateTime<Utc>>,
    /// Its permissions now, when this change set them (`[]` = all).
    pub scopes: Option<Vec<String>>,
}

impl Org {
    /// Changes a key's permissions and/or expiry, records the permissions and the change, and
    /// updates the key's cached row.
    pub async fn update_key_policy(
        &self,
        project: &ProjectId,
        key: &ApiKeyId,
        change: &PolicyChange,
    ) -> Result<PolicyUpdated, Error> {
        if project.as_str().trim().is_empty() || key.as_str().trim().is_empty() {
            return Err(Error::InvalidInput(
                "a project id and a key id are required".into(),
            ));
        }
        let body = change.check(Utc::now())?;
        let api = self.api()?;
        let keys = api.client.project(project).api_keys();
        let updated = match keys.update(key.clone(), &body).await {
            Ok(updated) => updated,
            Err(error) if error.kind() == ErrorKind::NotSupported => {
                return Err(Error::NotSupported(
                    "this organization's API cannot change a key's permissions or expiry yet; \
                     create a new key with the permissions and expiry you want instead"
                        .into(),
                ));
            }
            Err(error) if error.kind() == ErrorKind::NotFound => {
                self.relist_keys(project).await;
                return Err(Error::NotFound(format!(
                    "key {key} no longer exists in this project (it was probably revoked \
                     elsewhere); the list now shows the project's current keys"
                )));
            }
            Err(error) if outcome_unknown(&error) => {
                if let Ok(current) = keys.retrieve(key.clone()).await {
                    self.keep_row(project, current).await;
                }
                let error = api.error(error);
                return Err(Error::KeyChangeFailed(format!(
                    "the change may or may not have been applied ({error}); the key now shows \
                     what the server holds — check it before trying again, because a retry \
                     moves the expiry again"
                )));
            }
            Err(error) => return self.note_write_refusal(Err(api.error(error))),
        };
        if let Some(scopes) = &body.scopes {
            self.remember_permissions(key.to_string(), scopes.clone())
                .await;
        }
        self.record_activity(|log| {
            log.record(ActivityEntry {
                at: Utc::now(),
                action: ActivityAction::PolicyChanged,
                project_id: project.clone(),
                key_id: Some(key.clone()),
                service_account_id: None,
                name: updated.name.clone(),
                stored_in: None,
            })
        });
        let expires_at = updated.expires_at;
        self.keep_row(project, updated).await;
        Ok(PolicyUpdated {
            key_id: key.clone(),
            expires_at,
            scopes: body.scopes,
        })
    }

    async fn keep_row(&self, project: &ProjectId, key: ProjectApiKey) {
        let kept = self.inventory().replace_key(project.to_string(), key);
        if let Err(error) = kept.await {
            tracing::warn!(%error, "the changed key's cached row was not updated");
        }
    }
}
