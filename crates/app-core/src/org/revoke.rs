//! Revoking keys: the preview of what a revoke deletes, the revoke itself, and deleting an
//! orphaned service account. Each change is recorded in the activity, clears the revoked keys
//! from the reveal journal, and brings the project's cached keys (and, when a service account
//! was deleted, its service-account count) up to date.

use openai_admin::{ApiKeyId, ProjectId, ServiceAccountId};

use super::{Org, OrgApi};
use crate::key_lifecycle::{self, LifecycleError, RevokeOutcome, RevokePreview};
use crate::Error;

impl Org {
    /// What revoking a key would delete.
    pub async fn revoke_preview(
        &self,
        project: &ProjectId,
        key: &ApiKeyId,
    ) -> Result<RevokePreview, Error> {
        let api = self.api()?;
        let preview = key_lifecycle::revoke_preview(&api.client, project, key).await;
        preview.map_err(|e| api.lifecycle_error(e))
    }

    /// Revokes a key (a service-account key by deleting the account, after the preview).
    pub async fn revoke_key(
        &self,
        project: &ProjectId,
        key: &ApiKeyId,
        confirmation: Option<&str>,
    ) -> Result<RevokeOutcome, Error> {
        let api = self.api()?;
        let outcome = key_lifecycle::revoke(&api.client, project, key, confirmation).await;
        self.settle_revoke(&api, project, outcome, false).await
    }

    /// Takes one key of a service account out of service and leaves the account and its other
    /// keys (a name typed as `confirmation` when the key was used in the last 24 hours).
    pub async fn revoke_key_alone(
        &self,
        project: &ProjectId,
        key: &ApiKeyId,
        confirmation: Option<&str>,
    ) -> Result<RevokeOutcome, Error> {
        let api = self.api()?;
        let outcome = key_lifecycle::revoke_alone(&api.client, project, key, confirmation).await;
        self.settle_revoke(&api, project, outcome, false).await
    }

    /// Revokes what a create whose secret was lost left: the new service account, or only the
    /// extra `key` on an existing one (its account and other keys stay).
    pub async fn revoke_orphan(
        &self,
        project: &ProjectId,
        service_account: &ServiceAccountId,
        key: Option<&ApiKeyId>,
    ) -> Result<RevokeOutcome, Error> {
        let api = self.api()?;
        let outcome =
            key_lifecycle::revoke_orphan(&api.client, project, service_account, key).await;
        self.settle_revoke(&api, project, outcome, key.is_none())
            .await
    }

    /// What every revoke does after the API call: a refused write noted, the activity recorded
    /// (`orphan_account`: an orphaned service account was asked for), the revoked keys cleared
    /// from the reveal journal, and the project's cached keys listed again — with its
    /// service-account count when an account went.
    async fn settle_revoke(
        &self,
        api: &OrgApi,
        project: &ProjectId,
        outcome: Result<RevokeOutcome, LifecycleError>,
        orphan_account: bool,
    ) -> Result<RevokeOutcome, Error> {
        let outcome = self.note_write_refusal(outcome.map_err(|e| api.lifecycle_error(e)))?;
        self.record_activity(|log| log.revoked(&outcome, orphan_account));
        self.journal_revoked(&outcome);
        let account_went = orphan_account
            || matches!(&outcome, RevokeOutcome::Revoked(done) if done.service_account_id.is_some());
        if account_went {
            self.relist_project(project).await;
        } else {
            self.relist_keys(project).await;
        }
        Ok(outcome)
    }
}
