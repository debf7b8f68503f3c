//! Rotating a service-account key, the organization's side: the plan (what the new key will
//! be, read fresh from the server), the start (the record first, then the mint, in
//! `rotation_mint`), and the rotations in progress. Watching both keys, finishing and
//! abandoning are in `rotation_watch`.
//!
//! A start never leaves two keys nobody knows about: the record (with the service account's
//! keys before the mint) is written before the create is sent, the create is sent once per
//! request id, a lost response is reconciled by the create itself, and a mint whose outcome
//! stays unknown keeps its record so the next look finds the key or finds that none was made.

use chrono::{DateTime, Local, Utc};
use openai_admin::{ApiKeyId, ApiKeyListParams, ErrorKind, ProjectId, ServiceAccountId};

use super::{Org, OrgApi};
use crate::inventory_store::{KeyOwnerKind, KeyRow};
use crate::key_lifecycle::{CreatedKey, MAX_REQUEST_ID_CHARS};
use crate::key_rotation::{
    rotated_key_name, same_lifetime, AlreadyRotating, RotatedKey, RotationId, RotationPhase,
    RotationRecord,
};
use crate::Error;

/// What rotating a key would do, read from the server just now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RotationPlan {
    /// The project of the key.
    pub project_id: ProjectId,
    /// The key to replace (for a service account's first key, named after the account).
    pub old_key: RotatedKey,
    /// When the old key expires; `None` = never.
    pub old_key_expires_at: Option<DateTime<Utc>>,
    /// The service account that owns it, and gets the new key.
    pub service_account_id: ServiceAccountId,
    /// That account's name.
    pub service_account_name: Option<String>,
    /// The new key's name.
    pub new_key_name: String,
    /// The new key's permissions: the old key's as recorded (`[]` = all); `None` when they are
    /// unknown, and the new key gets all permissions.
    pub scopes: Option<Vec<String>>,
    /// The new key's lifetime (the old key's); `None` = never expires.
    pub expires_in_seconds: Option<u32>,
}

/// A rotation just started: its record, and the new key to reveal once (absent when a retry
/// found the rotation past its reveal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RotationStarted {
    /// The rotation as stored.
    pub rotation: RotationRecord,
    /// The new key, its secret held for one reveal.
    pub created: Option<CreatedKey>,
}

/// Why a person's key cannot be rotated here, and what to do instead.
fn user_owned(name: &str) -> Error {
    Error::NotSupported(format!(
        "“{name}” belongs to a person, and OpenAI's API cannot create keys for people, so \
         Keywarden cannot rotate it. Replace it with a service-account key instead: create one \
         in this project, move what uses “{name}” to it, then revoke “{name}”."
    ))
}

impl Org {
    /// What rotating `key` would do: its service account, the new key's name, permissions and
    /// lifetime. Refuses a key that is gone, a person's key, and a key whose service account
    /// was deleted.
    pub async fn plan_key_rotation(
        &self,
        project: &ProjectId,
        key: &ApiKeyId,
    ) -> Result<RotationPlan, Error> {
        if project.as_str().trim().is_empty() || key.as_str().trim().is_empty() {
            return Err(Error::InvalidInput(
                "a project id and a key id are required".into(),
            ));
        }
        let api = self.api()?;
        let scope = api.client.project(project);
        let old = match scope.api_keys().retrieve(key.clone()).await {
            Ok(old) => old,
            Err(error) if error.kind() == ErrorKind::NotFound => {
                return Err(Error::NotFound(format!(
                    "key {key} no longer exists in this project (it was probably revoked \
                     elsewhere), so there is nothing to rotate; refresh the list (nothing was \
                     created)"
                )))
            }
            Err(error) => return Err(api.error(error)),
        };
        let row = KeyRow::from_api(&old, project.as_str(), "");
        let account = match (row.owner_kind, row.owner_id) {
            (KeyOwnerKind::ServiceAccount, Some(id)) => ServiceAccountId::from(id),
            (KeyOwnerKind::User, _) => return Err(user_owned(&row.name)),
            _ => {
                return Err(Error::NotSupported(format!(
                    "OpenAI did not say who owns “{}”, so Keywarden cannot mint its successor \
                     on the same owner; create a new key instead (nothing was created)",
                    row.name
                )))
            }
        };
        let account_name = match scope.service_accounts().retrieve(account.clone()).await {
            Ok(found) => found.name,
            Err(error) if error.kind() == ErrorKind::NotFound => {
                return Err(Error::NotFound(format!(
                    "the service account “{}” that owns “{}” was deleted outside Keywarden, \
                     with its keys, so there is nothing to rotate; refresh the list (nothing \
                     was created)",
                    row.owner_name, row.name
                )))
            }
            Err(error) => return Err(api.error(error)),
        };
        let id = key.to_string();
        let recorded = self.inventory().query(move |s| s.permissions_of(&id));
        let scopes = recorded.await.unwrap_or(None).map(|p| p.scopes);
        Ok(RotationPlan {
            project_id: project.clone(),
            new_key_name: rotated_key_name(&row.name, Local::now().naive_local()),
            old_key: RotatedKey {
                id: key.clone(),
                name: row.name,
                created_at: old.created_at,
            },
            old_key_expires_at: old.expires_at,
            service_account_id: account,
            service_account_name: account_name,
            scopes,
            expires_in_seconds: same_lifetime(old.created_at, old.expires_at),
        })
    }

