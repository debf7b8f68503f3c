//! Shared set-up for the key-lifecycle suites: a fake organization, a client that never
//! retries, and small readers of the fake's state.

use std::time::Duration;

use app_core::key_lifecycle::{CreateOutcome, CreatedKey, KeyLifecycle, RevealId};
use fake_admin_api::{FakeOptions, FakeServer};
use openai_admin::{Client, ClientOptions, ProjectId};
use secrecy::SecretString;

/// A fake organization, a client for it, and its first active project.
pub async fn start() -> (FakeServer, Client, ProjectId) {
    let server = FakeServer::start(FakeOptions::default()).await.unwrap();
    let options = ClientOptions {
        max_retries: 0,
        ..ClientOptions::default()
    };
    let key = SecretString::from(server.admin_key());
    let client = Client::new(&server.base_url(), key, options).unwrap();
    let project = ProjectId::from(server.state().projects(false)[0].id.as_str());
    (server, client, project)
}

/// A lifecycle that checks a failed create's project at once.
pub fn lifecycle() -> KeyLifecycle {
    KeyLifecycle::with_reconcile_delay(Duration::ZERO)
}

/// The created key of an outcome, or a panic naming what came instead.
pub fn created(outcome: CreateOutcome) -> CreatedKey {
    match outcome {
        CreateOutcome::Created(key) => key,
        other => panic!("expected a created key, got {other:?}"),
    }
}

/// How many service accounts of the project carry this name.
pub fn accounts_named(server: &FakeServer, project: &ProjectId, name: &str) -> usize {
    let state = server.state();
    let accounts = state.service_accounts(project.as_str());
    accounts.iter().filter(|a| a.name == name).count()
}

/// How many service-account creates the fake received.
pub fn creates_sent(server: &FakeServer) -> usize {
    let requests = server.requests();
    let posts = requests.iter().filter(|r| r.method == "POST");
    posts
        .filter(|r| r.path.ends_with("/service_accounts"))
        .count()
}

/// A key named `ci-deploy` just created under `request_id` and held for its reveal: the server
/// that minted it, the lifecycle holding it, its reveal id and the value minted.
pub async fn held_key(request_id: &str) -> (FakeServer, KeyLifecycle, RevealId, String) {
    let (server, client, project) = start().await;
    let keys = lifecycle();
    let outcome = keys
        .create_key(
            &client,
            &project,
            "ci-deploy",
            &Default::default(),
            request_id,
        )
        .await
        .unwrap();
    let reveal_id = created(outcome).reveal_id;
    let minted = server.state().minted_values().pop().unwrap();
    (server, keys, reveal_id, minted)
}

/// A service account with two keys: its first key and an added one.
pub async fn account_with_two_keys(
    client: &Client,
    project: &ProjectId,
) -> (CreatedKey, CreatedKey) {
    let keys = KeyLifecycle::with_reconcile_delay(Duration::ZERO);
    let created = |outcome| match outcome {
        Ok(CreateOutcome::Created(key)) => key,
        other => panic!("expected a created key, got {other:?}"),
    };
    let first = created(
        keys.create_key(client, project, "ci-bot", &Default::default(), "req-1")
            .await,
    );
    let account = &first.service_account_id;
    let all = app_core::key_policy::CheckedPolicy::default();
    let add = keys.add_key_to_service_account(client, project, account, "ci-bot 2", &all, "req-2");
    let second = created(add.await);
    (first, second)
}
