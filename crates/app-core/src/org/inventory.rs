//! An organization's inventory cache, and what to tell the user about it.
//!
//! The cache is an [`InventoryStore`]: a SQLite file per organization, or memory for an
//! organization that needs no file (the demo) or whose file cannot be used. It is opened on
//! first use, not at start. A file that cannot be opened or written turns the cache off: the
//! inventory then lives in memory and the status says why; the next refresh tries the file
//! again. Every store call runs on a blocking thread.
//! Removing the organization closes the store and deletes its file once the calls in flight
//! have finished, so nothing writes the file again.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::RwLock;

use super::inventory_cache::{on_store, removed, Cache, Retry};
use super::{CacheState, InventoryStatus};
use crate::inventory_store::{InventorySnapshot, InventoryStore, StoreError, StoreStatus};
use crate::Error;

/// The cache of one organization.
pub(crate) struct Inventory {
    cache: RwLock<Cache>,
    /// Held while usage is read: one read at a time writes the staging tables.
    pub(crate) usage_read: tokio::sync::Mutex<()>,
}

/// What to do when the cache file fails during a call.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OnFailure {
    /// Carry on in memory and run the call there (a whole refresh, a query).
    UseMemory,
    /// Keep what the store holds and skip the change (a patch the next refresh redoes).
    Skip,
}

impl Inventory {
    /// The cache file at `path`, or memory when `path` is `None`; opened on first use, so
    /// starting Keywarden reads no cache.
    pub(crate) fn at(path: Option<PathBuf>) -> Self {
        let cache = Cache {
            store: None,
            path,
            opened: false,
            off: None,
            notice: None,
            closed: false,
        };
        Self {
            cache: RwLock::new(cache),
            usage_read: tokio::sync::Mutex::new(()),
        }
    }

    /// Replaces the whole inventory with a refresh; a cache that was off tries its file again.
    pub(crate) async fn replace(&self, snapshot: InventorySnapshot) -> Result<(), Error> {
        self.open(Retry::FileOff).await;
        let snapshot = Arc::new(snapshot);
        let write = move |store: &InventoryStore| store.replace_inventory(&snapshot);
        self.run(write, OnFailure::UseMemory).await?;
        self.cache.write().await.notice = None;
        Ok(())
    }

    /// Replaces one project's keys after a change; a project the cache does not hold (never
    /// refreshed) is left to the next refresh.
    pub(crate) async fn replace_project_keys(
        &self,
        project: String,
        keys: Vec<openai_admin::ProjectApiKey>,
    ) -> Result<(), Error> {
        let write = move |store: &InventoryStore| store.replace_project_keys(&project, &keys);
        match self.run(write, OnFailure::Skip).await {
            Err(Error::NotFound(_)) => Ok(()),
            other => other.map(|_| ()),
        }
    }

    /// Sets one project's service-account count after a change; a project the cache does not
    /// hold (never refreshed) is left to the next refresh.
    pub(crate) async fn set_service_account_count(
        &self,
        project: String,
        count: usize,
    ) -> Result<(), Error> {
        let write = move |store: &InventoryStore| store.set_service_account_count(&project, count);
        match self.run(write, OnFailure::Skip).await {
            Err(Error::NotFound(_)) => Ok(()),
            other => other.map(|_| ()),
        }
    }

    /// Replaces one key's row after it changed; a key the cache does not hold is left to the
    /// next refresh.
    pub(crate) async fn replace_key(
        &self,
        project: String,
        key: openai_admin::ProjectApiKey,
    ) -> Result<(), Error> {
        let write = move |store: &InventoryStore| store.replace_key(&project, &key);
        match self.run(write, OnFailure::Skip).await {
            Err(Error::NotFound(_)) => Ok(()),
            other => other.map(|_| ()),
        }
    }

    /// Records keys' permissions (set by Keywarden, or found in the audit log).
    pub(crate) async fn record_permissions(
        &self,
        records: Vec<(String, crate::inventory_store::RecordedPermissions)>,
    ) -> Result<(), Error> {
        let write = move |store: &InventoryStore| {
            store.record_permissions(records.iter().map(|(key, p)| (key.as_str(), p)))
        };
        self.run(write, OnFailure::Skip).await.map(|_| ())
    }

    /// Where the next read of the audit log starts; `None` (read the newest events) when never
    /// read or the cache cannot say.
    pub(crate) async fn audit_read_until(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        let read = self
            .run(InventoryStore::audit_read_until, OnFailure::Skip)
            .await;
        read.ok().flatten().flatten()
    }

    /// Notes the newest audit event read.
    pub(crate) async fn set_audit_read_until(
        &self,
        until: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), Error> {
        let write = move |store: &InventoryStore| store.set_audit_read_until(until);
        self.run(write, OnFailure::Skip).await.map(|_| ())
    }

