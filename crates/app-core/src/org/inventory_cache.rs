//! The state of one organization's inventory cache: its store, whether it was opened, and why
//! it is off; running a call on the store off the async threads.

use std::path::PathBuf;
use std::sync::Arc;

use crate::inventory_store::{InventoryStore, StoreError};
use crate::Error;

/// An organization's cache, behind [`super::inventory::Inventory`]'s lock.
pub(super) struct Cache {
    /// The store; `None` before the first use, once the organization is removed, or when none
    /// could be made.
    pub(super) store: Option<Arc<InventoryStore>>,
    /// The cache file; `None` keeps the inventory in memory.
    pub(super) path: Option<PathBuf>,
    /// Whether opening was tried.
    pub(super) opened: bool,
    /// Why the cache is off.
    pub(super) off: Option<String>,
    /// Something to tell the user until the next refresh.
    pub(super) notice: Option<String>,
    /// Set once the organization is removed.
    pub(super) closed: bool,
}

/// Whether opening the cache tries a file that turned it off again.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Retry {
    /// Only open once.
    No,
    /// Try the file again (before a refresh writes everything anew).
    FileOff,
}

impl Cache {
    /// Whether the cache should be opened now.
    pub(super) fn due(&self, retry: Retry) -> bool {
        let retry_file = retry == Retry::FileOff && self.off.is_some() && self.path.is_some();
        !self.closed && (!self.opened || retry_file)
    }

    /// Turns the cache off for `error` and carries on with an empty memory store.
    pub(super) fn turn_off(&mut self, error: &StoreError) {
        if self.closed {
            return;
        }
        tracing::warn!(%error, "the inventory cache is off");
        self.off = Some(match error {
            StoreError::Off(reason) => reason.to_string(),
            other => other.to_string(),
        });
        self.use_memory();
    }

    pub(super) fn use_memory(&mut self) {
        match InventoryStore::open_in_memory() {
            Ok(store) => self.store = Some(Arc::new(store)),
            Err(error) => {
                self.store = None;
                self.off = Some(error.to_string());
            }
        }
    }

    /// Why there is no store.
    pub(super) fn missing(&self) -> Error {
        match (self.closed, &self.off) {
            (true, _) => removed(),
            (false, Some(reason)) => Error::Cache(reason.clone()),
            (false, None) => Error::Cache("there is no inventory cache".into()),
        }
    }
}

pub(super) async fn on_store<T: Send + 'static>(
    store: Arc<InventoryStore>,
    work: Arc<impl Fn(&InventoryStore) -> Result<T, StoreError> + Send + Sync + 'static>,
) -> Result<T, StoreError> {
    match tokio::task::spawn_blocking(move || work(&store)).await {
        Ok(done) => done,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}

pub(super) fn removed() -> Error {
    Error::NotFound(
        "this organization was removed while Keywarden was working on it; nothing was kept".into(),
    )
}
