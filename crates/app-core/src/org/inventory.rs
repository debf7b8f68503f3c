//! An organization's inventory as Keywarden last saw it, and the refreshes running on it.
//!
//! Switching organizations shows the kept copy at once; a refresh replaces it, and a create or
//! revoke replaces one project's keys. One refresh's cancel stops every refresh of the
//! organization that is running.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Utc};
use openai_admin::{Project, ProjectApiKey, ProjectId, ServiceAccount};
use tokio::sync::watch;

/// An organization's inventory and when it was fetched.
#[derive(Debug, Clone)]
pub struct CachedInventory {
    /// When the fetch finished.
    pub refreshed_at: DateTime<Utc>,
    /// Every project with its keys and service accounts, in list order.
    pub projects: Vec<CachedProject>,
}

/// One project with its keys and service accounts, or why they could not be listed.
#[derive(Debug, Clone)]
pub struct CachedProject {
    /// The project.
    pub project: Project,
    /// Its keys, or why they could not be listed.
    pub keys: Result<Vec<ProjectApiKey>, String>,
    /// Its service accounts, or why they could not be listed.
    pub service_accounts: Result<Vec<ServiceAccount>, String>,
}

/// Whether the organization's inventory cache is in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheState {
    /// The cache file is read and written.
    On,
    /// The cache cannot be used; the organization works from the network.
    Off {
        /// Why, and what to do about it.
        reason: String,
    },
}

/// What the window shows about an organization's inventory before it asks for a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InventoryStatus {
    /// When it was last fetched; `None` when never (no cache yet).
    pub refreshed_at: Option<DateTime<Utc>>,
    /// Whether a refresh is running.
    pub refreshing: bool,
    /// How many projects it holds.
    pub project_count: u64,
    /// How many keys it holds.
    pub key_count: u64,
    /// Whether the cache is in use.
    pub cache: CacheState,
    /// Something to tell the user once, e.g. that an unreadable cache was rebuilt.
    pub notice: Option<String>,
}

/// The kept inventory and the refreshes running on it.
pub(crate) struct Inventory {
    cached: RwLock<Option<Arc<CachedInventory>>>,
    running: AtomicUsize,
    cancel: watch::Sender<u64>,
}

impl Default for Inventory {
    fn default() -> Self {
        Self {
            cached: RwLock::new(None),
            running: AtomicUsize::new(0),
            cancel: watch::Sender::new(0),
        }
    }
}

impl Inventory {
    /// The kept inventory, if any.
    pub(crate) fn cached(&self) -> Option<Arc<CachedInventory>> {
        self.cached
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Keeps a freshly fetched inventory.
    pub(crate) fn replace(&self, inventory: Arc<CachedInventory>) {
        *self.cached.write().unwrap_or_else(|e| e.into_inner()) = Some(inventory);
    }

    /// Replaces one project's keys in the kept inventory.
    pub(crate) fn replace_project_keys(&self, project: &ProjectId, keys: &[ProjectApiKey]) {
        let mut cached = self.cached.write().unwrap_or_else(|e| e.into_inner());
        let Some(inventory) = cached.as_ref() else {
            return;
        };
        let mut next = CachedInventory::clone(inventory);
        for item in next
            .projects
            .iter_mut()
            .filter(|p| &p.project.id == project)
        {
            item.keys = Ok(keys.to_vec());
        }
        *cached = Some(Arc::new(next));
    }

    /// Notes a refresh that runs until the returned value is dropped.
    pub(crate) fn begin_refresh(&self) -> RunningRefresh<'_> {
        self.running.fetch_add(1, Ordering::SeqCst);
        RunningRefresh {
            inventory: self,
            cancel: self.cancel.subscribe(),
        }
    }

    /// Whether a refresh is running.
    pub(crate) fn refreshing(&self) -> bool {
        self.running.load(Ordering::SeqCst) > 0
    }

    /// Cancels the running refreshes; returns whether any was running.
    pub(crate) fn cancel_refresh(&self) -> bool {
        if !self.refreshing() {
            return false;
        }
        self.cancel
            .send_modify(|generation| *generation = generation.wrapping_add(1));
        true
    }
}

/// A running refresh; it stops counting as running when dropped.
pub(crate) struct RunningRefresh<'a> {
    inventory: &'a Inventory,
    cancel: watch::Receiver<u64>,
}

impl RunningRefresh<'_> {
    /// Resolves when the refresh is cancelled.
    pub(crate) async fn cancelled(&mut self) {
        if self.cancel.changed().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

impl Drop for RunningRefresh<'_> {
    fn drop(&mut self) {
        self.inventory.running.fetch_sub(1, Ordering::SeqCst);
    }
}
