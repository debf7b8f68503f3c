//! One organization and the use cases over it.
//!
//! An [`Org`] is a handle to one organization: its record (what the sidebar shows), the secret
//! store its admin key rests in (the keychain; memory for the demo), its API client, its
//! inventory and its activity. Each use case is a method of the handle, in a file of its own.
//! Clones share one state, so a use case keeps working on its organization while it awaits even
//! if the registry drops the organization meanwhile.

mod activity;
mod admin_key_health;
mod audit_permissions;
mod client;
mod create_key;
mod export_keys;
mod hygiene;
mod inventory;
mod inventory_cache;
mod key_audit;
mod key_costs;
mod key_insight;
mod key_policy_default;
mod key_usage;
mod list_keys;
mod list_projects;
mod list_service_accounts;
mod new_key;
mod query;
mod refresh;
mod reveal_journal;
mod revoke;
mod rotate_admin_key;
mod rotation;
mod rotation_look;
mod rotation_mint;
mod rotation_watch;
mod same_org;
mod update_key;
mod vault_handoff;

use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use openai_admin::{Client, ClientOptions};

pub(crate) use client::OrgApi;
pub use export_keys::Exported;
pub use hygiene::HygieneReport;
pub(crate) use inventory::Inventory;
pub use key_audit::{KeyTimeline, TimelineEvent, TimelineGap, MAX_TIMELINE_EVENTS};
pub use key_costs::{KeyCosts, MAX_COST_DAYS};
pub use key_insight::{KeyInsight, KindSeries, ProjectSpend, SpendByProject, CHART_PROJECTS};
pub use key_usage::UsageReadSummary;
pub use query::{CacheState, InventoryStatus, MAX_SEARCH_CHARS, MAX_USAGE_ROWS};
use refresh::Refreshes;
pub use refresh::SPEND_DAYS;
pub use rotation::{RotationPlan, RotationStarted};
pub use update_key::PolicyUpdated;
pub use vault_handoff::{VaultChoice, VaultRequest, VaultSetup, MAX_VAULT_FIELD_CHARS};

use crate::config::OrgRecord;
use crate::organizations::{OrgId, OrgKind, OrgStatus, Organization};
use crate::secret_store::{SecretStore, SecretStoreError};
use crate::services::AppServices;
use crate::Error;

/// A handle to one organization. Cheap to clone; clones share the organization's state.
#[derive(Clone)]
pub struct Org(Arc<OrgState>);

struct OrgState {
    id: OrgId,
    current: RwLock<Current>,
    secrets: Arc<dyn SecretStore>,
    inventory: Inventory,
    refreshes: Refreshes,
    app: Arc<AppServices>,
}

/// What an organization is built with besides its record.
pub(crate) struct OrgParts {
    /// Where its admin key rests: the keychain, or memory for the demo.
    pub(crate) secrets: Arc<dyn SecretStore>,
    /// Its inventory cache, opened.
    pub(crate) inventory: Inventory,
    /// What it shares with the other organizations.
    pub(crate) app: Arc<AppServices>,
}

/// The record and the client, changed together (a new admin key changes both).
struct Current {
    record: Organization,
    client: Option<Client>,
}

impl std::fmt::Debug for Org {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Org")
            .field("record", &self.current().record)
            .finish_non_exhaustive()
    }
}

impl Org {
    /// Opens an organization from its record: reads its admin key from its secret store and
    /// builds its client. Never fails: a problem becomes the organization's status.
    pub(crate) fn open(record: &OrgRecord, kind: OrgKind, parts: OrgParts) -> Self {
        let (status, client) =
            read_admin_key(record, parts.secrets.as_ref(), &parts.app.client_options);
        Self::with(record, kind, status, client, parts)
    }

    /// A remote organization just added, with the client its admin key was validated with.
    pub(crate) fn ready(record: &OrgRecord, api: &OrgApi, parts: OrgParts) -> Self {
        let client = Some(api.client.clone());
        Self::with(record, OrgKind::Remote, OrgStatus::Ready, client, parts)
    }

    /// An organization that cannot be used, for `reason`.
    pub(crate) fn unavailable(
        record: &OrgRecord,
        kind: OrgKind,
        reason: String,
        parts: OrgParts,
    ) -> Self {
        Self::with(record, kind, OrgStatus::Unavailable(reason), None, parts)
    }

    fn with(
        record: &OrgRecord,
        kind: OrgKind,
        status: OrgStatus,
        client: Option<Client>,
        parts: OrgParts,
    ) -> Self {
        let organization = Organization {
            id: record.id.clone(),
            label: record.label.clone(),
            kind,
            base_url: record.base_url.clone(),
            status,
            created_at: record.created_at,
            last_refreshed_at: record.last_refreshed_at,
            read_only: false,
        };
        Self(Arc::new(OrgState {
            id: record.id.clone(),
            current: RwLock::new(Current {
                record: organization,
                client,
            }),
            secrets: parts.secrets,
            inventory: parts.inventory,
            refreshes: Refreshes::default(),
            app: parts.app,
        }))
    }

    /// The organization's local id.
    pub fn id(&self) -> &OrgId {
        &self.0.id
    }

