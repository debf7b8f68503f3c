//! The real Windows clipboard (under Wine in `make test`'s windows suite): what Keywarden copies
//! is readable by another program, carries the three formats that keep it away from clipboard
//! monitors, the clipboard history and cloud sync, and is cleared only while it is still ours.
//! The read-backs go through the Win32 clipboard directly (`clipboard-win`), not through
//! Keywarden's own clipboard code.

#![cfg(windows)]
#![allow(clippy::unwrap_used)]

use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use app_core::clipboard::{clear_if_holds, Clipboard, SystemClipboard};
use clipboard_win::{get_clipboard_string, raw, set_clipboard_string};
use secrecy::{ExposeSecret, SecretString};

/// One clipboard per session, so these tests take turns.
static CLIPBOARD: Mutex<()> = Mutex::new(());

fn fresh_secret() -> SecretString {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    SecretString::from(format!("sk-svcacct-clipboard-win-{nanos}-9fQe"))
}

/// The registered formats on the clipboard now, by name, with their bytes.
fn named_formats() -> Vec<(String, Vec<u8>)> {
    let _open = clipboard_win::Clipboard::new_attempts(10).unwrap();
    raw::EnumFormats::new()
        .filter_map(|format| {
            let name = raw::format_name_big(format)?;
            let mut bytes = Vec::new();
            raw::get_vec(format, &mut bytes).ok()?;
            Some((name, bytes))
        })
        .collect()
}

#[test]
fn a_copied_secret_is_readable_elsewhere_and_kept_out_of_monitors_history_and_cloud() {
    let _turn = CLIPBOARD.lock().unwrap_or_else(|e| e.into_inner());
    let clipboard = SystemClipboard::new();
    let secret = fresh_secret();
    clipboard.write_secret(&secret).unwrap();

    assert_eq!(get_clipboard_string().unwrap(), secret.expose_secret());
    let formats = named_formats();
    let names: Vec<&str> = formats.iter().map(|(name, _)| name.as_str()).collect();
    let value = |wanted: &str| {
        formats
            .iter()
            .find(|(name, _)| name == wanted)
            .map(|(_, bytes)| bytes.clone())
    };
    assert!(
        names.contains(&"ExcludeClipboardContentFromMonitorProcessing"),
        "{names:?}"
    );
    for flag in ["CanIncludeInClipboardHistory", "CanUploadToCloudClipboard"] {
        let bytes = value(flag).unwrap_or_else(|| panic!("{flag} is set: {names:?}"));
        assert_eq!(bytes.get(..4), Some(&[0u8; 4][..]), "{flag} is the DWORD 0");
    }
    assert!(clipboard.holds(&secret).unwrap());
}

#[test]
fn a_secret_still_on_the_clipboard_is_cleared_and_a_newer_copy_is_left_alone() {
    let _turn = CLIPBOARD.lock().unwrap_or_else(|e| e.into_inner());
    let clipboard = SystemClipboard::new();
    let secret = fresh_secret();
    clipboard.write_secret(&secret).unwrap();
    assert!(clear_if_holds(&clipboard, &secret).unwrap());
    assert_ne!(
        get_clipboard_string().ok().as_deref(),
        Some(secret.expose_secret())
    );

    clipboard.write_secret(&secret).unwrap();
    set_clipboard_string("the user's own text").unwrap();
    assert!(!clear_if_holds(&clipboard, &secret).unwrap());
    assert_eq!(get_clipboard_string().unwrap(), "the user's own text");
}

#[test]
fn copying_plain_text_sets_no_exclusion_formats() {
    let _turn = CLIPBOARD.lock().unwrap_or_else(|e| e.into_inner());
    let clipboard = SystemClipboard::new();
    clipboard.write_text("proj_abc123").unwrap();
    assert_eq!(get_clipboard_string().unwrap(), "proj_abc123");
    let names: Vec<String> = named_formats().into_iter().map(|(name, _)| name).collect();
    assert!(
        !names
            .iter()
            .any(|n| n == "ExcludeClipboardContentFromMonitorProcessing"),
        "an id is not hidden from the clipboard history: {names:?}"
    );
}
