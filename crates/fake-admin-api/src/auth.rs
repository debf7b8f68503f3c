//! Bearer-token authentication for every `/v1` path.
//!
//! A request is accepted when its `Authorization: Bearer` token is the value of an admin key that
//! currently exists (the bootstrap key or one minted through the API and not yet deleted). The
//! connection handler checks it before reading a body (so an unauthenticated request can never
//! make the fake buffer one), and the router checks it again for requests built in-process.

use axum::extract::{Request, State as AxumState};
use axum::http::header::AUTHORIZATION;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::routes::Shared;

/// The bearer token in `headers`, if they carry one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// Whether a request for `path` with `headers` may go on: `/v1` paths need a valid admin key.
pub(crate) fn admitted(shared: &Shared, path: &str, headers: &HeaderMap) -> bool {
    let guarded = path == "/v1" || path.starts_with("/v1/");
    !guarded || bearer(headers).is_some_and(|token| shared.with(|s| s.accepts_admin_key(token)))
}

/// Rejects `/v1` requests without a valid admin key with 401 `invalid_api_key`.
pub async fn require_admin_key(
    AxumState(shared): AxumState<Shared>,
    request: Request,
    next: Next,
) -> Response {
    if !admitted(&shared, request.uri().path(), request.headers()) {
        return ApiError::invalid_api_key().into_response();
    }
    next.run(request).await
}
