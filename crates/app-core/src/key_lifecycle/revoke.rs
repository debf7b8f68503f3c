//! Revoking keys, after showing everything the revoke takes with it.
//!
//! A user's key is deleted alone. A service account's key can only be revoked by deleting the
//! account, which deletes every key it owns, so the preview counts those keys and when any of
//! them was last used; a recently used key must be confirmed by typing its name. The revoke
//! re-reads the project and deletes nothing the confirmation does not cover. Something already
//! deleted is an outcome, not an error.

use chrono::Utc;
use openai_admin::{
    ApiKeyId, ApiKeyListParams, Client, Error as ApiError, ErrorKind, ProjectApiKey, ProjectId,
    ServiceAccountId,
};

use super::preview::{owned_by, preview, BlastRadius, RevokePreview, RECENT_USE};
use super::retire::{retire_key, Retired};
use super::LifecycleError;

/// What a revoke did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevokeOutcome {
    /// The key (and, for a service account, the account and its keys) was deleted, or one
    /// key of a service account was made to expire now.
    Revoked(Revoked),
    /// It was already gone; refresh the list.
    AlreadyGone {
        /// The project.
        project_id: ProjectId,
        /// The key or service account id asked for.
        id: String,
    },
}

/// What was deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revoked {
    /// The project.
    pub project_id: ProjectId,
    /// The keys revoked (empty when an orphaned account's keys were not listed).
    pub key_ids: Vec<ApiKeyId>,
    /// The service account deleted, if any.
    pub service_account_id: Option<ServiceAccountId>,
    /// The name of the key (or of the orphaned account).
    pub name: Option<String>,
    /// Whether the key was made to expire now instead of deleted, because the API would not
    /// delete one key of a service account alone: it stops working within a second and stays
    /// listed as expired, its account and other keys untouched.
    pub expired: bool,
}

/// Reads the project's keys and describes what revoking `key_id` would delete.
pub async fn revoke_preview(
    client: &Client,
    project: &ProjectId,
    key_id: &ApiKeyId,
) -> Result<RevokePreview, LifecycleError> {
    let keys = list_keys(client, project).await?;
    preview(&keys, project, key_id, Utc::now()).ok_or_else(|| LifecycleError::KeyGone {
        key_id: key_id.to_string(),
    })
}

/// Revokes `key_id`: deletes a user's key, or a service account's key by deleting the account.
///
/// When the key was used in the last 24 hours, `confirmation` must equal its name, or nothing is
/// deleted.
pub async fn revoke(
    client: &Client,
    project: &ProjectId,
    key_id: &ApiKeyId,
    confirmation: Option<&str>,
) -> Result<RevokeOutcome, LifecycleError> {
    let keys = list_keys(client, project).await?;
    let Some(preview) = preview(&keys, project, key_id, Utc::now()) else {
        return Ok(gone(project, key_id.as_str()));
    };
    let typed = confirmation.map(str::trim);
    if preview.requires_typed_confirmation && typed != Some(preview.confirmation_text.as_str()) {
        return Err(LifecycleError::ConfirmationMismatch {
            expected: preview.confirmation_text,
        });
    }
    let scope = client.project(project);
    let (deleted, key_ids, service_account_id) = match &preview.blast_radius {
        BlastRadius::Key => (
            scope.api_keys().delete(key_id).await.map(drop),
            vec![key_id.clone()],
            None,
        ),
        BlastRadius::ServiceAccount {
            service_account_id, ..
        } => (
            scope
                .service_accounts()
                .delete(service_account_id)
                .await
                .map(drop),
            owned_by(&keys, service_account_id),
            Some(service_account_id.clone()),
        ),
    };
    finish(deleted, project, key_id.as_str()).map(|done| {
        done.unwrap_or(RevokeOutcome::Revoked(Revoked {
            project_id: project.clone(),
            key_ids,
            service_account_id,
            name: preview.key_name,
            expired: false,
        }))
    })
}

