//! `/organization/projects`: list, create, retrieve, modify, archive.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::Json;
use serde::Deserialize;

use super::{json_body, Shared};
use crate::error::ApiError;
use crate::model::{ListResponse, Project};
use crate::pagination::paginate;
use crate::query::QueryParams;
use crate::state::no_such;

#[derive(Deserialize)]
struct ProjectCreate {
    name: Option<String>,
    residency: Option<String>,
}

#[derive(Deserialize)]
struct ProjectUpdate {
    name: Option<String>,
}

pub(super) async fn list(
    State(shared): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Json<ListResponse<Project>>, ApiError> {
    let query = QueryParams::parse(raw.as_deref());
    let include_archived = query.bool("include_archived")?.unwrap_or(false);
    let projects = shared.with(|s| s.projects(include_archived));
    paginate(projects, |p| &p.id, &query).map(Json)
}

pub(super) async fn create(
    State(shared): State<Shared>,
    body: Bytes,
) -> Result<Json<Project>, ApiError> {
    let create: ProjectCreate = json_body(&body)?;
    let name = create
        .name
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| ApiError::invalid_param("name", "Missing required parameter: 'name'."))?;
    Ok(Json(
        shared.with(|s| s.create_project(&name, create.residency)),
    ))
}

pub(super) async fn retrieve(
    State(shared): State<Shared>,
    Path(project_id): Path<String>,
) -> Result<Json<Project>, ApiError> {
    shared
        .with(|s| s.project(&project_id).cloned())
        .map(Json)
        .ok_or_else(|| no_such("project", &project_id))
}

pub(super) async fn modify(
    State(shared): State<Shared>,
    Path(project_id): Path<String>,
    body: Bytes,
) -> Result<Json<Project>, ApiError> {
    let update: ProjectUpdate = json_body(&body)?;
    shared
        .with(|s| s.modify_project(&project_id, update.name))
        .map(Json)
}

pub(super) async fn archive(
    State(shared): State<Shared>,
    Path(project_id): Path<String>,
) -> Result<Json<Project>, ApiError> {
    shared.with(|s| s.archive_project(&project_id)).map(Json)
}
