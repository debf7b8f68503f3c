//! What keys did and cost: reading usage of every kind, a key's usage and spend, its audit
//! timeline, and the organization's spend per project.

use tauri::ipc::Channel;
use tauri::State;

use crate::dto::{KeyInsightDto, KeyTimelineDto, ProgressDto, SpendByProjectDto, UsageReadDto};
use crate::error::CommandError;
use crate::input::Input;
use crate::AppState;

/// Reads the last 30 days of usage of every kind, per key and day, into the cache, telling
/// `on_progress` how many days of the reports are read.
#[tauri::command]
pub async fn refresh_usage(
    state: State<'_, AppState>,
    org_id: Input<String>,
    on_progress: Channel<ProgressDto>,
) -> Result<UsageReadDto, CommandError> {
    let Input(org_id) = org_id;
    let report = |p: openai_admin::Progress| drop(on_progress.send(p.into()));
    Ok(state.org(org_id).await?.refresh_usage(report).await?.into())
}

/// One key's usage per kind and day, and its spend per day, over 7 or 30 days.
#[tauri::command]
pub async fn key_insight(
    state: State<'_, AppState>,
    org_id: Input<String>,
    key_id: Input<String>,
    days: Input<u32>,
) -> Result<KeyInsightDto, CommandError> {
    let (Input(org_id), Input(key_id), Input(days)) = (org_id, key_id, days);
    Ok(state
        .org(org_id)
        .await?
        .key_insight(&key_id, days)
        .await?
        .into())
}

/// The audit-log events about one key and its service account.
#[tauri::command]
pub async fn key_timeline(
    state: State<'_, AppState>,
    org_id: Input<String>,
    key_id: Input<String>,
) -> Result<KeyTimelineDto, CommandError> {
    let (Input(org_id), Input(key_id)) = (org_id, key_id);
    Ok(state.org(org_id).await?.key_timeline(&key_id).await?.into())
}

/// The organization's spend per project and day over 7 or 30 days (the projects that spent
/// most, the rest summed), or one project's with `project_id`.
#[tauri::command]
pub async fn spend_by_project(
    state: State<'_, AppState>,
    org_id: Input<String>,
    days: Input<u32>,
    project_id: Input<Option<String>>,
) -> Result<SpendByProjectDto, CommandError> {
    let (Input(org_id), Input(days), Input(only)) = (org_id, days, project_id);
    let org = state.org(org_id).await?;
    Ok(org.spend_by_project(days, only.as_deref()).await?.into())
}
