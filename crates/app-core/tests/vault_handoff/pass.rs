//! `pass` for real: a throwaway GnuPG home with a key without passphrase, a password store
//! initialised for it, and Debian's `pass` doing the work.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use app_core::key_lifecycle::{Acknowledged, LifecycleError};
use app_core::vault_handoff::{VaultError, VaultKind, VaultTools, VaultUnlock, TOOL_TIME_LIMIT};

use crate::bench::{destination, require, tools_with, ChildWatch, HeldKey};

/// A GnuPG home and a password store made for one test; the agent is stopped on drop.
pub struct PassStore {
    pub dir: tempfile::TempDir,
}

impl PassStore {
    pub fn new() -> Self {
        require("pass", "pass");
        require("gpg", "gnupg");
        // A short path: the agent's socket path must fit in 108 bytes.
        let dir = tempfile::Builder::new()
            .prefix("kw-pass")
            .tempdir_in("/tmp")
            .unwrap();
        let store = Self { dir };
        std::fs::create_dir(store.gnupg_home()).unwrap();
        set_mode(&store.gnupg_home(), 0o700);
        let made = store
            .command("gpg")
            .args(["--batch", "--quiet", "--passphrase", "", "--quick-gen-key"])
            .args([
                "Keywarden Test <test@keywarden.invalid>",
                "default",
                "default",
                "never",
            ])
            .status()
            .unwrap();
        assert!(made.success(), "gpg could not make a test key");
        let init = store
            .command("pass")
            .args(["init", "test@keywarden.invalid"])
            .output();
        assert!(init.unwrap().status.success(), "pass init failed");
        store
    }

    pub fn gnupg_home(&self) -> PathBuf {
        self.dir.path().join("gnupg")
    }

    pub fn store_dir(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    /// `program` with this store's environment.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .env("GNUPGHOME", self.gnupg_home())
            .env("PASSWORD_STORE_DIR", self.store_dir())
            .stdin(Stdio::null());
        command
    }

    /// The tools Keywarden uses, pointed at this store.
    pub fn tools(&self, extra: &[&Path], limit: Duration) -> VaultTools {
        tools_with(extra, limit)
            .with_var("GNUPGHOME", self.gnupg_home())
            .with_var("PASSWORD_STORE_DIR", self.store_dir())
    }

    /// `pass show <path>`: the entry's first line.
    pub fn show(&self, path: &str) -> String {
        let out = self.command("pass").args(["show", path]).output().unwrap();
        assert!(out.status.success(), "pass show {path} failed");
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap_or("")
            .to_owned()
    }
}

