//! `/organization/users` and `/organization/projects/{id}/users`.

use axum::extract::{Path, RawQuery, State};
use axum::Json;

use super::Shared;
use crate::error::ApiError;
use crate::model::{ListResponse, ProjectUser, User};
use crate::pagination::paginate;
use crate::query::QueryParams;

pub(super) async fn list(
    State(shared): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Json<ListResponse<User>>, ApiError> {
    let query = QueryParams::parse(raw.as_deref());
    let emails = query.all("emails");
    let users = shared.with(|s| s.users.clone());
    let users = users
        .into_iter()
        .filter(|u| emails.is_empty() || u.email.as_ref().is_some_and(|e| emails.contains(e)))
        .collect();
    paginate(users, |u| &u.id, &query).map(Json)
}

pub(super) async fn list_project(
    State(shared): State<Shared>,
    Path(project_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<ListResponse<ProjectUser>>, ApiError> {
    let query = QueryParams::parse(raw.as_deref());
    let users = shared.with(|s| {
        s.require_project(&project_id, false)?;
        Ok::<_, ApiError>(s.project_users(&project_id))
    })?;
    paginate(users, |u| &u.id, &query).map(Json)
}
