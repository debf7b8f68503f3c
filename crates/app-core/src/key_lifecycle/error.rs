//! The failures of creating, revealing, copying and revoking keys, each phrased with what the
//! user can do next and whether anything changed on the server.
//!
//! Errors are `Clone` because one create request may be awaited by several callers (a
//! double-click); the Admin API error they wrap is shared behind an `Arc`.

use std::sync::Arc;

use openai_admin::{Error as ApiError, ErrorKind};

use crate::clipboard::ClipboardError;
use crate::vault_handoff::VaultError;

/// A key-lifecycle operation that did not happen, phrased for the person at the keyboard.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LifecycleError {
    /// The input was rejected before anything was sent.
    #[error("{0}")]
    InvalidInput(String),
    /// The project is archived, so the API refuses to create keys in it.
    #[error(
        "project {project_id} is archived, and archived projects cannot get new keys; pick an \
         active project (nothing was created)"
    )]
    ProjectArchived {
        /// The archived project.
        project_id: String,
    },
    /// The organization's API has no endpoint to add a key to an existing service account.
    #[error(
        "adding a key to an existing service account is not supported by this organization \
         yet; create a new key instead (nothing was created)"
    )]
    NotSupported,
    /// The create failed, and a check of the project showed that nothing was created.
    #[error("the key was not created ({reason}); it is safe to try again")]
    NotCreated {
        /// What went wrong with the create request.
        reason: String,
    },
    /// The create may have happened, and Keywarden could not find out.
    #[error(
        "Keywarden could not tell whether the key “{name}” was created ({reason}); refresh the \
         key list and look for it before trying again"
    )]
    CreateUncertain {
        /// The requested key name.
        name: String,
        /// Why it could not be checked.
        reason: String,
    },
    /// The server could not be reached, so the request was never sent.
    #[error(
        "could not reach the Admin API to {operation} ({detail}); check the connection and try \
         again (nothing was changed)"
    )]
    Unreachable {
        /// The operation, e.g. "delete project API key".
        operation: &'static str,
        /// How connecting failed.
        detail: String,
    },
    /// A request id was used again for a different key.
    #[error("this request was already used to create a different key; start a new request")]
    RequestReused,
    /// The reveal is no longer held: acknowledged, wiped, or from a previous run.
    #[error(
        "Keywarden no longer holds this key's secret (it was acknowledged or the app restarted); \
         if you did not store it, revoke the key and create another"
    )]
    RevealNotFound,
    /// The key is not in the project any more.
    #[error("key {key_id} no longer exists in this project; refresh the key list")]
    KeyGone {
        /// The key that was asked for.
        key_id: String,
    },
    /// The typed confirmation did not match.
    #[error("to revoke this key, type its name “{expected}” exactly (nothing was deleted)")]
    ConfirmationMismatch {
        /// What has to be typed.
        expected: String,
    },
    /// The clipboard could not be used.
    #[error(transparent)]
    Clipboard(#[from] ClipboardError),
    /// The key did not reach the user's vault (it is still held).
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// The Admin API failed in a way the other variants do not cover.
    #[error(transparent)]
    Api(Arc<ApiError>),
}

impl LifecycleError {
    /// The underlying Admin API error, for mapping 401/403 to the organization's key problems.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            LifecycleError::Api(error) => Some(error),
            _ => None,
        }
    }

    /// Maps an Admin API error: a refused connection means nothing was sent.
    pub(crate) fn from_api(error: ApiError) -> Self {
        if let ApiError::Transport {
            operation, failure, ..
        } = &error
        {
            if !failure.may_have_reached_server {
                return LifecycleError::Unreachable {
                    operation,
                    detail: failure.to_string(),
                };
            }
        }
        LifecycleError::Api(Arc::new(error))
    }

    /// Maps an error of a create (or of listing before one), recognising archived projects and
    /// servers without the add-key endpoint.
    pub(crate) fn from_create(project_id: &str, error: ApiError) -> Self {
        match error.kind() {
            ErrorKind::BadRequest
                if error
                    .api_message()
                    .is_some_and(|message| message.contains("archived")) =>
            {
                LifecycleError::ProjectArchived {
                    project_id: project_id.to_owned(),
                }
            }
            ErrorKind::NotSupported => LifecycleError::NotSupported,
            _ => LifecycleError::from_api(error),
        }
    }
}

/// Whether a failed create may have been carried out, so the project must be checked before
/// anyone tries again. A definite refusal (4xx) created nothing.
pub(crate) fn outcome_unknown(error: &ApiError) -> bool {
    error.may_have_reached_server()
        && matches!(
            error.kind(),
            ErrorKind::Server
                | ErrorKind::Timeout
                | ErrorKind::Network
                | ErrorKind::Decode
                | ErrorKind::ResponseTooLarge
                | ErrorKind::Other
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_whether_anything_changed() {
        let unreachable = LifecycleError::Unreachable {
            operation: "delete project API key",
            detail: "could not connect to the server (nothing was sent)".into(),
        };
        assert!(unreachable.to_string().contains("nothing was changed"));
        let mismatch = LifecycleError::ConfirmationMismatch {
            expected: "prod".into(),
        };
        assert!(mismatch.to_string().contains("nothing was deleted"));
        let not_created = LifecycleError::NotCreated {
            reason: "HTTP 500".into(),
        };
        assert!(not_created.to_string().ends_with("it is safe to try again"));
    }
}
