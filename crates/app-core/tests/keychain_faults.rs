//! Keychain faults: no Secret Service at all, a locked keychain, an entry deleted behind
//! Keywarden's back. Each must leave the app usable (the demo always works), say what to do, and
//! never fall back to keeping a key anywhere else.
//!
//! The first group uses stand-in stores and runs everywhere. The second group talks to a real
//! gnome-keyring and is ignored by plain `cargo test`; `make test` runs it in a throwaway desktop
//! session (from the workspace root):
//! `scripts/desktop-session.sh cargo test -p app-core --test keychain_faults -- --ignored`.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use app_core::clipboard::{Clipboard, MemoryClipboard};
use app_core::{
    Error, KeySource, KeyringStore, Keywarden, MemoryStore, NewOrganization, OrgId, OrgStatus,
    SecretStore, SecretStoreError, DEMO_ORG_ID,
};
use fake_admin_api::{FakeOptions, FakeServer};
use openai_admin::{AdminApiKeyCreate, Client};
use secrecy::{ExposeSecret, SecretString};

const REMOTE_KEY: &str = "sk-admin-KeychainFaultsRemoteKey0123456789";

#[allow(clippy::expect_used)]
async fn remote() -> FakeServer {
    FakeServer::start(FakeOptions {
        projects: 2,
        keys_per_project: 1,
        admin_key: Some(REMOTE_KEY.into()),
        ..FakeOptions::default()
    })
    .await
    .expect("remote fake server")
}

fn acme(server: &FakeServer) -> NewOrganization {
    NewOrganization {
        label: "Acme".into(),
        base_url: Some(server.base_url()),
        source: KeySource::Clipboard,
    }
}

#[allow(clippy::expect_used)]
fn copy(clipboard: &MemoryClipboard, text: &str) {
    clipboard
        .write_secret(&SecretString::from(text))
        .expect("the memory clipboard cannot fail");
}

#[allow(clippy::expect_used)]
fn clipboard_text(clipboard: &MemoryClipboard) -> Option<String> {
    let text = clipboard
        .read_text()
        .expect("the memory clipboard cannot fail");
    text.map(|t| t.expose_secret().to_owned())
}

fn demo() -> OrgId {
    OrgId::new(DEMO_ORG_ID)
}

fn status_of(keywarden: &Keywarden, id: &OrgId) -> Option<OrgStatus> {
    let orgs = keywarden.list_organizations();
    orgs.into_iter().find(|o| &o.id == id).map(|o| o.status)
}

// ---------------------------------------------------------------------------------------------
// Stand-in keychains
// ---------------------------------------------------------------------------------------------

/// How the stand-in keychain behaves right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Working,
    /// No Secret Service on the session bus.
    Unavailable,
    /// The keychain is there but locked.
    Locked,
}

/// A keychain whose behaviour each test switches, over an in-memory store.
struct FaultyStore {
    inner: MemoryStore,
    mode: Mutex<Mode>,
}

impl FaultyStore {
    fn new(mode: Mode) -> Arc<Self> {
        Arc::new(Self {
            inner: MemoryStore::new(),
            mode: Mutex::new(mode),
        })
    }

    fn set_mode(&self, mode: Mode) {
        *self.mode.lock().unwrap_or_else(|e| e.into_inner()) = mode;
    }

    fn check(&self) -> Result<(), SecretStoreError> {
        match *self.mode.lock().unwrap_or_else(|e| e.into_inner()) {
            Mode::Working => Ok(()),
            Mode::Unavailable => Err(SecretStoreError::Unavailable {
                detail: "org.freedesktop.secrets was not provided by any .service files".into(),
            }),
            Mode::Locked => Err(SecretStoreError::Locked {
                detail: "the collection is locked".into(),
            }),
        }
    }
}

impl SecretStore for FaultyStore {
    fn set(&self, account: &str, secret: &SecretString) -> Result<(), SecretStoreError> {
        self.check()?;
        self.inner.set(account, secret)
    }
    fn get(&self, account: &str) -> Result<SecretString, SecretStoreError> {
        self.check()?;
        self.inner.get(account)
    }
    fn delete(&self, account: &str) -> Result<(), SecretStoreError> {
        self.check()?;
        self.inner.delete(account)
    }
}

