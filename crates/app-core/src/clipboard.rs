//! The system clipboard, as the only way a new key leaves Keywarden's memory.
//!
//! The webview has no clipboard access; Rust writes the secret itself, with the hints that keep it
//! out of clipboard histories (KDE/GNOME managers on Linux, Windows history and cloud sync,
//! macOS history tools), and later clears it if the clipboard still holds it. [`SystemClipboard`]
//! keeps one `arboard` handle alive because on X11 and Wayland the copying process must keep
//! serving the selection; [`MemoryClipboard`] stands in for tests.

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use crate::secret_fingerprint::SecretFingerprint;

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

/// The desktop's clipboard, through `arboard`, opened on first use.
#[derive(Default)]
pub struct SystemClipboard {
    handle: Mutex<Option<arboard::Clipboard>>,
}

impl std::fmt::Debug for SystemClipboard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SystemClipboard").finish_non_exhaustive()
    }
}

impl SystemClipboard {
    /// A clipboard that connects to the display server when first used, and again after a
    /// failed attempt.
    pub fn new() -> Self {
        Self::default()
    }

    fn with<R>(
        &self,
        op: impl FnOnce(&mut arboard::Clipboard) -> Result<R, arboard::Error>,
    ) -> Result<R, ClipboardError> {
        let mut guard = lock(&self.handle);
        let handle = match guard.take() {
            Some(handle) => handle,
            None => connect()?,
        };
        op(guard.insert(handle)).map_err(failure)
    }
}

/// Pauses between attempts to reach the display server: a busy X server can refuse or time out
/// a new connection for a moment, and a copy the user asked for should not fail on that.
const CONNECT_RETRY_PAUSES: [Duration; 3] = [
    Duration::from_millis(100),
    Duration::from_millis(300),
    Duration::from_millis(900),
];

/// Opens the desktop's clipboard, trying again briefly when a display server is configured but
/// did not answer; with no display server at all it fails at once.
fn connect() -> Result<arboard::Clipboard, ClipboardError> {
    let mut pauses = CONNECT_RETRY_PAUSES.iter();
    loop {
        match arboard::Clipboard::new() {
            Ok(handle) => return Ok(handle),
            Err(error) => match pauses.next() {
                Some(pause)
                    if display_configured()
                        && !matches!(error, arboard::Error::ClipboardNotSupported) =>
                {
                    std::thread::sleep(*pause);
                }
                _ => return Err(unavailable(&error)),
            },
        }
    }
}

fn display_configured() -> bool {
    !cfg!(all(unix, not(target_os = "macos")))
        || ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|name| std::env::var_os(name).is_some_and(|value| !value.is_empty()))
}

impl Clipboard for SystemClipboard {
    fn read_text(&self) -> Result<Option<SecretString>, ClipboardError> {
        self.with(|handle| match handle.get_text() {
            Ok(text) => Ok(Some(SecretString::from(text))),
            Err(error) if holds_no_text(&error) => Ok(None),
            Err(other) => Err(other),
        })
    }

    fn write_secret(&self, secret: &SecretString) -> Result<(), ClipboardError> {
        self.with(|handle| set_excluded(handle, secret.expose_secret()))
    }

    fn write_text(&self, text: &str) -> Result<(), ClipboardError> {
        self.with(|handle| handle.set_text(text))
    }

    fn clear(&self) -> Result<(), ClipboardError> {
        self.with(arboard::Clipboard::clear)
    }
}

/// Sets text with the X11/Wayland `x-kde-passwordManagerHint` that clipboard managers honour.
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
))]
fn set_excluded(handle: &mut arboard::Clipboard, text: &str) -> Result<(), arboard::Error> {
    use arboard::SetExtLinux;
    handle.set().exclude_from_history().text(text)
}