impl Drop for PassStore {
    fn drop(&mut self) {
        let _ = self
            .command("gpgconf")
            .args(["--kill", "gpg-agent"])
            .status();
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_key_sent_to_pass_reads_back_exactly_and_never_shows_in_a_child_process() {
    let store = PassStore::new();
    let held = HeldKey::mint().await;
    let path = "OpenAI/Vault Test/Billing/ci-deploy";
    let watch = ChildWatch::start();
    let stored = held
        .send(
            &store.tools(&[], TOOL_TIME_LIMIT),
            &destination(VaultKind::Pass, path),
            VaultUnlock::default(),
        )
        .await
        .unwrap();
    let seen = watch.finish();

    assert_eq!(stored.location, path);
    assert_eq!(
        store.show(path),
        held.minted,
        "pass show returns the minted value"
    );
    assert!(
        seen.ran("pass") && seen.ran("gpg"),
        "the watch saw pass and gpg run"
    );
    assert!(
        !seen.contains(&held.minted),
        "the secret was in a child's argv or environment"
    );
    let pending = held.keys.pending();
    assert_eq!(
        pending[0].stored_in.as_ref().map(|s| s.location.as_str()),
        Some(path)
    );
    let (done, _) = held.keys.acknowledge_copied(&held.reveal_id, false);
    assert_eq!(
        done,
        Acknowledged::Wiped,
        "stored in a vault counts as kept"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_existing_pass_entry_is_refused_and_left_as_it_was() {
    let store = PassStore::new();
    let mut insert = store.command("pass");
    insert
        .args(["insert", "--multiline", "OpenAI/taken"])
        .stdin(Stdio::piped());
    let mut child = insert.spawn().unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"the-old-value\n")
        .unwrap();
    assert!(child.wait().unwrap().success());
    let held = HeldKey::mint().await;

    let error = held
        .refused_with(
            &store.tools(&[], TOOL_TIME_LIMIT),
            &destination(VaultKind::Pass, "OpenAI/taken"),
            VaultUnlock::default(),
        )
        .await;

    assert!(
        matches!(error, LifecycleError::Vault(VaultError::EntryExists { .. })),
        "{error}"
    );
    assert!(error.to_string().contains("never overwrites"), "{error}");
    assert_eq!(store.show("OpenAI/taken"), "the-old-value");
    assert!(held.still_held(), "a refused send keeps the key");
}

#[tokio::test(flavor = "multi_thread")]
async fn shell_metacharacters_in_a_pass_path_are_only_characters() {
    let store = PassStore::new();
    let held = HeldKey::mint().await;
    // Were a shell to run the path, `touch` would leave this file in the working folder.
    let marker = std::env::current_dir().unwrap().join("kw-pwned");
    let path = "OpenAI/$(touch kw-pwned);x/`touch kw-pwned`|key & more".to_owned();

    held.send(
        &store.tools(&[], TOOL_TIME_LIMIT),
        &destination(VaultKind::Pass, &path),
        VaultUnlock::default(),
    )
    .await
    .unwrap();

    assert_eq!(store.show(&path), held.minted);
    assert!(!marker.exists(), "a shell ran the path");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_password_store_that_is_not_set_up_says_to_run_pass_init() {
    require("pass", "pass");
    let empty = tempfile::tempdir().unwrap();
    let tools = tools_with(&[], TOOL_TIME_LIMIT).with_var("PASSWORD_STORE_DIR", empty.path());
    let held = HeldKey::mint().await;

    let error = held.refused(&tools, VaultKind::Pass, "OpenAI/key").await;

    assert!(
        matches!(error, LifecycleError::Vault(VaultError::NotReady { .. })),
        "{error}"
    );
    assert!(error.to_string().contains("pass init"), "{error}");
    assert!(held.still_held());
}

#[tokio::test(flavor = "multi_thread")]
async fn pass_missing_from_the_path_names_what_to_install() {
    let nowhere = tempfile::tempdir().unwrap();
    let tools = VaultTools::new(nowhere.path(), TOOL_TIME_LIMIT);
    let held = HeldKey::mint().await;

    let error = held.refused(&tools, VaultKind::Pass, "OpenAI/key").await;

    assert!(
        error.to_string().contains("sudo apt install pass"),
        "{error}"
    );
    assert!(held.still_held());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_key_stored_in_pass_is_not_reported_lost_if_keywarden_then_dies() {
    let store = PassStore::new();
    let h = crate::support::harness_with_vault_tools(store.tools(&[], TOOL_TIME_LIMIT)).await;
    let server = fake_admin_api::FakeServer::start(Default::default())
        .await
        .unwrap();
    let acme = crate::support::add_remote(&h, "Acme", &server).await;
    let project = openai_admin::ProjectId::from(server.state().projects(false)[0].id.as_str());
    for (name, request) in [("kept", "req-kept"), ("unsent", "req-unsent")] {
        acme.create_key(&project, name, &Default::default(), request)
            .await
            .unwrap();
    }
    let pending = h.keywarden.pending_new_keys();
    let kept = pending.iter().find(|p| p.name == "kept").unwrap();
    let request = app_core::org::VaultRequest {
        kind: VaultKind::Pass,
        entry: "OpenAI/kept".into(),
        database: None,
        container: None,
    };
    acme.send_new_key_to_vault(&kept.reveal_id.to_string(), request, VaultUnlock::default())
        .await
        .unwrap();

    let h = h.restart().await;

    let lost: Vec<String> = h
        .keywarden
        .lost_new_keys()
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(
        lost,
        ["unsent"],
        "only the key that went nowhere is reported lost"
    );
}
