//! The one error type of the client, and the classification callers branch on.
//!
//! Every failure names the operation ("failed to list projects: …") and keeps only what is safe
//! to show or log: status, the API's `type`/`code`/`message`/`param`, the `x-request-id`, a
//! decode path. Response bodies are never stored, so no secret in a body can leak through an
//! error's `Display` or `Debug`.

use std::fmt;
use std::time::Duration;

use crate::api_error::{parse_missing_scopes, ApiFailure};
use crate::decode::DecodeFailure;

/// What went wrong, coarsely; the variant a caller branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// 401: the admin key is invalid, revoked or of the wrong kind.
    Unauthorized,
    /// 403, or a 401 whose message says "Missing scopes:"; see [`Error::missing_scopes`].
    MissingScope,
    /// 404: no such object.
    NotFound,
    /// 429: rate limited; `retry_after` is the server's hint, if any.
    RateLimited {
        /// How long the server asked to wait.
        retry_after: Option<Duration>,
    },
    /// 5xx: the server failed.
    Server,
    /// The request timed out (client-side, or 408).
    Timeout,
    /// Connecting or talking to the server failed.
    Network,
    /// A successful response did not have the expected shape.
    Decode,
    /// The input was rejected before any request was sent.
    InvalidInput,
    /// 400: the server rejected the request.
    BadRequest,
    /// The endpoint does not exist for this organization yet.
    NotSupported,
    /// A paginated listing was stopped (repeated cursor or too many pages).
    Pagination,
    /// The response body was larger than [`ClientOptions::max_response_bytes`] and was not
    /// read.
    ///
    /// [`ClientOptions::max_response_bytes`]: crate::ClientOptions::max_response_bytes
    ResponseTooLarge,
    /// Any other failure (e.g. 409, an unexpected status).
    Other,
}

/// How a transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransportFailure {
    /// The request or connection timed out.
    pub timed_out: bool,
    /// The request may have been received (and acted on) by the server.
    pub may_have_reached_server: bool,
}

impl fmt::Display for TransportFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match (self.timed_out, self.may_have_reached_server) {
            (true, true) => "the request timed out",
            (true, false) => "connecting to the server timed out",
            (false, true) => "the connection failed during the request",
            (false, false) => "could not connect to the server",
        };
        f.write_str(what)?;
        if self.may_have_reached_server {
            f.write_str(" (the server may have received it)")?;
        } else {
            f.write_str(" (nothing was sent)")?;
        }
        Ok(())
    }
}

/// A failed Admin API operation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input was rejected before any request was sent.
    #[error("failed to {operation}: {message}")]
    InvalidInput {
        /// The operation, e.g. "create project".
        operation: &'static str,
        /// What is wrong with the input.
        message: String,
    },
    /// The server answered with an error status.
    #[error("failed to {operation}: {failure}")]
    Api {
        /// The operation.
        operation: &'static str,
        /// Status and the parsed error envelope.
        failure: Box<ApiFailure>,
    },
    /// The request could not be completed.
    #[error("failed to {operation}: {failure}")]
    Transport {
        /// The operation.
        operation: &'static str,
        /// Timeout or connection failure, and whether the server may have the request.
        failure: TransportFailure,
        /// The underlying HTTP client error (without the URL).
        #[source]
        source: reqwest::Error,
    },
    /// A successful response could not be decoded.
    #[error("failed to {operation}: {failure}")]
    Decode {
        /// The operation.
        operation: &'static str,
        /// Where decoding failed (path and category only).
        failure: Box<DecodeFailure>,
    },
    /// The server does not offer this endpoint (yet).
    #[error("failed to {operation}: not supported by this organization yet ({failure})")]
    NotSupported {
        /// The operation.
        operation: &'static str,
        /// The 404 that revealed it.
        failure: Box<ApiFailure>,
    },
    /// A paginated listing was stopped instead of looping.
    #[error("failed to {operation}: pagination stopped: {message}")]
    Pagination {
        /// The operation.
        operation: &'static str,
        /// Why it stopped.
        message: String,
    },
    /// The response body was over the cap; reading stopped there (the server may have acted on
    /// the request).
    #[error(
        "failed to {operation}: the server's response is larger than {} and was not read",
        size_in_words(*limit_bytes)
    )]
    ResponseTooLarge {
        /// The operation.
        operation: &'static str,
        /// The cap that was exceeded, in bytes.
        limit_bytes: usize,
    },
}

