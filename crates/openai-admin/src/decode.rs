//! Decoding of successful responses without ever quoting them.
//!
//! `serde_json` error messages can quote the input ("invalid type: string \"sk-…\""), and a
//! create response holds a fresh secret. So a decode failure keeps only the field path (via
//! `serde_path_to_error`), the error category, and the line/column.

use std::fmt;

use serde::de::DeserializeOwned;

use crate::error::Error;

const MAX_PATH_CHARS: usize = 200;

/// Broad category of a decode failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeCategory {
    /// The body is not valid JSON.
    Syntax,
    /// Valid JSON with an unexpected shape (wrong type, missing field).
    Data,
    /// The body ended early.
    Eof,
    /// Reading the body failed.
    Io,
}

/// Where and how decoding a response failed; never the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeFailure {
    /// The field path, e.g. `data[3].created_at` (`.` for the document root).
    pub path: String,
    /// What kind of failure.
    pub category: DecodeCategory,
    /// Line in the body (1-based; 0 when unknown).
    pub line: usize,
    /// Column in the body (1-based; 0 when unknown).
    pub column: usize,
    /// The `x-request-id` of the response.
    pub request_id: Option<String>,
}

impl fmt::Display for DecodeFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.category {
            DecodeCategory::Syntax => "the response is not valid JSON",
            DecodeCategory::Data => "the response has an unexpected shape",
            DecodeCategory::Eof => "the response ended early",
            DecodeCategory::Io => "the response could not be read",
        };
        write!(
            f,
            "{what} at `{}` (line {}, column {})",
            self.path, self.line, self.column
        )?;
        if let Some(request_id) = &self.request_id {
            write!(f, " (request id {request_id})")?;
        }
        Ok(())
    }
}

/// Decodes `body` as `T`, mapping a failure to [`Error::Decode`] for `operation`.
pub(crate) fn decode<T: DeserializeOwned>(
    operation: &'static str,
    body: &[u8],
    request_id: Option<String>,
) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let failure = match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(value) => match deserializer.end() {
            Ok(()) => return Ok(value),
            Err(inner) => failure_from(".".to_owned(), &inner, request_id),
        },
        Err(error) => failure_from(error.path().to_string(), error.inner(), request_id),
    };
    Err(Error::Decode {
        operation,
        failure: Box::new(failure),
    })
}

fn failure_from(
    path: String,
    inner: &serde_json::Error,
    request_id: Option<String>,
) -> DecodeFailure {
    let category = match inner.classify() {
        serde_json::error::Category::Syntax => DecodeCategory::Syntax,
        serde_json::error::Category::Data => DecodeCategory::Data,
        serde_json::error::Category::Eof => DecodeCategory::Eof,
        serde_json::error::Category::Io => DecodeCategory::Io,
    };
    DecodeFailure {
        path: truncate_path(path),
        category,
        line: inner.line(),
        column: inner.column(),
        request_id,
    }
}

fn truncate_path(path: String) -> String {
    match path.char_indices().nth(MAX_PATH_CHARS) {
        Some((cut, _)) => format!("{}…", &path[..cut]),
        None => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Key {
        id: String,
        created_at: i64,
    }

    #[test]
    fn a_type_error_names_the_path_but_not_the_value() {
        let body = br#"{"id":"key_1","created_at":"sk-SENTINEL-999"}"#;
        let error = decode::<Key>("create key", body, None).unwrap_err();
        let text = format!("{error} {error:?}");
        assert!(!text.contains("SENTINEL"), "{text}");
        assert!(text.contains("created_at"), "{text}");
        assert_eq!(error.kind(), ErrorKind::Decode);
    }

    #[test]
    fn invalid_json_is_a_syntax_failure() {
        let error = decode::<Key>("list keys", b"{\"id\": sk-SENTINEL", None).unwrap_err();
        let Error::Decode { failure, .. } = &error else {
            panic!("{error:?}")
        };
        assert_eq!(failure.category, DecodeCategory::Syntax);
        assert!(!format!("{error:?}").contains("SENTINEL"));
    }

    #[test]
    fn trailing_garbage_is_rejected() {
        let body = br#"{"id":"k","created_at":1} trailing"#;
        assert!(decode::<Key>("list keys", body, None).is_err());
    }
}
