//! What a rotation does with keys and accounts that changed elsewhere, ids it never issued and
//! keys it cannot rotate.

use app_core::key_rotation::RotationId;

use super::*;

#[tokio::test]
async fn a_key_that_no_longer_exists_cannot_be_rotated() {
    let acme = acme().await;
    let old = service_account_key(&acme, "gone-already").await;
    revoke_elsewhere(&acme.server, &old.key_id);

    let gone = acme
        .org
        .start_key_rotation(&acme.project, &old.key_id, "rotate-gone")
        .await;
    let (error, message) = message_of(gone);
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(message.contains("no longer exists") && message.contains("nothing was created"));
    assert!(acme.org.key_rotations().is_empty());
}

#[tokio::test]
async fn a_persons_key_is_explained_instead_of_rotated() {
    let acme = acme().await;
    let user_key = acme
        .server
        .state()
        .api_keys(acme.project.as_str())
        .into_iter()
        .find(|k| k.owner.kind == "user")
        .expect("a seeded user key");
    let key = ApiKeyId::from(user_key.id.as_str());

    let (error, message) = message_of(acme.org.plan_key_rotation(&acme.project, &key).await);
    assert!(matches!(error, Error::NotSupported(_)), "{error:?}");
    assert!(message.contains("belongs to a person"), "{message}");
    assert!(message.contains("service-account key instead"), "{message}");
    let start = acme
        .org
        .start_key_rotation(&acme.project, &key, "rotate-user")
        .await;
    assert!(matches!(message_of(start).0, Error::NotSupported(_)));
    assert!(acme.org.key_rotations().is_empty());
}

#[tokio::test]
async fn a_second_rotation_of_the_same_key_or_of_its_new_key_is_refused() {
    let acme = acme().await;
    let old = service_account_key(&acme, "one-at-a-time").await;
    let started = start(&acme, &old.key_id, "rotate-first").await;

    let twice = acme
        .org
        .start_key_rotation(&acme.project, &old.key_id, "rotate-second")
        .await;
    let (error, message) = message_of(twice);
    assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    assert!(message.contains("already being rotated"), "{message}");
    let new = new_key_id(&started);
    let of_new = acme
        .org
        .start_key_rotation(&acme.project, &new, "rotate-new")
        .await;
    assert!(message_of(of_new).1.contains("already being rotated"));
    let account = ServiceAccountId::from(old.service_account_id.as_str());
    assert_eq!(
        working_keys(&acme.server, &account).len(),
        2,
        "no third key"
    );
}

#[tokio::test]
async fn an_unknown_or_malformed_rotation_id_is_refused_with_what_to_do() {
    let acme = acme().await;
    let unknown = RotationId::new().to_string();
    for result in [
        acme.org.key_rotation_status(&unknown).await,
        acme.org.finish_key_rotation(&unknown, None).await,
        acme.org.abandon_key_rotation(&unknown).await,
    ] {
        let (error, message) = message_of(result);
        assert!(matches!(error, Error::NotFound(_)), "{error:?}");
        assert!(
            message.contains("no key rotation with that id"),
            "{message}"
        );
    }
    let (error, message) = message_of(acme.org.key_rotation_status("../etc/passwd").await);
    assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    assert!(message.contains("reopen the rotation"), "{message}");
}

#[tokio::test]
async fn a_rotation_of_another_organization_is_not_found_here() {
    let acme = acme().await;
    let old = service_account_key(&acme, "elsewhere").await;
    let started = start(&acme, &old.key_id, "rotate-other-org").await;
    let demo = support::demo_org(&acme.h.keywarden);
    let other = demo.key_rotation_status(&rotation_id(&started)).await;
    assert!(matches!(message_of(other).0, Error::NotFound(_)));
}

#[tokio::test]
async fn a_service_account_deleted_before_the_start_fails_clearly() {
    let acme = acme().await;
    let old = service_account_key(&acme, "deleted-account").await;
    let (project, account) = (acme.project.to_string(), old.service_account_id.to_string());
    acme.server
        .with_state(|s| s.delete_service_account(&project, &account))
        .unwrap();

    let (error, message) = message_of(
        acme.org
            .start_key_rotation(&acme.project, &old.key_id, "rotate-deleted")
            .await,
    );
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(message.contains("nothing to rotate"), "{message}");
    assert!(acme.org.key_rotations().is_empty());
}

