//! The system clipboard, as the only way a new key leaves Keywarden's memory.
//!
//! The webview has no clipboard access; Rust writes the secret itself, with the hints that keep it
//! out of clipboard histories (KDE/GNOME managers on Linux, Windows history and cloud sync,
//! macOS history tools), and later clears it if the clipboard still holds it. [`SystemClipboard`]
//! keeps one `arboard` handle alive because on X11 and Wayland the copying process must keep
//! serving the selection; [`MemoryClipboard`] stands in for tests.

mod memory;
mod system;

use std::sync::{Mutex, MutexGuard};

use secrecy::{ExposeSecret, SecretString};

use crate::secret_fingerprint::SecretFingerprint;

pub use memory::MemoryClipboard;
pub use system::SystemClipboard;

/// The longest non-secret text the window may copy (an id, a redacted value, a path), in bytes.
pub const MAX_COPY_TEXT_BYTES: usize = 512;

/// Checks a non-secret text the window asks to copy (the shell copies it through the clipboard
/// plugin's Rust API): short, one line, not empty.
pub fn check_copyable(text: &str) -> Result<(), crate::Error> {
    if text.is_empty() || text.len() > MAX_COPY_TEXT_BYTES || text.chars().any(char::is_control) {
        return Err(crate::Error::InvalidInput(
            "only short, single-line texts can be copied".into(),
        ));
    }
    Ok(())
}

/// Why the clipboard could not be used, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClipboardError {
    /// There is no clipboard to talk to (no display server, or an unsupported session).
    #[error(
        "no clipboard is available ({detail}); the key stays available to copy until you \
         acknowledge it"
    )]
    Unavailable {
        /// What is missing, e.g. "no display server".
        detail: String,
    },
    /// Another program (or another copy in Keywarden) is using the clipboard right now.
    #[error("the clipboard is busy in another program; try copying again")]
    Busy,
    /// The clipboard refused the operation for another reason.
    #[error("the clipboard failed ({detail}); try copying again")]
    Failed {
        /// What the platform reported; never clipboard contents.
        detail: String,
    },
}

/// A clipboard Keywarden can copy to, read back, and clear.
pub trait Clipboard: Send + Sync {
    /// The current text, or `None` when the clipboard is empty or holds something else.
    fn read_text(&self) -> Result<Option<SecretString>, ClipboardError>;
    /// Copies a secret, asking clipboard managers and sync services to leave it alone.
    fn write_secret(&self, secret: &SecretString) -> Result<(), ClipboardError>;
    /// Copies non-secret text (an id, a redacted value).
    fn write_text(&self, text: &str) -> Result<(), ClipboardError>;
    /// Whether the clipboard holds exactly `secret`.
    fn holds(&self, secret: &SecretString) -> Result<bool, ClipboardError> {
        Ok(self
            .read_text()?
            .is_some_and(|text| text.expose_secret() == secret.expose_secret()))
    }
    /// Whether the clipboard holds exactly the secret `fingerprint` was taken of.
    fn holds_fingerprint(&self, fingerprint: &SecretFingerprint) -> Result<bool, ClipboardError> {
        Ok(self
            .read_text()?
            .is_some_and(|text| fingerprint.matches(text.expose_secret())))
    }
    /// Empties the clipboard.
    fn clear(&self) -> Result<(), ClipboardError>;
}

/// Clears the clipboard only if it still holds `secret`; returns whether it cleared.
///
/// Whatever the user copied since is left alone.
pub fn clear_if_holds(
    clipboard: &dyn Clipboard,
    secret: &SecretString,
) -> Result<bool, ClipboardError> {
    if !clipboard.holds(secret)? {
        return Ok(false);
    }
    clipboard.clear()?;
    Ok(true)
}

/// Clears the clipboard only if it still holds the secret `fingerprint` was taken of; returns
/// whether it cleared. Whatever the user copied since is left alone.
pub fn clear_if_matches(
    clipboard: &dyn Clipboard,
    fingerprint: &SecretFingerprint,
) -> Result<bool, ClipboardError> {
    if !clipboard.holds_fingerprint(fingerprint)? {
        return Ok(false);
    }
    clipboard.clear()?;
    Ok(true)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_short_single_line_texts_can_be_copied() {
        assert!(check_copyable("proj_abc123").is_ok());
        for refused in [
            "",
            "two\nlines",
            "tab\there",
            &"x".repeat(MAX_COPY_TEXT_BYTES + 1),
        ] {
            assert!(check_copyable(refused).is_err(), "{refused:?}");
        }
    }

    #[test]
    fn clearing_leaves_a_clipboard_the_user_has_since_changed_alone() {
        let clipboard = MemoryClipboard::new();
        let secret = SecretString::from("sk-svcacct-SENTINEL");
        clipboard.write_secret(&secret).unwrap();
        clipboard.write_text("something else").unwrap();
        assert!(!clear_if_holds(&clipboard, &secret).unwrap());
        let text = clipboard.read_text().unwrap().unwrap();
        assert_eq!(text.expose_secret(), "something else");
    }

    #[test]
    fn an_image_on_the_clipboard_reads_as_no_text() {
        let clipboard = MemoryClipboard::new();
        clipboard.put_image();
        assert!(clipboard.read_text().unwrap().is_none());
        assert!(!clipboard.holds(&SecretString::from("x")).unwrap());
    }

    #[test]
    fn the_unavailable_message_says_the_key_stays_available() {
        let error = ClipboardError::Unavailable {
            detail: "no display server".into(),
        };
        assert_eq!(
            error.to_string(),
            "no clipboard is available (no display server); the key stays available to copy \
             until you acknowledge it"
        );
    }
}
