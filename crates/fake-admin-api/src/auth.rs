//! Bearer-token authentication for every `/v1` path.
//!
//! A request is accepted when its `Authorization: Bearer` token is the value of an admin key that
//! currently exists (the bootstrap key or one minted through the API and not yet deleted).

use axum::extract::{Request, State as AxumState};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::routes::Shared;

/// The bearer token of a request, if it carries one.
pub fn bearer(request: &Request) -> Option<&str> {
    request
        .headers()
        .get(AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// Rejects `/v1` requests without a valid admin key with 401 `invalid_api_key`.
pub async fn require_admin_key(
    AxumState(shared): AxumState<Shared>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let guarded = path == "/v1" || path.starts_with("/v1/");
    if guarded {
        let accepted =
            bearer(&request).is_some_and(|token| shared.with(|s| s.accepts_admin_key(token)));
        if !accepted {
            return ApiError::invalid_api_key().into_response();
        }
    }
    next.run(request).await
}
