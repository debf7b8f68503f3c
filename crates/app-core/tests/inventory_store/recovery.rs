//! The file on disk: private modes, no secrets, rebuilt when unreadable, and "cache off" when it
//! cannot be written.

use std::fs;
use std::path::{Path, PathBuf};

use app_core::inventory_store::{CacheOff, InventoryStore, KeyQuery, StoreError, SCHEMA_VERSION};

use crate::fixtures::*;

fn inventory(keys: usize) -> app_core::inventory_store::InventorySnapshot {
    let keys = (0..keys)
        .map(|i| user_key(&format!("key_{i:05}"), &format!("key number {i}"), "Ada"))
        .collect();
    snapshot(vec![entry(project("proj_1", "Web"), keys)])
}

/// Writes a real cache of `keys` keys at `path` and closes it.
fn write_cache(path: &Path, keys: usize) {
    let store = InventoryStore::open(path).unwrap().store;
    store.replace_inventory(&inventory(keys)).unwrap();
}

fn beside(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

/// Opens `path`, expecting a rebuilt, empty, working store and a notice.
fn assert_rebuilt(path: &Path, notice_says: &str) {
    let opened = InventoryStore::open(path).unwrap();
    let notice = opened.notice.expect("a notice");
    assert!(notice.contains(notice_says), "{notice}");
    assert!(notice.contains("refresh"), "{notice}");
    let store = opened.store;
    assert_eq!(store.status().unwrap().key_count, 0);
    store.replace_inventory(&inventory(3)).unwrap();
    assert_eq!(store.query_keys(&KeyQuery::default()).unwrap().total, 3);
    drop(store);
    assert_eq!(InventoryStore::open(path).unwrap().notice, None);
}

#[test]
fn a_file_of_random_bytes_is_rebuilt_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.sqlite3");
    let noise: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(&path, noise).unwrap();
    assert_rebuilt(&path, "unreadable");
}

#[test]
fn a_truncated_database_is_rebuilt_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.sqlite3");
    write_cache(&path, 2_000);
    assert!(
        !beside(&path, "-wal").exists(),
        "closing checkpoints the WAL"
    );
    let length = fs::metadata(&path).unwrap().len();
    assert!(length > 100_000, "{length}");
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(length / 2)
        .unwrap();
    assert_rebuilt(&path, "unreadable");
}

#[test]
fn a_cache_from_a_newer_version_is_rebuilt_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.sqlite3");
    write_cache(&path, 10);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(conn);
    assert_rebuilt(&path, "another version");
}

#[test]
fn a_database_of_unknown_tables_is_rebuilt_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.sqlite3");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
        .unwrap();
    drop(conn);
    assert_rebuilt(&path, "another version");
}

#[test]
fn an_empty_file_becomes_a_cache_without_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.sqlite3");
    fs::write(&path, b"").unwrap();
    let opened = InventoryStore::open(&path).unwrap();
    assert_eq!(opened.notice, None);
    opened.store.replace_inventory(&inventory(2)).unwrap();
}

#[test]
fn a_file_locked_by_another_program_is_left_alone_and_turns_the_cache_off() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.sqlite3");
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute_batch(
            "CREATE TABLE mine (x); INSERT INTO mine VALUES (1); BEGIN EXCLUSIVE; \
             INSERT INTO mine VALUES (2);",
        )
        .unwrap();
    let error = InventoryStore::open(&path).unwrap_err();
    assert_eq!(error, StoreError::Off(CacheOff::Busy));
    other.execute_batch("COMMIT").unwrap();
    let rows: i64 = other
        .query_row("SELECT count(*) FROM mine", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 2, "the other program's file was not touched");
}

#[test]
fn a_folder_that_cannot_be_created_turns_the_cache_off() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    fs::write(&file, b"not a folder").unwrap();
    let error = InventoryStore::open(&file.join("cache").join("org.sqlite3")).unwrap_err();
    assert_eq!(error, StoreError::Off(CacheOff::NotWritable));
    assert!(error.to_string().contains("writable"), "{error}");
    assert!(!error.to_string().contains("a-file"), "{error}");
}

#[cfg(unix)]
mod unix {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    /// Whether the permission bits bind this process (they do not bind root).
    fn permissions_apply(read_only_dir: &Path) -> bool {
        let probe = read_only_dir.join("probe");
        let written = fs::write(&probe, b"x").is_ok();
        let _ = fs::remove_file(&probe);
        !written
    }

