//! Revoking keys against the fake Admin API: what the preview promises is what gets deleted,
//! recent use needs the name typed, and something already gone is an outcome, not an error.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;
use support::lifecycle::{account_with_two_keys, start};

use app_core::key_lifecycle::{revoke, revoke_preview, BlastRadius, LifecycleError, RevokeOutcome};
use fake_admin_api::FakeServer;
use openai_admin::{ApiKeyId, Client, ClientOptions, ProjectId};
use secrecy::SecretString;

/// A user's key in the project, last used two days ago.
fn user_key(server: &FakeServer, project: &ProjectId) -> ApiKeyId {
    let keys = server.state().api_keys(project.as_str());
    let key = keys.iter().find(|k| k.owner.kind == "user").unwrap();
    let id = ApiKeyId::from(key.id.as_str());
    set_last_used(server, &id, 48);
    id
}

fn set_last_used(server: &FakeServer, key: &ApiKeyId, hours_ago: i64) {
    let at = chrono::Utc::now().timestamp() - hours_ago * 3600;
    server.with_state(|s| {
        for stored in s.api_keys.iter_mut().filter(|k| k.key.id == key.as_str()) {
            stored.key.last_used_at = Some(at);
        }
    });
}

fn key_exists(server: &FakeServer, project: &ProjectId, key: &ApiKeyId) -> bool {
    let keys = server.state().api_keys(project.as_str());
    keys.iter().any(|k| k.id == key.as_str())
}

#[tokio::test]
async fn revoking_a_user_key_deletes_only_that_key() {
    let (server, client, project) = start().await;
    let key = user_key(&server, &project);
    let before = server.state().api_keys(project.as_str()).len();

    let preview = revoke_preview(&client, &project, &key).await.unwrap();
    assert_eq!(preview.blast_radius, BlastRadius::Key);
    assert!(
        preview.summary.starts_with("Deletes key “"),
        "{}",
        preview.summary
    );

    let outcome = revoke(&client, &project, &key, None).await.unwrap();
    assert!(matches!(outcome, RevokeOutcome::Revoked(ref r) if r.key_ids == [key.clone()]));
    assert!(!key_exists(&server, &project, &key));
    assert_eq!(server.state().api_keys(project.as_str()).len(), before - 1);
}

#[tokio::test]
async fn the_preview_of_a_service_account_key_counts_its_keys_and_latest_use() {
    let (server, client, project) = start().await;
    let (first, second) = account_with_two_keys(&client, &project).await;
    set_last_used(&server, &first.key_id, 72);
    set_last_used(&server, &second.key_id, 30);

    let preview = revoke_preview(&client, &project, &first.key_id)
        .await
        .unwrap();
    let BlastRadius::ServiceAccount {
        service_account_id,
        service_account_name,
        key_count,
    } = &preview.blast_radius
    else {
        panic!("expected a service account, got {preview:?}");
    };
    assert_eq!(service_account_id, &first.service_account_id);
    assert_eq!(service_account_name.as_deref(), Some("ci-bot"));
    assert_eq!(*key_count, 2);
    let latest = preview.last_used_at.unwrap().timestamp();
    assert!((chrono::Utc::now().timestamp() - 30 * 3600 - latest).abs() < 5);
    assert!(
        !preview.requires_typed_confirmation,
        "30 hours ago is not recent"
    );
    assert!(
        preview.summary.contains("all 2 of its keys"),
        "{}",
        preview.summary
    );

    set_last_used(&server, &second.key_id, 23);
    let preview = revoke_preview(&client, &project, &first.key_id)
        .await
        .unwrap();
    assert!(
        preview.requires_typed_confirmation,
        "23 hours ago is recent"
    );
}

