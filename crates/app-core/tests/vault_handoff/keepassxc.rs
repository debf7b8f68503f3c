//! KeePassXC for real: a throwaway database made by Debian's `keepassxc-cli`, which Keywarden
//! then drives the way it would drive the user's own.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use app_core::key_lifecycle::LifecycleError;
use app_core::vault_handoff::{Destination, VaultError, VaultKind, VaultUnlock, TOOL_TIME_LIMIT};
use secrecy::SecretString;

use crate::bench::{destination, require, tools_with, ChildWatch, HeldKey};

const PASSWORD: &str = "correct horse battery staple";

/// Runs `keepassxc-cli <command> -q <options…> <database> <entry>` with `input` on stdin;
/// returns its stdout when it succeeds.
fn cli(command: &[&str], database: &Path, entry: &str, input: &str) -> Option<String> {
    use std::io::Write;
    let mut child = Command::new("keepassxc-cli")
        .args(&command[..1])
        .arg("-q")
        .args(&command[1..])
        .arg(database)
        .arg(entry)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A new database protected by [`PASSWORD`], with a fast key derivation.
fn database(dir: &Path) -> PathBuf {
    require("keepassxc-cli", "keepassxc");
    let file = dir.join("vault.kdbx");
    let out = Command::new("keepassxc-cli")
        .args(["db-create", "-q", "-p", "-t", "100"])
        .arg(&file)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            let input = format!("{PASSWORD}\n{PASSWORD}\n");
            child.stdin.take().unwrap().write_all(input.as_bytes())?;
            child.wait()
        })
        .unwrap();
    assert!(
        out.success(),
        "keepassxc-cli could not create a test database"
    );
    file
}

/// The password stored at `entry`, read with `keepassxc-cli show`.
fn read_password(database: &Path, entry: &str) -> Option<String> {
    let shown = cli(
        &["show", "-s", "-a", "Password"],
        database,
        entry,
        &format!("{PASSWORD}\n"),
    );
    shown.map(|out| out.trim_end_matches('\n').to_owned())
}

fn to_database(database: &Path, entry: &str) -> Destination {
    Destination {
        database: Some(database.to_path_buf()),
        ..destination(VaultKind::KeepassXc, entry)
    }
}

fn unlock(password: &str) -> VaultUnlock {
    VaultUnlock {
        password: Some(SecretString::from(password)),
        session: None,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_key_sent_to_keepassxc_reads_back_exactly_in_new_groups_and_never_shows_in_a_child() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let held = HeldKey::mint().await;
    let entry = "OpenAI/Vault Test/Billing/ci-deploy";
    let watch = ChildWatch::start();

    let stored = held
        .send(
            &tools_with(&[], TOOL_TIME_LIMIT),
            &to_database(&db, entry),
            unlock(PASSWORD),
        )
        .await
        .unwrap();
    let seen = watch.finish();

    assert_eq!(stored.location, format!("vault.kdbx › {entry}"));
    assert_eq!(
        read_password(&db, entry).as_deref(),
        Some(held.minted.as_str())
    );
    assert!(seen.ran("keepassxc-cli"), "the watch saw keepassxc-cli run");
    assert!(
        !seen.contains(&held.minted),
        "the secret was in a child's argv or environment"
    );
    assert!(
        !seen.contains(PASSWORD),
        "the database password was in argv or environment"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_existing_keepassxc_entry_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let input = format!("{PASSWORD}\nold-value\n");
    assert!(cli(&["add", "-p"], &db, "taken", &input).is_some());
    let held = HeldKey::mint().await;

    let error = held
        .refused_with(
            &tools_with(&[], TOOL_TIME_LIMIT),
            &to_database(&db, "taken"),
            unlock(PASSWORD),
        )
        .await;

    assert!(
        matches!(error, LifecycleError::Vault(VaultError::EntryExists { .. })),
        "{error}"
    );
    assert_eq!(read_password(&db, "taken").as_deref(), Some("old-value"));
    assert!(held.still_held());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_keepassxc_password_is_said_so_and_the_key_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let held = HeldKey::mint().await;

    let error = held
        .refused_with(
            &tools_with(&[], TOOL_TIME_LIMIT),
            &to_database(&db, "OpenAI/key"),
            unlock("wrong"),
        )
        .await;

    assert!(
        matches!(
            error,
            LifecycleError::Vault(VaultError::WrongPassword { .. })
        ),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .starts_with("the password for vault.kdbx was refused"),
        "{error}"
    );
    assert!(held.still_held());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_that_is_not_a_database_is_said_so() {
    require("keepassxc-cli", "keepassxc");
    let dir = tempfile::tempdir().unwrap();
    let not_db = dir.path().join("notes.kdbx");
    std::fs::write(&not_db, "just some text\n").unwrap();
    let held = HeldKey::mint().await;

    let error = held
        .refused_with(
            &tools_with(&[], TOOL_TIME_LIMIT),
            &to_database(&not_db, "OpenAI/key"),
            unlock(PASSWORD),
        )
        .await;

    assert!(
        matches!(
            error,
            LifecycleError::Vault(VaultError::NotADatabase { .. })
        ),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(&not_db).unwrap(),
        "just some text\n"
    );
    assert!(held.still_held());
}

#[tokio::test(flavor = "multi_thread")]
async fn keepassxc_without_a_database_or_password_asks_for_it() {
    let held = HeldKey::mint().await;
    let tools = tools_with(&[], TOOL_TIME_LIMIT);

    let no_file = held
        .refused_with(
            &tools,
            &destination(VaultKind::KeepassXc, "OpenAI/key"),
            unlock(PASSWORD),
        )
        .await;
    let dir = tempfile::tempdir().unwrap();
    let no_password = held
        .refused_with(
            &tools,
            &to_database(&dir.path().join("x.kdbx"), "OpenAI/key"),
            VaultUnlock::default(),
        )
        .await;
    let line_break = held
        .refused_with(
            &tools,
            &to_database(&dir.path().join("x.kdbx"), "OpenAI/key"),
            unlock("a\nb"),
        )
        .await;

    assert!(
        no_file
            .to_string()
            .contains("choose the KeePassXC database file"),
        "{no_file}"
    );
    assert!(no_password
        .to_string()
        .contains("type the KeePassXC database password"));
    assert!(
        line_break.to_string().contains("line break"),
        "{line_break}"
    );
    assert!(held.still_held());
}
