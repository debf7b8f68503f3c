//! Opening a cache file: a private folder and file, and a rebuild instead of a failure when the
//! file is unreadable or from another schema.
//!
//! A file is rebuilt (deleted and created anew) only when SQLite says it is not a database, is
//! corrupt, or carries another schema number. A file that cannot be reached right now — locked
//! by another process, on a read-only disk, on a full disk — is left untouched and opening fails
//! with [`StoreError::Off`], so the app runs without the cache.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::error::{is_unreadable_database, CacheOff, StoreError};
use super::schema::{self, Found};

/// The notice when an unreadable file was replaced.
pub(crate) const REBUILT_UNREADABLE: &str =
    "The cached inventory was unreadable and was rebuilt; refresh to fill it again.";
/// The notice when a file of another schema was replaced.
pub(crate) const REBUILT_OTHER_SCHEMA: &str =
    "The cached inventory was written by another version of Keywarden and was rebuilt; refresh \
     to fill it again.";

/// Opens the writing connection on `path`, rebuilding the file if it must; returns it with the
/// notice to show, if any.
pub(crate) fn open_writer(path: &Path) -> Result<(Connection, Option<&'static str>), StoreError> {
    prepare_folder(path)?;
    prepare_file(path)?;
    match open_existing(path) {
        Ok((conn, Found::Current)) => Ok((conn, None)),
        Ok((mut conn, Found::Empty)) => {
            schema::create(&mut conn)?;
            Ok((conn, None))
        }
        Ok((conn, Found::OtherSchema)) => {
            let kept = kept_permissions(&conn);
            drop(conn);
            let conn = rebuild(path)?;
            restore_permissions(&conn, &kept);
            Ok((conn, Some(REBUILT_OTHER_SCHEMA)))
        }
        Err(error) if is_unreadable_database(&error) => {
            tracing::warn!("the inventory cache file is unreadable; rebuilding it");
            Ok((rebuild(path)?, Some(REBUILT_UNREADABLE)))
        }
        Err(error) => Err(error.into()),
    }
}

/// Opens a read-only connection for queries, next to the writer, with a 16 MiB page cache
/// (allocated as used) so repeated searches of a large inventory read from memory.
pub(crate) fn open_reader(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    schema::configure(&conn)?;
    conn.pragma_update(None, "query_only", true)?;
    conn.pragma_update(None, "cache_size", -16 * 1024)?;
    rusqlite::vtab::array::load_module(&conn)?;
    Ok(conn)
}

/// A writing and a reading connection on one private in-memory database (SQLite's `memdb`
/// file system, shared by name within this process only).
pub(crate) fn open_memory() -> Result<(Connection, Connection), StoreError> {
    let name = format!(
        "file:/keywarden-inventory-{}?vfs=memdb",
        uuid::Uuid::new_v4().simple()
    );
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut writer = Connection::open_with_flags(&name, flags)?;
    schema::configure(&writer)?;
    schema::create(&mut writer)?;
    let reader = Connection::open_with_flags(&name, flags)?;
    schema::configure(&reader)?;
    reader.pragma_update(None, "query_only", true)?;
    rusqlite::vtab::array::load_module(&reader)?;
    Ok((writer, reader))
}

fn open_existing(path: &Path) -> rusqlite::Result<(Connection, Found)> {
    let conn = Connection::open(path)?;
    schema::configure(&conn)?;
    let found = schema::inspect(&conn)?;
    Ok((conn, found))
}

/// A recorded permission as the `key_permissions` table holds it.
type PermissionRow = (String, String, i64, String);

/// The recorded permissions of a file about to be rebuilt for another schema: the one thing in
/// the cache that cannot be fetched again. A file without the table, or with other columns,
/// gives none.
fn kept_permissions(conn: &Connection) -> Vec<PermissionRow> {
    let read = || -> rusqlite::Result<Vec<PermissionRow>> {
        let mut stmt =
            conn.prepare("SELECT key_id, scopes, set_at, source FROM key_permissions")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        rows.collect()
    };
    read().unwrap_or_default()
}

/// Writes kept permissions into the rebuilt file; a failure only loses them (logged).
fn restore_permissions(conn: &Connection, kept: &[PermissionRow]) {
    let write = || -> rusqlite::Result<()> {
        let mut stmt = conn.prepare(
            "INSERT OR REPLACE INTO key_permissions (key_id, scopes, set_at, source) \
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (key, scopes, set_at, source) in kept {
            stmt.execute(rusqlite::params![key, scopes, set_at, source])?;
        }
        Ok(())
    };
    if let Err(error) = write() {
        tracing::warn!(%error, "recorded key permissions could not be carried over");
    }
}

fn rebuild(path: &Path) -> Result<Connection, StoreError> {
    remove_files(path)?;
    prepare_file(path)?;
    let mut conn = Connection::open(path)?;
    schema::configure(&conn)?;
    schema::create(&mut conn)?;
    Ok(conn)
}

/// The database file and the files SQLite keeps beside it.
fn with_companions(path: &Path) -> [PathBuf; 4] {
    let beside = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    [
        path.to_owned(),
        beside("-wal"),
        beside("-shm"),
        beside("-journal"),
    ]
}

/// Deletes a cache file and its companions; missing files are fine.
pub(crate) fn remove_files(path: &Path) -> Result<(), StoreError> {
    for file in with_companions(path) {
        match fs::remove_file(&file) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error.into()),
            _ => {}
        }
    }
    Ok(())
}

/// Creates the cache folder, private to the user (0700 on unix), if it does not exist.
fn prepare_folder(path: &Path) -> Result<(), StoreError> {
    let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) else {
        return Ok(());
    };
    if folder.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    match builder.create(folder) {
        // Something that is not a folder stands in the path (Windows says so; unix says
        // "not a directory", which maps to the same).
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            Err(StoreError::Off(CacheOff::NotWritable))
        }
        created => Ok(created?),
    }
}

/// Creates the file private to the user (0600 on unix) before SQLite opens it; SQLite gives its
/// `-wal` and `-shm` files the database file's mode. Existing files are made private again.
fn prepare_file(path: &Path) -> Result<(), StoreError> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            make_private(path);
            Ok(())
        }
        Err(error) => Err(error.into()),
    }
}

#[cfg(unix)]
fn make_private(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for file in with_companions(path) {
        let Ok(metadata) = fs::metadata(&file) else {
            continue;
        };
        if metadata.permissions().mode() & 0o077 != 0 {
            let private = fs::Permissions::from_mode(0o600);
            if fs::set_permissions(&file, private).is_err() {
                tracing::warn!("could not make an inventory cache file private");
            }
        }
    }
}

#[cfg(not(unix))]
fn make_private(_path: &Path) {}
