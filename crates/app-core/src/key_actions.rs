//! The key lifecycle for an organization: create, reveal once, copy from Rust, acknowledge,
//! revoke with a preview, and the organization's activity log.
//!
//! This file connects [`crate::key_lifecycle`] to the organizations: it picks the client, maps
//! a rejected admin key to the organization, notes a read-only admin key, and records
//! every action (metadata only) in a per-organization log saved beside the settings file.

use std::collections::HashMap;
use std::time::Duration;

use openai_admin::{ApiKeyId, ProjectId, ServiceAccountId};

use crate::config::write_atomically;
use crate::key_lifecycle::{
    self, Acknowledged, ActivityAction, ActivityEntry, ActivityLog, CopyDeadline, CreateOutcome,
    LifecycleError, PendingReveal, RevealId, RevokeOutcome, RevokePreview,
};
use crate::keywarden::Keywarden;
use crate::organizations::OrgId;
use crate::Error;

impl Keywarden {
    /// Creates a service account with its first key. The same `request_id` never creates twice.
    pub async fn create_key(
        &self,
        org: &OrgId,
        project: &ProjectId,
        name: &str,
        request_id: &str,
    ) -> Result<CreateOutcome, Error> {
        let (organization, client) = self.ready_client(org)?;
        let outcome = self
            .lifecycle
            .create_key(&client, project, name, request_id)
            .await;
        self.finish_create(org, &organization.label, outcome)
    }

    /// Adds a key to an existing service account (where the organization supports it).
    pub async fn add_key_to_service_account(
        &self,
        org: &OrgId,
        project: &ProjectId,
        service_account: &ServiceAccountId,
        name: &str,
        request_id: &str,
    ) -> Result<CreateOutcome, Error> {
        let (organization, client) = self.ready_client(org)?;
        let outcome = self
            .lifecycle
            .add_key_to_service_account(&client, project, service_account, name, request_id)
            .await;
        self.finish_create(org, &organization.label, outcome)
    }

    /// The held secret of a new key, masked (`sk-svca…9fQe`).
    pub fn masked_new_key(&self, reveal: &str) -> Result<String, Error> {
        Ok(self.lifecycle.masked(&parse_reveal(reveal)?)?)
    }

    /// Copies a new key's secret to the clipboard from Rust; it is cleared after the preferred
    /// time if the clipboard still holds it.
    pub async fn copy_new_key(&self, org: &OrgId, reveal: &str) -> Result<CopyDeadline, Error> {
        let reveal = parse_reveal(reveal)?;
        let seconds = self
            .config()
            .preferences
            .clipboard_clear_seconds
            .clamp(5, 600);
        let clear_after = Duration::from_secs(u64::from(seconds));
        let deadline = self
            .lifecycle
            .copy_reveal(&reveal, self.clipboard.clone(), clear_after)
            .await?;
        if let Some(pending) = self
            .lifecycle
            .pending()
            .into_iter()
            .find(|p| p.reveal_id == reveal)
        {
            self.with_activity(org, |log| log.reveal(ActivityAction::Copied, &pending));
        }
        self.journal_copied(&reveal);
        Ok(deadline)
    }

    /// Wipes a new key's secret once the user has stored it. A secret that was never copied is
    /// kept (answering [`Acknowledged::NotCopied`]) unless `even_if_not_copied`: the user must
    /// confirm that nobody will ever see it.
    pub fn acknowledge_new_key(
        &self,
        org: &OrgId,
        reveal: &str,
        even_if_not_copied: bool,
    ) -> Result<Acknowledged, Error> {
        let reveal = parse_reveal(reveal)?;
        let (done, wiped) = self
            .lifecycle
            .acknowledge_copied(&reveal, even_if_not_copied);
        if let Some(pending) = wiped {
            let action = match done {
                Acknowledged::Discarded => ActivityAction::Discarded,
                _ => ActivityAction::Acknowledged,
            };
            self.with_activity(org, |log| log.reveal(action, &pending));
        }
        if done != Acknowledged::NotCopied {
            self.journal_acknowledged(&reveal);
        }
        Ok(done)
    }

    /// New keys whose secrets are still held (not yet acknowledged).
    pub fn pending_new_keys(&self) -> Vec<PendingReveal> {
        self.lifecycle.pending()
    }

    /// Clears the clipboard if it still holds a copied secret and wipes every held secret;
    /// returns how many secrets were held. Called when the app quits.
    pub fn wipe_secrets(&self) -> usize {
        if let Err(error) = self.lifecycle.clear_clipboard_now(self.clipboard.as_ref()) {
            tracing::warn!(%error, "could not clear the clipboard on quit");
        }
        self.lifecycle.wipe_all()
    }

    /// What revoking a key would delete.
    pub async fn revoke_preview(
        &self,
        org: &OrgId,
        project: &ProjectId,
        key: &ApiKeyId,
    ) -> Result<RevokePreview, Error> {
        let (organization, client) = self.ready_client(org)?;
        let preview = key_lifecycle::revoke_preview(&client, project, key).await;
        preview.map_err(|e| Error::from_lifecycle(&organization.label, e))
    }

