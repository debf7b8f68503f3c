//! When a create's response is lost, Keywarden finds what the server made, reports it as an
//! orphan whose secret is gone, and can revoke it, so trying again never leaves two keys behind.

#![allow(clippy::unwrap_used)]

mod support;

use support::lifecycle::{created, lifecycle, start};

use app_core::key_lifecycle::{
    revoke_orphan, CreateOutcome, CreatedKey, LifecycleError, Orphan, RevokeOutcome,
};
use fake_admin_api::{FakeServer, Fault, FaultRule};
use openai_admin::{Client, ProjectId};

fn orphan(outcome: Result<CreateOutcome, LifecycleError>) -> Orphan {
    match outcome {
        Ok(CreateOutcome::Orphaned(orphan)) => orphan,
        other => panic!("expected an orphan, got {other:?}"),
    }
}

fn lose_next_create(server: &FakeServer) {
    server.inject(FaultRule::new(Fault::LoseCreateResponse).on_method("POST"));
}

/// A key `bot` created on a new service account, then an extra key `extra` added to that
/// account whose response was lost: the first key and the orphan.
async fn orphaned_extra_key(
    server: &FakeServer,
    client: &Client,
    project: &ProjectId,
) -> (CreatedKey, Orphan) {
    let keys = lifecycle();
    let all = app_core::key_policy::CheckedPolicy::default();
    let outcome = keys.create_key(client, project, "bot", &all, "req-1").await;
    let first = created(outcome.unwrap());
    lose_next_create(server);
    let account = &first.service_account_id;
    let add = keys.add_key_to_service_account(client, project, account, "extra", &all, "req-2");
    let found = orphan(add.await);
    (first, found)
}

#[tokio::test]
async fn a_lost_create_response_is_reported_as_an_orphan_with_the_right_service_account() {
    let (server, client, project) = start().await;
    let keys = lifecycle();
    keys.create_key(&client, &project, "deploy", &Default::default(), "req-0")
        .await
        .unwrap();
    lose_next_create(&server);

    let found = orphan(
        keys.create_key(&client, &project, "deploy", &Default::default(), "req-1")
            .await,
    );

    let state = server.state();
    let accounts = state.service_accounts(project.as_str());
    let newest = accounts.last().unwrap();
    assert_eq!(found.service_account_id.as_str(), newest.id);
    assert_eq!(newest.name, "deploy");
    assert_eq!(found.name, "deploy");
    assert_eq!(found.key_id, None);
    assert!(found.created_at.is_some());
    assert!(found.explanation().contains("secret can never be shown"));
    assert_eq!(
        keys.pending().len(),
        1,
        "only the earlier key's secret is held"
    );
}

#[tokio::test]
async fn revoking_an_orphan_leaves_no_orphan_behind() {
    let (server, client, project) = start().await;
    let keys = lifecycle();
    lose_next_create(&server);
    let found = orphan(
        keys.create_key(&client, &project, "lost", &Default::default(), "req-1")
            .await,
    );

    let outcome = revoke_orphan(&client, &project, &found.service_account_id, None)
        .await
        .unwrap();
    assert!(matches!(outcome, RevokeOutcome::Revoked(_)), "{outcome:?}");
    let state = server.state();
    let accounts = state.service_accounts(project.as_str());
    assert!(accounts.iter().all(|a| a.name != "lost"));
    let keys_left = state.api_keys(project.as_str());
    let owned = |k: &&fake_admin_api::model::ProjectApiKey| {
        let owner = k.owner.service_account.as_ref();
        owner.is_some_and(|o| o.id == found.service_account_id.as_str())
    };
    assert_eq!(keys_left.iter().filter(owned).count(), 0);

    let again = revoke_orphan(&client, &project, &found.service_account_id, None)
        .await
        .unwrap();
    assert!(
        matches!(again, RevokeOutcome::AlreadyGone { .. }),
        "{again:?}"
    );
}

#[tokio::test]
async fn the_same_request_id_after_a_lost_response_returns_the_orphan_without_posting() {
    let (server, client, project) = start().await;
    let keys = lifecycle();
    lose_next_create(&server);
    let first = orphan(
        keys.create_key(&client, &project, "lost", &Default::default(), "req-1")
            .await,
    );
    let again = orphan(
        keys.create_key(&client, &project, "lost", &Default::default(), "req-1")
            .await,
    );
    assert_eq!(first, again);
    let posts = server
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST")
        .count();
    assert_eq!(posts, 1);
}

#[tokio::test]
async fn a_lost_response_when_nothing_was_created_says_it_is_safe_to_try_again() {
    let (server, client, project) = start().await;
    server.inject(
        FaultRule::new(Fault::Status {
            status: 502,
            retry_after: None,
        })
        .on_method("POST"),
    );
    let error = lifecycle()
        .create_key(&client, &project, "k", &Default::default(), "req-1")
        .await
        .unwrap_err();
    assert!(
        matches!(error, LifecycleError::NotCreated { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("safe to try again"), "{error}");
}

#[tokio::test]
async fn a_lost_add_key_response_is_reported_as_an_orphaned_key_of_that_account() {
    let (server, client, project) = start().await;
    let (first, found) = orphaned_extra_key(&server, &client, &project).await;
    assert_eq!(found.service_account_id, first.service_account_id);
    let state = server.state();
    let keys_now = state.api_keys(project.as_str());
    let extra = keys_now.iter().find(|k| k.name == "extra").unwrap();
    assert_eq!(
        found.key_id.as_ref().map(|k| k.as_str()),
        Some(extra.id.as_str())
    );
}

#[tokio::test]
async fn revoking_an_orphaned_extra_key_leaves_its_account_and_other_key_working() {
    let (server, client, project) = start().await;
    let (first, found) = orphaned_extra_key(&server, &client, &project).await;
    let extra = found.key_id.clone().unwrap();

    let outcome = revoke_orphan(&client, &project, &found.service_account_id, Some(&extra))
        .await
        .unwrap();
    let RevokeOutcome::Revoked(revoked) = outcome else {
        panic!("expected a revoke, got {outcome:?}");
    };
    assert_eq!(revoked.key_ids, std::slice::from_ref(&extra));
    assert_eq!(revoked.service_account_id, None, "no account was deleted");
    assert!(
        revoked.expired,
        "the API refuses to delete it alone, so it expires now"
    );

    let state = server.state();
    let account = first.service_account_id.as_str();
    assert!(
        state
            .service_accounts(project.as_str())
            .iter()
            .any(|a| a.id == account),
        "the service account stays"
    );
    let working = state.working_keys_of(account);
    assert_eq!(
        working,
        [first.key_id.to_string()],
        "only the first key works"
    );

    server.with_state(|s| s.api_keys.retain(|k| k.key.id != extra.as_str()));
    let again = revoke_orphan(&client, &project, &found.service_account_id, Some(&extra))
        .await
        .unwrap();
    assert!(matches!(again, RevokeOutcome::AlreadyGone { ref id, .. } if id == extra.as_str()));
}
