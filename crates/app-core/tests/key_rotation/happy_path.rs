//! A rotation that goes as planned: minted like the old key, revealed once, finished once the
//! new key is used (or the old key's name is typed), or abandoned.

use app_core::key_lifecycle::ActivityAction;
use app_core::key_rotation::ROTATED_SUFFIX;

use super::*;

#[tokio::test]
async fn a_used_new_key_lets_the_old_one_go_and_leaves_one_working_key_on_the_account() {
    let acme = acme().await;
    let old = service_account_key(&acme, "billing-worker").await;

    let started = start(&acme, &old.key_id, "rotate-1").await;
    let created = started
        .created
        .clone()
        .expect("the new key is held for its reveal");
    assert!(
        created
            .name
            .starts_with(&format!("billing-worker{ROTATED_SUFFIX}")),
        "{}",
        created.name
    );
    assert_eq!(created.service_account_id, old.service_account_id);
    let held = acme.h.keywarden.pending_new_keys();
    assert!(held.iter().any(|p| p.key_id == created.key_id), "held once");
    let old_terms = acme.server.api_key_policy(old.key_id.as_str()).unwrap();
    let new_terms = acme.server.api_key_policy(created.key_id.as_str()).unwrap();
    assert_eq!(new_terms.scopes, ["api.all.read"], "the same permissions");
    let lifetime = |terms: &fake_admin_api::KeyPolicy, key: &ApiKeyId| {
        terms.expires_at.unwrap() - stored(&acme.server, key).unwrap().key.created_at
    };
    assert_eq!(
        lifetime(&new_terms, &created.key_id),
        lifetime(&old_terms, &old.key_id),
        "the same lifetime"
    );

    let waiting = status(&acme, &started).await;
    assert_watching(&waiting);
    assert!(!waiting.new_key_used && !waiting.can_finish && waiting.can_override);
    assert!(
        waiting
            .message
            .contains("Put the new key wherever “billing-worker” is used"),
        "{}",
        waiting.message
    );
    let (_, refused) = message_of(
        acme.org
            .finish_key_rotation(&rotation_id(&started), None)
            .await,
    );
    assert!(
        refused.contains("has not reported the new key"),
        "{refused}"
    );
    assert!(
        !out_of_service(&acme.server, &old.key_id),
        "nothing was revoked"
    );

    assert!(acme.server.use_key(created.key_id.as_str()));
    let used = status(&acme, &started).await;
    assert!(used.new_key_used && used.can_finish, "{used:?}");
    assert!(used.message.contains("in use"), "{}", used.message);

    let done = acme
        .org
        .finish_key_rotation(&rotation_id(&started), None)
        .await
        .expect("the old key is taken out of service");
    assert_eq!(done.rotation.phase, RotationPhase::Completed);
    assert!(
        done.message.contains("The rotation is complete"),
        "{}",
        done.message
    );
    assert_ne!(
        done.old_key.state,
        KeyState::Active,
        "the old key shows as revoked"
    );
    assert!(out_of_service(&acme.server, &old.key_id));
    let account = ServiceAccountId::from(old.service_account_id.as_str());
    assert_eq!(
        working_keys(&acme.server, &account),
        [created.key_id.to_string()],
        "exactly one working key is left on the service account"
    );
    assert!(
        acme.org.key_rotations().is_empty(),
        "a finished rotation is forgotten"
    );
    let revoked = acme
        .org
        .activity()
        .into_iter()
        .find(|e| e.action == ActivityAction::Revoked);
    assert_eq!(revoked.and_then(|e| e.key_id), Some(old.key_id.clone()));
}

#[tokio::test]
async fn an_unused_new_key_lets_the_old_one_go_only_when_its_name_is_typed() {
    let acme = acme().await;
    let old = service_account_key(&acme, "nightly-export").await;
    let started = start(&acme, &old.key_id, "rotate-typed").await;
    let id = rotation_id(&started);

    let wrong = acme.org.finish_key_rotation(&id, Some("nightly")).await;
    let (error, message) = message_of(wrong);
    assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    assert!(message.contains("type its name exactly"), "{message}");
    assert!(!out_of_service(&acme.server, &old.key_id));

    let typed = acme
        .org
        .finish_key_rotation(&id, Some(" nightly-export "))
        .await;
    assert_eq!(typed.unwrap().rotation.phase, RotationPhase::Completed);
    assert!(out_of_service(&acme.server, &old.key_id));
    assert!(!out_of_service(&acme.server, &new_key_id(&started)));
}

#[tokio::test]
async fn abandoning_takes_the_new_key_out_keeps_the_old_one_and_wipes_the_held_secret() {
    let acme = acme().await;
    let old = service_account_key(&acme, "support-bot").await;
    let started = start(&acme, &old.key_id, "rotate-abandon").await;
    let new = new_key_id(&started);

    let abandoned = acme
        .org
        .abandon_key_rotation(&rotation_id(&started))
        .await
        .expect("abandoned");
    assert_eq!(abandoned.rotation.phase, RotationPhase::Abandoned);
    assert!(
        abandoned.message.contains("was kept"),
        "{}",
        abandoned.message
    );
    assert!(out_of_service(&acme.server, &new));
    assert!(!out_of_service(&acme.server, &old.key_id));
    assert!(
        acme.h.keywarden.pending_new_keys().is_empty(),
        "the secret is wiped"
    );
    assert!(acme.org.key_rotations().is_empty());

    let again = start(&acme, &old.key_id, "rotate-again").await;
    assert!(
        again.created.is_some(),
        "an abandoned key can be rotated again"
    );
}

#[tokio::test]
async fn a_key_that_never_expires_gets_a_successor_that_never_expires_and_unknown_permissions_become_all(
) {
    let acme = acme().await;
    let made = acme.server.with_state(|s| {
        s.create_service_account(
            acme.project.as_str(),
            "ingest",
            false,
            &fake_admin_api::state::NewKeyTerms::default(),
        )
    });
    let old = ApiKeyId::from(made.unwrap().api_key.unwrap().id.as_str());

    let plan = acme
        .org
        .plan_key_rotation(&acme.project, &old)
        .await
        .unwrap();
    assert_eq!(
        plan.scopes, None,
        "permissions set outside Keywarden are unknown"
    );
    assert_eq!(plan.expires_in_seconds, None);
    assert!(
        plan.new_key_name.starts_with("ingest (rotated "),
        "{}",
        plan.new_key_name
    );

    let started = start(&acme, &old, "rotate-ingest").await;
    assert!(!started.rotation.permissions_known);
    let terms = acme
        .server
        .api_key_policy(new_key_id(&started).as_str())
        .unwrap();
    assert!(terms.scopes.is_empty(), "all permissions");
    assert_eq!(terms.expires_at, None, "never expires");
}

#[tokio::test]
async fn a_start_sent_twice_with_one_request_id_mints_one_key() {
    let acme = acme().await;
    let old = service_account_key(&acme, "double-click").await;
    let first = start(&acme, &old.key_id, "rotate-once").await;
    let second = start(&acme, &old.key_id, "rotate-once").await;
    assert_eq!(first.rotation.id, second.rotation.id);
    assert_eq!(
        second.created.map(|k| k.key_id),
        Some(new_key_id(&first)),
        "the same new key, still held for its reveal"
    );
    let account = ServiceAccountId::from(old.service_account_id.as_str());
    assert_eq!(working_keys(&acme.server, &account).len(), 2);
}
