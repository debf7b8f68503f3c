//! The real clipboard through `arboard`, written with the hints that keep a secret out of
//! clipboard histories and cloud sync on every platform.

use std::sync::Mutex;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use super::{lock, Clipboard, ClipboardError};

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
