//! Sending one logical request: URL, bearer auth, the retry loop, and error mapping.
//!
//! This is the only code that talks to the network. It never logs headers or bodies (spans
//! carry the method and the path template only), reads a successful body only up to
//! `max_response_bytes` and an error body only up to 64 KiB (just enough to parse the envelope),
//! and retries only idempotent methods.

use chrono::Utc;
use reqwest::header::{HeaderMap, ACCEPT, CONTENT_TYPE};
use reqwest::Method;
use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tracing::Instrument;
use url::Url;

use crate::api_error::ApiFailure;
use crate::client::Client;
use crate::decode::decode;
use crate::endpoint::join;
use crate::error::{Error, TransportFailure};
use crate::query::Query;
use crate::retry::{next_delay, retry_after_hint, status_is_retryable};

const MAX_REQUEST_ID_CHARS: usize = 200;
/// An error body is read only this far (enough for any error envelope).
const MAX_ERROR_BODY_BYTES: usize = 64 * 1024;

/// One logical API call.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    /// Operation name for messages, e.g. "list projects".
    pub(crate) operation: &'static str,
    pub(crate) method: Method,
    /// Path template for tracing, e.g. `/organization/projects/{project_id}`.
    pub(crate) route: &'static str,
    /// Encoded path relative to the base URL.
    pub(crate) path: String,
    pub(crate) query: Query,
    pub(crate) body: Option<Vec<u8>>,
}

impl Call {
    pub(crate) fn get(operation: &'static str, route: &'static str, path: String) -> Call {
        Call {
            operation,
            method: Method::GET,
            route,
            path,
            query: Query::default(),
            body: None,
        }
    }

    pub(crate) fn delete(operation: &'static str, route: &'static str, path: String) -> Call {
        Call {
            method: Method::DELETE,
            ..Call::get(operation, route, path)
        }
    }

    pub(crate) fn post(operation: &'static str, route: &'static str, path: String) -> Call {
        Call {
            method: Method::POST,
            ..Call::get(operation, route, path)
        }
    }

    pub(crate) fn query(mut self, query: Query) -> Call {
        self.query = query;
        self
    }

    pub(crate) fn json(mut self, body: &impl Serialize) -> Result<Call, Error> {
        let bytes = serde_json::to_vec(body)
            .map_err(|_| Error::invalid(self.operation, "the request body could not be encoded"))?;
        self.body = Some(bytes);
        Ok(self)
    }

    fn is_idempotent(&self) -> bool {
        self.method == Method::GET || self.method == Method::DELETE
    }
}

/// A successful response body and its request id.
pub(crate) struct Body {
    bytes: Vec<u8>,
    request_id: Option<String>,
}

impl Client {
    /// Sends `call` and decodes the JSON response as `T`.
    pub(crate) async fn execute<T: DeserializeOwned>(&self, call: Call) -> Result<T, Error> {
        let body = self.send(&call).await?;
        decode(call.operation, &body.bytes, body.request_id)
    }

    /// Sends `call`, retrying idempotent requests, and returns the successful body.
    pub(crate) async fn send(&self, call: &Call) -> Result<Body, Error> {
        let span = tracing::debug_span!("admin_api", method = %call.method, route = call.route);
        self.send_with_retries(call).instrument(span).await
    }

    async fn send_with_retries(&self, call: &Call) -> Result<Body, Error> {
        let options = &self.inner.options;
        let retries_allowed = if call.is_idempotent() {
            options.max_retries
        } else {
            0
        };
        let url = join(&self.inner.base, &call.path, &call.query)
            .map_err(|_| Error::invalid(call.operation, "the request URL could not be built"))?;
        let mut retries_done = 0;
        loop {
            let outcome = self.attempt(call, &url).await;
            let delay = match &outcome {
                Ok(_) => None,
                Err(Attempt::Transport(_)) => Some(next_delay(None, retries_done, fastrand::f64())),
                Err(Attempt::Status { failure, retryable }) if *retryable => Some(next_delay(
                    failure.retry_after,
                    retries_done,
                    fastrand::f64(),
                )),
                Err(Attempt::Status { .. } | Attempt::TooLarge { .. }) => None,
            };
            match (outcome, delay) {
                (Ok(body), _) => return Ok(body),
                (Err(attempt), Some(Some(delay))) if retries_done < retries_allowed => {
                    tracing::debug!(
                        retries_done,
                        delay_ms = delay.as_millis() as u64,
                        "retrying"
                    );
                    drop(attempt);
                    options.sleeper.sleep(delay).await;
                    retries_done += 1;
                }
                (Err(attempt), _) => return Err(attempt.into_error(call.operation)),
            }
        }
    }

    async fn attempt(&self, call: &Call, url: &Url) -> Result<Body, Attempt> {
        let mut request = self
            .inner
            .http
            .request(call.method.clone(), url.clone())
            .bearer_auth(self.inner.admin_key.expose_secret())
            .header(ACCEPT, "application/json");
        if let Some(body) = &call.body {
            request = request
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        let response = request.send().await.map_err(Attempt::Transport)?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let request_id = request_id(&headers);
        tracing::debug!(status, "response");
        if response.status().is_success() {
            let bytes = read_capped(response, self.inner.options.max_response_bytes).await?;
            return Ok(Body { bytes, request_id });
        }
        let body = read_capped(response, MAX_ERROR_BODY_BYTES)
            .await
            .unwrap_or_default();
        let hint = retry_after_hint(&headers, Utc::now());
        let failure = ApiFailure::from_response(status, request_id, hint, &body);
        let retryable = status_is_retryable(status, &headers);
        Err(Attempt::Status {
            failure: Box::new(failure),
            retryable,
        })
    }
}

/// Reads a body chunk by chunk, failing as soon as it is known to exceed `limit` bytes (from its
/// `Content-Length`, or once the chunks read pass it).
async fn read_capped(mut response: reqwest::Response, limit: usize) -> Result<Vec<u8>, Attempt> {
    let over = |length: u64| usize::try_from(length).map_or(true, |length| length > limit);
    if response.content_length().is_some_and(over) {
        return Err(Attempt::TooLarge { limit });
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(Attempt::Transport)? {
        if bytes.len() + chunk.len() > limit {
            return Err(Attempt::TooLarge { limit });
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// A failed attempt, before deciding whether to retry.
enum Attempt {
    Transport(reqwest::Error),
    Status {
        failure: Box<ApiFailure>,
        retryable: bool,
    },
    /// The body was over the cap of `limit` bytes (never retried: it would be again).
    TooLarge {
        limit: usize,
    },
}

impl Attempt {
    fn into_error(self, operation: &'static str) -> Error {
        match self {
            Attempt::Transport(source) => {
                let failure = TransportFailure {
                    timed_out: source.is_timeout(),
                    may_have_reached_server: !source.is_connect(),
                };
                Error::Transport {
                    operation,
                    failure,
                    source: source.without_url(),
                }
            }
            Attempt::Status { failure, .. } => Error::Api { operation, failure },
            Attempt::TooLarge { limit } => Error::ResponseTooLarge {
                operation,
                limit_bytes: limit,
            },
        }
    }
}

fn request_id(headers: &HeaderMap) -> Option<String> {
    let value = headers.get("x-request-id")?.to_str().ok()?;
    Some(value.chars().take(MAX_REQUEST_ID_CHARS).collect())
}
