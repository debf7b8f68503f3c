//! The cache's tables and indexes, and the schema number that guards them.
//!
//! The cache holds nothing that cannot be fetched again, so a file of any other schema number is
//! rebuilt rather than migrated. Bump [`SCHEMA_VERSION`] whenever a statement below changes.
//!
//! `usage_daily` (requests and units per key, day and kind), `usage_reads` (which kinds could be
//! read), `spend_daily` (spend per key and day) are written by a usage read, which the user asks
//! for: it fills `usage_staging` and `spend_staging` a bucket at a time, then moves them over in
//! one transaction, so a failed read leaves the previous one whole. `project_spend_daily` is
//! written by every refresh. Days are UTC midnights in microseconds.
//!
//! `key_permissions` is the one table that is not a copy of the API: the permissions Keywarden
//! set on a key (or found in the audit log), which the API never reports. A refresh leaves it
//! alone, and a rebuild for another schema carries its rows over (see `open`).
//!
//! Sorting: each sortable column of `keys` has an index `(column, id)`, and every index ends
//! with the rowid, so a page of any sort — either direction, ties broken by key id, then by
//! rowid — is read straight from an index. Names compare with `NOCASE` (ASCII letters fold;
//! other letters sort by code point). SQLite orders `NULL` below every value, which is what the
//! contract asks of never-used keys (oldest) and keys without spend (lowest). Expiry sorts by
//! [`EXPIRES_ORDER`], an indexed expression that puts keys that never expire after every date.
//!
//! Searching: `search` holds the searchable fields, lower-cased in Rust (Unicode-aware), and a
//! query is matched with `instr(search, ?) > 0` on the lower-cased needle. `instr` compares
//! literally, so `%`, `_`, `\` and quotes need no escaping at all, and the needle is always a
//! bound parameter. `LIKE '%…%' ESCAPE '\'` scans at the same speed but needs escaping and folds
//! only ASCII. A scan of 100,000 rows costs tens of milliseconds (see
//! `benches/inventory_store.rs`); an FTS5 trigram index would only help needles of three or more
//! characters, would still need this scan for one or two (and for the total), and would add a
//! second copy of every searchable field to each refresh.

use rusqlite::Connection;

/// The schema this build reads and writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i32 = 4;

/// How keys sort by expiry: soonest first, never last (an indexed expression).
pub(crate) const EXPIRES_ORDER: &str = "coalesce(expires_at, 9223372036854775807)";

const TABLES: &str = "
CREATE TABLE meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    refreshed_at INTEGER,
    spend_days INTEGER,
    audit_read_until INTEGER,
    usage_read_at INTEGER,
    usage_first_day INTEGER
);
INSERT INTO meta (id, refreshed_at, spend_days, audit_read_until) VALUES (1, NULL, NULL, NULL);

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
    name TEXT NOT NULL COLLATE NOCASE,
    redacted_value TEXT NOT NULL,
    owner_kind TEXT NOT NULL,
    owner_id TEXT,
    owner_name TEXT NOT NULL COLLATE NOCASE,
    owner_email TEXT,
    owner_access TEXT,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    expires_at INTEGER,
    project_name TEXT NOT NULL COLLATE NOCASE,
    spend_usd REAL,
    scopes TEXT,
    scopes_set_at INTEGER,
    scopes_source TEXT,
    search TEXT NOT NULL
);

CREATE TABLE key_permissions (
    key_id TEXT PRIMARY KEY NOT NULL,
    scopes TEXT NOT NULL,
    set_at INTEGER NOT NULL,
    source TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE spend (
    key_id TEXT PRIMARY KEY NOT NULL,
    usd REAL NOT NULL
) WITHOUT ROWID;

CREATE TABLE usage_daily (
    key_id TEXT NOT NULL,
    day INTEGER NOT NULL,
    kind TEXT NOT NULL,
    requests INTEGER NOT NULL,
    units INTEGER NOT NULL,
    units_out INTEGER NOT NULL,
    PRIMARY KEY (key_id, day, kind)
) WITHOUT ROWID;

CREATE TABLE usage_staging (
    key_id TEXT NOT NULL,
    day INTEGER NOT NULL,
    kind TEXT NOT NULL,
    requests INTEGER NOT NULL,
    units INTEGER NOT NULL,
    units_out INTEGER NOT NULL,
    PRIMARY KEY (key_id, day, kind)
) WITHOUT ROWID;

CREATE TABLE spend_staging (
    key_id TEXT NOT NULL,
    day INTEGER NOT NULL,
    usd REAL NOT NULL,
    PRIMARY KEY (key_id, day)
) WITHOUT ROWID;

CREATE TABLE usage_reads (
    kind TEXT PRIMARY KEY NOT NULL,
    error TEXT
) WITHOUT ROWID;

CREATE TABLE spend_daily (
    key_id TEXT NOT NULL,
    day INTEGER NOT NULL,
    usd REAL NOT NULL,
    PRIMARY KEY (key_id, day)
) WITHOUT ROWID;

CREATE TABLE project_spend_daily (
    project_id TEXT NOT NULL,
    day INTEGER NOT NULL,
    usd REAL NOT NULL,
    PRIMARY KEY (project_id, day)
) WITHOUT ROWID;
";

/// The indexes of `keys`. A whole refresh drops them, inserts every key, and creates them
/// again: sorting once is several times faster than inserting 100,000 rows into seven trees.
pub(crate) const KEY_INDEXES: &str = "
CREATE UNIQUE INDEX keys_by_project_and_id ON keys (project_id, id);
CREATE INDEX keys_by_name ON keys (name, id);
CREATE INDEX keys_by_owner ON keys (owner_name, id);
CREATE INDEX keys_by_created ON keys (created_at, id);
CREATE INDEX keys_by_last_used ON keys (last_used_at, id);
CREATE INDEX keys_by_project ON keys (project_name, id);
CREATE INDEX keys_by_spend ON keys (spend_usd, id);
CREATE INDEX keys_by_expires ON keys (coalesce(expires_at, 9223372036854775807), id);
";

/// Drops what [`KEY_INDEXES`] creates.
pub(crate) const DROP_KEY_INDEXES: &str = "
DROP INDEX keys_by_project_and_id;
DROP INDEX keys_by_name;
DROP INDEX keys_by_owner;
DROP INDEX keys_by_created;
DROP INDEX keys_by_last_used;
DROP INDEX keys_by_project;
DROP INDEX keys_by_spend;
DROP INDEX keys_by_expires;
";

/// Settings of every connection: WAL so queries read the last committed refresh while a new
/// one is written, a wait instead of an immediate failure when the other connection writes, and
/// a WAL file trimmed back to 8 MB after a large refresh is checkpointed.
pub(crate) fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "journal_size_limit", 8 * 1024 * 1024)?;
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
    tx.execute_batch(KEY_INDEXES)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()
}
