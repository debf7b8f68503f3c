//! Minting a rotation's new key: through the idempotent create (one key per request id, a lost
//! response reconciled by the create itself), revealed once like any new key. A key whose
//! secret was lost on the way is taken out of service at once; a mint whose outcome stays
//! unknown keeps its record, so the next look finds the key or finds that none was made. A
//! start sent again with the same request id joins the first one.

use chrono::Utc;

use super::create_key::NewAccount;
use super::rotation::RotationStarted;
use super::{Org, OrgApi};
use crate::key_lifecycle::retire_key;
use crate::key_lifecycle::{CreateOutcome, CreatedKey, LifecycleError};
use crate::key_policy::CheckedPolicy;
use crate::key_rotation::{Claim, RotatedKey, RotationPhase, RotationRecord};
use crate::Error;

impl Org {
    /// Mints the new key through the idempotent create and records what came of it.
    pub(super) async fn mint(
        &self,
        api: &OrgApi,
        mut record: RotationRecord,
        _claim: Option<Claim>,
    ) -> Result<RotationStarted, Error> {
        let (project, account) = (&record.project_id, &record.service_account_id);
        let policy = checked_policy(&record);
        let lifecycle = &self.app().lifecycle;
        let outcome = lifecycle
            .add_key_to_service_account(
                &api.client,
                project,
                account,
                &record.new_key_name,
                &policy,
                &record.request_id,
            )
            .await;
        let uncertain = matches!(outcome, Err(LifecycleError::CreateUncertain { .. }));
        let project = project.clone();
        let outcome = self
            .finish_create(api, &project, &policy, outcome, NewAccount::No)
            .await;
        let minted_at = Utc::now();
        match outcome {
            Ok(CreateOutcome::Created(key)) => {
                let offset = (key.created_at - minted_at).num_seconds();
                let new = RotatedKey {
                    id: key.key_id.clone(),
                    name: key.name.clone(),
                    created_at: key.created_at,
                };
                record.minted(new, offset)?;
                self.keep_rotation(&record);
                Ok(RotationStarted {
                    rotation: record,
                    created: Some(key),
                })
            }
            Ok(CreateOutcome::Orphaned(orphan)) => {
                let created_at = orphan.created_at.unwrap_or(minted_at);
                let new = RotatedKey {
                    id: orphan.key_id.clone().unwrap_or_else(|| "unknown".into()),
                    name: orphan.name.clone(),
                    created_at,
                };
                record.minted(new, (created_at - minted_at).num_seconds())?;
                record.secret_lost = true;
                Err(self.revoke_lost_mint(api, record).await)
            }
            Err(error) if uncertain => {
                record.last_error = Some(error.to_string());
                self.keep_rotation(&record);
                Err(error)
            }
            Err(error) => {
                record.end(RotationPhase::Failed, format!("{error}"))?;
                self.keep_rotation(&record);
                Err(error)
            }
        }
    }

    /// The new key exists but its secret was lost on the way: nobody can use it, so it is taken
    /// out of service at once and the rotation abandoned (or, if that fails, kept to abandon).
    async fn revoke_lost_mint(&self, api: &OrgApi, mut record: RotationRecord) -> Error {
        let Some(new) = record.new_key.clone() else {
            return Error::KeyChangeFailed("the new key could not be identified".into());
        };
        let old = record.old_key.name.clone();
        let retired = retire_key(&api.client, &record.project_id, &new.id, None).await;
        let message = match retired {
            Ok(how) => {
                let note = format!(
                    "The new key was created, but the response carrying its secret was lost, so \
                     nobody could use it. {} The old key “{old}” keeps working; rotate again.",
                    how.sentence("new", &new.name)
                );
                if record.end(RotationPhase::Abandoned, note.clone()).is_ok() {
                    self.note_retired(&record.project_id, &new, how).await;
                }
                note
            }
            Err(error) => {
                let error = api.error(error);
                let message = format!(
                    "The new key “{}” was created, but its secret was lost on the way and \
                     Keywarden could not revoke it ({error}). Open the rotation and abandon it \
                     to revoke it; the old key “{old}” keeps working.",
                    new.name
                );
                record.last_error = Some(message.clone());
                message
            }
        };
        self.keep_rotation(&record);
        Error::KeyChangeFailed(message)
    }

    /// A start sent again with the request id of a rotation already under way: the same
    /// outcome, never a second key.
    pub(super) async fn rejoin(&self, rotation: RotationRecord) -> Result<RotationStarted, Error> {
        let lifecycle = &self.app().lifecycle;
        if rotation.phase == RotationPhase::Minting
            && self.app().rotations.running.is_running(&rotation.id)
        {
            let api = self.api()?;
            let joined = lifecycle
                .add_key_to_service_account(
                    &api.client,
                    &rotation.project_id,
                    &rotation.service_account_id,
                    &rotation.new_key_name,
                    &checked_policy(&rotation),
                    &rotation.request_id,
                )
                .await;
            let created = match joined.map_err(|e| api.lifecycle_error(e))? {
                CreateOutcome::Created(key) => Some(key),
                CreateOutcome::Orphaned(_) => None,
            };
            let rotation = self
                .app()
                .rotations
                .file
                .get(&rotation.id)
                .unwrap_or(rotation);
            return Ok(RotationStarted { rotation, created });
        }
        let held = rotation.new_key.as_ref().and_then(|new| {
            let pending = lifecycle
                .pending()
                .into_iter()
                .find(|p| p.key_id == new.id)?;
            let redacted_value = lifecycle.masked(&pending.reveal_id).ok()?;
            Some(CreatedKey {
                reveal_id: pending.reveal_id,
                key_id: pending.key_id,
                name: pending.name,
                redacted_value,
                created_at: pending.created_at,
                service_account_id: pending.service_account_id,
                project_id: pending.project_id,
            })
        });
        Ok(RotationStarted {
            rotation,
            created: held,
        })
    }
}

/// The policy the new key is minted with: the rotation's own, under a fingerprint that stays
/// the same for every retry of its request.
fn checked_policy(record: &RotationRecord) -> CheckedPolicy {
    CheckedPolicy {
        scopes: record.scopes.clone(),
        expires_in_seconds: record.expires_in_seconds,
        fingerprint: format!("rotation {}", record.id),
    }
}