    /// Runs one test of this binary again as `nobody`, whom permission bits bind, and fails if
    /// it fails there. Skips (with a note) where `setpriv` or the binary is out of reach.
    fn rerun_unprivileged(test: &str) {
        const AGAIN: &str = "KEYWARDEN_TEST_UNPRIVILEGED";
        assert!(
            std::env::var_os(AGAIN).is_none(),
            "permission bits bind no one here"
        );
        let run = |args: &[&str]| {
            std::process::Command::new("setpriv")
                .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(std::env::current_exe().unwrap())
                .args(args)
                .env(AGAIN, "1")
                .output()
        };
        match run(&["--list"]) {
            Ok(listed) if listed.status.success() => {}
            _ => {
                eprintln!("skipped: running as root and cannot run this test as nobody");
                return;
            }
        }
        let output = run(&["--exact", test, "--test-threads=1"]).unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "as nobody: {stdout}");
        assert!(stdout.contains("1 passed"), "as nobody: {stdout}");
    }

    #[test]
    fn the_folder_is_private_and_every_file_is_readable_by_its_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("data").join("cache");
        let path = folder.join("org.sqlite3");
        let store = InventoryStore::open(&path).unwrap().store;
        store.replace_inventory(&inventory(50)).unwrap();
        store.query_keys(&KeyQuery::default()).unwrap();
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&path), 0o600);
        for companion in ["-wal", "-shm"] {
            let file = beside(&path, companion);
            assert!(file.exists(), "{companion} exists while open");
            assert_eq!(mode(&file), 0o600, "{companion}");
        }
    }

    #[test]
    fn an_existing_file_readable_by_others_is_made_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("org.sqlite3");
        write_cache(&path, 3);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let _store = InventoryStore::open(&path).unwrap().store;
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn a_read_only_folder_turns_the_cache_off() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("cache");
        fs::create_dir(&folder).unwrap();
        let existing = folder.join("old.sqlite3");
        write_cache(&existing, 3);
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o500)).unwrap();
        let applies = permissions_apply(&folder);
        let fresh = InventoryStore::open(&folder.join("new.sqlite3"));
        let reopened = InventoryStore::open(&existing)
            .and_then(|opened| opened.store.replace_inventory(&inventory(4)));
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o700)).unwrap();
        if !applies {
            rerun_unprivileged("recovery::unix::a_read_only_folder_turns_the_cache_off");
            return;
        }
        let error = fresh.unwrap_err();
        assert_eq!(error, StoreError::Off(CacheOff::NotWritable));
        assert!(reopened.unwrap_err().turns_cache_off());
    }
}

#[test]
fn the_file_holds_no_secret_and_the_schema_has_no_place_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.sqlite3");
    let secret = "sk-proj-SENTINELsecretvalue0123456789abcdefghijklmnop";
    {
        let store = InventoryStore::open(&path).unwrap().store;
        store.replace_inventory(&inventory(200)).unwrap();
        let bytes = fs::read(beside(&path, "-wal")).unwrap_or_default();
        assert_redacted_only(&bytes, secret);
    }
    assert_redacted_only(&fs::read(&path).unwrap(), secret);

    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table'",
        )
        .unwrap();
    let columns: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(columns.iter().any(|(_, c)| c == "redacted_value"));
    for (table, column) in &columns {
        let column = column.to_lowercase();
        let holds_a_value = column == "value" || column == "secret" || column.contains("secret");
        assert!(!holds_a_value, "{table}.{column}");
        assert!(
            !column.ends_with("_value") || column == "redacted_value",
            "{table}.{column}"
        );
    }
}

/// Every key-shaped run in `bytes` (`sk-` and 20 or more key characters; real keys are longer)
/// is a redacted form (`sk-proj-abc...x7Q`), and `secret` is absent. Shorter runs are records
/// cut at a page boundary.
fn assert_redacted_only(bytes: &[u8], secret: &str) {
    let text = String::from_utf8_lossy(bytes);
    assert!(!text.contains(secret));
    assert!(
        text.contains("sk-proj-"),
        "the redacted values were written"
    );
    for (at, _) in text.match_indices("sk-") {
        let token: String = text[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
            .collect();
        let key_shaped = token.len() >= 20 && !token.contains("...");
        assert!(!key_shaped, "an unredacted key-shaped value: {token}");
    }
}
