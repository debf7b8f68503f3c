//! Keychain faults against the real gnome-keyring: an entry cleared with `secret-tool` behind
//! Keywarden's back, a locked login collection (an actionable error, promptly, and the key kept in
//! no file), and replacing and removing a key leaving nothing behind. Ignored by plain
//! `cargo test`; `make test` runs them in a throwaway desktop session (from the workspace root):
//! `scripts/desktop-session.sh cargo test -p app-core --test keychain_faults -- --ignored`.

use std::path::Path;
use std::sync::Arc;

use app_core::clipboard::MemoryClipboard;
use app_core::{
    KeySource, KeyringStore, Keywarden, NewOrganization, OrgId, OrgStatus, SecretStore,
    SecretStoreError, DEMO_ORG_ID,
};
use openai_admin::{AdminApiKeyCreate, Client};
use secrecy::{ExposeSecret, SecretString};

use crate::keyring_session::{
    files_containing, lock_login_collection, login_collection_state, run, secret_tool_search,
    within_limit, UnlockWhenDone,
};
use crate::support;
use crate::{acme, copy, remote, status_of, REMOTE_KEY};

/// The real-keychain tests lock and replace the keyring daemon, so they take turns.
static SESSION: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn real_store() -> KeyringStore {
    KeyringStore::new(format!("app.keywarden.test.{}", std::process::id()))
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
    let error = keywarden
        .org(&id)
        .unwrap()
        .list_projects()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("paste it again"), "{error}");

    keywarden.remove_organization(&id).await.unwrap();
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
    assert_eq!(
        login_collection_state(),
        Some(true),
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
                let list_error = keywarden.org(&id).unwrap().list_projects().await.map(drop);
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
    let state = login_collection_state();
    assert!(
        unlocked && state == Some(false),
        "unlock: {text} ({state:?})"
    );
    let keywarden = start_real(&dir, clipboard.clone()).await;
    assert_eq!(status_of(&keywarden, &id), Some(OrgStatus::Ready));
    assert!(keywarden.org(&id).unwrap().list_projects().await.is_ok());
    keywarden.remove_organization(&id).await.unwrap();
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

    keywarden.remove_organization(&id).await.unwrap();
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
