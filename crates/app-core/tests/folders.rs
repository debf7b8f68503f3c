//! Settings, caches and logs resolve to each OS's own folders when no `KEYWARDEN_*_DIR`
//! variable is set. The Windows half runs in `make test`'s windows suite, under Wine.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use app_core::{folders, ConfigStore};

fn clear_overrides() {
    for var in [
        "KEYWARDEN_CONFIG_DIR",
        "KEYWARDEN_DATA_DIR",
        "KEYWARDEN_LOG_DIR",
    ] {
        std::env::remove_var(var);
    }
}

#[cfg(target_os = "linux")]
#[test]
fn linux_uses_the_xdg_folders() {
    clear_overrides();
    let home = tempfile::tempdir().unwrap();
    let xdg = |name: &str| home.path().join(name);
    std::env::set_var("XDG_CONFIG_HOME", xdg("config"));
    std::env::set_var("XDG_DATA_HOME", xdg("data"));
    std::env::set_var("XDG_STATE_HOME", xdg("state"));

    assert_eq!(
        folders::settings().unwrap(),
        xdg("config").join("keywarden")
    );
    assert_eq!(folders::data().unwrap(), xdg("data").join("keywarden"));
    assert_eq!(
        folders::logs().unwrap(),
        xdg("state").join("keywarden/logs")
    );
    assert_settings_and_cache_follow();
}

#[cfg(windows)]
#[test]
fn windows_keeps_settings_in_the_roaming_profile_and_caches_and_logs_on_this_machine() {
    clear_overrides();
    let roaming = std::path::PathBuf::from(std::env::var_os("APPDATA").unwrap());
    let local = std::path::PathBuf::from(std::env::var_os("LOCALAPPDATA").unwrap());
    assert_ne!(roaming, local);

    assert_eq!(
        folders::settings().unwrap(),
        roaming.join(r"keywarden\Keywarden\config")
    );
    assert_eq!(
        folders::data().unwrap(),
        local.join(r"keywarden\Keywarden\data")
    );
    assert_eq!(
        folders::logs().unwrap(),
        local.join(r"keywarden\Keywarden\data\logs")
    );
    assert_settings_and_cache_follow();
}

/// The settings file and the cache folder are the ones in the platform folders.
fn assert_settings_and_cache_follow() {
    let settings = ConfigStore::default_location().unwrap();
    assert_eq!(settings.path().parent(), folders::settings().as_deref());
    assert!(
        is_settings_file(settings.path()),
        "{}",
        settings.path().display()
    );
    assert_eq!(
        ConfigStore::default_cache_dir().unwrap(),
        folders::data().unwrap().join("cache")
    );
}

fn is_settings_file(path: &Path) -> bool {
    matches!(
        path.file_name().and_then(|n| n.to_str()),
        Some("config.json" | "config.dev.json")
    )
}
