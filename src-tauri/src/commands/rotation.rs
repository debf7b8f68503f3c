//! Rotating a service-account key: the plan, the start (its new key revealed through the usual
//! reveal commands), watching both keys, finishing (revoking the old key), abandoning (revoking
//! the new one) and the rotations in progress. No command returns a secret.

use openai_admin::{ApiKeyId, ProjectId};
use tauri::State;

use crate::dto::{
    KeyRotationInProgressDto, KeyRotationPlanDto, KeyRotationStartedDto, KeyRotationStatusDto,
};
use crate::error::CommandError;
use crate::input::Input;
use crate::AppState;

/// What rotating a key would do: the new key's name, permissions and lifetime.
#[tauri::command]
pub async fn plan_key_rotation(
    state: State<'_, AppState>,
    org_id: Input<String>,
    project_id: Input<String>,
    key_id: Input<String>,
) -> Result<KeyRotationPlanDto, CommandError> {
    let (Input(org_id), Input(project_id), Input(key_id)) = (org_id, project_id, key_id);
    let org = state.org(org_id).await?;
    let (project, key) = (ProjectId::from(project_id), ApiKeyId::from(key_id));
    Ok(org.plan_key_rotation(&project, &key).await?.into())
}

/// Starts rotating a key: mints its successor once per request id and holds its secret.
#[tauri::command]
pub async fn start_key_rotation(
    state: State<'_, AppState>,
    org_id: Input<String>,
    project_id: Input<String>,
    key_id: Input<String>,
    request_id: Input<String>,
) -> Result<KeyRotationStartedDto, CommandError> {
    let (Input(org_id), Input(project_id), Input(key_id), Input(request_id)) =
        (org_id, project_id, key_id, request_id);
    let org = state.org(org_id).await?;
    let (project, key) = (ProjectId::from(project_id), ApiKeyId::from(key_id));
    Ok(org
        .start_key_rotation(&project, &key, &request_id)
        .await?
        .into())
}

/// Looks at both keys of a rotation and says where it stands.
#[tauri::command]
pub async fn key_rotation_status(
    state: State<'_, AppState>,
    org_id: Input<String>,
    rotation_id: Input<String>,
) -> Result<KeyRotationStatusDto, CommandError> {
    let (Input(org_id), Input(rotation_id)) = (org_id, rotation_id);
    let org = state.org(org_id).await?;
    Ok(org.key_rotation_status(&rotation_id).await?.into())
}

/// Revokes the old key once the new one is used, or with its name typed as `confirmation`.
#[tauri::command]
pub async fn finish_key_rotation(
    state: State<'_, AppState>,
    org_id: Input<String>,
    rotation_id: Input<String>,
    confirmation: Input<Option<String>>,
) -> Result<KeyRotationStatusDto, CommandError> {
    let (Input(org_id), Input(rotation_id), Input(confirmation)) =
        (org_id, rotation_id, confirmation);
    let org = state.org(org_id).await?;
    let typed = confirmation.as_deref();
    Ok(org.finish_key_rotation(&rotation_id, typed).await?.into())
}

/// Abandons a rotation: revokes the new key and keeps the old one.
#[tauri::command]
pub async fn abandon_key_rotation(
    state: State<'_, AppState>,
    org_id: Input<String>,
    rotation_id: Input<String>,
) -> Result<KeyRotationStatusDto, CommandError> {
    let (Input(org_id), Input(rotation_id)) = (org_id, rotation_id);
    let org = state.org(org_id).await?;
    Ok(org.abandon_key_rotation(&rotation_id).await?.into())
}

/// The key rotations in progress in every organization.
#[tauri::command]
pub async fn list_key_rotations(
    state: State<'_, AppState>,
) -> Result<Vec<KeyRotationInProgressDto>, CommandError> {
    let rotations = state.keywarden().await?.key_rotations();
    Ok(rotations.into_iter().map(Into::into).collect())
}
