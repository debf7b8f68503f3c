//! Where things are: the workspace, the built app, tauri-driver, and the screenshot folder.

use std::path::PathBuf;

/// The workspace root: the parent of this crate's folder as cargo gives it when it runs the
/// tests (not as compiled in: a binary built from another checkout must use this one).
pub fn workspace_root() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// Cargo's target directory (honours `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

/// The app binary under test: `KEYWARDEN_APP_BIN`, or the debug build.
pub fn app_binary() -> PathBuf {
    std::env::var_os("KEYWARDEN_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug").join("keywarden"))
}

/// The tauri-driver executable: `TAURI_DRIVER`, then `$CARGO_HOME/bin`, then `PATH`.
pub fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    if let Some(candidate) = cargo_home.map(|home| home.join("bin").join("tauri-driver")) {
        if candidate.exists() {
            return candidate;
        }
    }
    PathBuf::from("tauri-driver")
}

/// Where screenshots go: `<workspace>/target/e2e/`.
pub fn screenshot_dir() -> PathBuf {
    workspace_root().join("target").join("e2e")
}