/// Keywarden over a stand-in keychain, with its settings folder and clipboard.
struct Setup {
    keywarden: Keywarden,
    store: Arc<FaultyStore>,
    clipboard: Arc<MemoryClipboard>,
    dir: tempfile::TempDir,
}

impl Setup {
    #[allow(clippy::expect_used)]
    async fn start(mode: Mode) -> Setup {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = FaultyStore::new(mode);
        let clipboard = Arc::new(MemoryClipboard::new());
        let keywarden = support::start_with(&dir, store.clone(), clipboard.clone()).await;
        Setup {
            keywarden,
            store,
            clipboard,
            dir,
        }
    }

    /// Quits and starts again over the same settings folder, keychain and clipboard.
    async fn restart(self) -> Setup {
        drop(self.keywarden);
        let keywarden =
            support::start_with(&self.dir, self.store.clone(), self.clipboard.clone()).await;
        Setup { keywarden, ..self }
    }

    /// Adds "Acme" while the keychain works.
    #[allow(clippy::expect_used)]
    async fn add_acme(&self, server: &FakeServer) -> OrgId {
        copy(&self.clipboard, REMOTE_KEY);
        let added = self.keywarden.add_organization(acme(server)).await;
        added.expect("Acme is added").org.id
    }

    fn config_path(&self) -> std::path::PathBuf {
        self.dir.path().join("config.json")
    }

    fn config_text(&self) -> Option<String> {
        std::fs::read_to_string(self.config_path()).ok()
    }
}

#[tokio::test]
async fn without_a_secret_service_keywarden_still_opens_and_the_demo_works() {
    let s = Setup::start(Mode::Unavailable).await;
    let orgs = s.keywarden.list_organizations();
    assert_eq!(orgs.len(), 1, "only the demo: {orgs:?}");
    assert_eq!(orgs[0].status, OrgStatus::Ready);
    let projects = s.keywarden.list_projects(&demo()).await;
    assert!(!projects.expect("the demo lists its projects").is_empty());
    assert!(s.keywarden.startup_notices().is_empty());
}

#[tokio::test]
async fn adding_an_organization_without_a_secret_service_names_what_to_install_and_stores_nothing()
{
    let s = Setup::start(Mode::Unavailable).await;
    let server = remote().await;
    copy(&s.clipboard, REMOTE_KEY);

    let error = s
        .keywarden
        .add_organization(acme(&server))
        .await
        .expect_err("there is nowhere to keep the key");

    assert!(
        matches!(error, Error::Keychain(SecretStoreError::Unavailable { .. })),
        "{error:?}"
    );
    let message = error.to_string();
    for words in ["gnome-keyring", "KeePassXC", "install", "try again"] {
        assert!(message.contains(words), "“{words}” missing: {message}");
    }
    assert!(!message.contains(REMOTE_KEY), "the message shows the key");
    assert!(!s.config_path().exists(), "no settings entry was written");
    assert_eq!(s.keywarden.list_organizations().len(), 1);
    assert_eq!(
        clipboard_text(&s.clipboard).as_deref(),
        Some(REMOTE_KEY),
        "the key stays on the clipboard, so the user can try again"
    );
    assert!(s.keywarden.list_projects(&demo()).await.is_ok());
}

#[tokio::test]
async fn an_organization_whose_keychain_cannot_be_read_at_start_says_what_to_do_and_recovers() {
    let s = Setup::start(Mode::Working).await;
    let server = remote().await;
    let id = s.add_acme(&server).await;
    s.store.set_mode(Mode::Unavailable);

    let s = s.restart().await;
    let Some(OrgStatus::KeychainUnavailable(reason)) = status_of(&s.keywarden, &id) else {
        panic!(
            "expected KeychainUnavailable, got {:?}",
            status_of(&s.keywarden, &id)
        );
    };
    assert!(reason.contains("gnome-keyring"), "{reason}");
    let error = s.keywarden.list_projects(&id).await.unwrap_err();
    let message = error.to_string();
    assert!(message.contains("Acme cannot be opened"), "{message}");
    assert!(
        message.contains("install and unlock gnome-keyring") && message.contains("try again"),
        "{message}"
    );
    assert!(
        s.keywarden.list_projects(&demo()).await.is_ok(),
        "the demo still works"
    );
    assert!(
        s.config_text().is_some_and(|c| c.contains(id.as_str())),
        "the organization is kept for when the keychain is back"
    );

    s.store.set_mode(Mode::Working);
    let projects = s.keywarden.list_projects(&id).await;
    assert!(
        projects.is_ok(),
        "once the keychain is back, trying again works: {projects:?}"
    );
    assert_eq!(status_of(&s.keywarden, &id), Some(OrgStatus::Ready));
}

