//! How an error reads: what happened and what to do first, the technical particulars apart.
//!
//! An Admin API failure's own text ("failed to list projects: HTTP 500: … [code …] (request id
//! …)") is for support and the log, not the first thing a user reads. Here it becomes one short
//! sentence by its kind, and the full text becomes the error's details. The server's "You can
//! find your API key at …" advice is about project keys and wrong for an admin key: it is left
//! out everywhere.

use openai_admin::ErrorKind;

use crate::Error;

/// The server's advice that does not apply to admin keys.
const PROJECT_KEY_ADVICE: &str = "You can find your API key at";

/// One sentence for an Admin API failure: what happened (with the HTTP status a user may quote)
/// and what to do.
pub(crate) fn api_summary(error: &openai_admin::Error) -> String {
    let operation = error.operation();
    let status = error
        .status()
        .map(|s| format!(" (HTTP {s})"))
        .unwrap_or_default();
    match error.kind() {
        ErrorKind::RateLimited { .. } => format!(
            "OpenAI is limiting requests{status} and Keywarden could not {operation}; wait a \
             minute and try again"
        ),
        ErrorKind::Server => format!(
            "OpenAI's server failed{status} and Keywarden could not {operation}; try again in a \
             minute"
        ),
        ErrorKind::Timeout => format!(
            "the request timed out and Keywarden could not {operation}; check your connection \
             and try again"
        ),
        ErrorKind::Network => format!(
            "Keywarden could not reach the server to {operation}; check your connection (and the \
             organization's API address) and try again"
        ),
        ErrorKind::Decode => format!(
            "the server's answer could not be read, so Keywarden could not {operation}; try \
             again later"
        ),
        ErrorKind::NotSupported => format!(
            "this organization's API does not offer this yet{status}, so Keywarden could not \
             {operation}"
        ),
        ErrorKind::Pagination => format!(
            "Keywarden stopped reading pages to {operation}: the server's pagination did not \
             end; try again later"
        ),
        ErrorKind::NotFound => format!(
            "{}{status}, so Keywarden could not {operation}; refresh and try again",
            error
                .api_message()
                .map(without_project_key_advice)
                .unwrap_or_else(|| "the server has no such object".into())
                .trim_end_matches('.')
        ),
        _ => format!("Keywarden could not {operation}{status}; try again"),
    }
}

/// The particulars behind an error's message, if any.
pub(crate) fn details(error: &Error) -> Option<String> {
    match error {
        Error::Api(api) => Some(without_project_key_advice(&api.to_string())),
        Error::KeyRejected { message, .. } => {
            let text = without_project_key_advice(message);
            (!text.is_empty()).then_some(format!("OpenAI said: {text}"))
        }
        _ => None,
    }
}

/// The text without the server's "You can find your API key at …" sentence.
pub(crate) fn without_project_key_advice(text: &str) -> String {
    match text.find(PROJECT_KEY_ADVICE) {
        None => text.trim().to_owned(),
        Some(at) => {
            let rest = &text[at..];
            let end = rest.find(". ").map_or(rest.len(), |i| i + 1);
            format!("{} {}", text[..at].trim(), rest[end..].trim())
                .trim()
                .to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_project_key_advice_is_left_out_of_a_server_text() {
        let text = "Incorrect API key provided: sk-admin...abcd. You can find your API key at \
                    https://platform.openai.com/account/api-keys.";
        assert_eq!(
            without_project_key_advice(text),
            "Incorrect API key provided: sk-admin...abcd."
        );
        let rejected = Error::KeyRejected {
            label: "Acme".into(),
            message: text.into(),
        };
        let details = rejected.details().unwrap();
        assert!(!details.contains("You can find"), "{details}");
        assert!(!rejected.to_string().contains("You can find"), "{rejected}");
        assert!(
            rejected.to_string().contains("Replace admin key"),
            "{rejected}"
        );
    }
}