/// Sets text that Windows clipboard monitors skip (`ExcludeClipboardContentFromMonitorProcessing`,
/// honoured by clipboard managers and remote-desktop sync), and that is kept out of the clipboard
/// history and cloud sync (`CanIncludeInClipboardHistory` / `CanUploadToCloudClipboard` = 0).
/// Password managers set all three: the monitor hint alone is not read by every Windows version's
/// history and sync.
#[cfg(windows)]
fn set_excluded(handle: &mut arboard::Clipboard, text: &str) -> Result<(), arboard::Error> {
    use arboard::SetExtWindows;
    handle
        .set()
        .exclude_from_monitoring()
        .exclude_from_history()
        .exclude_from_cloud()
        .text(text)
}

/// Sets text marked `org.nspasteboard.ConcealedType`, which history tools skip.
#[cfg(target_os = "macos")]
fn set_excluded(handle: &mut arboard::Clipboard, text: &str) -> Result<(), arboard::Error> {
    use arboard::SetExtApple;
    handle.set().exclude_from_history().text(text)
}

/// Sets text on a platform without an exclusion convention.
#[cfg(not(any(
    windows,
    target_os = "macos",
    all(unix, not(any(target_os = "android", target_os = "emscripten")))
)))]
fn set_excluded(handle: &mut arboard::Clipboard, text: &str) -> Result<(), arboard::Error> {
    handle.set().text(text)
}

/// Whether a failed read means "there is something, but it is not text".
///
/// X11 owners such as xclip answer a text request for an image with the image's own type, which
/// arboard 3.7 reports only by this message.
fn holds_no_text(error: &arboard::Error) -> bool {
    match error {
        arboard::Error::ContentNotAvailable | arboard::Error::ConversionFailure => true,
        arboard::Error::Unknown { description } => {
            description == "incorrect type received from clipboard"
        }
        _ => false,
    }
}

fn unavailable(error: &arboard::Error) -> ClipboardError {
    let detail = if !display_configured() {
        "no display server".to_owned()
    } else {
        match error {
            arboard::Error::ClipboardOccupied => return ClipboardError::Busy,
            arboard::Error::ClipboardNotSupported => "not supported by this session".to_owned(),
            other => describe(other),
        }
    };
    ClipboardError::Unavailable { detail }
}

fn failure(error: arboard::Error) -> ClipboardError {
    match error {
        arboard::Error::ClipboardOccupied => ClipboardError::Busy,
        arboard::Error::ClipboardNotSupported => ClipboardError::Unavailable {
            detail: "not supported by this session".into(),
        },
        other => ClipboardError::Failed {
            detail: describe(&other),
        },
    }
}

fn describe(error: &arboard::Error) -> String {
    match error {
        arboard::Error::Unknown { description } => description.clone(),
        other => other.to_string(),
    }
}

/// An in-memory clipboard for tests; it can also hold "an image" (non-text content).
#[derive(Debug, Default)]
pub struct MemoryClipboard {
    content: Mutex<MemoryContent>,
}

#[derive(Debug, Default)]
enum MemoryContent {
    #[default]
    Empty,
    Text(SecretString),
    Image,
}

impl MemoryClipboard {
    /// An empty clipboard.
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces the content with something that is not text, as when a user copies an image.
    pub fn put_image(&self) {
        *lock(&self.content) = MemoryContent::Image;
    }
}

impl Clipboard for MemoryClipboard {
    fn read_text(&self) -> Result<Option<SecretString>, ClipboardError> {
        Ok(match &*lock(&self.content) {
            MemoryContent::Text(text) => Some(text.clone()),
            MemoryContent::Empty | MemoryContent::Image => None,
        })
    }

    fn write_secret(&self, secret: &SecretString) -> Result<(), ClipboardError> {
        *lock(&self.content) = MemoryContent::Text(secret.clone());
        Ok(())
    }

    fn write_text(&self, text: &str) -> Result<(), ClipboardError> {
        *lock(&self.content) = MemoryContent::Text(SecretString::from(text));
        Ok(())
    }

    fn clear(&self) -> Result<(), ClipboardError> {
        *lock(&self.content) = MemoryContent::Empty;
        Ok(())
    }
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
