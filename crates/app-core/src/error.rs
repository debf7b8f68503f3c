//! The errors a Keywarden user can understand and act on: the one error type of app-core.
//!
//! Every lower-level failure is mapped once: an Admin API error by the organization's client
//! (`org::client`, which knows the organization's label), a key-lifecycle failure by
//! `From<LifecycleError>`, the inventory cache by `From<StoreError>`, the keychain, settings and
//! clipboard by their `From`s. Messages never contain secrets or response bodies.

use std::sync::Arc;

use crate::clipboard::ClipboardError;
use crate::config::ConfigError;
use crate::inventory_store::StoreError;
use crate::key_lifecycle::LifecycleError;
use crate::secret_store::SecretStoreError;
use crate::vault_handoff::VaultError;

/// A failed Keywarden use case, phrased for the person at the keyboard.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The organization has no admin key in the keychain.
    #[error("no admin key is stored for {label}; paste it again")]
    NoAdminKey {
        /// Label of the organization.
        label: String,
    },
    /// The API rejected the organization's admin key, which it accepted before (revoked or
    /// expired since).
    #[error(
        "the admin key for {label} is no longer valid: OpenAI refused it (it may have been \
         revoked or have expired); use “Replace admin key” on the organization's page"
    )]
    KeyRejected {
        /// Label of the organization.
        label: String,
        /// The API's own explanation (shown only as a detail).
        message: String,
    },
    /// The API did not accept a key just pasted (it never worked here).
    #[error(
        "OpenAI did not accept it: the admin key for {label} is mistyped, revoked, or not an \
         admin key; copy an active admin key from Organization settings → Admin keys and try \
         again{}",
        if *.removed_from_clipboard { ". Keywarden removed it from the clipboard." } else { "" }
    )]
    KeyNotAccepted {
        /// Label of the organization.
        label: String,
        /// Whether the refused key was taken off the clipboard.
        removed_from_clipboard: bool,
    },
    /// A replacement admin key works, but for another organization: it sees none of the
    /// projects this one has. The current key was kept.
    #[error(
        "this admin key belongs to another organization: it sees none of the {known} projects \
         of {label}, so the current key was kept; copy an admin key of {label} and try again{}",
        if *.removed_from_clipboard { ". Keywarden removed it from the clipboard." } else { "" }
    )]
    OtherOrganization {
        /// Label of the organization.
        label: String,
        /// How many projects the organization has in the cache.
        known: u64,
        /// Whether the refused key was taken off the clipboard.
        removed_from_clipboard: bool,
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
    /// A new key did not reach the user's vault; it is still held.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// The server refused the request (HTTP 400), e.g. an expiry its policy forbids or an
    /// expired key; nothing was changed. The message is the server's.
    #[error("OpenAI refused it: {message}")]
    Refused {
        /// The server's explanation.
        message: String,
    },
    /// The user cancelled the operation; nothing changed.
    #[error("the refresh was cancelled; the previous list is kept")]
    Cancelled,
    /// The input was rejected before anything was sent or stored.
    #[error("{0}")]
    InvalidInput(String),
    /// No organization, project, key or held secret has that id (any more); the message says
    /// what is missing and what to do.
    #[error("{0}")]
    NotFound(String),
    /// The organization's API does not offer this operation.
    #[error("{0}")]
    NotSupported(String),
    /// A change to a key did not go through; the message says whether anything changed on the
    /// server and what to do next.
    #[error("{0}")]
    KeyChangeFailed(String),
    /// The Admin API could not be used. Shown as what happened and what to do; the operation,
    /// status, server text, code and request id are its [`Error::details`].
    #[error("{}", crate::error_summary::api_summary(.0))]
    Api(Arc<openai_admin::Error>),
    /// The server sent a response over the size the client reads; it was not read.
    #[error(
        "{label} sent a response larger than {limit}, so Keywarden stopped reading it; check \
         that the organization's address is the OpenAI Admin API, then try again"
    )]
    ResponseTooLarge {
        /// Label of the organization.
        label: String,
        /// The cap, in words (e.g. `32 MiB`).
        limit: String,
    },
    /// The organization's inventory cache cannot be used, not even in memory.
    #[error("the inventory cache cannot be used: {0}")]
    Cache(String),
    /// An export could not be written; nothing was left behind.
    #[error("the export could not be saved to {path}: {reason}")]
    ExportFailed {
        /// The file chosen.
        path: String,
        /// Why, and what to do.
        reason: String,
    },
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

impl Error {
    /// The technical particulars behind the message (operation, HTTP status, the server's text,
    /// its code and request id), for a "Details" disclosure and the log; `None` when the
    /// message says it all.
    pub fn details(&self) -> Option<String> {
        crate::error_summary::details(self)
    }

    /// An unknown organization.
    pub(crate) fn unknown_org(id: &crate::OrgId) -> Self {
        Error::NotFound(format!(
            "organization “{id}” was not found; it may have been removed"
        ))
    }
}

/// A refused query keeps its message; a cache that cannot be used says why.
impl From<StoreError> for Error {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::InvalidInput(message) => Error::InvalidInput(message),
            StoreError::NotFound(_) => Error::NotFound(error.to_string()),
            StoreError::Off(reason) => Error::Cache(reason.to_string()),
        }
    }
}

/// A key-lifecycle failure becomes the situation the user acts on; its message is kept word for
/// word. An Admin API failure inside it is mapped by the organization's client instead (see
/// `org::client`), which names the organization; reaching this `From` with one keeps it as is.
impl From<LifecycleError> for Error {
    fn from(error: LifecycleError) -> Self {
        use LifecycleError as L;
        let message = error.to_string();
        match error {
            L::InvalidInput(_)
            | L::ProjectArchived { .. }
            | L::RequestReused
            | L::ConfirmationMismatch { .. } => Error::InvalidInput(message),
            L::NotSupported => Error::NotSupported(message),
            L::RevealNotFound | L::KeyGone { .. } => Error::NotFound(message),
            L::Clipboard(clipboard) => Error::Clipboard(clipboard),
            L::Vault(vault) => Error::Vault(vault),
            L::NotCreated { .. } | L::CreateUncertain { .. } | L::Unreachable { .. } => {
                Error::KeyChangeFailed(message)
            }
            L::Api(api) => Error::Api(api),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycle_failures_keep_their_message_word_for_word() {
        let cases = [
            LifecycleError::RequestReused,
            LifecycleError::RevealNotFound,
            LifecycleError::NotSupported,
            LifecycleError::NotCreated {
                reason: "HTTP 500".into(),
            },
        ];
        for lifecycle in cases {
            let expected = lifecycle.to_string();
            assert_eq!(Error::from(lifecycle).to_string(), expected);
        }
    }

    #[test]
    fn a_revealed_secret_that_is_gone_is_not_found_and_a_lost_create_did_not_go_through() {
        assert!(matches!(
            Error::from(LifecycleError::RevealNotFound),
            Error::NotFound(_)
        ));
        let uncertain = LifecycleError::CreateUncertain {
            name: "ci".into(),
            reason: "timeout".into(),
        };
        assert!(matches!(Error::from(uncertain), Error::KeyChangeFailed(_)));
    }
}
