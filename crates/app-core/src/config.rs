//! Keywarden's settings file: organizations (metadata only) and preferences.
//!
//! The file lives in the platform config dir, carries a schema version, and is written
//! atomically (temporary file, fsync, rename, fsync of the folder), so a crash never leaves half
//! a file. It never holds a secret: admin keys live only in the keychain. A file that cannot be
//! read is kept aside as `config.json.corrupt-<time>` and reported; the app still opens.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::hygiene::HygieneThresholds;
use crate::key_policy::KeyPolicy;
use crate::organizations::OrgId;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything Keywarden remembers between runs. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    /// Schema version of this file.
    pub schema_version: u32,
    /// The organizations, in sidebar order.
    #[serde(default)]
    pub organizations: Vec<OrgRecord>,
    /// User preferences.
    #[serde(default)]
    pub preferences: Preferences,
    /// Each organization's default permissions and expiry for new keys.
    #[serde(default)]
    pub key_policy_defaults: std::collections::BTreeMap<OrgId, KeyPolicy>,
    /// Where each organization's new keys were sent last time (*Send to vault*).
    #[serde(default)]
    pub vault_choices: std::collections::BTreeMap<OrgId, crate::org::VaultChoice>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            organizations: Vec::new(),
            preferences: Preferences::default(),
            key_policy_defaults: std::collections::BTreeMap::new(),
            vault_choices: std::collections::BTreeMap::new(),
        }
    }
}

/// One organization as stored. Its admin key is in the keychain under `id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrgRecord {
    /// Local id; also the keychain account name.
    pub id: OrgId,
    /// The label the user gave it.
    pub label: String,
    /// Admin API base URL.
    pub base_url: String,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// When its inventory was last refreshed.
    #[serde(default)]
    pub last_refreshed_at: Option<DateTime<Utc>>,
}

/// User preferences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Preferences {
    /// Seconds after which a copied key is cleared from the clipboard (if still there).
    pub clipboard_clear_seconds: u32,
    /// Whether archived projects are shown in the sidebar.
    pub show_archived: bool,
    /// The day counts of the hygiene rules.
    pub hygiene: HygieneThresholds,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            clipboard_clear_seconds: 30,
            show_archived: false,
            hygiene: HygieneThresholds::default(),
        }
    }
}

/// Why one of Keywarden's own files (settings, the list of new keys waiting to be stored) could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// Reading or writing the file failed.
    #[error(
        "the {file} {path} could not be {action} ({source}); check that its folder is writable \
         and the disk has space"
    )]
    Io {
        /// What the file is to the user: "settings file", "list of new keys waiting to be stored".
        file: &'static str,
        /// Which file.
        path: PathBuf,
        /// "read", "written", …
        action: &'static str,
        /// The OS error.
        source: std::io::Error,
    },
}

/// A settings file that could not be read and was moved aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorruptConfig {
    /// Where the unreadable file was kept.
    pub kept_as: PathBuf,
    /// Why it could not be read.
    pub reason: String,
}

/// What loading found.
#[derive(Debug)]
pub struct Loaded {
    /// The settings (defaults when there was no usable file).
    pub config: Config,
    /// Set when an unreadable file was moved aside.
    pub recovered: Option<CorruptConfig>,
}

/// Reads and writes the settings file at one path.
#[derive(Debug, Clone)]
pub struct ConfigStore {
    path: PathBuf,
}

impl ConfigStore {
    /// A store for the file at `path`.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// The platform location: `KEYWARDEN_CONFIG_DIR` if set, else the OS config dir. Debug builds
    /// use their own file, as they use their own keychain service.
    pub fn default_location() -> Option<Self> {
        let dir = match std::env::var_os("KEYWARDEN_CONFIG_DIR") {
            Some(dir) => PathBuf::from(dir),
            None => crate::folders::settings()?,
        };
        let name = if cfg!(debug_assertions) {
            "config.dev.json"
        } else {
            "config.json"
        };
        Some(Self::new(dir.join(name)))
    }

    /// The folder of the inventory caches: `$KEYWARDEN_DATA_DIR/cache` if set; else `cache`
    /// beside the settings when `KEYWARDEN_CONFIG_DIR` is set (so a test's folder holds all it
    /// wrote); else the OS data dir's `cache`.
    pub fn default_cache_dir() -> Option<PathBuf> {
        let dir = match (
            std::env::var_os("KEYWARDEN_DATA_DIR"),
            std::env::var_os("KEYWARDEN_CONFIG_DIR"),
        ) {
            (Some(dir), _) | (None, Some(dir)) => PathBuf::from(dir),
            (None, None) => crate::folders::data()?,
        };
        Some(dir.join("cache"))
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Loads the settings. A missing file gives defaults; an unreadable one is moved aside.
    pub fn load(&self) -> Result<Loaded, ConfigError> {
        let bytes = match fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Loaded {
                    config: Config::default(),
                    recovered: None,
                });
            }
            Err(source) => return Err(self.io("read", source)),
        };
        match parse(&bytes) {
            Ok(config) => Ok(Loaded {
                config,
                recovered: None,
            }),
            Err(reason) => {
                let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
                let kept_as = self.path.with_file_name(format!(
                    "{}.corrupt-{stamp}",
                    self.path
                        .file_name()
                        .and_then(|n| n.to_str())
                        .unwrap_or("config.json")
                ));
                fs::rename(&self.path, &kept_as)
                    .map_err(|source| self.io("moved aside", source))?;
                tracing::warn!(kept_as = %kept_as.display(), %reason, "settings file unreadable");
                Ok(Loaded {
                    config: Config::default(),
                    recovered: Some(CorruptConfig { kept_as, reason }),
                })
            }
        }
    }

    /// Writes the settings atomically: temporary file, fsync, rename, fsync of the folder.
    pub fn save(&self, config: &Config) -> Result<(), ConfigError> {
        let mut json = serde_json::to_vec_pretty(config)
            .map_err(|e| self.io("written", std::io::Error::other(e)))?;
        json.push(b'\n');
        write_atomically(&self.path, &json).map_err(|source| self.io("written", source))
    }

    /// A file beside the settings file, e.g. the activity log.
    pub fn sibling(&self, name: &str) -> PathBuf {
        self.path.with_file_name(name)
    }

    fn io(&self, action: &'static str, source: std::io::Error) -> ConfigError {
        ConfigError::Io {
            file: "settings file",
            path: self.path.clone(),
            action,
            source,
        }
    }
}

/// Replaces `path` with `bytes` so that readers see the old or the new file, never a mix:
/// temporary file in the same folder, fsync, rename, fsync of the folder. The file is readable
/// by its owner only (0600), and a folder it creates is too (0700).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    create_private_dir(dir)?;
    // A fresh, unpredictable name opened with create_new (O_EXCL): nothing another process put
    // in the folder (a file, a symlink) is ever written through.
    let temp = path.with_extension(format!("tmp-{}", uuid::Uuid::new_v4().simple()));
    let written = (|| {
        let mut file = create_private_file(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        if let Ok(folder) = File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> std::io::Result<File> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

fn parse(bytes: &[u8]) -> Result<Config, String> {
    let config: Config = serde_json::from_slice(bytes).map_err(|e| {
        format!(
            "not valid settings JSON (line {}, column {})",
            e.line(),
            e.column()
        )
    })?;
    if config.schema_version > SCHEMA_VERSION {
        return Err(format!(
            "written by a newer Keywarden (schema {}, this one reads {SCHEMA_VERSION})",
            config.schema_version
        ));
    }
    Ok(config)
}
