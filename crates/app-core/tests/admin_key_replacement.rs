//! A revoked admin key: the organization says its key is rejected (not "Ready"), and a
//! replacement pasted in place must be a key of the same organization; the organization keeps
//! its activity and cache. A key that never worked is not called "no longer valid".

#![allow(clippy::unwrap_used)]

mod support;

use app_core::clipboard::Clipboard;
use app_core::{Error, KeySource, NewOrganization, OrgStatus, SecretStore};
use fake_admin_api::{FakeOptions, FakeServer};
use secrecy::SecretString;

async fn server() -> FakeServer {
    FakeServer::start(FakeOptions {
        projects: 3,
        keys_per_project: 1,
        ..Default::default()
    })
    .await
    .unwrap()
}

/// Revokes the organization's admin key at the server and mints another one there.
fn revoke_and_mint(server: &FakeServer) -> String {
    let old = server.admin_key();
    server.with_state(|s| {
        s.admin_keys.retain(|k| k.value != old);
        s.create_admin_key("replacement", None).value
    })
}

#[tokio::test]
async fn a_revoked_key_marks_the_organization_rejected_and_a_replacement_keeps_its_cache() {
    let h = support::harness().await;
    let server = server().await;
    let org = support::add_remote(&h, "Acme", &server).await;
    org.refresh_inventory(|_| {}).await.unwrap();
    let before = org.inventory_status().await.unwrap();

    let replacement = revoke_and_mint(&server);
    let error = org.refresh_inventory(|_| {}).await.unwrap_err();
    assert!(matches!(error, Error::KeyRejected { .. }), "{error:?}");
    assert!(error.to_string().contains("no longer valid"), "{error}");
    assert_eq!(org.record().status, OrgStatus::AdminKeyRejected);

    h.clipboard
        .write_secret(&SecretString::from(replacement))
        .unwrap();
    let accepted = h
        .keywarden
        .replace_admin_key(org.id(), KeySource::Clipboard)
        .await
        .unwrap();
    assert_eq!(accepted.org.status, OrgStatus::Ready);
    assert!(accepted.clipboard_cleared);
    let after = org.inventory_status().await.unwrap();
    assert_eq!(
        after.project_count, before.project_count,
        "the cache is kept"
    );
    org.refresh_inventory(|_| {}).await.unwrap();
    assert_eq!(org.record().status, OrgStatus::Ready);
}

#[tokio::test]
async fn a_key_of_another_organization_is_refused_and_the_old_key_stays() {
    let h = support::harness().await;
    let server = server().await;
    let org = support::add_remote(&h, "Acme", &server).await;
    org.refresh_inventory(|_| {}).await.unwrap();
    let old_key = h.store.get(org.id().as_str()).unwrap();

    // The same address now answers for another organization: other projects, another key.
    let other = server.with_state(|s| {
        for (i, project) in s.projects.iter_mut().enumerate() {
            project.id = format!("proj_elsewhere_{i}");
        }
        s.create_admin_key("other organization", None).value
    });
    h.clipboard
        .write_secret(&SecretString::from(other))
        .unwrap();
    let error = h
        .keywarden
        .replace_admin_key(org.id(), KeySource::Clipboard)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::OtherOrganization { .. }),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("another organization"),
        "{error}"
    );
    let kept = h.store.get(org.id().as_str()).unwrap();
    assert_eq!(
        secrecy::ExposeSecret::expose_secret(&kept),
        secrecy::ExposeSecret::expose_secret(&old_key),
        "the old key stays"
    );
}

#[tokio::test]
async fn a_key_that_never_worked_is_not_called_no_longer_valid() {
    let h = support::harness().await;
    let server = server().await;
    h.clipboard
        .write_secret(&SecretString::from(
            "sk-admin-NeverWorkedHere0123456789abcdef",
        ))
        .unwrap();
    let error = h
        .keywarden
        .add_organization(NewOrganization {
            label: "Acme".into(),
            base_url: Some(server.base_url()),
            source: KeySource::Clipboard,
        })
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(!message.contains("no longer"), "{message}");
    assert!(message.contains("did not accept"), "{message}");
    assert!(!message.contains("You can find your API key"), "{message}");
}