#[tokio::test]
async fn revoking_a_service_account_key_deletes_the_account_and_all_its_keys() {
    let (server, client, project) = start().await;
    let (first, second) = account_with_two_keys(&client, &project).await;

    let outcome = revoke(&client, &project, &second.key_id, None)
        .await
        .unwrap();
    let RevokeOutcome::Revoked(revoked) = outcome else {
        panic!("expected a revoke, got {outcome:?}");
    };
    assert_eq!(
        revoked.service_account_id,
        Some(first.service_account_id.clone())
    );
    assert_eq!(revoked.key_ids.len(), 2);
    let state = server.state();
    let accounts = state.service_accounts(project.as_str());
    assert!(accounts
        .iter()
        .all(|a| a.id != first.service_account_id.as_str()));
    assert!(!key_exists(&server, &project, &first.key_id));
    assert!(!key_exists(&server, &project, &second.key_id));
}

#[tokio::test]
async fn a_recently_used_key_is_not_revoked_without_its_name_typed_exactly() {
    let (server, client, project) = start().await;
    let (first, _) = account_with_two_keys(&client, &project).await;
    set_last_used(&server, &first.key_id, 1);
    let key_name = server
        .state()
        .api_keys(project.as_str())
        .into_iter()
        .find(|k| k.id == first.key_id.as_str())
        .unwrap()
        .name;
    let keys_before = server.state().api_keys(project.as_str());

    for typed in [None, Some("ci-bot"), Some("wrong")] {
        let error = revoke(&client, &project, &first.key_id, typed)
            .await
            .unwrap_err();
        assert!(
            matches!(error, LifecycleError::ConfirmationMismatch { .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains(&key_name), "{error}");
    }
    assert_eq!(
        server.state().api_keys(project.as_str()),
        keys_before,
        "nothing deleted"
    );

    let outcome = revoke(&client, &project, &first.key_id, Some(&key_name))
        .await
        .unwrap();
    assert!(matches!(outcome, RevokeOutcome::Revoked(_)), "{outcome:?}");
    assert!(!key_exists(&server, &project, &first.key_id));
}

#[tokio::test]
async fn revoking_a_key_that_is_already_gone_is_reported_as_already_gone() {
    let (server, client, project) = start().await;
    let key = user_key(&server, &project);
    revoke(&client, &project, &key, None).await.unwrap();

    let again = revoke(&client, &project, &key, None).await.unwrap();
    assert!(matches!(again, RevokeOutcome::AlreadyGone { ref id, .. } if id == key.as_str()));
    let preview = revoke_preview(&client, &project, &key).await.unwrap_err();
    assert!(
        matches!(preview, LifecycleError::KeyGone { .. }),
        "{preview:?}"
    );
}

#[tokio::test]
async fn a_key_deleted_between_the_preview_and_the_delete_is_already_gone() {
    let (server, client, project) = start().await;
    let key = user_key(&server, &project);
    server.set_latency(Duration::from_millis(300));
    let revoking = revoke(&client, &project, &key, None);
    let deleting_elsewhere = async {
        tokio::time::sleep(Duration::from_millis(450)).await;
        let id = key.as_str().to_owned();
        let project_id = project.as_str().to_owned();
        server
            .with_state(|s| s.delete_api_key(&project_id, &id))
            .unwrap();
    };
    let (outcome, ()) = tokio::join!(revoking, deleting_elsewhere);
    assert!(matches!(
        outcome.unwrap(),
        RevokeOutcome::AlreadyGone { .. }
    ));
}

#[tokio::test]
async fn revoking_while_offline_changes_nothing_and_says_so() {
    let (server, _, project) = start().await;
    let key = user_key(&server, &project);
    let unused = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1", unused.local_addr().unwrap());
    drop(unused);
    let options = ClientOptions {
        max_retries: 0,
        ..ClientOptions::default()
    };
    let offline = Client::new(&url, SecretString::from("sk-admin-x"), options).unwrap();
    let error = revoke(&offline, &project, &key, None).await.unwrap_err();
    assert!(
        matches!(error, LifecycleError::Unreachable { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("nothing was changed"), "{error}");
    assert!(key_exists(&server, &project, &key));
}
