//! The errors a Keywarden user can understand and act on.
//!
//! Every lower-level failure (HTTP client, keychain) is mapped here exactly once, into a
//! situation with a remedy. Messages never contain secrets or response bodies.

use crate::clipboard::ClipboardError;
use crate::config::ConfigError;
use crate::secret_store::SecretStoreError;

/// A failed Keywarden use case, phrased for the person at the keyboard.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The organization has no admin key in the keychain.
    #[error("no admin key is stored for {label}; paste it again")]
    NoAdminKey {
        /// Label of the organization.
        label: String,
    },
    /// The API rejected the admin key (revoked, mistyped, or not an admin key).
    #[error("the admin key for {label} is no longer valid: {message}")]
    KeyRejected {
        /// Label of the organization.
        label: String,
        /// The API's own explanation.
        message: String,
    },
    /// The admin key lacks a permission the operation needs.
    #[error("the admin key lacks the scope {scopes}; give it more permissions or use another")]
    MissingScope {
        /// The missing scope names, comma-separated.
        scopes: String,
    },
    /// The admin key may read but not change anything.
    #[error(
        "this admin key is read-only (it lacks {scopes}), so Keywarden can show keys but not \
         create, revoke or rotate them; give the key write access or rotate in a new one with \
         \"All\" permissions in the OpenAI dashboard"
    )]
    ReadOnly {
        /// The missing scope names.
        scopes: String,
    },
    /// The OS keychain cannot be used.
    #[error(transparent)]
    Keychain(#[from] SecretStoreError),
    /// The settings file could not be written; nothing was changed.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The clipboard could not be used.
    #[error(transparent)]
    Clipboard(#[from] ClipboardError),
    /// A key could not be created, copied or revoked; the message says what changed.
    #[error(transparent)]
    Key(crate::key_lifecycle::LifecycleError),
    /// The user cancelled the operation; nothing changed.
    #[error("the refresh was cancelled; the previous list is kept")]
    Cancelled,
    /// The input was rejected before anything was sent or stored.
    #[error("{0}")]
    InvalidInput(String),
    /// No organization, project or key has that id.
    #[error("{0} was not found")]
    NotFound(String),
    /// The Admin API could not be used.
    #[error(transparent)]
    Api(openai_admin::Error),
    /// The embedded demo server could not start.
    #[error("the demo organization could not start: {0}")]
    Demo(String),
    /// The organization cannot be used at all right now.
    #[error("{label} cannot be opened: {reason}")]
    Unavailable {
        /// Label of the organization.
        label: String,
        /// Why, in words.
        reason: String,
    },
}

impl From<openai_admin::Error> for Error {
    fn from(error: openai_admin::Error) -> Self {
        use openai_admin::ErrorKind;
        match error.kind() {
            ErrorKind::MissingScope => Error::MissingScope {
                scopes: error.missing_scopes().join(", "),
            },
            ErrorKind::InvalidInput => Error::InvalidInput(error.to_string()),
            _ => Error::Api(error),
        }
    }
}

impl Error {
    /// Maps an API error for an organization, naming it when the admin key was rejected.
    pub(crate) fn for_org(label: &str, error: openai_admin::Error) -> Self {
        if error.kind() == openai_admin::ErrorKind::Unauthorized {
            return Error::KeyRejected {
                label: label.to_owned(),
                message: error.api_message().unwrap_or("401 Unauthorized").to_owned(),
            };
        }
        Error::from(error)
    }
}

impl From<crate::key_lifecycle::LifecycleError> for Error {
    fn from(error: crate::key_lifecycle::LifecycleError) -> Self {
        Error::Key(error)
    }
}
