//! One app, one writer: a second launch on the same settings brings the running window forward
//! and exits, so two processes never write the same settings, activity and cache files.
//!
//! On Linux the running instance owns a D-Bus name (`dbus.rs`, which also recovers the name
//! from an instance that crashed a moment ago); `tauri-plugin-single-instance` uses a named
//! mutex on Windows and a socket on macOS. On Linux the name is tied to the settings file
//! (not only to the app), so a test or a developer build with its own `KEYWARDEN_CONFIG_DIR`
//! runs beside the installed app, while every launch on the same file meets the first one.

#[cfg(target_os = "linux")]
pub mod dbus;

use std::path::Path;

use tauri::{AppHandle, Manager, Runtime};

/// The app identifier from `tauri.conf.json`; the D-Bus name starts with it.
const IDENTIFIER: &str = "app.keywarden.desktop";

/// The plugin that hands a second launch over to the running window; register it before
/// anything else, so a second instance exits before it opens any file.
#[cfg(target_os = "linux")]
pub fn plugin<R: Runtime>(settings_file: Option<&Path>) -> tauri::plugin::TauriPlugin<R> {
    let id = settings_file.map_or_else(|| IDENTIFIER.to_owned(), bus_id);
    tauri::plugin::Builder::new("single-instance")
        .setup(move |app, _api| {
            let handle = app.clone();
            let on_second_launch = std::sync::Arc::new(move || {
                tracing::info!("another launch handed over to this window");
                focus_main_window(&handle);
            });
            match dbus::claim(&dbus::Bus::session(), &id, on_second_launch) {
                Ok(dbus::Claim::Owner(connection)) => {
                    app.manage(InstanceName(connection));
                }
                Ok(dbus::Claim::HandedOver) => {
                    app.cleanup_before_exit();
                    std::process::exit(0);
                }
                Err(dbus::ClaimError::NoBus(error)) => {
                    // Without a session bus no other instance can be found: start anyway.
                    tracing::warn!(%error, "no single-instance check: the session bus is unavailable");
                }
                Err(refused) => {
                    rfd::MessageDialog::new()
                        .set_level(rfd::MessageLevel::Error)
                        .set_title("Keywarden is already running")
                        .set_description(format!("Keywarden did not start: {refused}."))
                        .set_buttons(rfd::MessageButtons::Ok)
                        .show();
                    return Err(refused.into());
                }
            }
            Ok(())
        })
        .build()
}

/// Keeps the session-bus connection that owns this instance's name open while the app runs.
#[cfg(target_os = "linux")]
struct InstanceName(#[allow(dead_code)] zbus::blocking::Connection);

/// Elsewhere a named mutex (Windows) or a socket (macOS) finds the running instance.
#[cfg(not(target_os = "linux"))]
pub fn plugin<R: Runtime>(_settings_file: Option<&Path>) -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_single_instance::Builder::new()
        .callback(|app, _argv, _cwd| {
            tracing::info!("another launch handed over to this window");
            focus_main_window(app);
        })
        .build()
}

/// Brings the main window forward: restored if minimized, shown if hidden, focused.
fn focus_main_window<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let focused = window
        .unminimize()
        .and_then(|()| window.show())
        .and_then(|()| window.set_focus());
    if let Err(error) = focused {
        tracing::warn!(%error, "could not bring the window forward");
    }
}

/// The D-Bus base name for instances on `settings_file`: the identifier and a stable hash of
/// the file's path (FNV-1a, the same in every build), e.g. `app.keywarden.desktop.s1f2e…`.
pub fn bus_id(settings_file: &Path) -> String {
    let path = std::fs::canonicalize(settings_file.parent().unwrap_or(settings_file))
        .map(|dir| dir.join(settings_file.file_name().unwrap_or_default()))
        .unwrap_or_else(|_| settings_file.to_path_buf());
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in path.as_os_str().as_encoded_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{IDENTIFIER}.s{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bus_id_is_the_same_for_the_same_settings_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.json");
        let through_dot = dir.path().join(".").join("config.json");
        assert_eq!(bus_id(&file), bus_id(&through_dot));
    }

    #[test]
    fn different_settings_files_get_different_bus_ids() {
        let dir = tempfile::tempdir().unwrap();
        assert_ne!(
            bus_id(&dir.path().join("config.json")),
            bus_id(&dir.path().join("config.dev.json"))
        );
    }

    #[test]
    fn the_bus_id_is_a_valid_dbus_name_under_the_app_identifier() {
        let id = bus_id(Path::new("/home/someone/.config/keywarden/config.json"));
        let rest = id.strip_prefix("app.keywarden.desktop.s").unwrap();
        assert_eq!(rest.len(), 16);
        assert!(rest.chars().all(|c| c.is_ascii_hexdigit()));
        assert!(id.len() + ".SingleInstance".len() <= 255);
    }

    #[test]
    fn the_identifier_matches_the_app_configuration() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
        assert_eq!(conf["identifier"], IDENTIFIER);
    }
}
