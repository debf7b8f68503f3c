//! Key policy: changing an existing key's permissions and expiry, the organization's default
//! policy for new keys, and the hygiene view with its thresholds.

use openai_admin::{ApiKeyId, ProjectId};
use tauri::State;

use crate::dto::{
    HygieneReportDto, HygieneThresholdsDto, KeyPolicyDto, PolicyChangeDto, PolicyUpdatedDto,
};
use crate::error::CommandError;
use crate::AppState;

/// Changes a key's permissions and/or expiry with the API's update endpoint.
#[tauri::command]
pub async fn update_key_policy(
    state: State<'_, AppState>,
    org_id: String,
    project_id: String,
    key_id: String,
    change: PolicyChangeDto,
) -> Result<PolicyUpdatedDto, CommandError> {
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
    org_id: String,
) -> Result<KeyPolicyDto, CommandError> {
    Ok(state.org(org_id).await?.key_policy_default().into())
}

/// Saves the organization's default policy for new keys.
#[tauri::command]
pub async fn set_key_policy_default(
    state: State<'_, AppState>,
    org_id: String,
    policy: KeyPolicyDto,
) -> Result<KeyPolicyDto, CommandError> {
    let org = state.org(org_id).await?;
    Ok(org.set_key_policy_default(policy.into())?.into())
}

/// How many keys each hygiene rule finds in the organization, from the cache.
#[tauri::command]
pub async fn hygiene_report(
    state: State<'_, AppState>,
    org_id: String,
) -> Result<HygieneReportDto, CommandError> {
    let org = state.org(org_id).await?;
    Ok(org.hygiene(chrono::Utc::now()).await?.into())
}

/// Saves the hygiene rules' day counts (for every organization).
#[tauri::command]
pub async fn set_hygiene_thresholds(
    state: State<'_, AppState>,
    thresholds: HygieneThresholdsDto,
) -> Result<HygieneThresholdsDto, CommandError> {
    let keywarden = state.keywarden().await?;
    Ok(keywarden.set_hygiene_thresholds(thresholds.into())?.into())
}