#[tokio::test]
async fn a_locked_keychain_asks_to_unlock_it_at_start_when_adding_and_when_removing() {
    let s = Setup::start(Mode::Working).await;
    let server = remote().await;
    let id = s.add_acme(&server).await;
    s.store.set_mode(Mode::Locked);

    let s = s.restart().await;
    let Some(OrgStatus::KeychainUnavailable(reason)) = status_of(&s.keywarden, &id) else {
        panic!(
            "expected KeychainUnavailable, got {:?}",
            status_of(&s.keywarden, &id)
        );
    };
    assert!(reason.contains("unlock it"), "{reason}");
    let message = s
        .keywarden
        .list_projects(&id)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("locked") && message.contains("unlock it"),
        "{message}"
    );

    let settings = s.config_text();
    copy(&s.clipboard, REMOTE_KEY);
    let mut second = acme(&server);
    second.label = "Acme staging".into();
    let error = s.keywarden.add_organization(second).await.unwrap_err();
    assert!(
        matches!(error, Error::Keychain(SecretStoreError::Locked { .. })),
        "{error:?}"
    );
    assert!(error.to_string().contains("unlock it"), "{error}");
    assert_eq!(s.config_text(), settings, "no settings entry for it");
    assert_eq!(clipboard_text(&s.clipboard).as_deref(), Some(REMOTE_KEY));

    let error = s.keywarden.remove_organization(&id).unwrap_err();
    assert!(error.to_string().contains("unlock it"), "{error}");
    assert_eq!(s.config_text(), settings, "still in the settings");
    assert_eq!(s.keywarden.list_organizations().len(), 2, "still listed");

    let error = s
        .keywarden
        .replace_admin_key(&id, KeySource::Clipboard)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("unlock it"), "{error}");
    assert!(matches!(
        status_of(&s.keywarden, &id),
        Some(OrgStatus::KeychainUnavailable(_))
    ));
}

#[tokio::test]
async fn an_entry_deleted_behind_keywardens_back_asks_to_paste_the_key_again() {
    let s = Setup::start(Mode::Working).await;
    let server = remote().await;
    let id = s.add_acme(&server).await;
    s.store.inner.delete(id.as_str()).unwrap();

    // While running, the key in memory keeps working; what needs the keychain says what to do.
    assert!(s.keywarden.list_projects(&id).await.is_ok());
    let error = s.keywarden.admin_key_health(&id).await.unwrap_err();
    assert!(error.to_string().contains("paste it again"), "{error}");

    let s = s.restart().await;
    assert_eq!(
        status_of(&s.keywarden, &id),
        Some(OrgStatus::AdminKeyMissing)
    );
    let error = s.keywarden.list_projects(&id).await.unwrap_err();
    assert!(matches!(error, Error::NoAdminKey { .. }), "{error:?}");
    assert!(error.to_string().contains("paste it again"), "{error}");

    copy(&s.clipboard, REMOTE_KEY);
    let accepted = s
        .keywarden
        .replace_admin_key(&id, KeySource::Clipboard)
        .await
        .expect("pasting it again works");
    assert_eq!(accepted.org.status, OrgStatus::Ready);
    assert_eq!(
        s.store.get(id.as_str()).unwrap().expose_secret(),
        REMOTE_KEY
    );
    assert!(s.keywarden.list_projects(&id).await.is_ok());
}

// ---------------------------------------------------------------------------------------------
// The real gnome-keyring
// ---------------------------------------------------------------------------------------------

/// The password `scripts/desktop-session.sh` unlocks the test keyring with.
const KEYRING_PASSWORD: &str = "keywarden-test";
const LOGIN_COLLECTION: &str = "/org/freedesktop/secrets/collection/login";
/// No call to the real keychain may take longer than this.
const HANG_LIMIT: Duration = Duration::from_secs(10);

