//! How each fault answers a request.

use std::time::{Duration, SystemTime};

use axum::body::{Body, Bytes};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use futures::{stream, StreamExt};
use serde_json::{json, Value};
use tower::ServiceExt;

use super::mangle::{add_unknown_fields, endless};
use super::{Fault, RetryAfter};
use crate::error::ApiError;

/// The longest a `Hang` fault keeps a request open.
const HANG_LIMIT: Duration = Duration::from_secs(120);
const MISSING_SCOPE: &str = "You have insufficient permissions for this operation. Missing \
    scopes: api.management.read.";
const AUDIT_LOGS_DISABLED: &str = "Audit logging is not enabled for this organization. Enable it \
    in the organization's data controls settings.";

/// Returned by the connection service to close the connection without (finishing) a response.
#[derive(Debug)]
pub(crate) struct ConnectionDropped;

impl std::fmt::Display for ConnectionDropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for ConnectionDropped {}

/// Answers `request` according to `fault`, calling `router` where the fault needs the real
/// response (or the real state change).
pub(crate) async fn respond(
    fault: Fault,
    router: Router,
    mut request: Request<Body>,
) -> Result<Response, ConnectionDropped> {
    let response = match fault {
        Fault::Status {
            status,
            retry_after,
        } => status_error(status, retry_after),
        Fault::StringError { status } => {
            let body = json!({ "error": MISSING_SCOPE });
            (status_code(status), axum::Json(body)).into_response()
        }
        Fault::MissingScope => ApiError::new(
            StatusCode::FORBIDDEN,
            "invalid_request_error",
            format!(
                "{MISSING_SCOPE} Check that you have the correct role in your organization \
                 (Reader, Writer, Owner) and project (Member, Owner), and if you're using a \
                 restricted API key, that it has the necessary scopes."
            ),
        )
        .into_response(),
        Fault::MissingWriteScope => ApiError::new(
            StatusCode::FORBIDDEN,
            "invalid_request_error",
            "You have insufficient permissions for this operation. Missing scopes: \
             api.management.write."
                .to_owned(),
        )
        .into_response(),
        Fault::AuditLogsDisabled => ApiError::new(
            StatusCode::FORBIDDEN,
            "invalid_request_error",
            AUDIT_LOGS_DISABLED,
        )
        .into_response(),
        Fault::MalformedJson => {
            let (_, body) = call(router, request).await;
            let cut = body.slice(..body.len() / 2);
            json_response(StatusCode::OK, cut)
        }
        Fault::DropMidBody => {
            let (status, body) = call(router, request).await;
            return Ok(drop_mid_body(status, body));
        }
        Fault::Oversized => return Ok(oversized()),
        Fault::Hang => {
            tokio::time::sleep(HANG_LIMIT).await;
            return Err(ConnectionDropped);
        }
        Fault::LoseCreateResponse => {
            let _ = call(router, request).await;
            return Err(ConnectionDropped);
        }
        Fault::EndlessPagination { repeat_cursor } => {
            strip_after(&mut request);
            rewrite(router, request, |v| {
                endless(v, repeat_cursor);
            })
            .await
        }
        Fault::UnknownFields => rewrite(router, request, add_unknown_fields).await,
    };
    Ok(response)
}

async fn call(router: Router, request: Request<Body>) -> (StatusCode, Bytes) {
    let response = match router.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap_or_default();
    (status, body)
}

async fn rewrite(
    router: Router,
    request: Request<Body>,
    edit: impl FnOnce(&mut Value),
) -> Response {
    let (status, body) = call(router, request).await;
    match serde_json::from_slice::<Value>(&body) {
        Ok(mut value) if status == StatusCode::OK => {
            edit(&mut value);
            (status, axum::Json(value)).into_response()
        }
        _ => json_response(status, body),
    }
}

fn json_response(status: StatusCode, body: Bytes) -> Response {
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

fn drop_mid_body(status: StatusCode, body: Bytes) -> Response {
    let full_length = body.len().max(2);
    let part = body.slice(..body.len() / 2);
    let chunks = stream::iter([Ok::<_, std::io::Error>(part)]).chain(stream::once(async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "fault: drop mid body",
        ))
    }));
    let mut response = Response::new(Body::from_stream(chunks));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(full_length));
    response
}

/// The announced size of an [`Fault::Oversized`] answer.
const OVERSIZED_BYTES: u64 = 64 * 1024 * 1024;

fn oversized() -> Response {
    let chunks = stream::once(async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        Err::<Bytes, _>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "fault: the oversized body is never sent",
        ))
    });
    let mut response = Response::new(Body::from_stream(chunks));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(OVERSIZED_BYTES));
    response
}

fn strip_after(request: &mut Request<Body>) {
    let uri = request.uri();
    let query: Vec<(String, String)> = uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let kept = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(query.iter().filter(|(k, _)| k != "after"))
        .finish();
    let path_and_query = if kept.is_empty() {
        uri.path().to_owned()
    } else {
        format!("{}?{kept}", uri.path())
    };
    if let Ok(new_uri) = path_and_query.parse() {
        *request.uri_mut() = new_uri;
    }
}

fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

fn status_error(status: u16, retry_after: Option<RetryAfter>) -> Response {
    let code = status_code(status);
    let error = match code.as_u16() {
        429 => ApiError::new(
            code,
            "requests",
            "Rate limit reached for requests. Please try again.",
        )
        .with_code("rate_limit_exceeded"),
        500..=599 => ApiError::new(
            code,
            "server_error",
            "The server had an error while processing your request. Sorry about that!",
        ),
        _ => ApiError::new(code, "invalid_request_error", "Injected error."),
    };
    let mut response = error.into_response();
    let header = match retry_after {
        Some(RetryAfter::Seconds(s)) => HeaderValue::from_str(&s.to_string()).ok(),
        Some(RetryAfter::HttpDate) => {
            let at = SystemTime::now() + Duration::from_secs(2);
            HeaderValue::from_str(&httpdate::fmt_http_date(at)).ok()
        }
        None => None,
    };
    if let Some(value) = header {
        response.headers_mut().insert(RETRY_AFTER, value);
    }
    response
}
