//! Organizations: adding one through the clipboard, bad input that stores nothing, renaming,
//! removing without leaving anything behind, and keys removed behind Keywarden's back.

mod support;

use app_core::clipboard::Clipboard;
use app_core::{Error, KeySource, NewOrganization, OrgStatus, SecretStore, SecretStoreError};
use fake_admin_api::{FakeOptions, FakeServer, Fault, FaultRule};
use secrecy::{ExposeSecret, SecretString};
use support::harness;

#[allow(clippy::expect_used)]
async fn remote() -> FakeServer {
    FakeServer::start(FakeOptions {
        projects: 3,
        keys_per_project: 2,
        ..FakeOptions::default()
    })
    .await
    .expect("fake server")
}

fn new_org(label: &str, base_url: &str) -> NewOrganization {
    NewOrganization {
        label: label.into(),
        base_url: Some(base_url.into()),
        source: KeySource::Clipboard,
    }
}

fn labels(h: &support::Harness) -> Vec<String> {
    h.keywarden
        .list_organizations()
        .into_iter()
        .map(|o| o.label)
        .collect()
}

#[allow(clippy::unwrap_used)]
async fn add_acme(h: &support::Harness, server: &FakeServer) -> app_core::Organization {
    h.clipboard
        .write_secret(&SecretString::from(server.admin_key()))
        .unwrap();
    h.keywarden
        .add_organization(new_org("Acme", &server.base_url()))
        .await
        .unwrap()
        .org
}

#[tokio::test]
async fn an_organization_added_from_the_clipboard_keeps_its_key_only_in_the_keychain() {
    let h = harness().await;
    let server = remote().await;
    let key = server.admin_key();
    h.clipboard
        .write_secret(&SecretString::from(format!("  {key}\n")))
        .unwrap();

    let added = h
        .keywarden
        .add_organization(new_org("Acme", &server.base_url()))
        .await
        .expect("added");

    assert_eq!(added.org.label, "Acme");
    assert_eq!(added.org.status, OrgStatus::Ready);
    assert!(
        added.clipboard_cleared,
        "the clipboard no longer holds the key"
    );
    assert!(h.clipboard.read_text().unwrap().is_none());
    assert!(added.key_hint.starts_with("sk-admin…"));
    assert!(!added.key_hint.contains(&key[9..key.len() - 4]));
    let stored = h.store.get(added.org.id.as_str()).expect("in the keychain");
    assert_eq!(stored.expose_secret(), key);

    let config = h.config_text();
    assert!(config.contains("Acme") && config.contains(added.org.id.as_str()));
    assert!(
        !config.contains(&key),
        "the settings file never holds the key"
    );
    assert!(!config.contains(&key[..20]));

    let projects = h
        .keywarden
        .org(&added.org.id)
        .expect("listed")
        .list_projects()
        .await
        .expect("projects");
    assert_eq!(projects.len(), server.state().projects(true).len());
    let labels = labels(&h);
    assert_eq!(labels, ["Demo organization", "Acme"]);
}

#[tokio::test]
async fn bad_admin_keys_and_labels_store_nothing_and_say_why() {
    let h = harness().await;
    let server = remote().await;
    let good = server.admin_key();
    let url = server.base_url();
    let cases: Vec<(&str, Option<String>, NewOrganization, &str)> = vec![
        ("empty clipboard", None, new_org("A", &url), "holds no text"),
        (
            "only whitespace",
            Some("  \n ".into()),
            new_org("A", &url),
            "no key",
        ),
        (
            "a megabyte",
            Some("x".repeat(1 << 20)),
            new_org("A", &url),
            "MB of text",
        ),
        (
            "inner space",
            Some(format!("{} {}", &good[..12], &good[12..])),
            new_org("A", &url),
            "space",
        ),
        (
            "project key",
            Some("sk-proj-abcdefghijklmnop".into()),
            new_org("A", &url),
            "project key",
        ),
        (
            "admin garbage",
            Some("sk-admin-<>!!!!!!!!!!".into()),
            new_org("A", &url),
            "rest is not one",
        ),
        (
            "revoked key",
            Some("sk-admin-0123456789abcdefghij".into()),
            new_org("A", &url),
            "did not accept",
        ),
        (
            "empty label",
            Some(good.clone()),
            new_org("  ", &url),
            "give the organization a name",
        ),
        (
            "long label",
            Some(good.clone()),
            new_org(&"x".repeat(10_000), &url),
            "too long",
        ),
        (
            "demo label",
            Some(good.clone()),
            new_org("demo ORGANIZATION", &url),
            "already exists",
        ),
        (
            "plain http",
            Some(good.clone()),
            new_org("A", "http://example.com/v1"),
            "https",
        ),
        (
            "file url",
            Some(good.clone()),
            new_org("A", "file:///etc/passwd"),
            "",
        ),
        (
            "user info",
            Some(good.clone()),
            new_org("A", "https://user:pw@api.example.com/v1"),
            "",
        ),
    ];
    for (case, clipboard, new, expected) in cases {
        match &clipboard {
            Some(text) => h
                .clipboard
                .write_secret(&SecretString::from(text.clone()))
                .unwrap(),
            None => h.clipboard.clear().unwrap(),
        }
        let error = h.keywarden.add_organization(new).await.expect_err(case);
        let message = error.to_string();
        assert!(message.contains(expected), "{case}: {message}");
        assert!(
            !message.contains(&good),
            "{case}: the message shows the key"
        );
        assert_eq!(
            h.keywarden.list_organizations().len(),
            1,
            "{case}: nothing added"
        );
        assert!(!h.config_path().exists(), "{case}: no settings written");
        if let Some(text) = clipboard {
            let still = h
                .clipboard
                .read_text()
                .unwrap()
                .map(|s| s.expose_secret().to_owned());
            // Refused key material is taken off the clipboard; anything else is the user's.
            let refused_key = ["inner space", "project key", "admin garbage", "revoked key"];
            if refused_key.contains(&case) {
                assert_eq!(still, None, "{case}: the refused key left the clipboard");
                assert!(message.contains("removed"), "{case}: {message}");
            } else {
                assert_eq!(
                    still.as_deref(),
                    Some(text.as_str()),
                    "{case}: clipboard left alone"
                );
            }
        }
    }
}

