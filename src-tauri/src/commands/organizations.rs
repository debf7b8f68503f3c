//! Organizations: list, add (key from the clipboard or environment), re-key, rename, remove,
//! and the admin key's health and rotation.

use app_core::{NewOrganization, OrgId};
use tauri::State;

use crate::dto::{
    AdminKeyAcceptedDto, AdminKeyHealthDto, KeySourceDto, KeySourcesDto, OrganizationDto,
    RotationDto,
};
use crate::error::CommandError;
use crate::input::Input;
use crate::AppState;

/// The organizations in sidebar order, once Keywarden has started.
#[tauri::command]
pub async fn list_organizations(
    state: State<'_, AppState>,
) -> Result<Vec<OrganizationDto>, CommandError> {
    let orgs = state.keywarden().await?.list_organizations();
    Ok(orgs.into_iter().map(OrganizationDto::from).collect())
}

/// Problems found at start (e.g. an unreadable settings file that was set aside).
#[tauri::command]
pub async fn startup_notices(state: State<'_, AppState>) -> Result<Vec<String>, CommandError> {
    Ok(state.keywarden().await?.startup_notices().to_vec())
}

/// Which key sources besides the clipboard are available.
#[tauri::command]
pub async fn key_sources(state: State<'_, AppState>) -> Result<KeySourcesDto, CommandError> {
    let environment = state.keywarden().await?.environment_key_available();
    Ok(KeySourcesDto { environment })
}

/// Adds an organization; Rust reads, checks, validates and stores its admin key.
#[tauri::command]
pub async fn add_organization(
    state: State<'_, AppState>,
    label: Input<String>,
    base_url: Input<Option<String>>,
    source: Input<KeySourceDto>,
) -> Result<AdminKeyAcceptedDto, CommandError> {
    let (Input(label), Input(base_url), Input(source)) = (label, base_url, source);
    let new = NewOrganization {
        label,
        base_url,
        source: source.into(),
    };
    Ok(state.keywarden().await?.add_organization(new).await?.into())
}

/// Replaces an organization's missing or revoked admin key.
#[tauri::command]
pub async fn replace_admin_key(
    state: State<'_, AppState>,
    org_id: Input<String>,
    source: Input<KeySourceDto>,
) -> Result<AdminKeyAcceptedDto, CommandError> {
    let (Input(org_id), Input(source)) = (org_id, source);
    let keywarden = state.keywarden().await?;
    let accepted = keywarden
        .replace_admin_key(&OrgId::new(org_id), source.into())
        .await?;
    Ok(accepted.into())
}

/// Renames an organization.
#[tauri::command]
pub async fn rename_organization(
    state: State<'_, AppState>,
    org_id: Input<String>,
    label: Input<String>,
) -> Result<OrganizationDto, CommandError> {
    let (Input(org_id), Input(label)) = (org_id, label);
    let keywarden = state.keywarden().await?;
    Ok(keywarden
        .rename_organization(&OrgId::new(org_id), &label)?
        .into())
}

/// Removes an organization, its keychain entry and its inventory cache.
#[tauri::command]
pub async fn remove_organization(
    state: State<'_, AppState>,
    org_id: Input<String>,
) -> Result<(), CommandError> {
    let Input(org_id) = org_id;
    let keywarden = state.keywarden().await?;
    Ok(keywarden.remove_organization(&OrgId::new(org_id)).await?)
}

/// The admin key's own metadata and warnings.
#[tauri::command]
pub async fn admin_key_health(
    state: State<'_, AppState>,
    org_id: Input<String>,
) -> Result<AdminKeyHealthDto, CommandError> {
    let Input(org_id) = org_id;
    Ok(state.org(org_id).await?.admin_key_health().await?.into())
}

/// Mints a new admin key, verifies and stores it, then revokes the old one.
#[tauri::command]
pub async fn rotate_admin_key(
    state: State<'_, AppState>,
    org_id: Input<String>,
    name: Input<String>,
    expires_in_days: Input<Option<u32>>,
) -> Result<RotationDto, CommandError> {
    let (Input(org_id), Input(name), Input(expires_in_days)) = (org_id, name, expires_in_days);
    let org = state.org(org_id).await?;
    Ok(org.rotate_admin_key(&name, expires_in_days).await?.into())
}
