//! The `/v1/organization/...` routes, one module per resource.
//!
//! Handlers lock the shared [`State`] only for the duration of a synchronous read or mutation;
//! nothing awaits while holding the lock.

mod admin_keys;
mod api_keys;
mod audit_logs;
mod key_fields;
mod projects;
mod service_accounts;
mod usage;
mod users;

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{RawQuery, State as Extract};
use axum::http::{Method, Uri};
use axum::middleware;
use axum::routing::{get, post};
use axum::Router;
use serde::de::DeserializeOwned;

use crate::auth;
use crate::error::ApiError;
use crate::state::State;

/// The state handle shared by handlers, the auth layer and the server.
#[derive(Clone, Debug)]
pub struct Shared {
    state: Arc<Mutex<State>>,
}

impl Shared {
    /// Wraps a state.
    pub fn new(state: State) -> Self {
        Self {
            state: Arc::new(Mutex::new(state)),
        }
    }

    /// Runs `f` with the state locked; a poisoned lock is recovered, not propagated.
    pub fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        let mut guard = self.state.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut guard)
    }
}

/// Every route of the fake, behind the bearer-token check.
pub fn router(shared: Shared) -> Router {
    const PROJECT: &str = "/v1/organization/projects/{project_id}";
    const ACCOUNT: &str = "/v1/organization/projects/{project_id}/service_accounts/{account_id}";
    let mut router = Router::new()
        .route(
            "/v1/organization/projects",
            get(projects::list).post(projects::create),
        )
        .route(PROJECT, get(projects::retrieve).post(projects::modify))
        .route(&format!("{PROJECT}/archive"), post(projects::archive))
        .route(&format!("{PROJECT}/api_keys"), get(api_keys::list))
        .route(
            &format!("{PROJECT}/api_keys/{{key_id}}"),
            get(api_keys::retrieve)
                .post(api_keys::update)
                .delete(api_keys::delete),
        )
        .route(
            &format!("{PROJECT}/service_accounts"),
            get(service_accounts::list).post(service_accounts::create),
        )
        .route(
            ACCOUNT,
            get(service_accounts::retrieve)
                .post(service_accounts::update)
                .delete(service_accounts::delete),
        )
        .route(
            &format!("{ACCOUNT}/api_keys"),
            post(service_accounts::create_key),
        )
        .route(&format!("{PROJECT}/users"), get(users::list_project))
        .route("/v1/organization/users", get(users::list))
        .route(
            "/v1/organization/admin_api_keys",
            get(admin_keys::list).post(admin_keys::create),
        )
        .route(
            "/v1/organization/admin_api_keys/{key_id}",
            get(admin_keys::retrieve).delete(admin_keys::delete),
        )
        .route("/v1/organization/audit_logs", get(audit_logs::list))
        .route("/v1/organization/costs", get(usage::costs));
    for (path, kind) in usage::usage_paths() {
        let handler = move |Extract(shared): Extract<Shared>, RawQuery(raw): RawQuery| {
            usage::usage(shared, kind, raw)
        };
        router = router.route(&path, get(handler));
    }
    router
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
        .layer(middleware::from_fn_with_state(
            shared.clone(),
            auth::require_admin_key,
        ))
        .with_state(shared)
}

async fn not_found(method: Method, uri: Uri) -> ApiError {
    ApiError::not_found(format!("Invalid URL ({method} {})", uri.path()))
}

/// Decodes a JSON request body; an empty body decodes as `{}`.
pub(crate) fn json_body<T: DeserializeOwned>(body: &Bytes) -> Result<T, ApiError> {
    let bytes: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::bad_request(format!(
            "We could not parse the JSON body of your request. ({e})"
        ))
    })
}
