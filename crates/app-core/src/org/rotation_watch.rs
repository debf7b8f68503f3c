//! A rotation after its mint: its status (each look is `rotation_look`'s), finishing by taking
//! the old key out of service, and abandoning by taking the new one out instead.
//!
//! Every step can fail without leaving two unknown keys or a revoked key in use: a step that
//! fails keeps the rotation where it was, with the error; the old key is revoked only once the
//! new one has been used (or the user typed the old key's name); an abandon is refused once the
//! old key is gone; a finish is refused once the new key is gone. A key revoked outside
//! Keywarden is noticed at the next look: the old one completes the rotation, the new one (or
//! its whole service account) leaves abandoning as the only way on.

use chrono::Utc;
use openai_admin::ProjectId;

use super::rotation_look::observe;
use super::{Org, OrgApi};
use crate::key_lifecycle::{retire_key, ActivityAction, ActivityEntry, Retired};
use crate::key_rotation::{
    Claim, KeyState, Observed, RotatedKey, RotationId, RotationPhase, RotationRecord,
    RotationStatus,
};
use crate::Error;

impl Org {
    /// Looks at both keys of a rotation and says where it stands. A rotation whose old key was
    /// revoked elsewhere completes; one a previous run left while minting finds its new key (or
    /// finds that none was made).
    pub async fn key_rotation_status(&self, rotation: &str) -> Result<RotationStatus, Error> {
        let record = self.rotation(rotation)?;
        let api = self.api()?;
        match self.app().rotations.running.claim(record.id) {
            Some(claim) => self.settle(&api, record, &claim).await,
            // Another step is under way: look, change nothing.
            None => {
                let observed = observe(&api, &record).await?;
                Ok(RotationStatus::assess(record, &observed, Utc::now()))
            }
        }
    }

    /// Finishes a rotation: takes the old key out of service once the new key has been used,
    /// or when `confirmation` is the old key's name. Refused when the new key is gone.
    pub async fn finish_key_rotation(
        &self,
        rotation: &str,
        confirmation: Option<&str>,
    ) -> Result<RotationStatus, Error> {
        let (api, claim, record) = self.claim_rotation(rotation)?;
        let status = self.settle(&api, record, &claim).await?;
        let mut record = status.rotation.clone();
        let (old, new) = (record.old_key.clone(), record.new_key_name.clone());
        match (record.phase, status.new_key.as_ref().map(|k| k.state)) {
            (RotationPhase::Watching, Some(KeyState::Gone)) => {
                return Err(Error::NotFound(format!(
                    "the new key “{new}” no longer exists (it was revoked outside Keywarden), \
                     so the old key “{}” was kept; abandon this rotation, then rotate again if \
                     you still want a new key (nothing was revoked)",
                    old.name
                )))
            }
            (RotationPhase::Watching, _) => {}
            (RotationPhase::Minting, _) => return Err(still_minting()),
            _ => return Ok(status),
        }
        if record.secret_lost {
            return Err(Error::InvalidInput(format!(
                "nobody has the new key “{new}” (its secret was lost), so revoking the old key \
                 would leave nothing that works; abandon the rotation instead (nothing was \
                 revoked)"
            )));
        }
        let typed = confirmation.map(str::trim);
        if !status.new_key_used && typed != Some(old.name.trim()) {
            return Err(Error::InvalidInput(format!(
                "OpenAI has not reported the new key “{new}” used yet, so revoking the old key \
                 could break whatever still uses it. To revoke “{}” anyway, type its name \
                 exactly (nothing was revoked)",
                old.name
            )));
        }
        let retired = retire_key(&api.client, &record.project_id, &old.id, status.server_now);
        match retired.await {
            Ok(how) => {
                let note = format!(
                    "The rotation is complete: “{new}” is the key to use. {}",
                    how.sentence("old", &old.name)
                );
                record.end(RotationPhase::Completed, note)?;
                self.keep_rotation(&record);
                self.note_retired(&record.project_id, &old, how).await;
                Ok(ended(status, record, Retiring::Old(how)))
            }
            Err(error) => {
                let error = api.error(error);
                let message = format!(
                    "the old key “{}” could not be revoked ({error}); nothing changed and the \
                     rotation is still being watched, so try again",
                    old.name
                );
                record.last_error = Some(message.clone());
                self.keep_rotation(&record);
                Err(Error::KeyChangeFailed(message))
            }
        }
    }

