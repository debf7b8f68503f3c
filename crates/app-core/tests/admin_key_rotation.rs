//! The admin key's health and rotation in place: whatever step fails, the organization keeps a
//! working key, and the new value never leaves Rust.

mod support;

use std::sync::Arc;

use app_core::clipboard::{Clipboard, MemoryClipboard};
use app_core::{
    KeySource, MemoryStore, NewOrganization, OrgId, SecretStore, SecretStoreError, DEMO_ORG_ID,
};
use fake_admin_api::{FakeOptions, FakeServer, Fault, FaultRule};
use secrecy::{ExposeSecret, SecretString};
use support::harness;

fn demo() -> OrgId {
    OrgId::new(DEMO_ORG_ID)
}

fn admin_key_ids(server: &FakeServer) -> Vec<String> {
    server
        .state()
        .admin_keys
        .iter()
        .map(|k| k.key.id.clone())
        .collect()
}

#[tokio::test]
async fn the_admin_keys_own_metadata_is_found_by_its_redacted_value() {
    let h = harness().await;
    let health = h
        .keywarden
        .org(&demo())
        .unwrap()
        .admin_key_health()
        .await
        .expect("health");
    let key = health.key.expect("the demo key is listed");
    let server = h.keywarden.demo().unwrap().server();
    let listed = server
        .state()
        .admin_keys
        .iter()
        .find(|k| k.key.id == key.id)
        .cloned()
        .unwrap()
        .key;
    assert_eq!(key.redacted_value, listed.redacted_value);
}

#[tokio::test]
async fn rotation_mints_verifies_stores_and_revokes_the_old_key() {
    let h = harness().await;
    let server = h.keywarden.demo().unwrap().server();
    let old = h
        .keywarden
        .org(&demo())
        .unwrap()
        .admin_key_health()
        .await
        .unwrap()
        .key
        .unwrap();

    let rotation = h
        .keywarden
        .org(&demo())
        .unwrap()
        .rotate_admin_key("Keywarden (rotated)", Some(90))
        .await;
    let rotation = rotation.expect("rotated");
    assert!(rotation.old_revoked, "{:?}", rotation.warning);
    assert!(
        !admin_key_ids(server).contains(&old.id),
        "the old key is revoked"
    );
    assert!(admin_key_ids(server).contains(&rotation.new_key.id));
    assert!(rotation.new_key.expires_at.is_some());
    assert!(
        h.keywarden
            .org(&demo())
            .unwrap()
            .list_projects()
            .await
            .is_ok(),
        "the new key works"
    );
    let debug = format!("{rotation:?}");
    for value in server.state().minted_values() {
        assert!(!debug.contains(&value), "a secret in the rotation report");
    }
}

#[tokio::test]
async fn a_failed_mint_keeps_the_old_key() {
    let h = harness().await;
    let server = h.keywarden.demo().unwrap().server();
    let before = admin_key_ids(server);
    server.inject(
        FaultRule::new(Fault::Status {
            status: 500,
            retry_after: None,
        })
        .on_method("POST"),
    );
    let error = h
        .keywarden
        .org(&demo())
        .unwrap()
        .rotate_admin_key("new", None)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("500"), "{error}");
    assert_eq!(admin_key_ids(server), before);
    assert!(h
        .keywarden
        .org(&demo())
        .unwrap()
        .list_projects()
        .await
        .is_ok());
}

#[tokio::test]
async fn a_new_key_that_does_not_work_is_revoked_and_the_old_one_kept() {
    let h = harness().await;
    let server = h.keywarden.demo().unwrap().server();
    let before = admin_key_ids(server);
    server.inject(
        FaultRule::new(Fault::Status {
            status: 401,
            retry_after: None,
        })
        .on_path("/organization/projects")
        .on_method("GET"),
    );
    let error = h
        .keywarden
        .org(&demo())
        .unwrap()
        .rotate_admin_key("new", None)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("did not work"), "{error}");
    assert_eq!(
        admin_key_ids(server),
        before,
        "the new key was revoked again"
    );
    assert!(h
        .keywarden
        .org(&demo())
        .unwrap()
        .list_projects()
        .await
        .is_ok());
}

#[tokio::test]
async fn an_old_key_that_cannot_be_revoked_is_reported_while_the_new_one_works() {
    let h = harness().await;
    let server = h.keywarden.demo().unwrap().server();
    server.inject(
        FaultRule::new(Fault::Status {
            status: 503,
            retry_after: None,
        })
        .on_method("DELETE")
        .times(10),
    );
    let rotation = h
        .keywarden
        .org(&demo())
        .unwrap()
        .rotate_admin_key("new", None)
        .await
        .unwrap();
    assert!(!rotation.old_revoked);
    assert!(rotation.warning.unwrap().contains("revoke it"));
    assert!(h
        .keywarden
        .org(&demo())
        .unwrap()
        .list_projects()
        .await
        .is_ok());
}

/// A keychain that refuses writes after the first one.
struct RefusingStore {
    inner: MemoryStore,
    writes: std::sync::atomic::AtomicUsize,
}

impl SecretStore for RefusingStore {
    fn set(&self, account: &str, secret: &SecretString) -> Result<(), SecretStoreError> {
        if self
            .writes
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            >= 1
        {
            return Err(SecretStoreError::Locked {
                detail: "locked".into(),
            });
        }
        self.inner.set(account, secret)
    }
    fn get(&self, account: &str) -> Result<SecretString, SecretStoreError> {
        self.inner.get(account)
    }
    fn delete(&self, account: &str) -> Result<(), SecretStoreError> {
        self.inner.delete(account)
    }
}

#[tokio::test]
async fn a_keychain_that_refuses_the_new_key_leaves_the_old_key_working() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(RefusingStore {
        inner: MemoryStore::new(),
        writes: 0.into(),
    });
    let clipboard = Arc::new(MemoryClipboard::new());
    let keywarden = support::start_with(&dir, store.clone(), clipboard.clone()).await;
    let server = FakeServer::start(FakeOptions::default()).await.unwrap();
    let old_key = server.admin_key();
    clipboard
        .write_secret(&SecretString::from(old_key.clone()))
        .unwrap();
    let org = keywarden
        .add_organization(NewOrganization {
            label: "Acme".into(),
            base_url: Some(server.base_url()),
            source: KeySource::Clipboard,
        })
        .await
        .unwrap()
        .org;
    let before = admin_key_ids(&server);

    let error = keywarden
        .org(&org.id)
        .unwrap()
        .rotate_admin_key("new", None)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("could not be stored"), "{error}");
    assert_eq!(store.get(org.id.as_str()).unwrap().expose_secret(), old_key);
    assert_eq!(admin_key_ids(&server), before);
    assert!(keywarden
        .org(&org.id)
        .unwrap()
        .list_projects()
        .await
        .is_ok());
}

#[tokio::test]
async fn rotation_rejects_bad_names_and_expiries_before_any_request() {
    let h = harness().await;
    let server = h.keywarden.demo().unwrap().server();
    let before = server.requests().len();
    for (name, days) in [
        ("", None),
        ("   ", None),
        ("ok", Some(0)),
        ("ok", Some(400)),
    ] {
        assert!(h
            .keywarden
            .org(&demo())
            .unwrap()
            .rotate_admin_key(name, days)
            .await
            .is_err());
    }
    assert_eq!(server.requests().len(), before);
}
