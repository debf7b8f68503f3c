//! Browsing: organizations, projects and keys.

use app_core::OrgId;
use openai_admin::ProjectId;
use tauri::State;

use crate::dto::{KeyDto, OrganizationDto, ProjectDto};
use crate::error::CommandError;
use crate::AppState;

/// The organizations in sidebar order.
#[tauri::command]
pub fn list_organizations(state: State<'_, AppState>) -> Vec<OrganizationDto> {
    let orgs = state.keywarden.list_organizations();
    orgs.into_iter().map(OrganizationDto::from).collect()
}

/// Every project of an organization, archived ones included.
#[tauri::command]
pub async fn list_projects(
    state: State<'_, AppState>,
    org_id: String,
) -> Result<Vec<ProjectDto>, CommandError> {
    let projects = state.keywarden.list_projects(&OrgId::new(org_id)).await?;
    Ok(projects.into_iter().map(ProjectDto::from).collect())
}

/// Every key of a project, with its owner.
#[tauri::command]
pub async fn list_keys(
    state: State<'_, AppState>,
    org_id: String,
    project_id: String,
) -> Result<Vec<KeyDto>, CommandError> {
    let (org, project) = (OrgId::new(org_id), ProjectId::from(project_id));
    let keys = state.keywarden.list_keys(&org, &project).await?;
    Ok(keys.into_iter().map(KeyDto::from).collect())
}
