//! The registry of organizations: which organizations Keywarden manages, in sidebar order, and
//! the few things that belong to the whole app rather than to one organization (start-up
//! notices, the held new keys, the clipboard). New keys whose secret a previous run lost are in
//! `lost_keys`.
//!
//! The desktop shell holds exactly one [`Keywarden`]. A command finds its organization with
//! [`Keywarden::org`] and calls a use case on the handle. Adding, renaming and removing
//! organizations live in `org_setup`. Locks are never held across an `.await`.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use chrono::Utc;
use openai_admin::ClientOptions;

use crate::clipboard::Clipboard;
use crate::config::{Config, ConfigStore, OrgRecord};
use crate::demo::{Demo, DEMO_LABEL};
use crate::key_destination::{EnvironmentKey, HostConfirmation};
use crate::key_lifecycle::{KeyLifecycle, PendingReveal, RevealJournal};
use crate::key_rotation::{KeyRotations, RotationFile};
use crate::org::{Inventory, Org, OrgParts};
use crate::organizations::{OrgId, OrgKind, Organization};
use crate::secret_store::{MemoryStore, SecretStore};
use crate::services::{ActivityFile, AppServices, Settings};
use crate::{lost_keys, Error};

/// The local id of the demo organization.
pub const DEMO_ORG_ID: &str = "demo";

/// How to start Keywarden.
pub struct StartOptions {
    /// Start the embedded demo organization.
    pub demo: bool,
    /// Where admin keys are kept.
    pub secret_store: Arc<dyn SecretStore>,
    /// The system clipboard (or a stand-in for tests).
    pub clipboard: Arc<dyn Clipboard>,
    /// Where organizations and preferences are saved.
    pub config_store: ConfigStore,
    /// Timeouts and retries of every organization's client.
    pub client_options: ClientOptions,
    /// How long to wait after a lost create before checking what the server made.
    pub reconcile_delay: Duration,
    /// The folder of the inventory caches (`<folder>/<org-id>.sqlite3`); `None` keeps every
    /// inventory in memory only.
    pub cache_dir: Option<PathBuf>,
    /// The admin key `OPENAI_ADMIN_KEY` held at start-up (see [`EnvironmentKey`]).
    pub environment_key: EnvironmentKey,
    /// Who is asked before an admin key goes to a host other than OpenAI or this machine.
    pub host_confirmation: Arc<dyn HostConfirmation>,
    /// Where the vaults' command-line tools are found (normally
    /// [`VaultTools::from_environment`](crate::vault_handoff::VaultTools::from_environment)).
    pub vault_tools: crate::vault_handoff::VaultTools,
}

/// The running service: the organizations and what they share.
pub struct Keywarden {
    orgs: RwLock<Vec<Org>>,
    app: Arc<AppServices>,
    keychain: Arc<dyn SecretStore>,
    demo: Option<Demo>,
    notices: Vec<String>,
}

impl std::fmt::Debug for Keywarden {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keywarden")
            .field("orgs", &self.read_orgs().len())
            .field("demo", &self.demo)
            .finish_non_exhaustive()
    }
}

impl Keywarden {
    /// Starts the service: loads the settings (and recovers the reveal journal) while the demo
    /// organization starts (when asked), then reads each organization's admin key from the
    /// keychain, and fills the demo's inventory. New keys a previous run showed but nobody
    /// stored are marked lost (see `lost_keys`). The file and keychain reads run off the async threads; inventory caches are
    /// opened on first use. Never fails because of one organization: its problem is shown on it
    /// instead.
    pub async fn start(options: StartOptions) -> Result<Self, Error> {
        let StartOptions {
            secret_store: keychain,
            config_store,
            ..
        } = options;
        let activity = ActivityFile::beside(&config_store);
        let journal = RevealJournal::beside(&config_store);
        let demo = async {
            match options.demo {
                true => Some(Demo::start().await),
                false => None,
            }
        };
        let rotations = KeyRotations::beside(&config_store);
        let settings = {
            let (store, journal) = (config_store.clone(), journal.clone());
            let rotation_file = RotationFile::at(rotations.file.path());
            run_blocking(move || {
                let (config, mut notices) = load_settings(&store);
                notices.extend(rotation_file.check());
                (config, notices, journal.recover())
            })
        };
        let (demo, (config, mut notices, recovery)) = tokio::join!(demo, settings);
        notices.extend(recovery.notice);
        let app = Arc::new(AppServices {
            settings: Settings::new(config, config_store),
            clipboard: options.clipboard,
            lifecycle: KeyLifecycle::with_reconcile_delay(options.reconcile_delay),
            client_options: options.client_options,
            activity,
            journal,
            rotations,
            cache_dir: options.cache_dir,
            environment_key: options.environment_key,
            host_confirmation: options.host_confirmation,
            vault_tools: options.vault_tools,
        });
        let (orgs, demo) = {
            let app = app.clone();
            let keychain = keychain.clone();
            let newly_lost = recovery.newly_lost;
            run_blocking(move || {
                let opened = open_orgs(demo, &app, keychain);
                lost_keys::mark_lost(&app, &opened.0, &newly_lost);
                opened
            })
            .await
        };
        let keywarden = Self {
            orgs: RwLock::new(orgs),
            app,
            keychain,
            demo,
            notices,
        };
        keywarden.fill_demo().await;
        Ok(keywarden)
    }

