//! Browsing: the organizations and an organization's projects.

use tauri::State;

use crate::dto::{OrganizationDto, ProjectDto};
use crate::error::CommandError;
use crate::AppState;

/// The organizations in sidebar order, once Keywarden has started.
#[tauri::command]
pub async fn list_organizations(
    state: State<'_, AppState>,
) -> Result<Vec<OrganizationDto>, CommandError> {
    let orgs = state.keywarden().await?.list_organizations();
    Ok(orgs.into_iter().map(OrganizationDto::from).collect())
}

/// Every project of an organization, archived ones included, from the Admin API.
#[tauri::command]
pub async fn list_projects(
    state: State<'_, AppState>,
    org_id: String,
) -> Result<Vec<ProjectDto>, CommandError> {
    let projects = state.org(org_id).await?.list_projects().await?;
    Ok(projects.into_iter().map(ProjectDto::from).collect())
}
