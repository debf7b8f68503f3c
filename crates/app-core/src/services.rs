//! What every organization shares with the others: the settings, the clipboard, the key
//! lifecycle (one vault of new secrets for the whole app), the clients' options, the activity
//! file, the reveal journal, and the folder the inventory caches live in.
//!
//! The registry builds one [`AppServices`] at start and hands every organization handle an
//! `Arc` of it. Locks here are never held across an `.await`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use openai_admin::ClientOptions;

use crate::clipboard::Clipboard;
use crate::config::{write_atomically, Config, ConfigStore};
use crate::key_destination::{EnvironmentKey, HostConfirmation};
use crate::key_lifecycle::{ActivityLog, KeyLifecycle, RevealJournal};
use crate::key_rotation::KeyRotations;
use crate::organizations::OrgId;
use crate::vault_handoff::VaultTools;
use crate::Error;

/// The services the organizations share.
pub(crate) struct AppServices {
    /// The settings in use and their file.
    pub(crate) settings: Settings,
    /// The system clipboard (or a stand-in).
    pub(crate) clipboard: Arc<dyn Clipboard>,
    /// Create requests and the vault of new keys' secrets.
    pub(crate) lifecycle: KeyLifecycle,
    /// Timeouts and retries of every organization's client.
    pub(crate) client_options: ClientOptions,
    /// The activity of every organization, saved beside the settings.
    pub(crate) activity: ActivityFile,
    /// The durable note of new keys shown but not yet stored, saved beside the settings.
    pub(crate) journal: RevealJournal,
    /// The key rotations in progress, saved beside the settings, and the steps under way.
    pub(crate) rotations: KeyRotations,
    /// Where inventory caches are kept; `None` keeps them in memory only.
    pub(crate) cache_dir: Option<PathBuf>,
    /// The admin key from `OPENAI_ADMIN_KEY`, read at start-up; only ever sent to OpenAI.
    pub(crate) environment_key: EnvironmentKey,
    /// Asks before an admin key goes to a host other than OpenAI or this machine.
    pub(crate) host_confirmation: Arc<dyn HostConfirmation>,
    /// Where the vaults' command-line tools are found (*Send to vault*).
    pub(crate) vault_tools: VaultTools,
}

impl AppServices {
    /// Where an organization's inventory cache file is: `<cache dir>/<org-id>.sqlite3`.
    pub(crate) fn cache_path(&self, org: &OrgId) -> Option<PathBuf> {
        let dir = self.cache_dir.as_ref()?;
        Some(dir.join(format!("{org}.sqlite3")))
    }
}

/// The settings in use and the file they are saved to.
pub(crate) struct Settings {
    current: Mutex<Config>,
    store: ConfigStore,
}

impl Settings {
    /// Settings loaded from `store`.
    pub(crate) fn new(config: Config, store: ConfigStore) -> Self {
        Self {
            current: Mutex::new(config),
            store,
        }
    }

    /// A copy of the current settings.
    pub(crate) fn get(&self) -> Config {
        lock(&self.current).clone()
    }

    /// Changes the settings; the change is kept only if the file was written.
    pub(crate) fn change(&self, change: impl FnOnce(&mut Config)) -> Result<(), Error> {
        let mut config = lock(&self.current);
        let mut next = config.clone();
        change(&mut next);
        self.store.save(&next)?;
        *config = next;
        Ok(())
    }
}

/// Every organization's activity log, in one JSON file beside the settings (metadata only).
pub(crate) struct ActivityFile {
    path: PathBuf,
    write: Mutex<()>,
}

impl ActivityFile {
    /// The activity file beside the settings file (`activity.dev.json` for debug builds).
    pub(crate) fn beside(settings: &ConfigStore) -> Self {
        let name = if cfg!(debug_assertions) {
            "activity.dev.json"
        } else {
            "activity.json"
        };
        Self {
            path: settings.sibling(name),
            write: Mutex::new(()),
        }
    }

    /// One organization's log.
    pub(crate) fn log(&self, org: &OrgId) -> ActivityLog {
        self.load().remove(org.as_str()).unwrap_or_default()
    }

    /// Changes one organization's log and saves the file; a failed save is logged, not fatal.
    pub(crate) fn record(&self, org: &OrgId, change: impl FnOnce(&mut ActivityLog)) {
        let _guard = lock(&self.write);
        let mut logs = self.load();
        change(logs.entry(org.as_str().to_owned()).or_default());
        self.save(&logs);
    }

    /// Removes one organization's log from the file (when it is removed); a failed save is
    /// logged, not fatal.
    pub(crate) fn forget(&self, org: &OrgId) {
        let _guard = lock(&self.write);
        let mut logs = self.load();
        if logs.remove(org.as_str()).is_none() {
            return;
        }
        self.save(&logs);
    }

    fn save(&self, logs: &HashMap<String, ActivityLog>) {
        let saved = serde_json::to_vec_pretty(logs)
            .map_err(std::io::Error::other)
            .and_then(|json| write_atomically(&self.path, &json));
        if let Err(error) = saved {
            tracing::warn!(%error, "could not save the activity log");
        }
    }

    fn load(&self) -> HashMap<String, ActivityLog> {
        std::fs::read(&self.path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
