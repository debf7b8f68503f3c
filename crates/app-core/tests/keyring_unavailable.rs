//! Without any Secret Service the keychain store fails with an actionable error: no silent
//! success and no plaintext fallback. This file is its own test binary because it points the
//! process at a session bus that does not exist.

#![cfg(target_os = "linux")]

use app_core::{KeyringStore, SecretStore, SecretStoreError};
use secrecy::SecretString;

#[test]
fn without_a_secret_service_storing_a_key_fails_with_what_to_install() {
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/keywarden-test-bus",
    );
    std::env::remove_var("DISPLAY");
    let store = KeyringStore::new("app.keywarden.test.unavailable");

    let error = store
        .set("org", &SecretString::from("sk-admin-never-stored"))
        .expect_err("storing must fail without a Secret Service");
    assert!(
        matches!(error, SecretStoreError::Unavailable { .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("gnome-keyring"), "{message}");
    assert!(!message.contains("sk-admin-never-stored"), "{message}");

    assert!(store.get("org").is_err(), "reading must fail too");
}
