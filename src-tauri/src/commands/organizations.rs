//! Organizations: add (key from the clipboard or environment), re-key, rename, remove,
//! refresh the inventory with progress, and the admin key's health and rotation.

use app_core::{KeySource, NewOrganization, OrgId};
use serde::Deserialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::dto::{
    AdminKeyAcceptedDto, AdminKeyHealthDto, InventoryDto, KeySourcesDto, OrganizationDto,
    ProgressDto, RotationDto,
};
use crate::error::CommandError;
use crate::AppState;

/// Where Rust should read a new admin key. The key itself never crosses IPC.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum KeySourceArg {
    /// The system clipboard.
    Clipboard,
    /// `OPENAI_ADMIN_KEY`.
    Environment,
}

impl From<KeySourceArg> for KeySource {
    fn from(arg: KeySourceArg) -> Self {
        match arg {
            KeySourceArg::Clipboard => KeySource::Clipboard,
            KeySourceArg::Environment => KeySource::Environment,
        }
    }
}

/// Problems found at start (e.g. an unreadable settings file that was set aside).
#[tauri::command]
pub fn startup_notices(state: State<'_, AppState>) -> Vec<String> {
    state.keywarden.startup_notices().to_vec()
}

/// Which key sources besides the clipboard are available.
#[tauri::command]
pub fn key_sources(state: State<'_, AppState>) -> KeySourcesDto {
    KeySourcesDto {
        environment: state.keywarden.environment_key_available(),
    }
}

/// Adds an organization; Rust reads, checks, validates and stores its admin key.
#[tauri::command]
pub async fn add_organization(
    state: State<'_, AppState>,
    label: String,
    base_url: Option<String>,
    source: KeySourceArg,
) -> Result<AdminKeyAcceptedDto, CommandError> {
    let new = NewOrganization {
        label,
        base_url,
        source: source.into(),
    };
    Ok(state.keywarden.add_organization(new).await?.into())
}

/// Replaces an organization's missing or revoked admin key.
#[tauri::command]
pub async fn replace_admin_key(
    state: State<'_, AppState>,
    org_id: String,
    source: KeySourceArg,
) -> Result<AdminKeyAcceptedDto, CommandError> {
    let accepted = state
        .keywarden
        .replace_admin_key(&OrgId::new(org_id), source.into())
        .await?;
    Ok(accepted.into())
}

/// Renames an organization.
#[tauri::command]
pub fn rename_organization(
    state: State<'_, AppState>,
    org_id: String,
    label: String,
) -> Result<OrganizationDto, CommandError> {
    Ok(state
        .keywarden
        .rename_organization(&OrgId::new(org_id), &label)?
        .into())
}

/// Removes an organization and its keychain entry.
#[tauri::command]
pub fn remove_organization(state: State<'_, AppState>, org_id: String) -> Result<(), CommandError> {
    Ok(state.keywarden.remove_organization(&OrgId::new(org_id))?)
}

/// The cached inventory, if the organization was refreshed before.
#[tauri::command]
pub fn get_inventory(
    state: State<'_, AppState>,
    org_id: String,
) -> Result<Option<InventoryDto>, CommandError> {
    let cached = state.keywarden.cached_inventory(&OrgId::new(org_id))?;
    Ok(cached.as_deref().map(InventoryDto::from))
}

/// Fetches the whole inventory, sending progress over `on_progress`.
#[tauri::command]
pub async fn refresh_inventory(
    state: State<'_, AppState>,
    org_id: String,
    on_progress: Channel<ProgressDto>,
) -> Result<InventoryDto, CommandError> {
    let report = |p: openai_admin::Progress| {
        let _ = on_progress.send(ProgressDto {
            done: p.done,
            total: p.total,
        });
    };
    let cached = state
        .keywarden
        .refresh_inventory(&OrgId::new(org_id), report)
        .await?;
    Ok(InventoryDto::from(cached.as_ref()))
}

/// The admin key's own metadata and warnings.
#[tauri::command]
pub async fn admin_key_health(
    state: State<'_, AppState>,
    org_id: String,
) -> Result<AdminKeyHealthDto, CommandError> {
    Ok(state
        .keywarden
        .admin_key_health(&OrgId::new(org_id))
        .await?
        .into())
}

/// Mints a new admin key, verifies and stores it, then revokes the old one.
#[tauri::command]
pub async fn rotate_admin_key(
    state: State<'_, AppState>,
    org_id: String,
    name: String,
    expires_in_days: Option<u32>,
) -> Result<RotationDto, CommandError> {
    let org = OrgId::new(org_id);
    Ok(state
        .keywarden
        .rotate_admin_key(&org, &name, expires_in_days)
        .await?
        .into())
}

/// Stops a running refresh; returns whether one was running.
#[tauri::command]
pub fn cancel_refresh(state: State<'_, AppState>, org_id: String) -> bool {
    state.keywarden.cancel_refresh(&OrgId::new(org_id))
}
