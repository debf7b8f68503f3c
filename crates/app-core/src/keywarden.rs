//! The Keywarden service: the organizations in use and the use cases over them.
//!
//! The desktop shell holds exactly one [`Keywarden`] and delegates every command to it. It owns
//! each organization's API client (built from an admin key that never leaves Rust), the settings
//! file, the secret store and the clipboard. Locks are never held across an `.await`.

use std::sync::{Arc, Mutex, RwLock};

use chrono::Utc;
use openai_admin::ProjectListParams;
use openai_admin::{ApiKeyListParams, Client, ClientOptions, Project, ProjectApiKey, ProjectId};
use secrecy::SecretString;

use crate::clipboard::Clipboard;
use crate::config::{Config, ConfigStore, OrgRecord};
use crate::demo::{Demo, DEMO_LABEL};
use crate::inventory::CachedInventory;
use crate::key_lifecycle::{KeyLifecycle, RevealJournal};
use crate::organizations::{OrgId, OrgKind, OrgStatus, Organization};
use crate::secret_store::{SecretStore, SecretStoreError};
use crate::Error;

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
    pub reconcile_delay: std::time::Duration,
}

#[derive(Clone)]
pub(crate) struct OrgEntry {
    pub(crate) org: Organization,
    pub(crate) client: Option<Client>,
    pub(crate) inventory: Option<Arc<CachedInventory>>,
}

/// The running service: organizations, their clients, settings, and where secrets go.
pub struct Keywarden {
    pub(crate) orgs: RwLock<Vec<OrgEntry>>,
    pub(crate) config: Mutex<Config>,
    pub(crate) config_store: ConfigStore,
    pub(crate) secret_store: Arc<dyn SecretStore>,
    pub(crate) clipboard: Arc<dyn Clipboard>,
    pub(crate) client_options: ClientOptions,
    pub(crate) demo_key: Mutex<Option<SecretString>>,
    pub(crate) lifecycle: KeyLifecycle,
    pub(crate) activity_lock: Mutex<()>,
    pub(crate) refreshes: Mutex<std::collections::HashMap<OrgId, Arc<tokio::sync::Notify>>>,
    demo: Option<Demo>,
    notices: Vec<String>,
}

impl std::fmt::Debug for Keywarden {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keywarden")
            .field("orgs", &self.list_organizations().len())
            .field("demo", &self.demo)
            .finish_non_exhaustive()
    }
}

