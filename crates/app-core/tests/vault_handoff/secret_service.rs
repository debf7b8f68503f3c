//! The Secret Service for real: the test gnome-keyring of `scripts/desktop-session.sh`. Ignored
//! by plain `cargo test`; `make test` runs them in the keychain suite with `--ignored`. Without
//! a Secret Service they fail, never pass.

use std::process::Command;

use app_core::key_lifecycle::LifecycleError;
use app_core::vault_handoff::{Destination, VaultError, VaultKind, VaultUnlock, TOOL_TIME_LIMIT};

use crate::bench::{destination, require, tools_with, HeldKey};

/// `secret-tool lookup service openai org <org> key_id <id>`: what any Secret Service client
/// finds.
fn lookup(held: &HeldKey) -> Option<String> {
    require("secret-tool", "libsecret-tools");
    let key_id = held.keys.pending()[0].key_id.to_string();
    let out = Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            "openai",
            "org",
            &held.org.id,
            "key_id",
            &key_id,
        ])
        .output()
        .unwrap();
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a Secret Service (the test gnome-keyring); run by `make test`"]
async fn a_key_sent_to_the_secret_service_is_found_by_its_attributes_and_never_twice() {
    let held = HeldKey::mint().await;
    let target = destination(VaultKind::SecretService, "OpenAI/Vault Test/ci-deploy");
    let tools = tools_with(&[], TOOL_TIME_LIMIT);

    let stored = held
        .send(&tools, &target, VaultUnlock::default())
        .await
        .unwrap();
    let again = held
        .send(&tools, &target, VaultUnlock::default())
        .await
        .unwrap_err();

    assert!(
        stored.location.ends_with("› OpenAI/Vault Test/ci-deploy"),
        "{}",
        stored.location
    );
    assert_eq!(lookup(&held).as_deref(), Some(held.minted.as_str()));
    assert!(
        matches!(again, LifecycleError::Vault(VaultError::EntryExists { .. })),
        "{again}"
    );
    assert!(held.still_held(), "the key is kept until acknowledged");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a Secret Service (the test gnome-keyring); run by `make test`"]
async fn a_collection_that_does_not_exist_is_named() {
    let held = HeldKey::mint().await;
    let target = Destination {
        container: Some("No Such Keyring".into()),
        ..destination(VaultKind::SecretService, "OpenAI/key")
    };

    let error = held
        .send(
            &tools_with(&[], TOOL_TIME_LIMIT),
            &target,
            VaultUnlock::default(),
        )
        .await
        .unwrap_err();

    assert!(
        error
            .to_string()
            .contains("no collection named “No Such Keyring”"),
        "{error}"
    );
    assert_eq!(lookup(&held), None);
    assert!(held.still_held());
}
