//! Connection handling: serves each accepted connection with hyper, answers an unauthenticated
//! request before reading its body, records requests (when recording is on, with when they were
//! received and answered), applies latency and faults, hands requests to the router and stamps
//! every response with a fresh `x-request-id`.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, Request};
use axum::response::{IntoResponse, Response};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceExt;

use super::request_log::RecordId;
use super::{lock, Inner};
use crate::auth;
use crate::error::ApiError;
use crate::faults::{respond, ConnectionDropped, RecordedRequest};

const MAX_BODY: usize = 16 * 1024 * 1024;
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A fresh `req_` id in the shape the real API sends: 32 lowercase hex digits.
fn next_request_id(inner: &Inner) -> HeaderValue {
    let mut rng = lock(&inner.request_ids);
    let id = format!("req_{:016x}{:016x}", rng.next_u64(), rng.next_u64());
    HeaderValue::from_str(&id).unwrap_or_else(|_| HeaderValue::from_static("req_0"))
}

pub(super) async fn accept_loop(
    listener: TcpListener,
    inner: Arc<Inner>,
    mut stopped: watch::Receiver<bool>,
) {
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    tracing::warn!(%error, "accept failed");
                    continue;
                }
            },
            _ = stopped.changed() => return,
        };
        let inner = inner.clone();
        let mut stop = stopped.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| handle(inner.clone(), request));
            let connection = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                _ = stop.changed() => {}
            }
        });
    }
}

async fn handle(
    inner: Arc<Inner>,
    request: Request<Incoming>,
) -> Result<Response, ConnectionDropped> {
    let (parts, body) = request.into_parts();
    let had_bearer = auth::bearer(&parts.headers).is_some();
    let record = |body: Option<serde_json::Value>, body_len: usize| {
        let request = RecordedRequest {
            method: parts.method.to_string(),
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().map(str::to_owned),
            had_bearer,
            body,
            received_at: Instant::now(),
            answered_at: None,
        };
        lock(&inner.requests).push(request, body_len)
    };
    // Authenticate before reading the body: an unauthenticated request is answered 401 with its
    // body unread, however large it claims to be.
    if !auth::admitted(&inner.shared, parts.uri.path(), &parts.headers) {
        let id = record(None, 0);
        mark_answered(&inner, id);
        return Ok(stamped(&inner, ApiError::invalid_api_key().into_response()));
    }
    let body = axum::body::to_bytes(Body::new(body), MAX_BODY)
        .await
        .map_err(|_| ConnectionDropped)?;
    let recording = lock(&inner.requests).is_on();
    let parsed = recording
        .then(|| serde_json::from_slice(&body).ok())
        .flatten();
    let id = record(parsed, body.len());
    let result = answer(&inner, parts, body).await;
    mark_answered(&inner, id);
    result.map(|response| stamped(&inner, response))
}

/// Notes when record `id` (if one was made and is still kept) was answered.
fn mark_answered(inner: &Inner, id: Option<RecordId>) {
    let Some(id) = id else { return };
    if let Some(recorded) = lock(&inner.requests).get_mut(id) {
        recorded.answered_at = Some(Instant::now());
    }
}

/// The response with a fresh `x-request-id`, as the real API sends.
fn stamped(inner: &Inner, mut response: Response) -> Response {
    let id = next_request_id(inner);
    response.headers_mut().insert(REQUEST_ID, id);
    response
}

async fn answer(
    inner: &Inner,
    parts: axum::http::request::Parts,
    body: axum::body::Bytes,
) -> Result<Response, ConnectionDropped> {
    let latency = inner.latency_ms.load(Ordering::Relaxed);
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    let fault = inner.faults.take(parts.method.as_str(), parts.uri.path());
    let request = Request::from_parts(parts, Body::from(body));
    match fault {
        Some(fault) => respond(fault, inner.router.clone(), request).await,
        None => match inner.router.clone().oneshot(request).await {
            Ok(response) => Ok(response),
            Err(never) => match never {},
        },
    }
}
