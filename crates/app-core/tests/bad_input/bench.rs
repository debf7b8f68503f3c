//! The bench every row runs on: Keywarden with the demo organization and a "remote"
//! organization "Acme" added through it, over a keychain stand-in that can list what it holds,
//! plus a real project of Acme and a revoked admin key of it for rows to name.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use app_core::clipboard::{Clipboard, MemoryClipboard};
use app_core::{KeySource, Keywarden, NewOrganization, OrgId, SecretStore, SecretStoreError};
use fake_admin_api::{FakeOptions, FakeServer};
use openai_admin::{AdminApiKeyCreate, Client};
use secrecy::{ExposeSecret, SecretString};

use crate::rows::Clip;
use crate::support;
use crate::REMOTE_KEY;

/// A keychain stand-in that can list what it holds, so "no new entry" can be checked exactly.
#[derive(Default)]
pub struct LedgerStore {
    entries: Mutex<BTreeMap<String, String>>,
}

impl LedgerStore {
    pub fn entries(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, String>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl SecretStore for LedgerStore {
    fn set(&self, account: &str, secret: &SecretString) -> Result<(), SecretStoreError> {
        let value = secret.expose_secret().to_owned();
        self.entries().insert(account.to_owned(), value);
        Ok(())
    }
    fn get(&self, account: &str) -> Result<SecretString, SecretStoreError> {
        let value = self.entries().get(account).cloned();
        value
            .map(SecretString::from)
            .ok_or(SecretStoreError::Missing)
    }
    fn delete(&self, account: &str) -> Result<(), SecretStoreError> {
        self.entries().remove(account);
        Ok(())
    }
}

/// Keywarden with the demo organization, plus a "remote" organization "Acme" added through it.
pub struct Bench {
    pub keywarden: Arc<Keywarden>,
    pub store: Arc<LedgerStore>,
    pub clipboard: Arc<MemoryClipboard>,
    pub dir: tempfile::TempDir,
    pub remote: FakeServer,
    pub acme: OrgId,
    /// A real project of the remote organization.
    pub project: String,
    /// A well-formed admin key of the remote organization that has since been revoked.
    pub revoked: String,
}

#[allow(clippy::expect_used)]
pub async fn bench() -> Bench {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Arc::new(LedgerStore::default());
    let clipboard = Arc::new(MemoryClipboard::new());
    let keywarden = support::start_with(&dir, store.clone(), clipboard.clone()).await;
    let remote = FakeServer::start(FakeOptions {
        projects: 2,
        keys_per_project: 2,
        admin_key: Some(REMOTE_KEY.into()),
        ..FakeOptions::default()
    })
    .await
    .expect("remote fake server");

    clipboard
        .write_secret(&SecretString::from(REMOTE_KEY))
        .expect("clipboard");
    let acme = keywarden
        .add_organization(NewOrganization {
            label: "Acme".into(),
            base_url: Some(remote.base_url()),
            source: KeySource::Clipboard,
        })
        .await
        .expect("Acme is added")
        .org
        .id;

    let client = Client::new(
        &remote.base_url(),
        SecretString::from(REMOTE_KEY),
        support::fast_client_options(),
    )
    .expect("client");
    let old = client
        .admin_api_keys()
        .create(&AdminApiKeyCreate {
            name: "old laptop".into(),
            expires_in_seconds: None,
        })
        .await
        .expect("a second admin key");
    client
        .admin_api_keys()
        .delete(old.id.clone())
        .await
        .expect("revoked");
    let project = remote.state().projects(false)[0].id.clone();
    Bench {
        keywarden: Arc::new(keywarden),
        store,
        clipboard,
        dir,
        remote,
        acme,
        project,
        revoked: old.value.expose_secret().to_owned(),
    }
}

impl Bench {
    pub fn demo_server(&self) -> &FakeServer {
        self.keywarden
            .demo()
            .map(|d| d.server())
            .unwrap_or_else(|| {
                panic!("the demo organization runs");
            })
    }

    pub fn put_on_clipboard(&self, clip: &Clip) {
        let put = match clip {
            Clip::Empty => self.clipboard.clear(),
            Clip::Image => {
                self.clipboard.put_image();
                Ok(())
            }
            Clip::Text(text) => self.clipboard.write_text(text),
        };
        put.unwrap_or_else(|e| panic!("the memory clipboard cannot fail: {e}"));
    }
}
