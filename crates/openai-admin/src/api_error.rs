//! Parsing of error responses: the one place an error body is read, and then dropped.
//!
//! The envelope is `{"error": {message, type, param, code}}`, but `error` may also be a plain
//! string, `code` may be a number, and some endpoints answer with a bare `{code, message}`.
//! Only the four fields survive; the body itself is never stored.

use std::fmt;
use std::time::Duration;

use serde_json::Value;

use crate::error::ErrorKind;

const MAX_MESSAGE_CHARS: usize = 1000;
const MISSING_SCOPES: &str = "Missing scopes:";

/// An error status from the Admin API with its parsed envelope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiFailure {
    /// HTTP status code.
    pub status: u16,
    /// The error `type`, e.g. `invalid_request_error`.
    pub error_type: Option<String>,
    /// The error `code`.
    pub code: Option<String>,
    /// The human-readable message (truncated to 1000 characters).
    pub message: Option<String>,
    /// The parameter the server blamed.
    pub param: Option<String>,
    /// The `x-request-id` response header.
    pub request_id: Option<String>,
    /// The server's `Retry-After` / `retry-after-ms` hint.
    pub retry_after: Option<Duration>,
}

impl ApiFailure {
    /// Builds a failure from a status, the response headers' values and the body bytes.
    pub(crate) fn from_response(
        status: u16,
        request_id: Option<String>,
        retry_after: Option<Duration>,
        body: &[u8],
    ) -> Self {
        let mut failure = ApiFailure {
            status,
            request_id,
            retry_after,
            ..Self::default()
        };
        if let Ok(value) = serde_json::from_slice::<Value>(body) {
            failure.read_envelope(&value);
        }
        failure
    }

    fn read_envelope(&mut self, value: &Value) {
        let fields = match value.get("error") {
            Some(Value::String(message)) => {
                self.message = Some(truncate(message));
                return;
            }
            Some(object @ Value::Object(_)) => object,
            _ => value,
        };
        self.message = text(fields.get("message"));
        self.error_type = text(fields.get("type"));
        self.code = text(fields.get("code"));
        self.param = text(fields.get("param"));
    }

    /// The classification of this status (and message, for missing scopes).
    pub fn kind(&self) -> ErrorKind {
        let names_scopes = self
            .message
            .as_deref()
            .is_some_and(|m| m.contains(MISSING_SCOPES));
        match self.status {
            401 if names_scopes => ErrorKind::MissingScope,
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::MissingScope,
            404 => ErrorKind::NotFound,
            400 => ErrorKind::BadRequest,
            408 => ErrorKind::Timeout,
            429 => ErrorKind::RateLimited {
                retry_after: self.retry_after,
            },
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Other,
        }
    }
}

impl fmt::Display for ApiFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(code) = &self.code {
            write!(f, " [code {code}]")?;
        }
        if let Some(retry_after) = self.retry_after {
            write!(f, " (retry after {} s)", retry_after.as_secs_f64().ceil())?;
        }
        if let Some(request_id) = &self.request_id {
            write!(f, " (request id {request_id})")?;
        }
        Ok(())
    }
}

fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(text) => Some(truncate(text)),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

fn truncate(text: &str) -> String {
    match text.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The scope names after "Missing scopes:", e.g. `api.management.read`.
pub(crate) fn parse_missing_scopes(message: &str) -> Vec<String> {
    let Some(start) = message.find(MISSING_SCOPES) else {
        return Vec::new();
    };
    let mut scopes = Vec::new();
    for token in message[start + MISSING_SCOPES.len()..].split_whitespace() {
        let ends_sentence = token.ends_with('.');
        let name = token.trim_end_matches(['.', ',', ';', ')']);
        let is_scope = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ':'));
        if !is_scope {
            break;
        }
        scopes.push(name.to_owned());
        if ends_sentence {
            break;
        }
    }
    scopes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(status: u16, body: &str) -> ApiFailure {
        ApiFailure::from_response(status, Some("req_1".into()), None, body.as_bytes())
    }

    #[test]
    fn the_object_envelope_keeps_all_four_fields() {
        let failure = parse(
            400,
            r#"{"error":{"message":"bad","type":"invalid_request_error","param":"name","code":"x"}}"#,
        );
        assert_eq!(failure.message.as_deref(), Some("bad"));
        assert_eq!(failure.error_type.as_deref(), Some("invalid_request_error"));
        assert_eq!(failure.param.as_deref(), Some("name"));
        assert_eq!(failure.code.as_deref(), Some("x"));
        assert_eq!(failure.request_id.as_deref(), Some("req_1"));
    }

    #[test]
    fn a_plain_string_error_becomes_the_message() {
        let failure = parse(401, r#"{"error":"Missing scopes: api.model.read"}"#);
        assert_eq!(
            failure.message.as_deref(),
            Some("Missing scopes: api.model.read")
        );
        assert_eq!(failure.kind(), ErrorKind::MissingScope);
    }

    #[test]
    fn a_bare_code_and_message_body_is_understood() {
        let failure = parse(
            404,
            r#"{"code":404,"message":"The project p was not found"}"#,
        );
        assert_eq!(failure.code.as_deref(), Some("404"));
        assert_eq!(failure.kind(), ErrorKind::NotFound);
    }

    #[test]
    fn a_non_json_body_is_dropped() {
        let failure = parse(502, "<html>sk-SENTINEL bad gateway</html>");
        assert_eq!(failure.message, None);
        assert!(!format!("{failure:?} {failure}").contains("SENTINEL"));
    }

    #[test]
    fn long_messages_are_truncated() {
        let long = "x".repeat(5000);
        let failure = parse(400, &format!(r#"{{"error":{{"message":"{long}"}}}}"#));
        assert!(failure.message.unwrap().chars().count() <= MAX_MESSAGE_CHARS + 1);
    }

    #[test]
    fn missing_scopes_are_parsed_from_the_message() {
        let message = "You have insufficient permissions for this operation. Missing scopes: \
                       api.management.read. Check that you have the correct role.";
        assert_eq!(parse_missing_scopes(message), vec!["api.management.read"]);
        assert_eq!(
            parse_missing_scopes("Missing scopes: api.a.read, api.b.write"),
            vec!["api.a.read", "api.b.write"]
        );
        assert!(parse_missing_scopes("Incorrect API key provided").is_empty());
    }
}
