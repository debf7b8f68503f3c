//! Connection handling: serves each accepted connection with hyper, records every request (with
//! when it was received and answered), applies latency and faults, hands requests to the router
//! and stamps every response with a fresh `x-request-id`.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::header::AUTHORIZATION;
use axum::http::{HeaderName, HeaderValue, Request};
use axum::response::Response;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceExt;

use super::{lock, Inner};
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
    let body = axum::body::to_bytes(Body::new(body), MAX_BODY)
        .await
        .map_err(|_| ConnectionDropped)?;
    let had_bearer = parts
        .headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("Bearer "));
    let index = {
        let mut requests = lock(&inner.requests);
        requests.push(RecordedRequest {
            method: parts.method.to_string(),
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().map(str::to_owned),
            had_bearer,
            body: serde_json::from_slice(&body).ok(),
            received_at: Instant::now(),
            answered_at: None,
        });
        requests.len() - 1
    };
    let result = answer(&inner, parts, body).await;
    if let Some(recorded) = lock(&inner.requests).get_mut(index) {
        recorded.answered_at = Some(Instant::now());
    }
    result.map(|mut response| {
        let id = next_request_id(&inner);
        response.headers_mut().insert(REQUEST_ID, id);
        response
    })
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