    /// Fills the demo organization's inventory from its server (in this process, a few
    /// milliseconds), so its first screen needs no refresh; the window loads meanwhile.
    async fn fill_demo(&self) {
        if self.demo.is_none() {
            return;
        }
        let Ok(demo) = self.org(&OrgId::new(DEMO_ORG_ID)) else {
            return;
        };
        if let Err(error) = demo.refresh_inventory(|_| {}).await {
            tracing::warn!(%error, "the demo organization will be filled by its first refresh");
        }
    }

    /// Problems found at start that the user should know about (e.g. an unreadable settings file).
    pub fn startup_notices(&self) -> &[String] {
        &self.notices
    }

    /// The organizations, in sidebar order.
    pub fn list_organizations(&self) -> Vec<Organization> {
        self.read_orgs().iter().map(Org::record).collect()
    }

    /// The organization with this id.
    pub fn org(&self, id: &OrgId) -> Result<Org, Error> {
        let orgs = self.read_orgs();
        let found = orgs.iter().find(|org| org.id() == id).cloned();
        found.ok_or_else(|| Error::unknown_org(id))
    }

    /// The demo organization's server, when it runs.
    pub fn demo(&self) -> Option<&Demo> {
        self.demo.as_ref()
    }

    /// New keys whose secrets are still held (not yet acknowledged), in every organization.
    pub fn pending_new_keys(&self) -> Vec<PendingReveal> {
        self.app.lifecycle.pending()
    }

    /// Clears the clipboard if it still holds a copied secret and wipes every held secret;
    /// returns how many secrets were held. Called when the app quits.
    pub fn wipe_secrets(&self) -> usize {
        let lifecycle = &self.app.lifecycle;
        if let Err(error) = lifecycle.clear_clipboard_now(self.app.clipboard.as_ref()) {
            tracing::warn!(%error, "could not clear the clipboard on quit");
        }
        lifecycle.wipe_all()
    }

    pub(crate) fn app(&self) -> &Arc<AppServices> {
        &self.app
    }

    pub(crate) fn keychain(&self) -> &Arc<dyn SecretStore> {
        &self.keychain
    }

    pub(crate) fn read_orgs(&self) -> std::sync::RwLockReadGuard<'_, Vec<Org>> {
        self.orgs.read().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn write_orgs(&self) -> std::sync::RwLockWriteGuard<'_, Vec<Org>> {
        self.orgs.write().unwrap_or_else(|e| e.into_inner())
    }
}

/// Runs blocking start-up work (files, keychain) off the async threads.
async fn run_blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    match tokio::task::spawn_blocking(work).await {
        Ok(done) => done,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}

/// The settings (defaults when unreadable) and what the user should be told about them.
fn load_settings(store: &ConfigStore) -> (Config, Vec<String>) {
    let mut notices = Vec::new();
    let config = match store.load() {
        Ok(loaded) => {
            if let Some(corrupt) = loaded.recovered {
                notices.push(format!(
                    "Your settings file could not be read ({}); it was kept as {} and \
                     Keywarden started with empty settings.",
                    corrupt.reason,
                    corrupt.kept_as.display()
                ));
            }
            loaded.config
        }
        Err(error) => {
            notices.push(format!("{error}; Keywarden started with empty settings."));
            Config::default()
        }
    };
    (config, notices)
}

/// Every organization in sidebar order: the demo (when asked for) first, then the saved ones,
/// each with its admin key read from its secret store.
fn open_orgs(
    demo: Option<Result<Demo, Error>>,
    app: &Arc<AppServices>,
    keychain: Arc<dyn SecretStore>,
) -> (Vec<Org>, Option<Demo>) {
    let mut orgs = Vec::new();
    let mut running = None;
    if let Some(started) = demo {
        let (org, server) = open_demo(started, app);
        orgs.push(org);
        running = server;
    }
    for record in &app.settings.get().organizations {
        let parts = OrgParts {
            secrets: keychain.clone(),
            inventory: Inventory::at(app.cache_path(&record.id)),
            app: app.clone(),
        };
        orgs.push(Org::open(record, OrgKind::Remote, parts));
    }
    (orgs, running)
}

/// The demo organization: an ordinary organization whose admin key rests in memory, and whose
/// inventory too (its server starts afresh each run, so a cache file would show keys of a past
/// run that no longer exist).
fn open_demo(started: Result<Demo, Error>, app: &Arc<AppServices>) -> (Org, Option<Demo>) {
    let secrets = Arc::new(MemoryStore::new());
    let parts = OrgParts {
        secrets: secrets.clone(),
        inventory: Inventory::at(None),
        app: app.clone(),
    };
    let mut record = OrgRecord {
        id: OrgId::new(DEMO_ORG_ID),
        label: DEMO_LABEL.to_owned(),
        base_url: String::new(),
        created_at: Utc::now(),
        last_refreshed_at: None,
    };
    let demo = match started {
        Ok(demo) => demo,
        Err(error) => {
            let org = Org::unavailable(&record, OrgKind::Demo, error.to_string(), parts);
            return (org, None);
        }
    };
    record.base_url = demo.base_url();
    if let Err(error) = secrets.set(DEMO_ORG_ID, demo.admin_key()) {
        let org = Org::unavailable(&record, OrgKind::Demo, error.to_string(), parts);
        return (org, Some(demo));
    }
    (Org::open(&record, OrgKind::Demo, parts), Some(demo))
}
