//! The key lifecycle: create (idempotent per request id), reveal masked, copy from Rust,
//! acknowledge, revoke after a preview, and the activity log. No command returns a secret.

use openai_admin::{ApiKeyId, ProjectId, ServiceAccountId};
use tauri::{AppHandle, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::dto::{
    AcknowledgedDto, ActivityEntryDto, CopyDeadlineDto, CreateOutcomeDto, KeyPolicyDto, LostKeyDto,
    PendingRevealDto, RevokeOutcomeDto, RevokePreviewDto, ServiceAccountDto,
};
use crate::error::CommandError;
use crate::input::Input;
use crate::AppState;

/// Creates a service account with its first key; the secret stays in Rust.
#[tauri::command]
pub async fn create_key(
    state: State<'_, AppState>,
    org_id: Input<String>,
    project_id: Input<String>,
    name: Input<String>,
    policy: Input<KeyPolicyDto>,
    request_id: Input<String>,
) -> Result<CreateOutcomeDto, CommandError> {
    let (Input(org_id), Input(project_id), Input(name), Input(policy), Input(request_id)) =
        (org_id, project_id, name, policy, request_id);
    let org = state.org(org_id).await?;
    let (project, policy) = (ProjectId::from(project_id), policy.into());
    Ok(org
        .create_key(&project, &name, &policy, &request_id)
        .await?
        .into())
}

/// Adds a key to an existing service account; the secret stays in Rust.
#[tauri::command]
pub async fn add_key_to_service_account(
    state: State<'_, AppState>,
    org_id: Input<String>,
    project_id: Input<String>,
    service_account_id: Input<String>,
    name: Input<String>,
    policy: Input<KeyPolicyDto>,
    request_id: Input<String>,
) -> Result<CreateOutcomeDto, CommandError> {
    let (
        Input(org_id),
        Input(project_id),
        Input(service_account_id),
        Input(name),
        Input(policy),
        Input(request_id),
    ) = (
        org_id,
        project_id,
        service_account_id,
        name,
        policy,
        request_id,
    );
    let org = state.org(org_id).await?;
    let (project, account) = (
        ProjectId::from(project_id),
        ServiceAccountId::from(service_account_id),
    );
    let policy = policy.into();
    let outcome = org
        .add_key_to_service_account(&project, &account, &name, &policy, &request_id)
        .await?;
    Ok(outcome.into())
}

/// The service accounts of a project.
#[tauri::command]
pub async fn list_service_accounts(
    state: State<'_, AppState>,
    org_id: Input<String>,
    project_id: Input<String>,
) -> Result<Vec<ServiceAccountDto>, CommandError> {
    let (Input(org_id), Input(project_id)) = (org_id, project_id);
    let org = state.org(org_id).await?;
    let accounts = org
        .list_service_accounts(&ProjectId::from(project_id))
        .await?;
    Ok(accounts.into_iter().map(ServiceAccountDto::from).collect())
}

/// Copies a new key's secret to the clipboard from Rust; returns when it will be cleared.
#[tauri::command]
pub async fn copy_new_key(
    state: State<'_, AppState>,
    org_id: Input<String>,
    reveal_id: Input<String>,
) -> Result<CopyDeadlineDto, CommandError> {
    let (Input(org_id), Input(reveal_id)) = (org_id, reveal_id);
    let org = state.org(org_id).await?;
    Ok(org.copy_new_key(&reveal_id).await?.into())
}

/// Wipes a new key's secret from memory once the user has stored it; a key never copied is
/// wiped only with `even_if_not_copied` (otherwise the answer is `notCopied`).
#[tauri::command]
pub async fn acknowledge_new_key(
    state: State<'_, AppState>,
    org_id: Input<String>,
    reveal_id: Input<String>,
    even_if_not_copied: Input<bool>,
) -> Result<AcknowledgedDto, CommandError> {
    let (Input(org_id), Input(reveal_id), Input(even_if_not_copied)) =
        (org_id, reveal_id, even_if_not_copied);
    let org = state.org(org_id).await?;
    Ok(org
        .acknowledge_new_key(&reveal_id, even_if_not_copied)?
        .into())
}

/// New keys whose secrets are still held.
#[tauri::command]
pub async fn pending_new_keys(
    state: State<'_, AppState>,
) -> Result<Vec<PendingRevealDto>, CommandError> {
    let pending = state.keywarden().await?.pending_new_keys();
    Ok(pending.into_iter().map(PendingRevealDto::from).collect())
}

/// Keys whose secret was lost because Keywarden closed while they waited to be stored.
#[tauri::command]
pub async fn lost_new_keys(state: State<'_, AppState>) -> Result<Vec<LostKeyDto>, CommandError> {
    let lost = state.keywarden().await?.lost_new_keys();
    Ok(lost.into_iter().map(LostKeyDto::from).collect())
}

/// Forgets a lost key the user decided to keep.
#[tauri::command]
pub async fn dismiss_lost_key(
    state: State<'_, AppState>,
    reveal_id: Input<String>,
) -> Result<bool, CommandError> {
    let Input(reveal_id) = reveal_id;
    Ok(state.keywarden().await?.dismiss_lost_key(&reveal_id)?)
}

/// What revoking a key would delete.
#[tauri::command]
pub async fn revoke_preview(
    state: State<'_, AppState>,
    org_id: Input<String>,
    project_id: Input<String>,
    key_id: Input<String>,
) -> Result<RevokePreviewDto, CommandError> {
    let (Input(org_id), Input(project_id), Input(key_id)) = (org_id, project_id, key_id);
    let org = state.org(org_id).await?;
    let (project, key) = (ProjectId::from(project_id), ApiKeyId::from(key_id));
    Ok(org.revoke_preview(&project, &key).await?.into())
}

/// Revokes a key (a service-account key by deleting its account).
#[tauri::command]
pub async fn revoke_key(
    state: State<'_, AppState>,
    org_id: Input<String>,
    project_id: Input<String>,
    key_id: Input<String>,
    confirmation: Input<Option<String>>,
) -> Result<RevokeOutcomeDto, CommandError> {
    let (Input(org_id), Input(project_id), Input(key_id), Input(confirmation)) =
        (org_id, project_id, key_id, confirmation);
    let org = state.org(org_id).await?;
    let (project, key) = (ProjectId::from(project_id), ApiKeyId::from(key_id));
    let typed = confirmation.as_deref();
    Ok(org.revoke_key(&project, &key, typed).await?.into())
}

/// Takes one key of a service account out of service, leaving the account and its other keys.
#[tauri::command]
pub async fn revoke_key_alone(
    state: State<'_, AppState>,
    org_id: Input<String>,
    project_id: Input<String>,
    key_id: Input<String>,
    confirmation: Input<Option<String>>,
) -> Result<RevokeOutcomeDto, CommandError> {
    let (Input(org_id), Input(project_id), Input(key_id), Input(typed)) =
        (org_id, project_id, key_id, confirmation);
    let (project, key) = (ProjectId::from(project_id), ApiKeyId::from(key_id));
    let org = state.org(org_id).await?;
    Ok(org
        .revoke_key_alone(&project, &key, typed.as_deref())
        .await?
        .into())
}

/// Revokes what a create whose secret was lost left: the new service account, or with `key_id`
/// only that extra key on an existing account.
#[tauri::command]
pub async fn revoke_orphan(
    state: State<'_, AppState>,
    org_id: Input<String>,
    project_id: Input<String>,
    service_account_id: Input<String>,
    key_id: Input<Option<String>>,
) -> Result<RevokeOutcomeDto, CommandError> {
    let (Input(org_id), Input(project_id), Input(account), Input(key)) =
        (org_id, project_id, service_account_id, key_id);
    let org = state.org(org_id).await?;
    let (project, account) = (ProjectId::from(project_id), ServiceAccountId::from(account));
    let key = key.map(ApiKeyId::from);
    Ok(org
        .revoke_orphan(&project, &account, key.as_ref())
        .await?
        .into())
}

/// The organization's activity, newest first.
#[tauri::command]
pub async fn list_activity(
    state: State<'_, AppState>,
    org_id: Input<String>,
) -> Result<Vec<ActivityEntryDto>, CommandError> {
    let Input(org_id) = org_id;
    let entries = state.org(org_id).await?.activity();
    Ok(entries.into_iter().map(ActivityEntryDto::from).collect())
}

/// Copies a non-secret text (an id, a redacted value) through the clipboard plugin's Rust API
/// (the webview itself has no clipboard permission).
#[tauri::command]
pub async fn copy_text(app: AppHandle, text: Input<String>) -> Result<(), CommandError> {
    let Input(text) = text;
    app_core::clipboard::check_copyable(&text)?;
    app.clipboard()
        .write_text(text)
        .map_err(CommandError::clipboard)
}
