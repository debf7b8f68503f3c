//! Vault tools that misbehave, played by small stand-in scripts named `pass` (a real `pass`
//! cannot be made to hang or flood on purpose): one that hangs, one that prints megabytes, one
//! that exits 0 without storing anything. Each failure must be clear, prompt, and keep the key.

use std::path::Path;
use std::time::Duration;

use app_core::key_lifecycle::LifecycleError;
use app_core::vault_handoff::{VaultError, VaultKind, VaultUnlock};

use crate::bench::{destination, tools_with, HeldKey};

/// A folder holding an executable `pass` with `body`, and a password store that looks set up.
fn stand_in_pass(body: &str) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("pass");
    std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::create_dir(dir.path().join("store")).unwrap();
    std::fs::write(dir.path().join("store/.gpg-id"), "test@keywarden.invalid\n").unwrap();
    dir
}

async fn send_with(dir: &Path, limit: Duration, held: &HeldKey) -> LifecycleError {
    let tools = tools_with(&[dir], limit).with_var("PASSWORD_STORE_DIR", dir.join("store"));
    held.refused(&tools, VaultKind::Pass, "OpenAI/key").await
}

fn processes_running(marker: &str) -> usize {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    entries
        .flatten()
        .filter_map(|entry| std::fs::read(entry.path().join("cmdline")).ok())
        .filter(|line| String::from_utf8_lossy(line).contains(marker))
        .count()
}

#[tokio::test(flavor = "multi_thread")]
async fn stand_in_pass_that_hangs_is_stopped_at_the_time_limit_with_what_it_started() {
    // A child that outlives its parent's kill unless the whole process group is stopped.
    let dir = stand_in_pass("sleep 3017 &\nsleep 3017\n");
    let held = HeldKey::mint().await;

    let error = send_with(dir.path(), Duration::from_secs(1), &held).await;

    assert!(
        matches!(
            error,
            LifecycleError::Vault(VaultError::TimedOut { seconds: 1, .. })
        ),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .contains("did not finish within 1 seconds"),
        "{error}"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        processes_running("sleep\u{0}3017"),
        0,
        "the tool's children were left running"
    );
    assert!(held.still_held());
}

#[tokio::test(flavor = "multi_thread")]
async fn stand_in_pass_that_prints_megabytes_fails_promptly_with_a_short_message() {
    let dir = stand_in_pass(
        "head -c 20000000 /dev/zero | tr '\\0' x\nhead -c 20000000 /dev/zero | tr '\\0' y >&2\nexit 1",
    );
    let held = HeldKey::mint().await;

    let error = send_with(dir.path(), Duration::from_secs(30), &held).await;

    assert!(
        matches!(error, LifecycleError::Vault(VaultError::ToolFailed { .. })),
        "{error}"
    );
    let message = error.to_string();
    assert!(message.len() < 1_000, "{} characters", message.len());
    assert!(
        message.contains("yyyy"),
        "the error shows the tool's stderr: {message}"
    );
    assert!(held.still_held());
}

#[tokio::test(flavor = "multi_thread")]
async fn stand_in_pass_that_exits_0_without_storing_is_reported_as_not_stored() {
    let dir = stand_in_pass("cat >/dev/null\nexit 0");
    let held = HeldKey::mint().await;

    let error = send_with(dir.path(), Duration::from_secs(30), &held).await;

    assert!(
        matches!(error, LifecycleError::Vault(VaultError::NotStored { .. })),
        "{error}"
    );
    assert!(
        error.to_string().contains("could not be found afterwards"),
        "{error}"
    );
    assert!(held.still_held());
    assert!(
        held.keys.pending()[0].stored_in.is_none(),
        "nothing recorded as stored"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_send_while_the_first_runs_is_refused() {
    let dir = stand_in_pass("sleep 2\ncat >/dev/null\nexit 0");
    let held = HeldKey::mint().await;
    let tools = tools_with(&[dir.path()], Duration::from_secs(30))
        .with_var("PASSWORD_STORE_DIR", dir.path().join("store"));
    let target = destination(VaultKind::Pass, "OpenAI/key");

    let (first, second) = tokio::join!(held.send(&tools, &target, VaultUnlock::default()), async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        held.send(&tools, &target, VaultUnlock::default()).await
    });

    assert!(matches!(
        first,
        Err(LifecycleError::Vault(VaultError::NotStored { .. }))
    ));
    let second = second.unwrap_err();
    assert!(
        second.to_string().contains("already being sent"),
        "{second}"
    );
}
