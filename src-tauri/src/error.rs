//! The one error type that crosses IPC: `{code, message}`.
//!
//! `code` is a small set the UI switches on; `message` is short, scrubbed, and says what happened
//! and what to do; `details` (when present) holds the particulars a user may need for support —
//! operation, HTTP status, the server's scrubbed text, its code and request id — shown behind a
//! "Details" disclosure. The full error chain is logged here.

use serde::Serialize;
use ts_rs::TS;

/// What a failed command returns to the webview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandError {
    /// A stable code the UI may branch on.
    pub code: ErrorCode,
    /// A short message for the person at the keyboard.
    pub message: String,
    /// The technical particulars, for a "Details" disclosure; absent when there are none (so
    /// `{code, message}` stays a valid error).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub details: Option<String>,
}

impl CommandError {
    /// The clipboard plugin failed to copy a non-secret text.
    pub fn clipboard(error: impl std::fmt::Display) -> Self {
        let detail = openai_admin::scrub_keys(&error.to_string());
        Self::new(
            ErrorCode::Clipboard,
            format!("the clipboard could not be used ({detail}); try copying again"),
        )
    }

    /// An error with no details.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            details: None,
        }
    }
}

/// The situations the UI treats differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// The admin key is missing, invalid or revoked: paste it again.
    AdminKey,
    /// The admin key lacks a scope.
    MissingScope,
    /// The admin key can read but not change anything.
    ReadOnly,
    /// The OS keychain cannot be used.
    Keychain,
    /// The clipboard cannot be used.
    Clipboard,
    /// The new key did not reach the vault; it is still held, to copy or send again.
    Vault,
    /// The input was rejected; nothing was changed.
    InvalidInput,
    /// The thing asked for does not exist (any more).
    NotFound,
    /// The organization's API does not offer this.
    NotSupported,
    /// The server refused the request (e.g. a policy of the organization); nothing changed.
    Refused,
    /// The network or the server failed; retrying may help.
    Unreachable,
    /// The user cancelled it.
    Cancelled,
    /// Anything else.
    Internal,
}

impl From<app_core::Error> for CommandError {
    fn from(error: app_core::Error) -> Self {
        use app_core::Error as E;
        let details = error.details();
        tracing::warn!(error = %error, details = details.as_deref().unwrap_or(""), "command failed");
        let code = match &error {
            E::NoAdminKey { .. }
            | E::KeyRejected { .. }
            | E::KeyNotAccepted { .. }
            | E::OtherOrganization { .. } => ErrorCode::AdminKey,
            E::MissingScope { .. } => ErrorCode::MissingScope,
            E::ReadOnly { .. } => ErrorCode::ReadOnly,
            E::Keychain(_) => ErrorCode::Keychain,
            E::InvalidInput(_) => ErrorCode::InvalidInput,
            E::NotFound(_) => ErrorCode::NotFound,
            E::NotSupported(_) => ErrorCode::NotSupported,
            E::Refused { .. } => ErrorCode::Refused,
            E::Clipboard(_) => ErrorCode::Clipboard,
            E::Vault(_) => ErrorCode::Vault,
            E::Api(_)
            | E::KeyChangeFailed(_)
            | E::Demo(_)
            | E::Unavailable { .. }
            | E::ResponseTooLarge { .. } => ErrorCode::Unreachable,
            E::Config(_) | E::Cache(_) | E::ExportFailed { .. } => ErrorCode::Internal,
            E::Cancelled => ErrorCode::Cancelled,
        };
        CommandError {
            code,
            message: error.to_string(),
            details,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_errors_serialize_as_code_and_message() {
        let error = CommandError::from(app_core::Error::InvalidInput("name is empty".into()));
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "invalidInput", "message": "name is empty"})
        );
    }

    #[test]
    fn a_response_over_the_size_cap_is_a_server_failure_with_what_to_do() {
        let error = CommandError::from(app_core::Error::ResponseTooLarge {
            label: "Acme".into(),
            limit: "32 MiB".into(),
        });
        assert_eq!(error.code, ErrorCode::Unreachable);
        assert!(
            error
                .message
                .starts_with("Acme sent a response larger than 32 MiB"),
            "{}",
            error.message
        );
        assert!(
            error.message.contains("then try again"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_locked_keychain_maps_to_the_keychain_code() {
        let error = app_core::Error::Keychain(app_core::SecretStoreError::Locked {
            detail: "denied".into(),
        });
        assert_eq!(CommandError::from(error).code, ErrorCode::Keychain);
    }
}
