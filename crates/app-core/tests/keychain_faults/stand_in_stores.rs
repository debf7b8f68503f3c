//! Keychain faults with stand-in stores, which run everywhere: no Secret Service at all, a
//! keychain that cannot be read at start, a locked keychain, an entry deleted behind Keywarden's
//! back. Each leaves the demo working, says what to do, and keeps the key nowhere else.

use std::sync::{Arc, Mutex};

use app_core::clipboard::MemoryClipboard;
use app_core::{
    Error, KeySource, Keywarden, MemoryStore, OrgId, OrgStatus, SecretStore, SecretStoreError,
};
use fake_admin_api::FakeServer;
use secrecy::{ExposeSecret, SecretString};

use crate::support;
use crate::{acme, clipboard_text, copy, demo, remote, status_of, REMOTE_KEY};

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
    let projects = s.keywarden.org(&demo()).unwrap().list_projects().await;
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
    assert!(s
        .keywarden
        .org(&demo())
        .unwrap()
        .list_projects()
        .await
        .is_ok());
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
    let error = s
        .keywarden
        .org(&id)
        .unwrap()
        .list_projects()
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(message.contains("Acme cannot be opened"), "{message}");
    assert!(
        message.contains("install and unlock gnome-keyring") && message.contains("try again"),
        "{message}"
    );
    assert!(
        s.keywarden
            .org(&demo())
            .unwrap()
            .list_projects()
            .await
            .is_ok(),
        "the demo still works"
    );
    assert!(
        s.config_text().is_some_and(|c| c.contains(id.as_str())),
        "the organization is kept for when the keychain is back"
    );

    s.store.set_mode(Mode::Working);
    let projects = s.keywarden.org(&id).unwrap().list_projects().await;
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
        .org(&id)
        .unwrap()
        .list_projects()
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

    let error = s.keywarden.remove_organization(&id).await.unwrap_err();
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
    assert!(s.keywarden.org(&id).unwrap().list_projects().await.is_ok());
    let error = s
        .keywarden
        .org(&id)
        .unwrap()
        .admin_key_health()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("paste it again"), "{error}");

    let s = s.restart().await;
    assert_eq!(
        status_of(&s.keywarden, &id),
        Some(OrgStatus::AdminKeyMissing)
    );
    let error = s
        .keywarden
        .org(&id)
        .unwrap()
        .list_projects()
        .await
        .unwrap_err();
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
    assert!(s.keywarden.org(&id).unwrap().list_projects().await.is_ok());
}
