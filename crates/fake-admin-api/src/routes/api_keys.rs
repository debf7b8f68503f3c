//! `/organization/projects/{id}/api_keys`: list, retrieve, update (scopes and expiry), delete
//! (there is no create: keys are minted for service accounts).

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::Json;
use serde::Deserialize;

use super::key_fields::{self, Null, Raw};
use super::{json_body, Shared};
use crate::error::ApiError;
use crate::model::{DeleteResponse, ListResponse, ProjectApiKey};
use crate::pagination::paginate;
use crate::query::QueryParams;
use crate::state::{no_such, KeyChanges};

#[derive(Deserialize)]
struct ApiKeyUpdate {
    #[serde(default)]
    scopes: Raw,
    #[serde(default)]
    expires_in_seconds: Raw,
}

pub(super) async fn list(
    State(shared): State<Shared>,
    Path(project_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<ListResponse<ProjectApiKey>>, ApiError> {
    let query = QueryParams::parse(raw.as_deref());
    // Without the parameter the real API "may exclude some keys"; the fake hides inactive owners.
    let visible: fn(&str) -> bool = match query.get("owner_project_access") {
        None | Some("active") => |access| access == "active",
        Some("inactive") => |access| access == "inactive",
        Some("any") => |_| true,
        Some(other) => {
            return Err(ApiError::invalid_param(
                "owner_project_access",
                format!(
                    "Invalid 'owner_project_access': expected one of active, inactive, any; got \
                     '{other}'."
                ),
            ))
        }
    };
    let keys = shared.with(|s| {
        s.require_project(&project_id, false)?;
        Ok::<_, ApiError>(s.api_keys(&project_id))
    })?;
    let keys = keys
        .into_iter()
        .filter(|k| visible(&k.owner_project_access))
        .collect();
    paginate(keys, |k| &k.id, &query).map(Json)
}

pub(super) async fn retrieve(
    State(shared): State<Shared>,
    Path((project_id, key_id)): Path<(String, String)>,
) -> Result<Json<ProjectApiKey>, ApiError> {
    shared
        .with(|s| {
            s.require_project(&project_id, false)?;
            s.api_keys
                .iter()
                .find(|k| k.project_id == project_id && k.key.id == key_id)
                .map(|k| k.key.clone())
                .ok_or_else(|| no_such("API key", &key_id))
        })
        .map(Json)
}

pub(super) async fn delete(
    State(shared): State<Shared>,
    Path((project_id, key_id)): Path<(String, String)>,
) -> Result<Json<DeleteResponse>, ApiError> {
    shared
        .with(|s| s.delete_api_key(&project_id, &key_id))
        .map(Json)
}

pub(super) async fn update(
    State(shared): State<Shared>,
    Path((project_id, key_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<ProjectApiKey>, ApiError> {
    let update: ApiKeyUpdate = json_body(&body)?;
    let changes = KeyChanges {
        scopes: key_fields::scopes(&update.scopes, Null::Refused)?,
        expires_in_seconds: key_fields::expires_in(&update.expires_in_seconds, Null::Refused)?,
    };
    if changes.scopes.is_none() && changes.expires_in_seconds.is_none() {
        return Err(ApiError::bad_request(
            "Nothing to update: provide 'scopes', 'expires_in_seconds' or both.",
        ));
    }
    shared
        .with(|s| s.update_api_key(&project_id, &key_id, changes))
        .map(Json)
}
