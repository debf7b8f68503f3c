//! HTTP errors in the official `{"error": {message, type, param, code}}` envelope.
//!
//! Every failure the fake serves goes through [`ApiError`] so that clients are tested against the
//! exact error shape the real API uses.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::model::{ErrorBody, ErrorEnvelope};

/// An error response in the official envelope.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// The envelope's `error` object.
    pub body: ErrorBody,
}

impl ApiError {
    /// An error with the given status, message, type and param; `code` is null.
    pub fn new(status: StatusCode, kind: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            body: ErrorBody {
                message: message.into(),
                kind: kind.to_owned(),
                param: None,
                code: None,
            },
        }
    }

    /// 400 `invalid_request_error`.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request_error", message)
    }

    /// 400 `invalid_request_error` naming the offending parameter.
    pub fn invalid_param(param: &str, message: impl Into<String>) -> Self {
        Self::bad_request(message).with_param(param)
    }

    /// 404 `invalid_request_error`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "invalid_request_error", message)
    }

    /// 401 `invalid_api_key`, as the real API answers a missing or wrong bearer token.
    pub fn invalid_api_key() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "invalid_request_error",
            "Incorrect API key provided. You can find your API key at \
             https://platform.openai.com/account/api-keys.",
        )
        .with_code("invalid_api_key")
    }

    /// Sets `param`.
    pub fn with_param(mut self, param: &str) -> Self {
        self.body.param = Some(param.to_owned());
        self
    }

    /// Sets `code`.
    pub fn with_code(mut self, code: &str) -> Self {
        self.body.code = Some(code.to_owned());
        self
    }

    /// The JSON envelope.
    pub fn envelope(&self) -> ErrorEnvelope {
        ErrorEnvelope {
            error: self.body.clone(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.envelope())).into_response()
    }
}
