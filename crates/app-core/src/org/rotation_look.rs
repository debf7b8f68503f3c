//! Looking at both keys of a rotation and moving it on where the server says it must: a mint a
//! previous run left unfinished is resolved (its key found, or found never made), and an old key
//! revoked elsewhere completes the rotation. Each look retrieves both keys (a 404 means gone)
//! and, when one is gone, the service account.

use chrono::Utc;
use openai_admin::{ApiKeyId, ApiKeyListParams, ErrorKind, ProjectApiKey};

use super::{Org, OrgApi};
use crate::key_rotation::{
    Claim, Observed, RotatedKey, RotationPhase, RotationRecord, RotationStatus,
};
use crate::Error;

impl Org {
    /// Looks at both keys and moves the rotation on where the server says it must: a mint a
    /// previous run left behind is resolved, an old key revoked elsewhere completes it.
    pub(super) async fn settle(
        &self,
        api: &OrgApi,
        mut record: RotationRecord,
        _claim: &Claim,
    ) -> Result<RotationStatus, Error> {
        if record.phase == RotationPhase::Minting {
            self.resolve_mint(api, &mut record).await?;
        }
        let observed = observe(api, &record).await?;
        if record.phase == RotationPhase::Watching
            && observed.old.is_none()
            && observed.new.is_some()
        {
            let note = format!(
                "The old key “{}” was already revoked outside Keywarden. The rotation is \
                 complete: “{}” is the key to use.",
                record.old_key.name, record.new_key_name
            );
            record.end(RotationPhase::Completed, note)?;
            self.keep_rotation(&record);
            let project = record.project_id.clone();
            self.relist_keys(&project).await;
        }
        Ok(RotationStatus::assess(record, &observed, Utc::now()))
    }

    /// A mint a previous run left unfinished: the service account's key that was not there
    /// before and carries the new key's name is the new key (its secret is lost unless this
    /// run still holds it); no such key means nothing was created.
    async fn resolve_mint(&self, api: &OrgApi, record: &mut RotationRecord) -> Result<(), Error> {
        let keys = api.client.project(&record.project_id).api_keys();
        let listed = keys.list_all(&ApiKeyListParams::default()).await;
        let listed = listed.map_err(|error| api.error(error))?;
        let minted = listed
            .into_iter()
            .filter(|k| owned_by(k, record) && !record.keys_before.contains(&k.id))
            .filter(|k| k.name.as_deref() == Some(record.new_key_name.as_str()))
            .max_by_key(|k| k.created_at);
        match minted {
            Some(key) => {
                let held = self
                    .app()
                    .lifecycle
                    .pending()
                    .iter()
                    .any(|p| p.key_id == key.id);
                let offset = (key.created_at - record.started_at).num_seconds();
                let new = RotatedKey {
                    id: key.id,
                    name: record.new_key_name.clone(),
                    created_at: key.created_at,
                };
                record.minted(new, offset)?;
                record.secret_lost = !held;
            }
            None => {
                let why = record
                    .last_error
                    .take()
                    .map_or(String::new(), |e| format!(" ({e})"));
                let note = format!(
                    "No new key was created{why}; nothing changed and the old key “{}” keeps \
                     working. Rotate again if you still want a new key.",
                    record.old_key.name
                );
                record.end(RotationPhase::Failed, note)?;
            }
        }
        self.keep_rotation(record);
        Ok(())
    }
}

fn owned_by(key: &ProjectApiKey, record: &RotationRecord) -> bool {
    let account = key.owner.service_account.as_ref().map(|sa| &sa.id);
    account == Some(&record.service_account_id)
}

/// Retrieves both keys (a 404 means gone) and, when one is gone, the service account.
pub(super) async fn observe(api: &OrgApi, record: &RotationRecord) -> Result<Observed, Error> {
    let scope = api.client.project(&record.project_id);
    let keys = scope.api_keys();
    let new_id = record.new_key.as_ref().map(|k| k.id.clone());
    let (old, new) = tokio::join!(retrieve(api, &keys, &record.old_key.id), async {
        match &new_id {
            Some(id) => retrieve(api, &keys, id).await.map(Some),
            None => Ok(None),
        }
    });
    let (old, new) = (old?, new?.flatten());
    let missing = old.is_none() || (new_id.is_some() && new.is_none());
    let account_gone = missing
        && match scope
            .service_accounts()
            .retrieve(record.service_account_id.clone())
            .await
        {
            Ok(_) => false,
            Err(error) if error.kind() == ErrorKind::NotFound => true,
            Err(error) => return Err(api.error(error)),
        };
    Ok(Observed {
        old,
        new,
        account_gone,
    })
}

async fn retrieve(
    api: &OrgApi,
    keys: &openai_admin::ProjectApiKeys<'_>,
    id: &ApiKeyId,
) -> Result<Option<ProjectApiKey>, Error> {
    match keys.retrieve(id.clone()).await {
        Ok(key) => Ok(Some(key)),
        Err(error) if error.kind() == ErrorKind::NotFound => Ok(None),
        Err(error) => Err(api.error(error)),
    }
}
