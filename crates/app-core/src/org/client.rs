//! An organization's API client, and the one place an Admin API failure becomes an [`Error`].
//!
//! Every use case talks to the Admin API through an [`OrgApi`]: the client plus the label its
//! failures are reported under, so a refused admin key always names its organization and no
//! use case maps errors by hand.

use std::sync::Arc;

use openai_admin::{Client, ClientOptions, ErrorKind};
use secrecy::SecretString;

use crate::key_lifecycle::LifecycleError;
use crate::Error;

/// A usable client of one organization.
#[derive(Clone)]
pub(crate) struct OrgApi {
    /// The client (cheap to clone).
    pub(crate) client: Client,
    label: String,
    /// Told when OpenAI refuses the admin key (401), so the organization shows it.
    on_key_rejected: Option<Arc<dyn Fn() + Send + Sync>>,
}

impl OrgApi {
    /// Wraps a client of the organization labelled `label`.
    pub(crate) fn new(client: Client, label: impl Into<String>) -> Self {
        Self {
            client,
            label: label.into(),
            on_key_rejected: None,
        }
    }

    /// Calls `notify` whenever a failure mapped here is a refused admin key.
    pub(crate) fn on_key_rejected(mut self, notify: Arc<dyn Fn() + Send + Sync>) -> Self {
        self.on_key_rejected = Some(notify);
        self
    }

    /// A client for `base_url` with `key`, or why one cannot be built (e.g. a malformed URL).
    pub(crate) fn connect(
        label: &str,
        base_url: &str,
        key: SecretString,
        options: &ClientOptions,
    ) -> Result<Self, Error> {
        match Client::new(base_url, key, options.clone()) {
            Ok(client) => Ok(Self::new(client, label)),
            Err(error) => Err(map(label, Arc::new(error))),
        }
    }

    /// Maps an Admin API failure of this organization.
    pub(crate) fn error(&self, error: impl Into<Arc<openai_admin::Error>>) -> Error {
        let error = map(&self.label, error.into());
        if let (Error::KeyRejected { .. }, Some(notify)) = (&error, &self.on_key_rejected) {
            notify();
        }
        error
    }

    /// Maps a key-lifecycle failure; an Admin API failure inside it is mapped as above.
    pub(crate) fn lifecycle_error(&self, error: LifecycleError) -> Error {
        match error {
            LifecycleError::Api(api) => self.error(api),
            other => Error::from(other),
        }
    }
}

/// A refused admin key names the organization, a missing scope is named, input the client
/// refused is invalid input, a request the server refused (400) carries the server's reason, a
/// response over the size cap names the organization, and anything else is kept as it is.
fn map(label: &str, error: Arc<openai_admin::Error>) -> Error {
    match error.kind() {
        ErrorKind::Unauthorized => Error::KeyRejected {
            label: label.to_owned(),
            message: error.api_message().unwrap_or("401 Unauthorized").to_owned(),
        },
        ErrorKind::MissingScope => Error::MissingScope {
            scopes: error.missing_scopes().join(", "),
        },
        ErrorKind::InvalidInput => Error::InvalidInput(error.to_string()),
        ErrorKind::BadRequest => Error::Refused {
            message: error
                .api_message()
                .unwrap_or("the request was not accepted (HTTP 400)")
                .to_owned(),
        },
        _ => match error.as_ref() {
            openai_admin::Error::ResponseTooLarge { limit_bytes, .. } => Error::ResponseTooLarge {
                label: label.to_owned(),
                limit: openai_admin::size_in_words(*limit_bytes),
            },
            _ => Error::Api(error),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_response_over_the_cap_names_the_organization_and_what_to_do() {
        let error = openai_admin::Error::ResponseTooLarge {
            operation: "list projects",
            limit_bytes: 32 * 1024 * 1024,
        };
        let mapped = map("Acme", Arc::new(error));
        assert!(
            matches!(mapped, Error::ResponseTooLarge { .. }),
            "{mapped:?}"
        );
        assert_eq!(
            mapped.to_string(),
            "Acme sent a response larger than 32 MiB, so Keywarden stopped reading it; check \
             that the organization's address is the OpenAI Admin API, then try again"
        );
    }
}
