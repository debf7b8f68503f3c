//! The cache's tables and indexes, and the schema number that guards them.
//!
//! The cache holds nothing that cannot be fetched again, so a file of any other schema number is
//! rebuilt rather than migrated. Bump [`SCHEMA_VERSION`] whenever a statement below changes.
//!
//! Sorting: each sortable column of `keys` has an index ending in `(id, project_id)`, so a page
//! of any sort — either direction, ties broken by key id — is read straight from an index.
//! Names are sorted by a lower-cased copy (`*_sort`) made in Rust, which folds Unicode case too.
//! SQLite orders `NULL` below every value, which is what the contract asks of never-used keys
//! (oldest) and keys without spend (lowest).
//!
//! Searching: `search` holds the lower-cased searchable fields, and a query is matched with
//! `instr(search, ?) > 0` on the lower-cased needle. `instr` compares literally, so `%`, `_`,
//! `\` and quotes need no escaping at all, and the needle is always a bound parameter. A scan of
//! 100,000 short rows takes a few milliseconds (see `benches/inventory_store.rs`); an FTS5
//! trigram index would only pay off for needles of three or more characters, would still need
//! this scan for one or two, and would double the write work of every refresh.

use rusqlite::Connection;

/// The schema this build reads and writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i32 = 1;

const TABLES: &str = "
CREATE TABLE meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    refreshed_at INTEGER,
    spend_days INTEGER
);
INSERT INTO meta (id, refreshed_at, spend_days) VALUES (1, NULL, NULL);

CREATE TABLE projects (
    id TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    archived INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    archived_at INTEGER,
    service_account_count INTEGER,
    keys_error TEXT,
    service_accounts_error TEXT,
    search TEXT NOT NULL
);
CREATE INDEX projects_by_position ON projects (position);

CREATE TABLE keys (
    project_id TEXT NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    redacted_value TEXT NOT NULL,
    owner_kind TEXT NOT NULL,
    owner_id TEXT,
    owner_name TEXT NOT NULL,
    owner_email TEXT,
    owner_access TEXT,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    project_name TEXT NOT NULL,
    spend_usd REAL,
    name_sort TEXT NOT NULL,
    owner_sort TEXT NOT NULL,
    project_sort TEXT NOT NULL,
    search TEXT NOT NULL,
    PRIMARY KEY (project_id, id)
);
CREATE INDEX keys_by_name ON keys (name_sort, id, project_id);
CREATE INDEX keys_by_owner ON keys (owner_sort, id, project_id);
CREATE INDEX keys_by_created ON keys (created_at, id, project_id);
CREATE INDEX keys_by_last_used ON keys (last_used_at, id, project_id);
CREATE INDEX keys_by_project ON keys (project_sort, id, project_id);
CREATE INDEX keys_by_spend ON keys (spend_usd, id, project_id);

CREATE TABLE spend (
    key_id TEXT PRIMARY KEY NOT NULL,
    usd REAL NOT NULL
) WITHOUT ROWID;
";

/// Settings of every connection: WAL so queries read the last committed refresh while a new
/// one is written, and a wait instead of an immediate failure when the other connection writes.
pub(crate) fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", false)?;
    Ok(())
}

/// What an existing file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// A fresh, empty database: create the tables.
    Empty,
    /// This build's schema, intact.
    Current,
    /// Another schema number, or tables this build does not know.
    OtherSchema,
}

/// Reads the schema number and checks the file's structure (`quick_check` reads every page,
/// which is what finds a truncated file).
pub(crate) fn inspect(conn: &Connection) -> rusqlite::Result<Found> {
    let version: i32 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))?;
    let check: String = conn.pragma_query_value(None, "quick_check", |row| row.get(0))?;
    if check != "ok" {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            None,
        ));
    }
    Ok(match version {
        0 if tables == 0 => Found::Empty,
        SCHEMA_VERSION => Found::Current,
        _ => Found::OtherSchema,
    })
}

/// Creates the tables and stamps the schema number, in one transaction.
pub(crate) fn create(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    tx.execute_batch(TABLES)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()
}
