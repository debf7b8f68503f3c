//! Key policy: changing an existing key's permissions and expiry, the organization's default
//! policy for new keys, and the hygiene view with its thresholds.

use openai_admin::{ApiKeyId, ProjectId};
use tauri::State;

use crate::dto::{
    HygieneReportDto, HygieneThresholdsDto, KeyPolicyDto, PolicyChangeDto, PolicyUpdatedDto,
};
use crate::error::CommandError;
use crate::input::Input;
use crate::AppState;

/// Changes a key's permissions and/or expiry with the API's update endpoint.
#[tauri::command]
pub async fn update_key_policy(
    state: State<'_, AppState>,
    org_id: Input<String>,
    project_id: Input<String>,
    key_id: Input<String>,
    change: Input<PolicyChangeDto>,
) -> Result<PolicyUpdatedDto, CommandError> {
    let (Input(org_id), Input(project_id), Input(key_id), Input(change)) =
        (org_id, project_id, key_id, change);
    let org = state.org(org_id).await?;
    let (project, key) = (ProjectId::from(project_id), ApiKeyId::from(key_id));
    Ok(org
        .update_key_policy(&project, &key, &change.into())
        .await?
        .into())
}

/// The permissions and expiry the create dialog starts with for this organization.
#[tauri::command]
pub async fn key_policy_default(
    state: State<'_, AppState>,
    org_id: Input<String>,
) -> Result<KeyPolicyDto, CommandError> {
    let Input(org_id) = org_id;
    Ok(state.org(org_id).await?.key_policy_default().into())
}

/// Saves the organization's default policy for new keys.
#[tauri::command]
pub async fn set_key_policy_default(
    state: State<'_, AppState>,
    org_id: Input<String>,
    policy: Input<KeyPolicyDto>,
) -> Result<KeyPolicyDto, CommandError> {
    let (Input(org_id), Input(policy)) = (org_id, policy);
    let org = state.org(org_id).await?;
    Ok(org.set_key_policy_default(policy.into())?.into())
}

/// How many keys each hygiene rule finds in the organization, from the cache.
#[tauri::command]
pub async fn hygiene_report(
    state: State<'_, AppState>,
    org_id: Input<String>,
) -> Result<HygieneReportDto, CommandError> {
    let Input(org_id) = org_id;
    let org = state.org(org_id).await?;
    Ok(org.hygiene(chrono::Utc::now()).await?.into())
}

/// Saves the hygiene rules' day counts (for every organization).
#[tauri::command]
pub async fn set_hygiene_thresholds(
    state: State<'_, AppState>,
    thresholds: Input<HygieneThresholdsDto>,
) -> Result<HygieneThresholdsDto, CommandError> {
    let Input(thresholds) = thresholds;
    let keywarden = state.keywarden().await?;
    Ok(keywarden.set_hygiene_thresholds(thresholds.into())?.into())
}
