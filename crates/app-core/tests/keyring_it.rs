//! The real OS keychain: on Linux a gnome-keyring daemon inside `dbus-run-session`, unlocked with
//! a test password; on Windows the Credential Manager (under Wine in the windows suite). `make
//! test` sets both up. Ignored by plain `cargo test` because they need that session; run with
//! `-- --ignored`. Without a keychain these tests fail, never pass.

use app_core::{KeyringStore, SecretStore, SecretStoreError};
use secrecy::{ExposeSecret, SecretString};

fn store() -> KeyringStore {
    KeyringStore::new(format!("app.keywarden.test.{}", std::process::id()))
}

/// One test at a time: the keychain is state shared by the whole session, and under Wine a read
/// racing another test's write was once seen to fail ("Data is not UTF-8 encoded").
static KEYCHAIN: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    KEYCHAIN
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[test]
#[ignore = "needs the OS keychain (an unlocked gnome-keyring on Linux); run by `make test`"]
fn a_secret_is_stored_read_replaced_and_deleted_in_the_real_keychain() {
    let _turn = one_at_a_time();
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
#[ignore = "needs the OS keychain (an unlocked gnome-keyring on Linux); run by `make test`"]
fn entries_of_one_service_are_invisible_to_another() {
    let _turn = one_at_a_time();
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

#[cfg(target_os = "linux")]
#[test]
#[ignore = "needs an unlocked gnome-keyring on a session bus; run by `make test`"]
fn the_secret_is_readable_by_another_tool_through_the_secret_service() {
    let _turn = one_at_a_time();
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

/// Another program finds the entry in the Credential Manager under the generic credential
/// `<account>.<service>`, read here through `keyring`'s explicit target name rather than
/// through Keywarden's store.
#[cfg(windows)]
#[test]
#[ignore = "needs the Windows Credential Manager; run by `make test`'s windows suite"]
fn the_secret_is_a_generic_credential_named_account_dot_service() {
    let _turn = one_at_a_time();
    let store = store();
    let secret = "sk-admin-visible-to-credential-manager";
    store
        .set("org-visible", &SecretString::from(secret))
        .expect("store");
    let target = format!("org-visible.{}", store.service());
    let read = keyring::Entry::new_with_target(&target, store.service(), "org-visible")
        .and_then(|entry| entry.get_password());
    let other = keyring::Entry::new_with_target("org-visible", store.service(), "org-visible")
        .and_then(|entry| entry.get_password());
    store.delete("org-visible").expect("cleanup");
    assert_eq!(
        read.expect("the credential exists under its target name"),
        secret
    );
    assert!(other.is_err(), "no credential under another name");
}