#[tokio::test]
async fn a_service_account_deleted_while_watched_is_reported_and_abandon_cleans_up() {
    let acme = acme().await;
    let old = service_account_key(&acme, "vanishing").await;
    let started = start(&acme, &old.key_id, "rotate-vanishing").await;
    let (project, account) = (acme.project.to_string(), old.service_account_id.to_string());
    acme.server
        .with_state(|s| s.delete_service_account(&project, &account))
        .unwrap();

    let seen = status(&acme, &started).await;
    assert!(seen.service_account_gone, "{seen:?}");
    assert_eq!(seen.old_key.state, KeyState::Gone);
    assert!(!seen.can_finish && !seen.can_override && seen.can_abandon);
    assert!(
        seen.message.contains("deleted outside Keywarden"),
        "{}",
        seen.message
    );
    let finish = acme
        .org
        .finish_key_rotation(&rotation_id(&started), Some("vanishing"))
        .await;
    assert!(message_of(finish).1.contains("no longer exists"));

    let closed = acme
        .org
        .abandon_key_rotation(&rotation_id(&started))
        .await
        .unwrap();
    assert_eq!(closed.rotation.phase, RotationPhase::Abandoned);
    assert!(
        closed.message.contains("already gone"),
        "{}",
        closed.message
    );
    assert!(acme.org.key_rotations().is_empty());
}

#[tokio::test]
async fn an_old_key_revoked_elsewhere_completes_the_rotation_and_refuses_an_abandon() {
    let acme = acme().await;
    let old = service_account_key(&acme, "revoked-old").await;
    let started = start(&acme, &old.key_id, "rotate-revoked-old").await;
    revoke_elsewhere(&acme.server, &old.key_id);

    let refused = acme.org.abandon_key_rotation(&rotation_id(&started)).await;
    let (error, message) = message_of(refused);
    assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    assert!(message.contains("already revoked"), "{message}");
    assert!(
        !out_of_service(&acme.server, &new_key_id(&started)),
        "the new key is kept"
    );
    assert!(
        acme.org.key_rotations().is_empty(),
        "the rotation completed"
    );
}

#[tokio::test]
async fn an_old_key_revoked_elsewhere_while_watched_reads_as_already_revoked() {
    let acme = acme().await;
    let old = service_account_key(&acme, "watched-old").await;
    let started = start(&acme, &old.key_id, "rotate-watched-old").await;
    revoke_elsewhere(&acme.server, &old.key_id);

    let done = status(&acme, &started).await;
    assert_eq!(done.rotation.phase, RotationPhase::Completed);
    assert!(
        done.message.contains("already revoked outside Keywarden"),
        "{}",
        done.message
    );
    assert!(acme.org.key_rotations().is_empty());
}

#[tokio::test]
async fn a_new_key_revoked_elsewhere_refuses_the_finish_and_keeps_the_old_key() {
    let acme = acme().await;
    let old = service_account_key(&acme, "revoked-new").await;
    let started = start(&acme, &old.key_id, "rotate-revoked-new").await;
    let new = new_key_id(&started);
    acme.server.use_key(new.as_str());
    revoke_elsewhere(&acme.server, &new);

    let finish = acme
        .org
        .finish_key_rotation(&rotation_id(&started), None)
        .await;
    let (error, message) = message_of(finish);
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(message.contains("was kept"), "{message}");
    assert!(!out_of_service(&acme.server, &old.key_id));
    let seen = status(&acme, &started).await;
    assert_eq!(seen.new_key.as_ref().map(|k| k.state), Some(KeyState::Gone));
    assert!(!seen.can_finish && seen.can_abandon);
    assert!(
        seen.message.contains("revoked outside Keywarden"),
        "{}",
        seen.message
    );

    let closed = acme
        .org
        .abandon_key_rotation(&rotation_id(&started))
        .await
        .unwrap();
    assert_eq!(closed.rotation.phase, RotationPhase::Abandoned);
    assert!(!out_of_service(&acme.server, &old.key_id));
}