    /// What the sidebar shows about it: label, where its API lives, whether it can be used.
    pub fn record(&self) -> Organization {
        self.current().record.clone()
    }

    pub(crate) fn label(&self) -> String {
        self.current().record.label.clone()
    }

    /// Changes the record and returns it as it is now.
    pub(crate) fn update(&self, change: impl FnOnce(&mut Organization)) -> Organization {
        let mut current = self.current_mut();
        change(&mut current.record);
        current.record.clone()
    }

    /// Uses `api` from now on: the organization has a working admin key again.
    pub(crate) fn use_client(&self, api: &OrgApi) -> Organization {
        let mut current = self.current_mut();
        current.client = Some(api.client.clone());
        current.record.status = OrgStatus::Ready;
        current.record.clone()
    }

    /// The secret store the admin key rests in.
    pub(crate) fn secrets(&self) -> &dyn SecretStore {
        self.0.secrets.as_ref()
    }

    pub(crate) fn app(&self) -> &AppServices {
        &self.0.app
    }

    fn inventory(&self) -> &Inventory {
        &self.0.inventory
    }

    fn refreshes(&self) -> &Refreshes {
        &self.0.refreshes
    }

    /// Closes the organization after the registry dropped it: stops its refreshes and deletes
    /// its inventory cache once the calls in flight have finished.
    pub(crate) async fn close(&self) {
        self.refreshes().cancel();
        self.inventory().close().await;
    }

    /// The client, or why the organization cannot be used. A keychain that could not be read
    /// is read again first: it may have been unlocked since, as the error asked.
    pub(crate) fn api(&self) -> Result<OrgApi, Error> {
        if matches!(self.record().status, OrgStatus::KeychainUnavailable(_)) {
            self.read_keychain_again();
        }
        let current = self.current();
        let label = current.record.label.clone();
        match (&current.record.status, &current.client) {
            (OrgStatus::Ready | OrgStatus::AdminKeyRejected, Some(client)) => {
                let org = Arc::downgrade(&self.0);
                let rejected = move || {
                    if let Some(state) = org.upgrade() {
                        Org(state).note_key_rejected();
                    }
                };
                Ok(OrgApi::new(client.clone(), label).on_key_rejected(Arc::new(rejected)))
            }
            (OrgStatus::AdminKeyMissing, _) => Err(Error::NoAdminKey { label }),
            (OrgStatus::KeychainUnavailable(reason) | OrgStatus::Unavailable(reason), _) => {
                Err(Error::Unavailable {
                    label,
                    reason: reason.clone(),
                })
            }
            (OrgStatus::Ready | OrgStatus::AdminKeyRejected, None) => Err(Error::Unavailable {
                label,
                reason: "it has no client".into(),
            }),
        }
    }

    fn read_keychain_again(&self) {
        let record = {
            let current = self.current();
            OrgRecord {
                id: self.0.id.clone(),
                label: current.record.label.clone(),
                base_url: current.record.base_url.clone(),
                created_at: current.record.created_at,
                last_refreshed_at: current.record.last_refreshed_at,
            }
        };
        let (status, client) = read_admin_key(&record, self.secrets(), &self.app().client_options);
        let mut current = self.current_mut();
        current.record.status = status;
        current.client = client;
    }

    /// OpenAI refused the admin key it accepted before: the organization needs a new one.
    fn note_key_rejected(&self) {
        self.update(|record| {
            if record.status == OrgStatus::Ready {
                record.status = OrgStatus::AdminKeyRejected;
            }
        });
    }

    /// A request with the admin key worked again: a rejection no longer holds.
    pub(crate) fn note_key_accepted(&self) {
        self.update(|record| {
            if record.status == OrgStatus::AdminKeyRejected {
                record.status = OrgStatus::Ready;
            }
        });
    }

    /// Marks the organization read-only when a change was refused for lack of a write scope.
    pub(crate) fn note_write_refusal<T>(&self, result: Result<T, Error>) -> Result<T, Error> {
        if let Err(Error::MissingScope { scopes }) = &result {
            if scopes.contains("write") {
                self.update(|record| record.read_only = true);
                return Err(Error::ReadOnly {
                    scopes: scopes.clone(),
                });
            }
        }
        result
    }

    fn current(&self) -> RwLockReadGuard<'_, Current> {
        self.0.current.read().unwrap_or_else(|e| e.into_inner())
    }

    fn current_mut(&self) -> RwLockWriteGuard<'_, Current> {
        self.0.current.write().unwrap_or_else(|e| e.into_inner())
    }
}

/// Reads the admin key and builds a client: the organization's status at start.
fn read_admin_key(
    record: &OrgRecord,
    secrets: &dyn SecretStore,
    options: &ClientOptions,
) -> (OrgStatus, Option<Client>) {
    match secrets.get(record.id.as_str()) {
        Ok(key) => match Client::new(&record.base_url, key, options.clone()) {
            Ok(client) => (OrgStatus::Ready, Some(client)),
            Err(error) => (OrgStatus::Unavailable(error.to_string()), None),
        },
        Err(SecretStoreError::Missing) => (OrgStatus::AdminKeyMissing, None),
        Err(error) => (OrgStatus::KeychainUnavailable(error.to_string()), None),
    }
}