/// `32 MiB`, `64 KiB` or `100 bytes`.
pub fn size_in_words(bytes: usize) -> String {
    const KIB: usize = 1024;
    match bytes {
        b if b >= KIB * KIB && b % (KIB * KIB) == 0 => format!("{} MiB", b / (KIB * KIB)),
        b if b >= KIB && b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

impl Error {
    pub(crate) fn invalid(operation: &'static str, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            operation,
            message: message.into(),
        }
    }

    /// The classification of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidInput { .. } => ErrorKind::InvalidInput,
            Error::Api { failure, .. } => failure.kind(),
            Error::Transport { failure, .. } if failure.timed_out => ErrorKind::Timeout,
            Error::Transport { .. } => ErrorKind::Network,
            Error::Decode { .. } => ErrorKind::Decode,
            Error::NotSupported { .. } => ErrorKind::NotSupported,
            Error::Pagination { .. } => ErrorKind::Pagination,
            Error::ResponseTooLarge { .. } => ErrorKind::ResponseTooLarge,
        }
    }

    /// The operation that failed, e.g. "list projects".
    pub fn operation(&self) -> &'static str {
        match self {
            Error::InvalidInput { operation, .. }
            | Error::Api { operation, .. }
            | Error::Transport { operation, .. }
            | Error::Decode { operation, .. }
            | Error::NotSupported { operation, .. }
            | Error::Pagination { operation, .. }
            | Error::ResponseTooLarge { operation, .. } => operation,
        }
    }

    fn api_failure(&self) -> Option<&ApiFailure> {
        match self {
            Error::Api { failure, .. } | Error::NotSupported { failure, .. } => Some(failure),
            _ => None,
        }
    }

    /// The HTTP status, when the server answered with an error.
    pub fn status(&self) -> Option<u16> {
        self.api_failure().map(|failure| failure.status)
    }

    /// The API's own error message, when it sent one.
    pub fn api_message(&self) -> Option<&str> {
        self.api_failure()?.message.as_deref()
    }

    /// The API's error `type` (e.g. `invalid_request_error`).
    pub fn api_error_type(&self) -> Option<&str> {
        self.api_failure()?.error_type.as_deref()
    }

    /// The API's error `code`.
    pub fn api_code(&self) -> Option<&str> {
        self.api_failure()?.code.as_deref()
    }

    /// The request parameter the API blamed.
    pub fn api_param(&self) -> Option<&str> {
        self.api_failure()?.param.as_deref()
    }

    /// The `x-request-id` of the failed response, for support requests.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Decode { failure, .. } => failure.request_id.as_deref(),
            _ => self.api_failure()?.request_id.as_deref(),
        }
    }

    /// The server's `Retry-After` hint, when it sent one.
    pub fn retry_after(&self) -> Option<Duration> {
        self.api_failure()?.retry_after
    }

    /// The scope names listed after "Missing scopes:" in the API message (may be empty).
    pub fn missing_scopes(&self) -> Vec<String> {
        self.api_message()
            .map(parse_missing_scopes)
            .unwrap_or_default()
    }

    /// Whether the server may have received (and acted on) the request.
    ///
    /// `false` only when nothing can have been sent: invalid input, or a failed connect.
    /// Before retrying a create by hand after `true`, list first to avoid a duplicate.
    pub fn may_have_reached_server(&self) -> bool {
        match self {
            Error::InvalidInput { .. } => false,
            Error::Transport { failure, .. } => failure.may_have_reached_server,
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, message: Option<&str>) -> Error {
        Error::Api {
            operation: "list projects",
            failure: Box::new(ApiFailure {
                status,
                message: message.map(str::to_owned),
                ..ApiFailure::default()
            }),
        }
    }

    #[test]
    fn statuses_map_to_kinds() {
        assert_eq!(
            api(401, Some("Incorrect API key")).kind(),
            ErrorKind::Unauthorized
        );
        assert_eq!(api(403, None).kind(), ErrorKind::MissingScope);
        assert_eq!(api(404, None).kind(), ErrorKind::NotFound);
        assert_eq!(api(400, None).kind(), ErrorKind::BadRequest);
        assert_eq!(api(408, None).kind(), ErrorKind::Timeout);
        assert_eq!(api(409, None).kind(), ErrorKind::Other);
        assert_eq!(api(502, None).kind(), ErrorKind::Server);
        assert_eq!(
            api(429, None).kind(),
            ErrorKind::RateLimited { retry_after: None }
        );
    }

    #[test]
    fn a_401_naming_missing_scopes_is_a_missing_scope_error() {
        let error = api(
            401,
            Some("You have insufficient permissions. Missing scopes: a.b.read."),
        );
        assert_eq!(error.kind(), ErrorKind::MissingScope);
        assert_eq!(error.missing_scopes(), vec!["a.b.read".to_owned()]);
    }

    #[test]
    fn messages_name_the_operation() {
        let text = api(500, Some("boom")).to_string();
        assert!(text.starts_with("failed to list projects: "), "{text}");
        assert!(text.contains("boom"), "{text}");
    }

    #[test]
    fn a_response_over_the_cap_says_so_in_mib() {
        let error = Error::ResponseTooLarge {
            operation: "list projects",
            limit_bytes: 32 * 1024 * 1024,
        };
        assert_eq!(error.kind(), ErrorKind::ResponseTooLarge);
        assert_eq!(
            error.to_string(),
            "failed to list projects: the server's response is larger than 32 MiB and was not read"
        );
        assert!(error.may_have_reached_server());
        assert_eq!(size_in_words(1000), "1000 bytes");
        assert_eq!(size_in_words(2048), "2 KiB");
    }

    #[test]
    fn invalid_input_never_reached_the_server() {
        let error = Error::invalid("create project", "name must not be empty");
        assert!(!error.may_have_reached_server());
        assert_eq!(
            error.to_string(),
            "failed to create project: name must not be empty"
        );
    }
}
