//! The persistent inventory cache of one organization: a metadata-only SQLite file that answers
//! the window's paged queries (filter, sort, count, page) next to the data.
//!
//! Why it exists: an organization may hold 100,000 keys; the webview must only ever receive one
//! page, and switching organizations or restarting the app must show the last refresh at once.
//! The store keeps exactly what the keys and projects tables show — ids, names, redacted values,
//! owners, dates, statuses, counts, per-project list errors, spend per key, when it was
//! refreshed — and never a secret: the API's list objects carry none, and no column could hold
//! one.
//!
//! One file per organization, chosen by the caller (e.g. `<data dir>/cache/<org-id>.sqlite3`).
//! The folder is created 0700 and the files are 0600 on unix. An unreadable file, or one from
//! another schema, is rebuilt when opened and [`OpenedStore::notice`] says so; a file that cannot
//! be written (read-only folder, full disk) fails with [`StoreError::Off`], and the app keeps
//! working from the network.
//!
//! Threads: [`InventoryStore`] is `Send + Sync`. It holds two connections behind mutexes, one
//! that writes and one that only reads; in WAL mode, queries keep reading the last committed
//! refresh while a new one is written. Every method blocks. Async callers put the store in an
//! `Arc` and run [`InventoryStore::open`] (it checks the whole file), [`InventoryStore::
//! replace_inventory`] and [`InventoryStore::set_spend`] inside `tokio::task::spawn_blocking`;
//! at 100,000 keys these take from a tenth of a second to seconds. A query takes well under a
//! millisecond, or tens of milliseconds for a text search of 100,000 keys, so it may run inline
//! or in `spawn_blocking` too (see `benches/inventory_store.rs` for the figures).

mod error;
mod hygiene;
mod key_filter;
mod key_lookup;
mod model;
mod open;
mod paging;
mod permissions;
mod project_spend;
mod query_keys;
mod query_projects;
mod schema;
mod usage;
mod write;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

pub use error::{CacheOff, StoreError};
pub use hygiene::HygieneCounts;
pub use key_filter::KeyFilter;
pub use key_lookup::KeyOwnerRef;
pub use model::{
    project_name, project_status, InventorySnapshot, KeyOwnerKind, KeyRow, PermissionSource,
    ProjectRow, ProjectSnapshot, RecordedPermissions,
};
pub use project_spend::ProjectSpendDay;
pub use query_keys::{KeyPage, KeyQuery, KeySort, KeySortColumn};
pub use query_projects::{ProjectPage, ProjectQuery, StoreStatus};
pub use schema::SCHEMA_VERSION;
pub use usage::{KeyUsageRows, UsageRead, UsageState};

/// The most rows one query returns: a full page of the longest realistic rows stays under the
/// 256 KB an IPC answer may weigh (`src-tauri/tests/ipc_size.rs`).
pub const MAX_PAGE_ROWS: u32 = 400;

/// One organization's inventory cache, open.
#[derive(Debug)]
pub struct InventoryStore {
    writer: Mutex<Connection>,
    reader: Mutex<Connection>,
}

/// A store just opened, and what happened to its file on the way.
#[derive(Debug)]
pub struct OpenedStore {
    /// The open store.
    pub store: InventoryStore,
    /// Set when the file was unreadable or from another version and was rebuilt empty, e.g.
    /// "The cached inventory was unreadable and was rebuilt; refresh to fill it again."
    pub notice: Option<String>,
}

impl InventoryStore {
    /// Opens (or creates) the cache file at `path`, creating its folder. An unreadable file or
    /// one from another schema is rebuilt empty, never fatal; a folder or disk that cannot be
    /// written fails with [`StoreError::Off`].
    pub fn open(path: &Path) -> Result<OpenedStore, StoreError> {
        let (writer, notice) = open::open_writer(path)?;
        let reader = open::open_reader(path)?;
        Ok(OpenedStore {
            store: InventoryStore {
                writer: Mutex::new(writer),
                reader: Mutex::new(reader),
            },
            notice: notice.map(str::to_owned),
        })
    }

    /// A store that lives in memory only, for an organization whose cache is off or that needs
    /// none (the demo): the same queries, gone when the store is dropped.
    pub fn open_in_memory() -> Result<InventoryStore, StoreError> {
        let (writer, reader) = open::open_memory()?;
        Ok(InventoryStore {
            writer: Mutex::new(writer),
            reader: Mutex::new(reader),
        })
    }

    /// Deletes the cache file at `path` and SQLite's files beside it (e.g. when an organization
    /// is removed). Drop any store open on it first. Missing files are fine.
    pub fn remove_files(path: &Path) -> Result<(), StoreError> {
        open::remove_files(path)
    }

    fn writer(&self) -> MutexGuard<'_, Connection> {
        self.writer.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn reader(&self) -> MutexGuard<'_, Connection> {
        self.reader.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A time as stored: microseconds since the Unix epoch.
fn stored_time(time: DateTime<Utc>) -> i64 {
    time.timestamp_micros()
}

/// A stored time read back; out-of-range values (a damaged file) read as the epoch.
fn read_time(micros: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(micros).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<InventoryStore>();
    }

    #[test]
    fn an_in_memory_store_reads_back_its_own_writes_and_no_other_stores() {
        let first = InventoryStore::open_in_memory().unwrap();
        let second = InventoryStore::open_in_memory().unwrap();
        first.set_spend(30, std::iter::empty()).unwrap();
        assert_eq!(first.status().unwrap().spend_days, Some(30));
        assert_eq!(second.status().unwrap().spend_days, None);
    }

    #[test]
    fn times_round_trip_to_the_microsecond() {
        let time = DateTime::from_timestamp(1_711_471_533, 123_456_000).unwrap();
        assert_eq!(read_time(stored_time(time)), time);
    }
}
