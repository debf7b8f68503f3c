//! *Send to vault* into Windows Credential Manager (under Wine in `make test`'s windows suite): the
//! key lands in its own entry, separate from Keywarden's, is read back exactly through `keyring`,
//! and an existing entry is refused, not overwritten. The macOS Keychain takes the same code path
//! and is not tested here (no macOS in CI).

#![cfg(windows)]
#![allow(clippy::unwrap_used)]

mod support;

use app_core::key_lifecycle::{LifecycleError, OwningOrg};
use app_core::vault_handoff::{
    Destination, EntryPath, VaultError, VaultKind, VaultTools, VaultUnlock, TOOL_TIME_LIMIT,
};
use support::lifecycle::held_key;

#[tokio::test(flavor = "multi_thread")]
async fn a_key_sent_to_credential_manager_reads_back_exactly_and_is_never_overwritten() {
    let (_server, keys, reveal_id, minted) = held_key("req-oskc").await;
    let path = format!("OpenAI/Wine test/{}/ci-deploy", std::process::id());
    let target = Destination {
        kind: VaultKind::OsKeychain,
        entry: EntryPath::parse(&path).unwrap(),
        database: None,
        container: None,
    };
    let org = OwningOrg {
        id: "org-wine".into(),
        name: "Wine test".into(),
    };
    let tools = VaultTools::new("", TOOL_TIME_LIMIT);

    let stored = keys
        .send_to_vault(&reveal_id, &org, &tools, &target, VaultUnlock::default())
        .await
        .unwrap();
    let again = keys
        .send_to_vault(&reveal_id, &org, &tools, &target, VaultUnlock::default())
        .await
        .unwrap_err();

    assert_eq!(stored.location, format!("OpenAI API key › {path}"));
    let entry = keyring::Entry::new("OpenAI API key", &path).unwrap();
    assert_eq!(entry.get_password().unwrap(), minted);
    assert!(
        matches!(again, LifecycleError::Vault(VaultError::EntryExists { .. })),
        "{again}"
    );
    assert_eq!(entry.get_password().unwrap(), minted, "left as it was");
    entry.delete_credential().unwrap();
}
