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

/// A server text as kept: anything shaped like a key scrubbed, then cut to 1000 characters.
fn truncate(text: &str) -> String {
    let text = scrub_keys(text);
    match text.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// What a key-shaped token becomes in a kept server text.
pub const SCRUBBED_KEY: &str = "[key removed]";
const KEY_PREFIXES: [&str; 2] = ["sk-", "sess-"];
/// A token needs this many characters after its prefix to look like a key (or a redacted one).
const MIN_KEY_TAIL: usize = 6;

/// Replaces every token that looks like an API key, admin key or session key (`sk-…`,
/// `sk-admin-…`, `sk-proj-…`, `sess-…`, also when partly masked) with [`SCRUBBED_KEY`], so a
/// server message echoing a key never reaches a log, an error shown to the user or the webview.
pub fn scrub_keys(text: &str) -> String {
    let is_key_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '*' | '.');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((at, prefix)) = next_prefix(rest) {
        let (before, from) = rest.split_at(at);
        let starts_word = before
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        let tail_len = from[prefix.len()..]
            .find(|c: char| !is_key_char(c))
            .unwrap_or(from.len() - prefix.len());
        out.push_str(before);
        if starts_word && tail_len >= MIN_KEY_TAIL {
            let token = &from[..prefix.len() + tail_len];
            // A sentence-ending dot is punctuation, not part of the key.
            let trailing_dots = token.len() - token.trim_end_matches('.').len();
            out.push_str(SCRUBBED_KEY);
            out.push_str(&".".repeat(trailing_dots));
            rest = &from[prefix.len() + tail_len..];
        } else {
            out.push_str(prefix);
            rest = &from[prefix.len()..];
        }
    }
    out.push_str(rest);
    out
}

fn next_prefix(text: &str) -> Option<(usize, &'static str)> {
    KEY_PREFIXES
        .iter()
        .filter_map(|prefix| text.find(prefix).map(|at| (at, *prefix)))
        .min_by_key(|(at, _)| *at)
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

    #[test]
    fn key_shaped_tokens_are_scrubbed_from_server_texts() {
        let echoed = "Incorrect API key provided: sk-proj-abcDEF123456_xyz. You can find your API \
                      key at https://platform.openai.com/account/api-keys.";
        let scrubbed = scrub_keys(echoed);
        assert!(!scrubbed.contains("abcDEF"), "{scrubbed}");
        assert!(
            scrubbed.contains("provided: [key removed]. You can"),
            "{scrubbed}"
        );
        for key in [
            "sk-admin-AbC123dEf456GhI789",
            "sk-svcacct-0123456789abcdef",
            "sk-abc...wxyz",
            "sk-proj-********wxyz",
            "sess-AbCdEf1234567890",
        ] {
            let text = format!("key ({key}) refused");
            assert_eq!(scrub_keys(&text), "key ([key removed]) refused", "{key}");
        }
        for kept in [
            "risk-free",
            "ask-me",
            "sk-abc",
            "the task-force",
            "desk-sess-ion",
        ] {
            assert_eq!(scrub_keys(kept), kept);
        }
    }

    #[test]
    fn an_error_envelope_never_keeps_a_key_it_echoes() {
        let body = br#"{"error":{"message":"Invalid key sk-admin-SENTINEL123456","type":"invalid_request_error","code":"sk-proj-SENTINEL654321","param":null}}"#;
        let failure = ApiFailure::from_response(401, None, None, body);
        let shown = format!("{failure} {failure:?}");
        assert!(!shown.contains("SENTINEL"), "{shown}");
    }

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
