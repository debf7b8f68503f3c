//! Creating keys against the fake Admin API: metadata only for the caller, the secret held in
//! Rust, one POST per request id (even when clicked twice), and names kept as typed.

#![allow(clippy::unwrap_used)]

mod support;

use std::sync::Arc;
use std::time::Duration;
use support::lifecycle::{accounts_named, created, creates_sent, lifecycle, start};

use app_core::clipboard::{Clipboard, MemoryClipboard};
use app_core::key_lifecycle::mask;
use openai_admin::ServiceAccountId;
use secrecy::ExposeSecret;

#[tokio::test]
async fn create_returns_metadata_and_holds_exactly_the_secret_the_server_minted() {
    let (server, client, project) = start().await;
    let keys = lifecycle();
    let outcome = keys
        .create_key(&client, &project, "deploy", &Default::default(), "req-1")
        .await;
    let key = created(outcome.unwrap());

    let state = server.state();
    let stored = state
        .api_keys
        .iter()
        .find(|k| k.key.id == key.key_id.as_str())
        .unwrap();
    assert_eq!(key.name, "deploy");
    assert_eq!(key.project_id, project);
    let accounts = state.service_accounts(project.as_str());
    let account = accounts.iter().find(|a| a.name == "deploy").unwrap();
    assert_eq!(
        key.service_account_id,
        ServiceAccountId::from(account.id.as_str())
    );
    assert!(state.minted_values().contains(&stored.value));
    assert_eq!(key.redacted_value, mask(&stored.value));
    assert_eq!(keys.masked(&key.reveal_id).unwrap(), mask(&stored.value));

    let clipboard = Arc::new(MemoryClipboard::new());
    let copy = keys.copy_reveal(&key.reveal_id, clipboard.clone(), Duration::from_secs(60));
    copy.await.unwrap();
    let held = clipboard.read_text().unwrap().unwrap();
    assert_eq!(held.expose_secret(), stored.value);
    assert_eq!(keys.pending().len(), 1);
}

#[tokio::test]
async fn no_returned_value_shows_the_secret_in_its_debug_output() {
    let (server, client, project) = start().await;
    let keys = lifecycle();
    let outcome = keys
        .create_key(&client, &project, "deploy", &Default::default(), "req-1")
        .await
        .unwrap();
    let secret = server.state().minted_values().pop().unwrap();
    let debug = format!(
        "{outcome:?} {keys:?} {:?} {:?}",
        keys.vault(),
        keys.pending()
    );
    assert!(!debug.contains(&secret), "{debug}");
    assert!(!debug.contains(&secret[secret.len() - 12..]), "{debug}");
}

#[tokio::test]
async fn a_concurrent_double_create_with_one_request_id_creates_one_service_account() {
    let (server, client, project) = start().await;
    server.set_latency(Duration::from_millis(200));
    let keys = lifecycle();
    let all = app_core::key_policy::CheckedPolicy::default();
    let (first, second) = tokio::join!(
        keys.create_key(&client, &project, "double", &all, "req-same"),
        keys.create_key(&client, &project, "double", &all, "req-same"),
    );
    let (first, second) = (created(first.unwrap()), created(second.unwrap()));
    assert_eq!(first.reveal_id, second.reveal_id);
    assert_eq!(accounts_named(&server, &project, "double"), 1);
    assert_eq!(creates_sent(&server), 1);
    assert_eq!(keys.pending().len(), 1);
}

#[tokio::test]
async fn the_same_request_id_after_completion_returns_the_same_key_without_posting() {
    let (server, client, project) = start().await;
    let keys = lifecycle();
    let first = created(
        keys.create_key(&client, &project, "k", &Default::default(), "req-9")
            .await
            .unwrap(),
    );
    let again = created(
        keys.create_key(&client, &project, "k", &Default::default(), "req-9")
            .await
            .unwrap(),
    );
    assert_eq!(first, again);
    assert_eq!(creates_sent(&server), 1);
}

#[tokio::test]
async fn different_request_ids_create_two_service_accounts() {
    let (server, client, project) = start().await;
    let keys = lifecycle();
    let first = created(
        keys.create_key(&client, &project, "twin", &Default::default(), "req-a")
            .await
            .unwrap(),
    );
    let second = created(
        keys.create_key(&client, &project, "twin", &Default::default(), "req-b")
            .await
            .unwrap(),
    );
    assert_ne!(first.reveal_id, second.reveal_id);
    assert_ne!(first.service_account_id, second.service_account_id);
    assert_eq!(accounts_named(&server, &project, "twin"), 2);
}

#[tokio::test]
async fn markup_in_a_name_is_kept_literally_and_surrounding_spaces_are_trimmed() {
    let (server, client, project) = start().await;
    let keys = lifecycle();
    let name = "<img src=x onerror=alert(1)> & \"ci\"";
    let outcome = keys
        .create_key(
            &client,
            &project,
            &format!("  {name} "),
            &Default::default(),
            "req-m",
        )
        .await;
    assert_eq!(created(outcome.unwrap()).name, name);
    assert_eq!(accounts_named(&server, &project, name), 1);
}

#[tokio::test]
async fn a_key_added_to_a_service_account_is_held_like_a_first_key() {
    let (server, client, project) = start().await;
    let keys = lifecycle();
    let first = created(
        keys.create_key(&client, &project, "bot", &Default::default(), "req-1")
            .await
            .unwrap(),
    );
    let account = &first.service_account_id;
    let outcome = keys
        .add_key_to_service_account(
            &client,
            &project,
            account,
            "second",
            &Default::default(),
            "req-2",
        )
        .await;
    let second = created(outcome.unwrap());
    assert_eq!(&second.service_account_id, account);
    assert_eq!(second.name, "second");
    let state = server.state();
    let stored = state
        .api_keys
        .iter()
        .find(|k| k.key.id == second.key_id.as_str())
        .unwrap();
    assert_eq!(stored.key.name, "second");
    assert_eq!(keys.masked(&second.reveal_id).unwrap(), mask(&stored.value));
    assert_eq!(keys.pending().len(), 2);
}
