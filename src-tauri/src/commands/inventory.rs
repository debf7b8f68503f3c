//! An organization's inventory: its status, pages of projects and keys, refreshing it with
//! progress, and cancelling. No response carries the whole inventory; the window asks for pages.

use tauri::ipc::Channel;
use tauri::State;

use crate::dto::{
    InventoryStatusDto, KeyPageDto, KeyQueryDto, ProgressDto, ProjectPageDto, ProjectQueryDto,
};
use crate::error::CommandError;
use crate::input::Input;
use crate::AppState;

/// What the window shows about the inventory before it asks for a page.
#[tauri::command]
pub async fn inventory_status(
    state: State<'_, AppState>,
    org_id: Input<String>,
) -> Result<InventoryStatusDto, CommandError> {
    let Input(org_id) = org_id;
    Ok(state.org(org_id).await?.inventory_status().await?.into())
}

/// One page of the organization's projects, from the cache.
#[tauri::command]
pub async fn query_projects(
    state: State<'_, AppState>,
    org_id: Input<String>,
    query: Input<ProjectQueryDto>,
) -> Result<ProjectPageDto, CommandError> {
    let (Input(org_id), Input(query)) = (org_id, query);
    let org = state.org(org_id).await?;
    Ok(org.query_projects(query.try_into()?).await?.into())
}

/// One page of the organization's keys, from the cache.
#[tauri::command]
pub async fn query_keys(
    state: State<'_, AppState>,
    org_id: Input<String>,
    query: Input<KeyQueryDto>,
) -> Result<KeyPageDto, CommandError> {
    let (Input(org_id), Input(query)) = (org_id, query);
    let (org, usage_days) = (state.org(org_id).await?, query.usage_days);
    let query = crate::dto::key_query(&org, query)?;
    Ok(org.query_keys_with_usage(query, usage_days).await?.into())
}

/// Fetches the whole inventory into the cache, sending progress over `on_progress`.
#[tauri::command]
pub async fn refresh_inventory(
    state: State<'_, AppState>,
    org_id: Input<String>,
    on_progress: Channel<ProgressDto>,
) -> Result<InventoryStatusDto, CommandError> {
    let Input(org_id) = org_id;
    let report = |p: openai_admin::Progress| drop(on_progress.send(p.into()));
    let org = state.org(org_id).await?;
    Ok(org.refresh_inventory(report).await?.into())
}

/// Stops a running refresh; returns whether one was running.
#[tauri::command]
pub async fn cancel_refresh(
    state: State<'_, AppState>,
    org_id: Input<String>,
) -> Result<bool, CommandError> {
    let Input(org_id) = org_id;
    Ok(state.org(org_id).await?.cancel_refresh())
}