/// The real-keychain tests lock and replace the keyring daemon, so they take turns.
static SESSION: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn real_store() -> KeyringStore {
    KeyringStore::new(format!("app.keywarden.test.{}", std::process::id()))
}

/// Runs a command under `timeout`, returning its status and stdout + stderr.
#[allow(clippy::expect_used)]
fn run(program: &str, args: &[&str], stdin: Option<&str>) -> (bool, String) {
    use std::io::Write;
    let limit = HANG_LIMIT.as_secs().to_string();
    let mut child = Command::new("timeout")
        .arg(&limit)
        .arg(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} cannot run: {e}"));
    if let Some(mut pipe) = child.stdin.take() {
        if let Some(text) = stdin {
            pipe.write_all(text.as_bytes()).expect("stdin");
        }
    }
    let output = child.wait_with_output().expect("output");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

/// What `secret-tool search --all service <service>` lists (attributes, and secrets of
/// unlocked items).
fn secret_tool_search(service: &str) -> String {
    run(
        "secret-tool",
        &["search", "--all", "service", service],
        None,
    )
    .1
}

fn login_collection_locked() -> bool {
    let (_, text) = run(
        "busctl",
        &[
            "--user",
            "get-property",
            "org.freedesktop.secrets",
            LOGIN_COLLECTION,
            "org.freedesktop.Secret.Collection",
            "Locked",
        ],
        None,
    );
    text.trim() == "b true"
}

/// Locks the login collection through the Secret Service `Lock` method (which needs no prompt).
fn lock_login_collection() -> String {
    let (_, text) = run(
        "busctl",
        &[
            "--user",
            "call",
            "org.freedesktop.secrets",
            "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service",
            "Lock",
            "ao",
            "1",
            LOGIN_COLLECTION,
        ],
        None,
    );
    text
}

/// Unlocks the login collection again when dropped, even if the test failed.
///
/// The Secret Service `Unlock` method would need a prompter, so a fresh daemon replaces the
/// running one and unlocks the keyring with the session's password, as the session script did.
struct UnlockWhenDone;

impl UnlockWhenDone {
    fn unlock() -> (bool, String) {
        let password = std::env::var("KEYWARDEN_TEST_KEYRING_PASSWORD")
            .unwrap_or_else(|_| KEYRING_PASSWORD.to_owned());
        let args = [
            "--replace",
            "--unlock",
            "--components=secrets",
            "--daemonize",
        ];
        let result = run("gnome-keyring-daemon", &args, Some(&password));
        for _ in 0..50 {
            if !login_collection_locked() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        result
    }
}

impl Drop for UnlockWhenDone {
    fn drop(&mut self) {
        let (ok, text) = Self::unlock();
        if !ok || login_collection_locked() {
            eprintln!("could not unlock the test keyring again: {text}");
        }
    }
}

/// Runs `work` on its own thread and fails if it takes longer than [`HANG_LIMIT`], so a keychain
/// that waits for an unlock prompt nobody can answer fails the test instead of hanging it.
fn within_limit<T: Send + 'static>(what: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(work());
    });
    match result.recv_timeout(HANG_LIMIT) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what} hung for more than {HANG_LIMIT:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what} panicked"),
    }
}

/// Files under `root` whose bytes contain `needle` (symlinks and huge files skipped).
fn files_containing(root: &Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() && entry.metadata().is_ok_and(|m| m.len() < 16 << 20) {
                let bytes = std::fs::read(&path).unwrap_or_default();
                if bytes
                    .windows(needle.len())
                    .any(|window| window == needle.as_bytes())
                {
                    found.push(path.display().to_string());
                }
            }
        }
    }
    found
}

/// Keywarden over the real keychain.
async fn start_real(dir: &tempfile::TempDir, clipboard: Arc<MemoryClipboard>) -> Keywarden {
    support::start_with(dir, Arc::new(real_store()), clipboard).await
}

