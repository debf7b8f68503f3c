//! Bad *Send to vault* requests as the window would send them (through the organization):
//! entry paths that escape or confuse a tool, a relative database path, a collection name with a
//! line break, reveal ids Keywarden never issued. Each gets a clear error and loses nothing: the
//! key stays held and the settings file does not change.

use app_core::org::VaultRequest;
use app_core::vault_handoff::{VaultKind, VaultUnlock};
use app_core::Error;
use openai_admin::ProjectId;

use crate::support;

fn request(kind: VaultKind, entry: &str) -> VaultRequest {
    VaultRequest {
        kind,
        entry: entry.to_owned(),
        database: None,
        container: None,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_destinations_are_refused_clearly_and_lose_nothing() {
    let h = support::harness().await;
    let demo = support::demo_org(&h.keywarden);
    demo.refresh_inventory(|_| {}).await.unwrap();
    let server = h.keywarden.demo().unwrap().server();
    let project = ProjectId::from(server.state().projects(false)[0].id.as_str());
    demo.create_key(&project, "ci-deploy", &Default::default(), "req-bad-vault")
        .await
        .unwrap();
    let reveal = h.keywarden.pending_new_keys()[0].reveal_id.to_string();
    let settings_before = h.config_text();
    let rows: Vec<(&str, VaultRequest, &str)> = vec![
        (
            "parent folder",
            request(VaultKind::Pass, "OpenAI/../../.ssh/key"),
            "“..”",
        ),
        (
            "leading slash",
            request(VaultKind::Pass, "/etc/openai"),
            "empty folder name",
        ),
        (
            "line break",
            request(VaultKind::Pass, "OpenAI/key\nrm -rf ~"),
            "line break",
        ),
        ("option-like", request(VaultKind::Pass, "--force"), "option"),
        ("empty", request(VaultKind::Pass, "   "), "is empty"),
        (
            "relative database",
            VaultRequest {
                database: Some("Passwords.kdbx".into()),
                ..request(VaultKind::KeepassXc, "OpenAI/key")
            },
            "a full path",
        ),
        (
            "collection with a line break",
            VaultRequest {
                container: Some("Login\nx".into()),
                ..request(VaultKind::SecretService, "OpenAI/key")
            },
            "line break",
        ),
    ];

    for (what, bad, says) in rows {
        let error = demo
            .send_new_key_to_vault(&reveal, bad, VaultUnlock::default())
            .await
            .unwrap_err();
        let message = error.to_string();
        assert!(message.contains(says), "{what}: {message}");
        assert!(message.contains("nothing was sent"), "{what}: {message}");
        assert!(
            matches!(error, Error::Vault(_) | Error::InvalidInput(_)),
            "{what}: {error:?}"
        );
    }
    for never_issued in ["not-a-uuid", "5d0f2b1c-0000-4000-8000-000000000001"] {
        let error = demo
            .send_new_key_to_vault(
                never_issued,
                request(VaultKind::Pass, "OpenAI/k"),
                VaultUnlock::default(),
            )
            .await
            .unwrap_err();
        assert!(error.to_string().contains("revoke the key"), "{error}");
    }

    assert_eq!(
        h.keywarden.pending_new_keys().len(),
        1,
        "the key is still held"
    );
    assert_eq!(h.config_text(), settings_before, "the settings changed");
}
