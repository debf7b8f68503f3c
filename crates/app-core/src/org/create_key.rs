//! Creating keys: a service account with its first key, or an extra key for an existing
//! account. The same request id never creates twice; the secret stays in the vault and a
//! record without it is written to the reveal journal before the reveal is shown; the project's
//! cached keys are brought up to date and the create is recorded in the activity.

use chrono::Utc;
use openai_admin::{ProjectId, ServiceAccountId};

use super::{Org, OrgApi};
use crate::inventory_store::{PermissionSource, RecordedPermissions};
use crate::key_lifecycle::{CreateOutcome, LifecycleError};
use crate::key_policy::{CheckedPolicy, KeyPolicy};
use crate::Error;

impl Org {
    /// Creates a service account with its first key, minted with `policy`'s permissions and
    /// expiry. The same `request_id` never creates twice.
    pub async fn create_key(
        &self,
        project: &ProjectId,
        name: &str,
        policy: &KeyPolicy,
        request_id: &str,
    ) -> Result<CreateOutcome, Error> {
        let policy = policy.check(Utc::now())?;
        let api = self.api()?;
        let lifecycle = &self.app().lifecycle;
        let outcome = lifecycle
            .create_key(&api.client, project, name, &policy, request_id)
            .await;
        self.finish_create(&api, project, &policy, outcome, NewAccount::Yes)
            .await
    }

    /// Adds a key to an existing service account (where the organization supports it).
    pub async fn add_key_to_service_account(
        &self,
        project: &ProjectId,
        service_account: &ServiceAccountId,
        name: &str,
        policy: &KeyPolicy,
        request_id: &str,
    ) -> Result<CreateOutcome, Error> {
        let policy = policy.check(Utc::now())?;
        let api = self.api()?;
        let lifecycle = &self.app().lifecycle;
        let outcome = lifecycle
            .add_key_to_service_account(
                &api.client,
                project,
                service_account,
                name,
                &policy,
                request_id,
            )
            .await;
        self.finish_create(&api, project, &policy, outcome, NewAccount::No)
            .await
    }

    /// Maps a create's failure, notes a read-only key, records what was created (in the activity,
    /// a new key in the reveal journal, the permissions it was given) and brings the project's
    /// cached keys (and, for a new account, its service-account count) up to date.
    pub(super) async fn finish_create(
        &self,
        api: &OrgApi,
        project: &ProjectId,
        policy: &CheckedPolicy,
        outcome: Result<CreateOutcome, LifecycleError>,
        account: NewAccount,
    ) -> Result<CreateOutcome, Error> {
        let outcome = outcome.map_err(|e| api.lifecycle_error(e));
        let outcome = self.note_write_refusal(outcome)?;
        self.record_activity(|log| match &outcome {
            CreateOutcome::Created(key) => log.created(key),
            CreateOutcome::Orphaned(orphan) => log.orphaned(orphan),
        });
        if let CreateOutcome::Created(key) = &outcome {
            self.journal_reveal(key);
        }
        let key_id = match &outcome {
            CreateOutcome::Created(key) => Some(key.key_id.to_string()),
            CreateOutcome::Orphaned(orphan) => orphan.key_id.as_ref().map(|id| id.to_string()),
        };
        if let Some(key_id) = key_id {
            self.remember_permissions(key_id, policy.scopes.clone())
                .await;
        }
        match account {
            NewAccount::Yes => self.relist_project(project).await,
            NewAccount::No => self.relist_keys(project).await,
        }
        Ok(outcome)
    }

    /// Records the permissions Keywarden gave a key (the API never reports them); a cache that
    /// cannot be written only loses the record.
    pub(crate) async fn remember_permissions(&self, key_id: String, scopes: Vec<String>) {
        let record = RecordedPermissions {
            scopes,
            set_at: Utc::now(),
            source: PermissionSource::Keywarden,
        };
        let recorded = self.inventory().record_permissions(vec![(key_id, record)]);
        if let Err(error) = recorded.await {
            tracing::warn!(%error, "the key's permissions were not recorded");
        }
    }

    /// Lists a changed project's keys again, so its cached rows show the change; a failure
    /// leaves the rows to the next refresh.
    pub(crate) async fn relist_keys(&self, project: &ProjectId) {
        if let Err(error) = self.list_keys(project).await {
            tracing::warn!(%error, "could not list the changed project's keys again");
        }
    }

    /// Lists a project whose service accounts changed again: its keys and its service-account
    /// count, side by side.
    pub(crate) async fn relist_project(&self, project: &ProjectId) {
        tokio::join!(
            self.relist_keys(project),
            self.recount_service_accounts(project)
        );
    }
}

/// Whether a create made a new service account (whose count the project header shows).
#[derive(Clone, Copy)]
pub(super) enum NewAccount {
    Yes,
    No,
}