#[tokio::test]
#[ignore = "needs an unlocked gnome-keyring on a session bus; run by make test"]
async fn a_real_keychain_entry_deleted_behind_keywardens_back_asks_to_paste_it_again() {
    let _turn = SESSION.lock().await;
    let store = real_store();
    let service = store.service().to_owned();
    let dir = tempfile::tempdir().unwrap();
    let clipboard = Arc::new(MemoryClipboard::new());
    let server = remote().await;
    let keywarden = start_real(&dir, clipboard.clone()).await;
    copy(&clipboard, REMOTE_KEY);
    let id = keywarden
        .add_organization(acme(&server))
        .await
        .unwrap()
        .org
        .id;

    // keyring 3 stores Secret Service items with `service` and `username` attributes.
    let listing = secret_tool_search(&service);
    assert!(
        listing.contains(&format!("attribute.service = {service}"))
            && listing.contains(&format!("attribute.username = {id}")),
        "{listing}"
    );
    let (cleared, text) = run(
        "secret-tool",
        &["clear", "service", &service, "username", id.as_str()],
        None,
    );
    assert!(cleared, "secret-tool clear: {text}");
    assert_eq!(
        store.get(id.as_str()).unwrap_err(),
        SecretStoreError::Missing
    );
    drop(keywarden);

    let keywarden = start_real(&dir, clipboard.clone()).await;
    assert_eq!(status_of(&keywarden, &id), Some(OrgStatus::AdminKeyMissing));
    let error = keywarden.list_projects(&id).await.unwrap_err();
    assert!(error.to_string().contains("paste it again"), "{error}");

    keywarden.remove_organization(&id).unwrap();
    assert!(!secret_tool_search(&service).contains(id.as_str()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs an unlocked gnome-keyring on a session bus; run by make test"]
async fn a_locked_real_keychain_gives_an_actionable_error_and_nothing_falls_back_to_a_file() {
    let _turn = SESSION.lock().await;
    let store = real_store();
    let service = store.service().to_owned();
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let clipboard = Arc::new(MemoryClipboard::new());
    let server = remote().await;
    let keywarden = start_real(&dir, clipboard.clone()).await;
    copy(&clipboard, REMOTE_KEY);
    let id = keywarden
        .add_organization(acme(&server))
        .await
        .unwrap()
        .org
        .id;
    drop(keywarden);
    let settings_before = std::fs::read_to_string(dir.path().join("config.json")).unwrap();

    let answer = lock_login_collection();
    let _unlock = UnlockWhenDone;
    assert!(
        login_collection_locked(),
        "the login collection could not be locked: {answer}"
    );

    // Reading the key: an actionable error, promptly, never the key from somewhere else.
    let account = id.as_str().to_owned();
    let read = within_limit("reading a locked keychain", move || {
        real_store()
            .get(&account)
            .map(|k| k.expose_secret().to_owned())
    });
    match &read {
        Err(error @ (SecretStoreError::Locked { .. } | SecretStoreError::Unavailable { .. })) => {
            assert!(error.to_string().contains("unlock"), "{error}");
            println!("reading a locked keychain: {error}");
        }
        other => panic!("expected a locked keychain error, got {other:?}"),
    }

    // Starting Keywarden: the organization says to unlock; adding another stores nothing.
    let shared = dir.clone();
    let url = server.base_url();
    let (status, list_error, add_error) = within_limit("Keywarden over a locked keychain", {
        move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let clipboard = Arc::new(MemoryClipboard::new());
                let keywarden = start_real(&shared, clipboard.clone()).await;
                let id = OrgId::new(account_of(&keywarden));
                let status = status_of(&keywarden, &id);
                let list_error = keywarden.list_projects(&id).await.map(drop);
                copy(&clipboard, REMOTE_KEY);
                let added = keywarden
                    .add_organization(NewOrganization {
                        label: "Acme staging".into(),
                        base_url: Some(url),
                        source: KeySource::Clipboard,
                    })
                    .await
                    .map(drop);
                (
                    status,
                    list_error.map_err(|e| e.to_string()),
                    added.map_err(|e| e.to_string()),
                )
            })
        }
    });
    let Some(OrgStatus::KeychainUnavailable(reason)) = status else {
        panic!("expected KeychainUnavailable, got {status:?}");
    };
    assert!(reason.contains("unlock"), "{reason}");
    let list_error = list_error.expect_err("a locked keychain cannot open the organization");
    assert!(list_error.contains("unlock"), "{list_error}");
    let add_error = add_error.expect_err("a locked keychain cannot take a new key");
    assert!(
        add_error.contains("locked") && add_error.contains("unlock it"),
        "{add_error}"
    );
    assert!(
        !add_error.contains("no keychain is available"),
        "{add_error}"
    );
    println!("opening: {list_error}\nadding: {add_error}");
    let settings_after = std::fs::read_to_string(dir.path().join("config.json")).unwrap();
    assert_eq!(settings_after, settings_before);
    let listing = secret_tool_search(&service);
    assert_eq!(
        listing.matches("attribute.username").count(),
        1,
        "no second entry was made: {listing}"
    );

    // Nothing was kept anywhere else: not in the settings folder, not in the session's HOME.
    let mut leaks = files_containing(dir.path(), REMOTE_KEY);
    if let Some(home) = std::env::var_os("HOME") {
        leaks.extend(files_containing(Path::new(&home), REMOTE_KEY));
    }
    assert!(leaks.is_empty(), "the key is in plain files: {leaks:?}");

    // Once unlocked, trying again works.
    let (unlocked, text) = UnlockWhenDone::unlock();
    assert!(unlocked && !login_collection_locked(), "unlock: {text}");
    let keywarden = start_real(&dir, clipboard.clone()).await;
    assert_eq!(status_of(&keywarden, &id), Some(OrgStatus::Ready));
    assert!(keywarden.list_projects(&id).await.is_ok());
    keywarden.remove_organization(&id).unwrap();
}