#[tokio::test]
async fn an_image_on_the_clipboard_is_explained() {
    let h = harness().await;
    let server = remote().await;
    h.clipboard.put_image();
    let error = h
        .keywarden
        .add_organization(new_org("A", &server.base_url()))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("holds no text"), "{error}");
}

#[tokio::test]
async fn a_key_without_the_read_scope_names_the_missing_scope() {
    let h = harness().await;
    let server = remote().await;
    server.inject(FaultRule::new(Fault::MissingScope));
    h.clipboard
        .write_secret(&SecretString::from(server.admin_key()))
        .unwrap();
    let error = h
        .keywarden
        .add_organization(new_org("A", &server.base_url()))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::MissingScope { .. }), "{error:?}");
    assert!(error.to_string().contains("api.management.read"), "{error}");
    assert_eq!(h.keywarden.list_organizations().len(), 1);
}

#[tokio::test]
async fn renaming_persists_and_refuses_duplicates() {
    let h = harness().await;
    let server = remote().await;
    let org = add_acme(&h, &server).await;

    let renamed = h
        .keywarden
        .rename_organization(&org.id, " <b>Acme</b> Corp ")
        .unwrap();
    assert_eq!(renamed.label, "<b>Acme</b> Corp");
    assert!(h
        .keywarden
        .rename_organization(&org.id, "Demo organization")
        .is_err());
    assert!(h.keywarden.rename_organization(&org.id, "").is_err());
    let h = h.restart().await;
    let labels = labels(&h);
    assert_eq!(labels, ["Demo organization", "<b>Acme</b> Corp"]);
}

#[tokio::test]
async fn removing_an_organization_leaves_nothing_behind() {
    let h = harness().await;
    let server = remote().await;
    let org = add_acme(&h, &server).await;
    let acme = h.keywarden.org(&org.id).unwrap();
    acme.refresh_inventory(|_| {})
        .await
        .expect("its cache is filled");

    h.keywarden
        .remove_organization(&org.id)
        .await
        .expect("removed");
    assert_eq!(
        h.store.get(org.id.as_str()).unwrap_err(),
        SecretStoreError::Missing
    );
    assert!(!h.config_text().contains(org.id.as_str()));
    assert!(!h.config_text().contains("Acme"));
    assert_eq!(h.keywarden.list_organizations().len(), 1);
    let leftovers = names_in(h.dir.path());
    assert_eq!(
        leftovers,
        ["cache", "config.json"],
        "only config.json and the cache folder remain"
    );
    let caches = names_in(&h.dir.path().join("cache"));
    assert!(caches.is_empty(), "the inventory cache is gone: {caches:?}");
    let demo = app_core::OrgId::new(app_core::DEMO_ORG_ID);
    assert!(
        h.keywarden.remove_organization(&demo).await.is_err(),
        "the demo cannot be removed"
    );
}

#[tokio::test]
async fn a_key_deleted_behind_keywardens_back_asks_to_paste_it_again() {
    let h = harness().await;
    let server = remote().await;
    let org = add_acme(&h, &server).await;
    h.store.delete(org.id.as_str()).unwrap();

    let h = h.restart().await;
    let restarted = h.keywarden.list_organizations();
    assert_eq!(restarted[1].status, OrgStatus::AdminKeyMissing);
    let acme = h.keywarden.org(&org.id).unwrap();
    let error = acme.list_projects().await.unwrap_err();
    assert!(error.to_string().contains("paste it again"), "{error}");

    h.clipboard
        .write_secret(&SecretString::from(server.admin_key()))
        .unwrap();
    let accepted = h
        .keywarden
        .replace_admin_key(&org.id, KeySource::Clipboard)
        .await
        .unwrap();
    assert_eq!(accepted.org.status, OrgStatus::Ready);
    assert!(acme.list_projects().await.is_ok());
}

#[tokio::test]
async fn an_unreadable_settings_file_is_kept_aside_and_reported() {
    let h = harness().await;
    std::fs::write(h.config_path(), b"{ not json").unwrap();
    let h = h.restart().await;
    assert_eq!(h.keywarden.startup_notices().len(), 1);
    assert!(h.keywarden.startup_notices()[0].contains("could not be read"));
    let kept: Vec<String> = std::fs::read_dir(h.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        kept.iter().any(|n| n.starts_with("config.json.corrupt-")),
        "{kept:?}"
    );
    assert_eq!(
        h.keywarden.list_organizations().len(),
        1,
        "the app still opens with the demo"
    );
}

#[tokio::test]
async fn the_settings_file_has_a_schema_version_and_no_temporary_leftovers() {
    let h = harness().await;
    let server = remote().await;
    h.clipboard
        .write_secret(&SecretString::from(server.admin_key()))
        .unwrap();
    h.keywarden
        .add_organization(new_org("Acme", &server.base_url()))
        .await
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(&h.config_text()).unwrap();
    assert_eq!(json["schemaVersion"], 1);
    let names = names_in(h.dir.path());
    assert_eq!(names, ["config.json"]);
}

/// The names in a folder, sorted.
#[allow(clippy::unwrap_used)]
fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