/// Takes one key of a service account out of service and leaves the account and its other
/// keys ([`retire_key`]: deleted where the API allows, else made to expire now). The key's own
/// use decides whether `confirmation` must equal its name; a user's key is simply deleted.
pub async fn revoke_alone(
    client: &Client,
    project: &ProjectId,
    key_id: &ApiKeyId,
    confirmation: Option<&str>,
) -> Result<RevokeOutcome, LifecycleError> {
    let keys = list_keys(client, project).await?;
    let Some(key) = keys.iter().find(|k| &k.id == key_id) else {
        return Ok(gone(project, key_id.as_str()));
    };
    let name = key.name.clone().filter(|n| !n.trim().is_empty());
    let label = name.clone().unwrap_or_else(|| key_id.to_string());
    let recent = key
        .last_used_at
        .is_some_and(|at| Utc::now() - at < RECENT_USE);
    if recent && confirmation.map(str::trim) != Some(label.as_str()) {
        return Err(LifecycleError::ConfirmationMismatch { expected: label });
    }
    let retired = retire_key(client, project, key_id, None).await;
    let how = retired.map_err(LifecycleError::from_api)?;
    Ok(retired_alone(project, key_id, name, how))
}

/// What taking one key out of service did, as a revoke's outcome.
fn retired_alone(
    project: &ProjectId,
    key: &ApiKeyId,
    name: Option<String>,
    how: Retired,
) -> RevokeOutcome {
    match how {
        Retired::AlreadyGone => gone(project, key.as_str()),
        how => RevokeOutcome::Revoked(Revoked {
            project_id: project.clone(),
            key_ids: vec![key.clone()],
            service_account_id: None,
            name,
            expired: how == Retired::Expired,
        }),
    }
}

/// Revokes what a create whose secret was lost left (see
/// [`CreateOutcome::Orphaned`](super::CreateOutcome::Orphaned)). A new service account
/// (`key` is `None`) is deleted with every key it owns: it was made for this key alone. An extra
/// key on an existing account is taken out of service alone ([`retire_key`]): the account and
/// its other keys, which may be in use, stay.
pub async fn revoke_orphan(
    client: &Client,
    project: &ProjectId,
    service_account: &ServiceAccountId,
    key: Option<&ApiKeyId>,
) -> Result<RevokeOutcome, LifecycleError> {
    if let Some(key) = key {
        let retired = retire_key(client, project, key, None).await;
        let how = retired.map_err(LifecycleError::from_api)?;
        return Ok(retired_alone(project, key, None, how));
    }
    let deleted = client
        .project(project)
        .service_accounts()
        .delete(service_account)
        .await
        .map(drop);
    finish(deleted, project, service_account.as_str()).map(|done| {
        done.unwrap_or(RevokeOutcome::Revoked(Revoked {
            project_id: project.clone(),
            key_ids: Vec::new(),
            service_account_id: Some(service_account.clone()),
            name: None,
            expired: false,
        }))
    })
}

async fn list_keys(
    client: &Client,
    project: &ProjectId,
) -> Result<Vec<ProjectApiKey>, LifecycleError> {
    client
        .project(project)
        .api_keys()
        .list_all(&ApiKeyListParams::default())
        .await
        .map_err(LifecycleError::from_api)
}

/// `Ok(None)` when deleted, `Ok(Some(AlreadyGone))` on a 404.
fn finish(
    deleted: Result<(), ApiError>,
    project: &ProjectId,
    id: &str,
) -> Result<Option<RevokeOutcome>, LifecycleError> {
    match deleted {
        Ok(()) => Ok(None),
        Err(error) if error.kind() == ErrorKind::NotFound => Ok(Some(gone(project, id))),
        Err(error) => Err(LifecycleError::from_api(error)),
    }
}

fn gone(project: &ProjectId, id: &str) -> RevokeOutcome {
    RevokeOutcome::AlreadyGone {
        project_id: project.clone(),
        id: id.to_owned(),
    }
}