    /// Runs a write whose failure keeps what the store holds (the next read redoes it).
    pub(crate) async fn write(
        &self,
        work: impl Fn(&InventoryStore) -> Result<(), StoreError> + Send + Sync + 'static,
    ) -> Result<(), Error> {
        self.run(work, OnFailure::Skip).await.map(|_| ())
    }

    /// Records what each key cost over the last `days` days.
    pub(crate) async fn set_spend(
        &self,
        days: u32,
        by_key: std::collections::BTreeMap<String, f64>,
    ) -> Result<(), Error> {
        let write = move |store: &InventoryStore| store.set_spend(days, &by_key);
        self.run(write, OnFailure::Skip).await.map(|_| ())
    }

    /// Runs a query; a file that fails to read turns the cache off and the query runs on the
    /// (empty) memory store instead.
    pub(crate) async fn query<T: Send + 'static>(
        &self,
        query: impl Fn(&InventoryStore) -> Result<T, StoreError> + Send + Sync + 'static,
    ) -> Result<T, Error> {
        self.run(query, OnFailure::UseMemory)
            .await?
            .ok_or_else(|| Error::Cache("the cache could not be read".into()))
    }

    /// The cache's numbers, whether it is off (and why), and its notice.
    pub(crate) async fn status(&self, refreshing: bool) -> Result<InventoryStatus, Error> {
        let counts: StoreStatus = self.query(InventoryStore::status).await?;
        let cache = self.cache.read().await;
        Ok(InventoryStatus {
            refreshed_at: counts.refreshed_at,
            refreshing,
            project_count: counts.project_count,
            key_count: counts.key_count,
            cache: match &cache.off {
                None => CacheState::On,
                Some(reason) => CacheState::Off {
                    reason: reason.clone(),
                },
            },
            notice: cache.notice.clone(),
            usage_read_at: counts.usage_read_at,
        })
    }

    /// Closes the store once the calls in flight have finished, and deletes the cache file.
    /// Later calls fail as "removed".
    pub(crate) async fn close(&self) {
        let mut cache = self.cache.write().await;
        cache.closed = true;
        let store = cache.store.take();
        let path = cache.path.take();
        drop(cache);
        let removed = tokio::task::spawn_blocking(move || {
            drop(store);
            path.map_or(Ok(()), |path| InventoryStore::remove_files(&path))
        })
        .await;
        if !matches!(removed, Ok(Ok(()))) {
            tracing::warn!("the removed organization's inventory cache could not be deleted");
        }
    }

    /// The error for a refresh that was stopped: cancelled, or its organization removed.
    pub(crate) async fn stopped(&self) -> Error {
        match self.cache.read().await.closed {
            true => removed(),
            false => Error::Cancelled,
        }
    }

    /// Opens the cache on first use (a file that cannot be used turns the cache off), and with
    /// [`Retry::FileOff`] tries the file again after it was turned off.
    async fn open(&self, retry: Retry) {
        if !self.cache.read().await.due(retry) {
            return;
        }
        let mut cache = self.cache.write().await;
        if !cache.due(retry) {
            return;
        }
        let path = cache.path.clone();
        let opened = tokio::task::spawn_blocking(move || path.map(|p| InventoryStore::open(&p)));
        let opened = match opened.await {
            Ok(opened) => opened,
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        };
        let first = !cache.opened;
        cache.opened = true;
        match opened {
            Some(Ok(opened)) => {
                cache.store = Some(Arc::new(opened.store));
                cache.off = None;
                cache.notice = opened.notice;
            }
            Some(Err(error)) if first => cache.turn_off(&error),
            Some(Err(_)) => {}
            None => cache.use_memory(),
        }
    }

    /// Runs `work` on the store off the async threads. The read lock held meanwhile keeps
    /// [`Inventory::close`] from deleting the file under it. Gives `None` when the cache failed
    /// and `on_failure` skipped the work.
    async fn run<T: Send + 'static>(
        &self,
        work: impl Fn(&InventoryStore) -> Result<T, StoreError> + Send + Sync + 'static,
        on_failure: OnFailure,
    ) -> Result<Option<T>, Error> {
        self.open(Retry::No).await;
        let work = Arc::new(work);
        let first = {
            let cache = self.cache.read().await;
            let store = cache.store.clone().ok_or_else(|| cache.missing())?;
            on_store(store, work.clone()).await
        };
        let error = match first {
            Err(error @ StoreError::Off(_)) => error,
            done => return done.map(Some).map_err(Error::from),
        };
        let mut cache = self.cache.write().await;
        cache.turn_off(&error);
        if on_failure == OnFailure::Skip {
            return Ok(None);
        }
        let store = cache.store.clone().ok_or_else(|| cache.missing())?;
        drop(cache);
        on_store(store, work).await.map(Some).map_err(Error::from)
    }
}