    /// Starts rotating `key`: writes the rotation, then mints its successor on the same service
    /// account (same permissions, same lifetime) and holds its secret for one reveal. The same
    /// `request_id` never mints twice; a second rotation of the same key is refused.
    pub async fn start_key_rotation(
        &self,
        project: &ProjectId,
        key: &ApiKeyId,
        request_id: &str,
    ) -> Result<RotationStarted, Error> {
        let request_id = request_id.trim();
        if request_id.is_empty() || request_id.chars().count() > MAX_REQUEST_ID_CHARS {
            return Err(Error::InvalidInput(format!(
                "a rotation needs a request id of 1 to {MAX_REQUEST_ID_CHARS} characters \
                 (nothing was created)"
            )));
        }
        let rotations = &self.app().rotations;
        let same_request = rotations
            .file
            .all()
            .into_iter()
            .find(|r| &r.org_id == self.id() && r.request_id == request_id);
        if let Some(rotation) = same_request {
            return self.rejoin(rotation).await;
        }
        let plan = self.plan_key_rotation(project, key).await?;
        let api = self.api()?;
        let keys_before = account_keys(&api, &plan).await?;
        let record = RotationRecord {
            id: RotationId::new(),
            org_id: self.id().clone(),
            project_id: plan.project_id,
            service_account_id: plan.service_account_id,
            service_account_name: plan.service_account_name,
            old_key: plan.old_key,
            new_key_name: plan.new_key_name,
            new_key: None,
            permissions_known: plan.scopes.is_some(),
            scopes: plan.scopes.unwrap_or_default(),
            expires_in_seconds: plan.expires_in_seconds,
            phase: RotationPhase::Minting,
            started_at: Utc::now(),
            request_id: request_id.to_owned(),
            keys_before,
            server_offset_seconds: None,
            secret_lost: false,
            last_error: None,
            note: None,
        };
        let claim = rotations.running.claim(record.id);
        if let Err(AlreadyRotating(existing)) = rotations.file.start(&record)? {
            return Err(Error::InvalidInput(format!(
                "“{}” is already being rotated (since {}); open that rotation to finish or \
                 abandon it (nothing was created)",
                existing.old_key.name,
                existing
                    .started_at
                    .with_timezone(&Local)
                    .format("%Y-%m-%d %H:%M")
            )));
        }
        self.mint(&api, record, claim).await
    }

    /// The rotations of this organization in progress, oldest first.
    pub fn key_rotations(&self) -> Vec<RotationRecord> {
        let all = self.app().rotations.file.all();
        all.into_iter().filter(|r| &r.org_id == self.id()).collect()
    }

    /// Saves a rotation (a finished one is removed); a failed write is logged, not fatal: the
    /// step it records already happened at OpenAI.
    pub(super) fn keep_rotation(&self, record: &RotationRecord) {
        let rotations = &self.app().rotations;
        if let Err(error) = rotations.file.save(record) {
            let path = rotations.file.path().display().to_string();
            tracing::warn!(%error, %path, "could not save the key rotation");
        }
    }
}

/// The service account's keys now, so a mint whose response is lost can be recognised.
async fn account_keys(api: &OrgApi, plan: &RotationPlan) -> Result<Vec<ApiKeyId>, Error> {
    let keys = api.client.project(&plan.project_id).api_keys();
    let listed = keys.list_all(&ApiKeyListParams::default()).await;
    let listed = listed.map_err(|error| api.error(error))?;
    let account = Some(&plan.service_account_id);
    Ok(listed
        .into_iter()
        .filter(|k| k.owner.service_account.as_ref().map(|sa| &sa.id) == account)
        .map(|k| k.id)
        .collect())
}
