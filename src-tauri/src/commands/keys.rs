//! The key lifecycle: create (idempotent per request id), reveal masked, copy from Rust,
//! acknowledge, revoke after a preview, and the activity log. No command returns a secret.

use app_core::OrgId;
use openai_admin::{ApiKeyId, ProjectId, ServiceAccountId};
use tauri::State;

use crate::dto::{
    Acknowledged, ActivityEntry, CopyDeadline, CreateOutcomeDto, KeyCostsDto, LostKey,
    PendingReveal, RevokeOutcome, RevokePreview, ServiceAccountDto,
};
use crate::error::CommandError;
use crate::AppState;

fn masked_outcome(
    state: &AppState,
    outcome: app_core::key_lifecycle::CreateOutcome,
) -> Result<CreateOutcomeDto, CommandError> {
    let masked = match &outcome {
        app_core::key_lifecycle::CreateOutcome::Created(key) => {
            state.keywarden.masked_new_key(&key.reveal_id.to_string())?
        }
        app_core::key_lifecycle::CreateOutcome::Orphaned(_) => String::new(),
    };
    Ok(CreateOutcomeDto::new(outcome, masked))
}

/// Creates a service account with its first key; the secret stays in Rust.
#[tauri::command]
pub async fn create_key(
    state: State<'_, AppState>,
    org_id: String,
    project_id: String,
    name: String,
    request_id: String,
) -> Result<CreateOutcomeDto, CommandError> {
    let (org, project) = (OrgId::new(org_id), ProjectId::from(project_id));
    let outcome = state
        .keywarden
        .create_key(&org, &project, &name, &request_id)
        .await?;
    masked_outcome(&state, outcome)
}

/// Adds a key to an existing service account; the secret stays in Rust.
#[tauri::command]
pub async fn add_key_to_service_account(
    state: State<'_, AppState>,
    org_id: String,
    project_id: String,
    service_account_id: String,
    name: String,
    request_id: String,
) -> Result<CreateOutcomeDto, CommandError> {
    let (org, project) = (OrgId::new(org_id), ProjectId::from(project_id));
    let account = ServiceAccountId::from(service_account_id);
    let outcome = state
        .keywarden
        .add_key_to_service_account(&org, &project, &account, &name, &request_id)
        .await?;
    masked_outcome(&state, outcome)
}

/// The service accounts of a project.
#[tauri::command]
pub async fn list_service_accounts(
    state: State<'_, AppState>,
    org_id: String,
    project_id: String,
) -> Result<Vec<ServiceAccountDto>, CommandError> {
    let (org, project) = (OrgId::new(org_id), ProjectId::from(project_id));
    let accounts = state
        .keywarden
        .list_service_accounts(&org, &project)
        .await?;
    Ok(accounts.into_iter().map(ServiceAccountDto::from).collect())
}

/// Copies a new key's secret to the clipboard from Rust; returns when it will be cleared.
#[tauri::command]
pub async fn copy_new_key(
    state: State<'_, AppState>,
    org_id: String,
    reveal_id: String,
) -> Result<CopyDeadline, CommandError> {
    Ok(state
        .keywarden
        .copy_new_key(&OrgId::new(org_id), &reveal_id)
        .await?)
}

/// Wipes a new key's secret from memory once the user has stored it; a key never copied is
/// wiped only with `even_if_not_copied` (otherwise the answer is `notCopied`).
#[tauri::command]
pub fn acknowledge_new_key(
    state: State<'_, AppState>,
    org_id: String,
    reveal_id: String,
    even_if_not_copied: bool,
) -> Result<Acknowledged, CommandError> {
    let org = OrgId::new(org_id);
    Ok(state
        .keywarden
        .acknowledge_new_key(&org, &reveal_id, even_if_not_copied)?)
}

/// New keys whose secrets are still held.
#[tauri::command]
pub fn pending_new_keys(state: State<'_, AppState>) -> Vec<PendingReveal> {
    state.keywarden.pending_new_keys()
}

/// Keys whose secret was lost because Keywarden closed while they waited to be stored.
#[tauri::command]
pub fn lost_new_keys(state: State<'_, AppState>) -> Vec<LostKey> {
    state.keywarden.lost_new_keys()
}

/// Forgets a lost key the user decided to keep.
#[tauri::command]
pub fn dismiss_lost_key(
    state: State<'_, AppState>,
    reveal_id: String,
) -> Result<bool, CommandError> {
    Ok(state.keywarden.dismiss_lost_key(&reveal_id)?)
}

/// What revoking a key would delete.
#[tauri::command]
pub async fn revoke_preview(
    state: State<'_, AppState>,
    org_id: String,
    project_id: String,
    key_id: String,
) -> Result<RevokePreview, CommandError> {
    let (org, project, key) = (
        OrgId::new(org_id),
        ProjectId::from(project_id),
        ApiKeyId::from(key_id),
    );
    Ok(state.keywarden.revoke_preview(&org, &project, &key).await?)
}

/// Revokes a key (a service-account key by deleting its account).
#[tauri::command]
pub async fn revoke_key(
    state: State<'_, AppState>,
    org_id: String,
    project_id: String,
    key_id: String,
    confirmation: Option<String>,
) -> Result<RevokeOutcome, CommandError> {
    let (org, project, key) = (
        OrgId::new(org_id),
        ProjectId::from(project_id),
        ApiKeyId::from(key_id),
    );
    let typed = confirmation.as_deref();
    Ok(state
        .keywarden
        .revoke_key(&org, &project, &key, typed)
        .await?)
}

/// Deletes a service account whose new key's secret was lost.
#[tauri::command]
pub async fn revoke_orphan(
    state: State<'_, AppState>,
    org_id: String,
    project_id: String,
    service_account_id: String,
) -> Result<RevokeOutcome, CommandError> {
    let (org, project) = (OrgId::new(org_id), ProjectId::from(project_id));
    let account = ServiceAccountId::from(service_account_id);
    Ok(state
        .keywarden
        .revoke_orphan(&org, &project, &account)
        .await?)
}

/// The organization's activity, newest first.
#[tauri::command]
pub fn list_activity(
    state: State<'_, AppState>,
    org_id: String,
) -> Result<Vec<ActivityEntry>, CommandError> {
    Ok(state.keywarden.activity(&OrgId::new(org_id))?)
}

/// Copies a non-secret text (an id, a redacted value) to the clipboard.
#[tauri::command]
pub fn copy_text(state: State<'_, AppState>, text: String) -> Result<(), CommandError> {
    Ok(state.keywarden.copy_text(&text)?)
}

/// What each key of the organization cost over the last `days` days.
#[tauri::command]
pub async fn key_costs(
    state: State<'_, AppState>,
    org_id: String,
    days: u32,
) -> Result<KeyCostsDto, CommandError> {
    Ok(state
        .keywarden
        .key_costs(&OrgId::new(org_id), days)
        .await?
        .into())
}
