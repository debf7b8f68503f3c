//! The real OS keychain: a gnome-keyring daemon inside `dbus-run-session`, unlocked with a test
//! password (`make test` sets that up). Ignored by plain `cargo test` because it needs that
//! session; run with `-- --ignored`. Without a Secret Service these tests fail, never pass.

use app_core::{KeyringStore, SecretStore, SecretStoreError};
use secrecy::{ExposeSecret, SecretString};

fn store() -> KeyringStore {
    KeyringStore::new(format!("app.keywarden.test.{}", std::process::id()))
}

#[test]
#[ignore = "needs an unlocked gnome-keyring on a session bus; run by `make test`"]
fn a_secret_is_stored_read_replaced_and_deleted_in_the_real_keychain() {
    let store = store();
    let account = "org-roundtrip";
    store
        .set(account, &SecretString::from("sk-admin-first-value"))
        .expect("store in keychain");
    assert_eq!(
        store.get(account).expect("read back").expose_secret(),
        "sk-admin-first-value"
    );

    store
        .set(account, &SecretString::from("sk-admin-second-value"))
        .expect("replace in keychain");
    assert_eq!(
        store.get(account).expect("read replaced").expose_secret(),
        "sk-admin-second-value"
    );

    store.delete(account).expect("delete");
    assert_eq!(store.get(account).unwrap_err(), SecretStoreError::Missing);
    store.delete(account).expect("deleting twice is fine");
}

#[test]
#[ignore = "needs an unlocked gnome-keyring on a session bus; run by `make test`"]
fn entries_of_one_service_are_invisible_to_another() {
    let ours = store();
    let theirs = KeyringStore::new(format!("{}.other", ours.service()));
    ours.set("org-isolated", &SecretString::from("sk-admin-isolated"))
        .expect("store");
    assert_eq!(
        theirs.get("org-isolated").unwrap_err(),
        SecretStoreError::Missing
    );
    ours.delete("org-isolated").expect("cleanup");
}

#[test]
#[ignore = "needs an unlocked gnome-keyring on a session bus; run by `make test`"]
fn the_secret_is_readable_by_another_tool_through_the_secret_service() {
    let store = store();
    store
        .set(
            "org-visible",
            &SecretString::from("sk-admin-visible-to-secret-tool"),
        )
        .expect("store");
    let output = std::process::Command::new("secret-tool")
        .args(["search", "--all", "service", store.service()])
        .output()
        .expect("secret-tool runs");
    let listing = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    store.delete("org-visible").expect("cleanup");
    assert!(
        listing.contains("org-visible"),
        "the entry should live in the Secret Service, got: {listing}"
    );
}
