//! `/organization/admin_api_keys`: list, create, retrieve, delete.
//!
//! A created key authenticates immediately; a deleted one stops authenticating.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::Json;
use serde::Deserialize;

use super::key_fields::MAX_EXPIRES_IN;
use super::{json_body, Shared};
use crate::error::ApiError;
use crate::model::{AdminApiKey, AdminApiKeyCreateResponse, DeleteResponse, ListResponse};
use crate::pagination::paginate;
use crate::query::QueryParams;
use crate::state::no_such;

#[derive(Deserialize)]
struct AdminApiKeyCreate {
    name: Option<String>,
    expires_in_seconds: Option<i64>,
}

pub(super) async fn list(
    State(shared): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Json<ListResponse<AdminApiKey>>, ApiError> {
    let query = QueryParams::parse(raw.as_deref());
    let descending = match query.get("order") {
        None | Some("asc") => false,
        Some("desc") => true,
        Some(other) => {
            return Err(ApiError::invalid_param(
                "order",
                format!("Invalid 'order': expected 'asc' or 'desc', got '{other}'."),
            ))
        }
    };
    let mut keys: Vec<AdminApiKey> =
        shared.with(|s| s.admin_keys.iter().map(|k| k.key.clone()).collect());
    keys.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    if descending {
        keys.reverse();
    }
    paginate(keys, |k| &k.id, &query).map(Json)
}

pub(super) async fn create(
    State(shared): State<Shared>,
    body: Bytes,
) -> Result<Json<AdminApiKeyCreateResponse>, ApiError> {
    let create: AdminApiKeyCreate = json_body(&body)?;
    let name = create
        .name
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| ApiError::invalid_param("name", "Missing required parameter: 'name'."))?;
    if let Some(seconds) = create.expires_in_seconds {
        if !(1..=MAX_EXPIRES_IN).contains(&seconds) {
            return Err(ApiError::invalid_param(
                "expires_in_seconds",
                format!("Invalid 'expires_in_seconds': must be between 1 and {MAX_EXPIRES_IN}."),
            ));
        }
    }
    let stored = shared.with(|s| s.create_admin_key(&name, create.expires_in_seconds));
    Ok(Json(AdminApiKeyCreateResponse {
        key: stored.key,
        value: stored.value,
    }))
}

pub(super) async fn retrieve(
    State(shared): State<Shared>,
    Path(key_id): Path<String>,
) -> Result<Json<AdminApiKey>, ApiError> {
    shared
        .with(|s| {
            s.admin_keys
                .iter()
                .find(|k| k.key.id == key_id)
                .map(|k| k.key.clone())
        })
        .map(Json)
        .ok_or_else(|| no_such("admin API key", &key_id))
}

pub(super) async fn delete(
    State(shared): State<Shared>,
    Path(key_id): Path<String>,
) -> Result<Json<DeleteResponse>, ApiError> {
    shared.with(|s| s.delete_admin_key(&key_id)).map(Json)
}