    /// Abandons a rotation: takes the new key out of service and keeps the old one. Refused once
    /// the old key is gone (the rotation is then complete); a new key already gone only closes
    /// the rotation.
    pub async fn abandon_key_rotation(&self, rotation: &str) -> Result<RotationStatus, Error> {
        let (api, claim, record) = self.claim_rotation(rotation)?;
        let status = self.settle(&api, record, &claim).await?;
        let mut record = status.rotation.clone();
        let old = record.old_key.name.clone();
        match record.phase {
            RotationPhase::Watching => {}
            RotationPhase::Minting => return Err(still_minting()),
            RotationPhase::Completed => {
                return Err(Error::InvalidInput(format!(
                    "the old key “{old}” was already revoked, so this rotation is complete and \
                     the new key “{}” is the one to keep (nothing was revoked)",
                    record.new_key_name
                )))
            }
            RotationPhase::Abandoned | RotationPhase::Failed => return Ok(status),
        }
        let new = match (&record.new_key, &status.new_key) {
            (Some(new), Some(seen)) if seen.state != KeyState::Gone => new.clone(),
            _ => {
                let kept = match status.old_key.state {
                    KeyState::Gone => format!("The old key “{old}” is gone too."),
                    _ => format!("The old key “{old}” was kept."),
                };
                let note = format!(
                    "The rotation was closed: the new key “{}” was already gone. {kept}",
                    record.new_key_name
                );
                record.end(RotationPhase::Abandoned, note)?;
                self.keep_rotation(&record);
                return Ok(ended(status, record, Retiring::Neither));
            }
        };
        let retired = retire_key(&api.client, &record.project_id, &new.id, status.server_now);
        match retired.await {
            Ok(how) => {
                let note = format!(
                    "The rotation was abandoned: the old key “{old}” was kept and still works. \
                     {}",
                    how.sentence("new", &new.name)
                );
                record.end(RotationPhase::Abandoned, note)?;
                self.keep_rotation(&record);
                self.note_retired(&record.project_id, &new, how).await;
                Ok(ended(status, record, Retiring::New(how)))
            }
            Err(error) => {
                let error = api.error(error);
                let message = format!(
                    "the new key “{}” could not be revoked ({error}); the rotation is still \
                     being watched and the old key “{old}” still works, so try again",
                    new.name
                );
                record.last_error = Some(message.clone());
                self.keep_rotation(&record);
                Err(Error::KeyChangeFailed(message))
            }
        }
    }

    /// Records a key taken out of service: the activity, the reveal journal and vault (its
    /// secret no longer matters), and the project's cached keys.
    pub(super) async fn note_retired(&self, project: &ProjectId, key: &RotatedKey, how: Retired) {
        self.record_activity(|log| {
            log.record(ActivityEntry {
                at: Utc::now(),
                action: match how {
                    Retired::AlreadyGone => ActivityAction::AlreadyGone,
                    _ => ActivityAction::Revoked,
                },
                project_id: project.clone(),
                key_id: Some(key.id.clone()),
                service_account_id: None,
                name: Some(key.name.clone()),
                stored_in: None,
            })
        });
        let lifecycle = &self.app().lifecycle;
        for held in lifecycle
            .pending()
            .into_iter()
            .filter(|p| p.key_id == key.id)
        {
            lifecycle.acknowledge(&held.reveal_id);
        }
        let cleared = self
            .app()
            .journal
            .clear_revoked(std::slice::from_ref(&key.id), None);
        if let Err(error) = cleared {
            tracing::warn!(%error, "could not update the reveal journal");
        }
        self.relist_keys(project).await;
    }

    /// The rotation `id` of this organization, if it is in progress.
    fn rotation(&self, id: &str) -> Result<RotationRecord, Error> {
        let id: RotationId = id.parse()?;
        let found = self.app().rotations.file.get(&id);
        found.filter(|r| &r.org_id == self.id()).ok_or_else(|| {
            Error::NotFound(
                "no key rotation with that id is in progress: it finished, was abandoned, or \
                 belonged to an organization that was removed"
                    .into(),
            )
        })
    }

    /// The client, the rotation `id`, and the right to change it (refused while another step
    /// of it is under way).
    fn claim_rotation(&self, id: &str) -> Result<(OrgApi, Claim, RotationRecord), Error> {
        let record = self.rotation(id)?;
        let api = self.api()?;
        let claim = self
            .app()
            .rotations
            .running
            .claim(record.id)
            .ok_or_else(|| {
                Error::InvalidInput(
                    "another step of this rotation is under way; wait for it to finish (nothing \
                 was changed)"
                        .into(),
                )
            })?;
        Ok((api, claim, record))
    }
}

/// Where a rotation cannot go on until its mint is over.
fn still_minting() -> Error {
    Error::InvalidInput(
        "the new key is still being created; wait a moment and try again (nothing was changed)"
            .into(),
    )
}

/// Which key a step took out of service, and how.
enum Retiring {
    Old(Retired),
    New(Retired),
    Neither,
}

/// The status after a rotation ended, with its closing note; the key the step took out of
/// service shows as expired or gone.
fn ended(status: RotationStatus, record: RotationRecord, retiring: Retiring) -> RotationStatus {
    let mut closed = RotationStatus::assess(record, &Observed::default(), Utc::now());
    closed.old_key = status.old_key;
    closed.new_key = status.new_key;
    closed.server_now = status.server_now;
    closed.new_key_used = status.new_key_used;
    let (seen, how) = match retiring {
        Retiring::Old(how) => (Some(&mut closed.old_key), how),
        Retiring::New(how) => (closed.new_key.as_mut(), how),
        Retiring::Neither => return closed,
    };
    if let Some(seen) = seen {
        seen.state = match how {
            Retired::Expired => KeyState::Expired,
            Retired::Deleted | Retired::AlreadyGone => KeyState::Gone,
        };
    }
    closed
}
