//! A key Keywarden refuses — not an admin key at all, or one OpenAI does not accept — is taken off
//! the clipboard as an accepted one is, and the error says so; a key that could not be checked
//! (the organization is unreachable) stays there so the user can try again.

#![allow(clippy::unwrap_used)]

mod support;

use app_core::clipboard::Clipboard;
use app_core::{KeySource, NewOrganization};
use fake_admin_api::{FakeOptions, FakeServer};
use secrecy::SecretString;

fn new_org(base_url: &str) -> NewOrganization {
    NewOrganization {
        label: "Acme".into(),
        base_url: Some(base_url.to_owned()),
        source: KeySource::Clipboard,
    }
}

#[tokio::test]
async fn a_project_key_pasted_as_an_admin_key_is_refused_and_taken_off_the_clipboard() {
    let h = support::harness().await;
    let server = FakeServer::start(FakeOptions::default()).await.unwrap();
    let project_key = "sk-proj-AbCdEf0123456789AbCdEf0123456789";
    h.clipboard
        .write_secret(&SecretString::from(format!("{project_key}\n")))
        .unwrap();
    let error = h
        .keywarden
        .add_organization(new_org(&server.base_url()))
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("removed that key from the clipboard"),
        "{error}"
    );
    assert!(h.clipboard.read_text().unwrap().is_none());
    assert!(h
        .keywarden
        .list_organizations()
        .iter()
        .all(|o| o.label != "Acme"));
}

#[tokio::test]
async fn an_admin_key_openai_does_not_accept_is_taken_off_the_clipboard() {
    let h = support::harness().await;
    let server = FakeServer::start(FakeOptions::default()).await.unwrap();
    let wrong = "sk-admin-NotTheRightKey0123456789abcdefABCDEF";
    h.clipboard
        .write_secret(&SecretString::from(wrong))
        .unwrap();
    let error = h
        .keywarden
        .add_organization(new_org(&server.base_url()))
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("removed it from the clipboard"),
        "{error}"
    );
    assert!(h.clipboard.read_text().unwrap().is_none());
}

#[tokio::test]
async fn a_key_that_could_not_be_checked_stays_on_the_clipboard() {
    let h = support::harness().await;
    let server = FakeServer::start(FakeOptions::default()).await.unwrap();
    let url = server.base_url();
    let key = server.admin_key();
    server.shutdown().await;
    h.clipboard.write_secret(&SecretString::from(key)).unwrap();
    assert!(h.keywarden.add_organization(new_org(&url)).await.is_err());
    assert!(
        h.clipboard.read_text().unwrap().is_some(),
        "kept for another try"
    );
}