impl Keywarden {
    /// Starts the service: loads the settings, reads each organization's admin key from the
    /// keychain, and starts the demo organization when asked. Never fails because of one
    /// organization: its problem is shown on it instead.
    pub async fn start(options: StartOptions) -> Result<Self, Error> {
        let mut notices = Vec::new();
        let config = match options.config_store.load() {
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
        let recovery = RevealJournal::beside(&options.config_store).recover();
        notices.extend(recovery.notice.clone());
        let mut orgs = Vec::new();
        let mut demo = None;
        if options.demo {
            let (entry, started) = demo_entry(&options.client_options).await;
            orgs.push(entry);
            demo = started;
        }
        for record in &config.organizations {
            orgs.push(remote_entry(
                record,
                options.secret_store.as_ref(),
                &options.client_options,
            ));
        }
        let keywarden = Self {
            orgs: RwLock::new(orgs),
            config: Mutex::new(config),
            config_store: options.config_store,
            secret_store: options.secret_store,
            clipboard: options.clipboard,
            client_options: options.client_options,
            lifecycle: KeyLifecycle::with_reconcile_delay(options.reconcile_delay),
            activity_lock: Mutex::new(()),
            refreshes: Mutex::new(std::collections::HashMap::new()),
            demo_key: Mutex::new(demo.as_ref().map(|d: &Demo| d.admin_key().clone())),
            demo,
            notices,
        };
        keywarden.note_lost_reveals(&recovery.newly_lost);
        Ok(keywarden)
    }

    /// Problems found at start that the user should know about (e.g. an unreadable settings file).
    pub fn startup_notices(&self) -> &[String] {
        &self.notices
    }

    /// The organizations, in sidebar order.
    pub fn list_organizations(&self) -> Vec<Organization> {
        self.read_orgs()
            .iter()
            .map(|entry| entry.org.clone())
            .collect()
    }

    /// Every project of an organization, archived ones included, in the API's order.
    pub async fn list_projects(&self, org: &OrgId) -> Result<Vec<Project>, Error> {
        let (org, client) = self.ready_client(org)?;
        let params = ProjectListParams {
            include_archived: true,
            ..ProjectListParams::default()
        };
        let projects = client.projects().list_all(&params).await;
        projects.map_err(|e| Error::for_org(&org.label, e))
    }

    /// Every key of a project, whatever its owner's access (`owner_project_access=any`). The
    /// cached inventory is updated with them, so a list fetched after a change keeps it current.
    pub async fn list_keys(
        &self,
        org: &OrgId,
        project: &ProjectId,
    ) -> Result<Vec<ProjectApiKey>, Error> {
        let (organization, client) = self.ready_client(org)?;
        if project.as_str().trim().is_empty() {
            return Err(Error::InvalidInput("a project id is required".into()));
        }
        let keys = client
            .project(project)
            .api_keys()
            .list_all(&ApiKeyListParams::default())
            .await
            .map_err(|e| Error::for_org(&organization.label, e))?;
        self.patch_cached_keys(org, project, &keys);
        Ok(keys)
    }

    /// The secret store admin keys are kept in.
    pub fn secret_store(&self) -> &dyn SecretStore {
        self.secret_store.as_ref()
    }

    /// The settings file.
    pub fn config_store(&self) -> &ConfigStore {
        &self.config_store
    }

    /// The demo organization, when it runs.
    pub fn demo(&self) -> Option<&Demo> {
        self.demo.as_ref()
    }

    pub(crate) fn read_orgs(&self) -> std::sync::RwLockReadGuard<'_, Vec<OrgEntry>> {
        self.orgs.read().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn write_orgs(&self) -> std::sync::RwLockWriteGuard<'_, Vec<OrgEntry>> {
        self.orgs.write().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn entry(&self, id: &OrgId) -> Result<OrgEntry, Error> {
        self.read_orgs()
            .iter()
            .find(|entry| &entry.org.id == id)
            .cloned()
            .ok_or_else(|| Error::NotFound(format!("organization “{id}”")))
    }

    /// The organization and its client, or why it cannot be used.
    pub(crate) fn ready_client(&self, id: &OrgId) -> Result<(Organization, Client), Error> {
        let mut entry = self.entry(id)?;
        if matches!(entry.org.status, OrgStatus::KeychainUnavailable(_)) {
            entry = self.read_keychain_again(id).unwrap_or(entry);
        }
        match (&entry.org.status, entry.client) {
            (OrgStatus::Ready, Some(client)) => Ok((entry.org, client)),
            (OrgStatus::AdminKeyMissing, _) => Err(Error::NoAdminKey {
                label: entry.org.label,
            }),
            (OrgStatus::KeychainUnavailable(reason) | OrgStatus::Unavailable(reason), _) => {
                Err(Error::Unavailable {
                    label: entry.org.label.clone(),
                    reason: reason.clone(),
                })
            }
            (OrgStatus::Ready, None) => Err(Error::Unavailable {
                label: entry.org.label,
                reason: "it has no client".into(),
            }),
        }
    }

    /// Reads an organization's admin key again after the keychain could not be read (it may
    /// have been unlocked or installed since, as the error asked), and keeps what it finds.
    fn read_keychain_again(&self, id: &OrgId) -> Option<OrgEntry> {
        let config = self.config();
        let record = config.organizations.iter().find(|r| &r.id == id)?;
        let fresh = remote_entry(record, self.secret_store.as_ref(), &self.client_options);
        self.update_org(id, |entry| {
            entry.org.status = fresh.org.status;
            entry.client = fresh.client;
        })
        .ok()?;
        self.entry(id).ok()
    }

    /// Marks the organization read-only when a change was refused for lack of a write scope.
    pub(crate) fn note_write_refusal<T>(
        &self,
        org: &OrgId,
        result: Result<T, Error>,
    ) -> Result<T, Error> {
        if let Err(Error::MissingScope { scopes }) = &result {
            if scopes.contains("write") {
                let _ = self.update_org(org, |entry| entry.org.read_only = true);
                return Err(Error::ReadOnly {
                    scopes: scopes.clone(),
                });
            }
        }
        result
    }

    /// Changes the settings: the change is kept only if the file was written.
    pub(crate) fn change_config(&self, change: impl FnOnce(&mut Config)) -> Result<(), Error> {
        let mut config = self.config.lock().unwrap_or_else(|e| e.into_inner());
        let mut next = config.clone();
        change(&mut next);
        self.config_store.save(&next)?;
        *config = next;
        Ok(())
    }

    /// The current settings.
    pub fn config(&self) -> Config {
        self.config
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

async fn demo_entry(client_options: &ClientOptions) -> (OrgEntry, Option<Demo>) {
    let (base_url, status, client, demo) = match Demo::start().await {
        Ok(started) => {
            let base_url = started.base_url();
            match Client::new(
                &base_url,
                started.admin_key().clone(),
                client_options.clone(),
            ) {
                Ok(client) => (base_url, OrgStatus::Ready, Some(client), Some(started)),
                Err(error) => (
                    base_url,
                    OrgStatus::Unavailable(error.to_string()),
                    None,
                    None,
                ),
            }
        }
        Err(error) => (
            String::new(),
            OrgStatus::Unavailable(error.to_string()),
            None,
            None,
        ),
    };
    let org = Organization {
        id: OrgId::new(DEMO_ORG_ID),
        label: DEMO_LABEL.to_owned(),
        kind: OrgKind::Demo,
        base_url,
        status,
        created_at: Utc::now(),
        last_refreshed_at: None,
        read_only: false,
    };
    (
        OrgEntry {
            org,
            client,
            inventory: None,
        },
        demo,
    )
}

/// Builds an organization from its settings record and its keychain entry.
pub(crate) fn remote_entry(
    record: &OrgRecord,
    secret_store: &dyn SecretStore,
    client_options: &ClientOptions,
) -> OrgEntry {
    let (status, client) = match secret_store.get(record.id.as_str()) {
        Ok(key) => match Client::new(&record.base_url, key, client_options.clone()) {
            Ok(client) => (OrgStatus::Ready, Some(client)),
            Err(error) => (OrgStatus::Unavailable(error.to_string()), None),
        },
        Err(SecretStoreError::Missing) => (OrgStatus::AdminKeyMissing, None),
        Err(error) => (OrgStatus::KeychainUnavailable(error.to_string()), None),
    };
    let org = Organization {
        id: record.id.clone(),
        label: record.label.clone(),
        kind: OrgKind::Remote,
        base_url: record.base_url.clone(),
        status,
        created_at: record.created_at,
        last_refreshed_at: record.last_refreshed_at,
        read_only: false,
    };
    OrgEntry {
        org,
        client,
        inventory: None,
    }
}
