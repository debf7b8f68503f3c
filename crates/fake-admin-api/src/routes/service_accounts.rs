//! `/organization/projects/{id}/service_accounts`: list, create (with first key), retrieve,
//! update, delete, and the newer per-account key creation.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::Json;
use serde::Deserialize;

use super::key_fields::{self, Null, Raw};
use super::{json_body, Shared};
use crate::error::ApiError;
use crate::model::{
    DeleteResponse, ListResponse, ServiceAccount, ServiceAccountApiKey,
    ServiceAccountCreateResponse,
};
use crate::pagination::paginate;
use crate::query::QueryParams;
use crate::state::NewKeyTerms;

#[derive(Deserialize)]
struct ServiceAccountCreate {
    name: Option<String>,
    create_service_account_only: Option<bool>,
    #[serde(default)]
    expires_in_seconds: Raw,
    #[serde(default)]
    scopes: Raw,
}

#[derive(Deserialize)]
struct ServiceAccountUpdate {
    name: Option<String>,
    role: Option<String>,
}

#[derive(Deserialize)]
struct ServiceAccountKeyCreate {
    name: Option<String>,
    #[serde(default)]
    scopes: Raw,
    #[serde(default)]
    expires_in_seconds: Raw,
}

/// The new key's scopes and expiry; `null` means omitted (all permissions, never expires).
fn new_key_terms(scopes: &Raw, expires_in_seconds: &Raw) -> Result<NewKeyTerms, ApiError> {
    Ok(NewKeyTerms {
        scopes: key_fields::scopes(scopes, Null::MeansAbsent)?.unwrap_or_default(),
        expires_in_seconds: key_fields::expires_in(expires_in_seconds, Null::MeansAbsent)?,
    })
}

pub(super) async fn list(
    State(shared): State<Shared>,
    Path(project_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<ListResponse<ServiceAccount>>, ApiError> {
    let query = QueryParams::parse(raw.as_deref());
    let accounts = shared.with(|s| {
        s.require_project(&project_id, true)?;
        Ok::<_, ApiError>(s.service_accounts(&project_id))
    })?;
    paginate(accounts, |a| &a.id, &query).map(Json)
}

pub(super) async fn create(
    State(shared): State<Shared>,
    Path(project_id): Path<String>,
    body: Bytes,
) -> Result<Json<ServiceAccountCreateResponse>, ApiError> {
    let create: ServiceAccountCreate = json_body(&body)?;
    let name = create
        .name
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| ApiError::invalid_param("name", "Missing required parameter: 'name'."))?;
    let only = create.create_service_account_only.unwrap_or(false);
    let terms = new_key_terms(&create.scopes, &create.expires_in_seconds)?;
    if only && terms.expires_in_seconds.is_some() {
        return Err(ApiError::invalid_param(
            "expires_in_seconds",
            "'expires_in_seconds' cannot be set with 'create_service_account_only': no API key is created.",
        ));
    }
    shared
        .with(|s| s.create_service_account(&project_id, &name, only, &terms))
        .map(Json)
}

pub(super) async fn retrieve(
    State(shared): State<Shared>,
    Path((project_id, account_id)): Path<(String, String)>,
) -> Result<Json<ServiceAccount>, ApiError> {
    shared
        .with(|s| {
            s.require_project(&project_id, false)?;
            s.service_account(&project_id, &account_id).cloned()
        })
        .map(Json)
}

pub(super) async fn update(
    State(shared): State<Shared>,
    Path((project_id, account_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<ServiceAccount>, ApiError> {
    let update: ServiceAccountUpdate = json_body(&body)?;
    if let Some(role) = update.role.as_deref() {
        if role != "member" && role != "owner" {
            return Err(ApiError::invalid_param(
                "role",
                format!("Invalid 'role': expected 'member' or 'owner', got '{role}'."),
            ));
        }
    }
    shared
        .with(|s| s.update_service_account(&project_id, &account_id, update.name, update.role))
        .map(Json)
}

pub(super) async fn delete(
    State(shared): State<Shared>,
    Path((project_id, account_id)): Path<(String, String)>,
) -> Result<Json<DeleteResponse>, ApiError> {
    shared
        .with(|s| s.delete_service_account(&project_id, &account_id))
        .map(Json)
}

pub(super) async fn create_key(
    State(shared): State<Shared>,
    Path((project_id, account_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<ServiceAccountApiKey>, ApiError> {
    if !shared.with(|s| s.supports_sa_key_create) {
        return Err(ApiError::not_found(format!(
            "Invalid URL (POST /v1/organization/projects/{project_id}/service_accounts/\
             {account_id}/api_keys)"
        )));
    }
    let create: ServiceAccountKeyCreate = json_body(&body)?;
    let terms = new_key_terms(&create.scopes, &create.expires_in_seconds)?;
    shared
        .with(|s| {
            s.create_service_account_key(&project_id, &account_id, create.name.as_deref(), &terms)
        })
        .map(Json)
}
