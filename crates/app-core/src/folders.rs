//! Where Keywarden keeps its files on each OS, when no `KEYWARDEN_*_DIR` variable says otherwise:
//!
//! | | Linux | Windows | macOS |
//! |---|---|---|---|
//! | settings | `~/.config/keywarden` | `%APPDATA%\keywarden\Keywarden\config` | `~/Library/Application Support/app.keywarden.Keywarden` |
//! | caches | `~/.local/share/keywarden/cache` | `%LOCALAPPDATA%\keywarden\Keywarden\data\cache` | `…/app.keywarden.Keywarden/cache` |
//! | logs | `~/.local/state/keywarden/logs` | `%LOCALAPPDATA%\keywarden\Keywarden\data\logs` | `…/app.keywarden.Keywarden/logs` |

use std::path::PathBuf;

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("app", "keywarden", "Keywarden")
}

/// The platform folder for the settings file.
pub fn settings() -> Option<PathBuf> {
    Some(project()?.config_dir().to_path_buf())
}

/// The platform folder the inventory caches' `cache` folder goes in: the local data folder, so
/// a cache of 100,000 keys never roams with a Windows profile (on Linux and macOS the local and
/// the roaming data folder are the same).
pub fn data() -> Option<PathBuf> {
    Some(project()?.data_local_dir().to_path_buf())
}

/// The platform folder for logs: the state folder where the OS has one (Linux), else the local
/// (not roaming) data folder.
pub fn logs() -> Option<PathBuf> {
    let dirs = project()?;
    let base = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
    Some(base.join("logs"))
}
