//! Revoking one key of a service account alone, against the fake Admin API: the account and
//! its other keys keep working, the key's own recent use needs its name typed, and a key already
//! gone is an outcome.

#![allow(clippy::unwrap_used)]

mod support;

use support::lifecycle::{account_with_two_keys, start};

use app_core::key_lifecycle::{revoke_alone, LifecycleError, RevokeOutcome};
use fake_admin_api::FakeServer;
use openai_admin::{ApiKeyId, ServiceAccountId};

/// The keys of `account` that still work (not deleted, not expiring by the next second).
fn working_keys(server: &FakeServer, account: &ServiceAccountId) -> Vec<String> {
    server.state().working_keys_of(account.as_str())
}

fn use_now(server: &FakeServer, key: &ApiKeyId) {
    server.use_key(key.as_str());
}

#[tokio::test]
async fn one_key_of_a_service_account_is_revoked_alone_and_the_others_keep_working() {
    let (server, client, project) = start().await;
    let (first, second) = account_with_two_keys(&client, &project).await;
    let account = &first.service_account_id;
    assert_eq!(working_keys(&server, account).len(), 2);

    let outcome = revoke_alone(&client, &project, &second.key_id, None)
        .await
        .unwrap();
    let RevokeOutcome::Revoked(revoked) = outcome else {
        panic!("expected a revoke, got {outcome:?}");
    };
    assert_eq!(revoked.key_ids, std::slice::from_ref(&second.key_id));
    assert_eq!(revoked.service_account_id, None, "no account was deleted");
    assert!(
        revoked.expired,
        "the API refuses to delete it alone, so it expires now"
    );
    assert_eq!(revoked.name.as_deref(), Some("ci-bot 2"));
    assert_eq!(working_keys(&server, account), [first.key_id.to_string()]);
    let accounts = server.state().service_accounts(project.as_str());
    assert!(
        accounts.iter().any(|a| a.id == account.as_str()),
        "the account stays"
    );
}

#[tokio::test]
async fn a_key_used_in_the_last_day_needs_its_own_name_typed() {
    let (server, client, project) = start().await;
    let (first, second) = account_with_two_keys(&client, &project).await;
    use_now(&server, &second.key_id);

    for typed in [None, Some("ci-bot"), Some("")] {
        let refused = revoke_alone(&client, &project, &second.key_id, typed).await;
        match refused {
            Err(LifecycleError::ConfirmationMismatch { expected }) => {
                assert_eq!(expected, "ci-bot 2", "{typed:?}");
            }
            other => panic!("{typed:?}: expected a refusal, got {other:?}"),
        }
    }
    assert_eq!(working_keys(&server, &first.service_account_id).len(), 2);

    let done = revoke_alone(&client, &project, &second.key_id, Some(" ci-bot 2 ")).await;
    assert!(matches!(done, Ok(RevokeOutcome::Revoked(_))), "{done:?}");
    assert_eq!(
        working_keys(&server, &first.service_account_id),
        [first.key_id.to_string()]
    );
}

#[tokio::test]
async fn a_key_already_gone_is_an_outcome() {
    let (server, client, project) = start().await;
    let (_, second) = account_with_two_keys(&client, &project).await;
    server.with_state(|s| s.api_keys.retain(|k| k.key.id != second.key_id.as_str()));

    let outcome = revoke_alone(&client, &project, &second.key_id, None)
        .await
        .unwrap();
    assert!(
        matches!(outcome, RevokeOutcome::AlreadyGone { ref id, .. } if id == second.key_id.as_str()),
        "{outcome:?}"
    );
}
