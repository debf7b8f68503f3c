//! What can go wrong with the inventory cache, phrased for the person at the keyboard.
//!
//! The cache is an accelerator, never a requirement: every storage failure becomes
//! [`StoreError::Off`], which the caller shows as "cache off" while the app keeps working from
//! the network. Messages are built only from fixed text and numeric codes, so no project name,
//! key name, owner or path can leak through an error.

use std::io;

use rusqlite::ErrorCode;

/// A failed inventory-cache operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The cache cannot be used right now; the app carries on without it ("cache off").
    #[error("the inventory cache is off because {0}")]
    Off(CacheOff),
    /// The query or data was rejected before anything was read or written.
    #[error("{0}")]
    InvalidInput(String),
    /// The cached inventory has no such project (e.g. `project “proj_1”`).
    #[error("{0} was not found in the cached inventory; refresh the organization and try again")]
    NotFound(String),
}

impl StoreError {
    /// Whether the caller should report the cache as off (rather than reject a request).
    pub fn turns_cache_off(&self) -> bool {
        matches!(self, StoreError::Off(_))
    }
}

/// Why the cache is off, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CacheOff {
    /// The disk (or the user's quota) is full.
    #[error(
        "the disk is full; Keywarden keeps working from the network — free some disk space, \
         then refresh"
    )]
    DiskFull,
    /// The cache folder or file is read-only or not accessible.
    #[error(
        "its folder cannot be written; Keywarden keeps working from the network — make \
         Keywarden's data folder writable, then refresh"
    )]
    NotWritable,
    /// Another process holds the cache file locked.
    #[error(
        "another Keywarden is using it; Keywarden keeps working from the network — close the \
         other window, then refresh"
    )]
    Busy,
    /// The cache file became damaged while in use.
    #[error(
        "the cache file is damaged; Keywarden keeps working from the network and rebuilds the \
         cache the next time it starts"
    )]
    Damaged,
    /// Any other storage failure; the text is a code (e.g. `SQLite error 10`), never data.
    #[error(
        "the cache file could not be used ({0}); Keywarden keeps working from the network — \
         restart Keywarden to try again"
    )]
    Failed(String),
}

impl From<CacheOff> for StoreError {
    fn from(reason: CacheOff) -> Self {
        StoreError::Off(reason)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        StoreError::Off(CacheOff::from(&error))
    }
}

impl From<io::Error> for StoreError {
    fn from(error: io::Error) -> Self {
        StoreError::Off(CacheOff::from(&error))
    }
}

impl From<&rusqlite::Error> for CacheOff {
    fn from(error: &rusqlite::Error) -> Self {
        match error {
            rusqlite::Error::SqliteFailure(failure, _) => match failure.code {
                ErrorCode::DiskFull => CacheOff::DiskFull,
                ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied => {
                    CacheOff::NotWritable
                }
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => CacheOff::Busy,
                ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => CacheOff::Damaged,
                _ => CacheOff::Failed(format!("SQLite error {}", failure.extended_code)),
            },
            rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::IntegralValueOutOfRange(..)
            | rusqlite::Error::InvalidColumnType(..) => CacheOff::Damaged,
            _ => CacheOff::Failed("unexpected SQLite result".to_owned()),
        }
    }
}

impl From<&io::Error> for CacheOff {
    fn from(error: &io::Error) -> Self {
        // Older kernels' codes for a full disk or quota, where the kind is not set (unix only:
        // on Windows 28 and 122 mean other things; its disk-full codes map to StorageFull).
        #[cfg(unix)]
        const FULL: [i32; 2] = [28, 122]; // ENOSPC, EDQUOT
        #[cfg(not(unix))]
        const FULL: [i32; 0] = [];
        match error.kind() {
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => CacheOff::DiskFull,
            io::ErrorKind::PermissionDenied
            | io::ErrorKind::ReadOnlyFilesystem
            | io::ErrorKind::NotADirectory
            | io::ErrorKind::IsADirectory => CacheOff::NotWritable,
            _ if error
                .raw_os_error()
                .is_some_and(|code| FULL.contains(&code)) =>
            {
                CacheOff::DiskFull
            }
            kind => CacheOff::Failed(format!("file system: {kind}")),
        }
    }
}

/// Whether an error means the file is not a usable database (so it may be rebuilt), as opposed
/// to a file that cannot be reached right now (locked, read-only, disk full).
pub(crate) fn is_unreadable_database(error: &rusqlite::Error) -> bool {
    matches!(CacheOff::from(error), CacheOff::Damaged)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    #[test]
    fn a_full_disk_and_a_read_only_folder_turn_the_cache_off_with_a_remedy() {
        let full = StoreError::from(sqlite(rusqlite::ffi::SQLITE_FULL));
        assert!(full.turns_cache_off());
        assert!(full.to_string().contains("free some disk space"), "{full}");
        let read_only = StoreError::from(sqlite(rusqlite::ffi::SQLITE_READONLY));
        assert_eq!(read_only, StoreError::Off(CacheOff::NotWritable));
        assert!(read_only.to_string().contains("writable"), "{read_only}");
    }

    #[test]
    fn io_errors_are_classified_by_kind_and_os_code() {
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        assert_eq!(CacheOff::from(&denied), CacheOff::NotWritable);
        // ENOSPC on unix; ERROR_DISK_FULL on Windows, where 28 means "out of paper".
        let (full, other) = if cfg!(windows) { (112, 28) } else { (28, 1) };
        assert_eq!(
            CacheOff::from(&io::Error::from_raw_os_error(full)),
            CacheOff::DiskFull
        );
        assert_ne!(
            CacheOff::from(&io::Error::from_raw_os_error(other)),
            CacheOff::DiskFull
        );
    }

    #[test]
    fn a_corrupt_file_counts_as_unreadable_but_a_locked_one_does_not() {
        assert!(is_unreadable_database(&sqlite(
            rusqlite::ffi::SQLITE_NOTADB
        )));
        assert!(is_unreadable_database(&sqlite(
            rusqlite::ffi::SQLITE_CORRUPT
        )));
        assert!(!is_unreadable_database(&sqlite(rusqlite::ffi::SQLITE_BUSY)));
        assert!(!is_unreadable_database(&sqlite(
            rusqlite::ffi::SQLITE_READONLY
        )));
    }

    #[test]
    fn no_message_carries_the_underlying_error_text() {
        let error = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT),
            Some("UNIQUE constraint failed: keys.id proj_secret".into()),
        );
        let message = StoreError::from(error).to_string();
        assert!(!message.contains("proj_secret"), "{message}");
        assert!(message.contains("SQLite error"), "{message}");
    }
}