    /// Revokes a key (a service-account key by deleting the account, after the preview).
    pub async fn revoke_key(
        &self,
        org: &OrgId,
        project: &ProjectId,
        key: &ApiKeyId,
        confirmation: Option<&str>,
    ) -> Result<RevokeOutcome, Error> {
        let (organization, client) = self.ready_client(org)?;
        let outcome = key_lifecycle::revoke(&client, project, key, confirmation)
            .await
            .map_err(|e| Error::from_lifecycle(&organization.label, e));
        let outcome = self.note_write_refusal(org, outcome)?;
        self.with_activity(org, |log| log.revoked(&outcome, false));
        self.journal_revoked(&outcome);
        Ok(outcome)
    }

    /// Deletes a service account whose new key's secret was lost.
    pub async fn revoke_orphan(
        &self,
        org: &OrgId,
        project: &ProjectId,
        service_account: &ServiceAccountId,
    ) -> Result<RevokeOutcome, Error> {
        let (organization, client) = self.ready_client(org)?;
        let outcome = key_lifecycle::revoke_orphan(&client, project, service_account)
            .await
            .map_err(|e| Error::from_lifecycle(&organization.label, e));
        let outcome = self.note_write_refusal(org, outcome)?;
        self.with_activity(org, |log| log.revoked(&outcome, true));
        self.journal_revoked(&outcome);
        Ok(outcome)
    }

    /// The organization's activity, newest first.
    pub fn activity(&self, org: &OrgId) -> Result<Vec<ActivityEntry>, Error> {
        self.entry(org)?;
        let mut entries = self.activity_log(org).entries().to_vec();
        entries.reverse();
        Ok(entries)
    }

    /// Maps a create's failure, notes a read-only key, and records what was created.
    fn finish_create(
        &self,
        org: &OrgId,
        label: &str,
        outcome: Result<CreateOutcome, LifecycleError>,
    ) -> Result<CreateOutcome, Error> {
        let outcome = outcome.map_err(|e| Error::from_lifecycle(label, e));
        let outcome = self.note_write_refusal(org, outcome)?;
        self.with_activity(org, |log| match &outcome {
            CreateOutcome::Created(key) => log.created(key),
            CreateOutcome::Orphaned(orphan) => log.orphaned(orphan),
        });
        if let CreateOutcome::Created(key) = &outcome {
            self.journal_reveal(org, label, key);
        }
        Ok(outcome)
    }

    fn activity_path(&self) -> std::path::PathBuf {
        let name = if cfg!(debug_assertions) {
            "activity.dev.json"
        } else {
            "activity.json"
        };
        self.config_store.sibling(name)
    }

    fn activity_log(&self, org: &OrgId) -> ActivityLog {
        let logs = self.load_activity();
        logs.get(org.as_str()).cloned().unwrap_or_default()
    }

    fn load_activity(&self) -> HashMap<String, ActivityLog> {
        std::fs::read(self.activity_path())
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub(crate) fn with_activity(&self, org: &OrgId, change: impl FnOnce(&mut ActivityLog)) {
        let _guard = self.activity_lock.lock().unwrap_or_else(|e| e.into_inner());
        let mut logs = self.load_activity();
        change(logs.entry(org.as_str().to_owned()).or_default());
        let saved = serde_json::to_vec_pretty(&logs)
            .map_err(std::io::Error::other)
            .and_then(|json| write_atomically(&self.activity_path(), &json));
        if let Err(error) = saved {
            tracing::warn!(%error, "could not save the activity log");
        }
    }
}

fn parse_reveal(reveal: &str) -> Result<RevealId, Error> {
    reveal.parse().map_err(|_| {
        Error::InvalidInput(
            "that is not a reveal id Keywarden issued; if you did not store the new key, revoke \
             the key and create another"
                .into(),
        )
    })
}

impl Error {
    /// Maps a key-lifecycle failure, naming the organization when its admin key was refused.
    pub(crate) fn from_lifecycle(label: &str, error: LifecycleError) -> Self {
        if let Some(api) = error.api_error() {
            match api.kind() {
                openai_admin::ErrorKind::Unauthorized => {
                    return Error::KeyRejected {
                        label: label.to_owned(),
                        message: api.api_message().unwrap_or("401 Unauthorized").to_owned(),
                    }
                }
                openai_admin::ErrorKind::MissingScope => {
                    return Error::MissingScope {
                        scopes: api.missing_scopes().join(", "),
                    }
                }
                _ => {}
            }
        }
        Error::Key(error)
    }
}

impl Keywarden {
    /// The service accounts of a project (for "add a key to an existing service account").
    pub async fn list_service_accounts(
        &self,
        org: &OrgId,
        project: &ProjectId,
    ) -> Result<Vec<openai_admin::ServiceAccount>, Error> {
        let (organization, client) = self.ready_client(org)?;
        let accounts = client
            .project(project)
            .service_accounts()
            .list_all(&openai_admin::ServiceAccountListParams::default())
            .await;
        accounts.map_err(|e| Error::for_org(&organization.label, e))
    }

    /// Copies a non-secret text (an id, a redacted value) to the clipboard.
    pub fn copy_text(&self, text: &str) -> Result<(), Error> {
        if text.is_empty() || text.len() > 512 || text.chars().any(char::is_control) {
            return Err(Error::InvalidInput(
                "only short, single-line texts can be copied".into(),
            ));
        }
        Ok(self.clipboard.write_text(text)?)
    }
}