/// The one remote organization's id in a Keywarden (the other is the demo).
fn account_of(keywarden: &Keywarden) -> String {
    let orgs = keywarden.list_organizations();
    let remote = orgs.iter().find(|o| o.id.as_str() != DEMO_ORG_ID);
    remote.map(|o| o.id.to_string()).unwrap_or_default()
}

#[tokio::test]
#[ignore = "needs an unlocked gnome-keyring on a session bus; run by make test"]
async fn replacing_and_removing_through_keywarden_leaves_nothing_in_the_real_keychain() {
    let _turn = SESSION.lock().await;
    let store = real_store();
    let service = store.service().to_owned();
    let dir = tempfile::tempdir().unwrap();
    let clipboard = Arc::new(MemoryClipboard::new());
    let server = remote().await;
    let keywarden = start_real(&dir, clipboard.clone()).await;
    copy(&clipboard, REMOTE_KEY);
    let id = keywarden
        .add_organization(acme(&server))
        .await
        .unwrap()
        .org
        .id;
    assert_eq!(store.get(id.as_str()).unwrap().expose_secret(), REMOTE_KEY);

    let client = Client::new(
        &server.base_url(),
        SecretString::from(REMOTE_KEY),
        support::fast_client_options(),
    )
    .unwrap();
    let body = AdminApiKeyCreate {
        name: "Keywarden (replacement)".into(),
        expires_in_seconds: None,
    };
    let second = client.admin_api_keys().create(&body).await.unwrap().value;
    let second = second.expose_secret().to_owned();
    copy(&clipboard, &second);
    let replaced = keywarden
        .replace_admin_key(&id, KeySource::Clipboard)
        .await
        .unwrap();
    assert_eq!(replaced.org.status, OrgStatus::Ready);
    assert!(replaced.clipboard_cleared);
    assert_eq!(store.get(id.as_str()).unwrap().expose_secret(), second);
    let listing = secret_tool_search(&service);
    assert_eq!(
        listing
            .matches(&format!("attribute.username = {id}"))
            .count(),
        1,
        "replaced in place, not added beside: {listing}"
    );
    assert!(listing.contains(&second) && !listing.contains(REMOTE_KEY));

    keywarden.remove_organization(&id).unwrap();
    let listing = secret_tool_search(&service);
    assert!(!listing.contains(id.as_str()), "{listing}");
    assert!(!listing.contains("attribute.service"), "{listing}");
    assert_eq!(
        store.get(id.as_str()).unwrap_err(),
        SecretStoreError::Missing
    );
    let settings = std::fs::read_to_string(dir.path().join("config.json")).unwrap();
    assert!(!settings.contains(id.as_str()));
    assert!(files_containing(dir.path(), &second).is_empty());
}
