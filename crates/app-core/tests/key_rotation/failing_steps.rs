//! Every step of a rotation can fail; none leaves two unknown keys or a revoked key in use.

use std::time::Duration;

use fake_admin_api::{Fault, FaultRule};

use super::*;

fn server_error() -> Fault {
    Fault::Status {
        status: 500,
        retry_after: None,
    }
}

#[tokio::test]
async fn a_mint_the_server_refuses_leaves_no_rotation_and_no_new_key() {
    let acme = acme().await;
    let old = service_account_key(&acme, "policy-bound").await;
    acme.server.set_org_expiry_policy(Some(30));

    let refused = acme
        .org
        .start_key_rotation(&acme.project, &old.key_id, "rotate-refused")
        .await;
    let (error, message) = message_of(refused);
    assert!(matches!(error, Error::Refused { .. }), "{error:?}");
    assert!(
        message.contains("30 days"),
        "the server's own words: {message}"
    );
    assert!(
        acme.org.key_rotations().is_empty(),
        "nothing to finish or abandon"
    );
    let account = ServiceAccountId::from(old.service_account_id.as_str());
    assert_eq!(
        working_keys(&acme.server, &account),
        [old.key_id.to_string()]
    );
}

#[tokio::test]
async fn a_mint_whose_response_is_lost_is_reconciled_and_its_unusable_key_taken_out() {
    let acme = acme().await;
    let old = service_account_key(&acme, "lost-response").await;
    let lose = FaultRule::new(Fault::LoseCreateResponse)
        .on_path("/api_keys")
        .on_method("POST");
    acme.server.inject(lose);

    let lost = acme
        .org
        .start_key_rotation(&acme.project, &old.key_id, "rotate-lost")
        .await;
    let (error, message) = message_of(lost);
    assert!(matches!(error, Error::KeyChangeFailed(_)), "{error:?}");
    assert!(message.contains("secret was lost"), "{message}");
    assert!(message.contains("keeps working"), "{message}");
    let account = ServiceAccountId::from(old.service_account_id.as_str());
    assert_eq!(
        working_keys(&acme.server, &account),
        [old.key_id.to_string()],
        "the key nobody can use was taken out at once; the old key works"
    );
    assert!(acme.org.key_rotations().is_empty());
}

#[tokio::test]
async fn a_mint_cut_short_by_a_restart_is_found_by_the_next_look_and_can_only_be_abandoned() {
    let acme = acme().await;
    let old = service_account_key(&acme, "cut-short").await;
    acme.server.inject(
        FaultRule::new(Fault::Hang)
            .on_path("/api_keys")
            .on_method("POST"),
    );
    let cut = tokio::time::timeout(
        Duration::from_millis(1500),
        acme.org
            .start_key_rotation(&acme.project, &old.key_id, "rotate-cut"),
    )
    .await;
    assert!(
        cut.is_err(),
        "Keywarden stopped while the mint was under way"
    );
    let minting = acme.org.key_rotations();
    assert_eq!(minting.len(), 1);
    assert_eq!(minting[0].phase, RotationPhase::Minting);
    // The server made the key before the run ended (the request reached it).
    let name = minting[0].new_key_name.clone();
    let made = acme.server.with_state(|s| {
        let terms = fake_admin_api::state::NewKeyTerms::default();
        s.create_service_account_key(
            acme.project.as_str(),
            old.service_account_id.as_str(),
            Some(&name),
            &terms,
        )
    });
    let made = ApiKeyId::from(made.unwrap().id.as_str());

    let Acme {
        h, server, project, ..
    } = acme;
    let h = h.restart().await;
    let org = h.keywarden.org(&acme_id(&h)).unwrap();
    let id = minting[0].id.to_string();
    let found = org.key_rotation_status(&id).await.unwrap();
    assert_eq!(found.rotation.phase, RotationPhase::Watching);
    assert_eq!(found.rotation.new_key.as_ref().map(|k| &k.id), Some(&made));
    assert!(found.rotation.secret_lost && !found.can_finish && !found.can_override);
    assert!(
        found.message.contains("never reached you"),
        "{}",
        found.message
    );
    let refused = org.finish_key_rotation(&id, Some("cut-short")).await;
    assert!(message_of(refused).1.contains("nobody has the new key"));

    let abandoned = org.abandon_key_rotation(&id).await.unwrap();
    assert_eq!(abandoned.rotation.phase, RotationPhase::Abandoned);
    assert!(out_of_service(&server, &made));
    assert!(!out_of_service(&server, &old.key_id));
    let _ = project;
}

#[tokio::test]
async fn a_mint_cut_short_before_the_server_made_anything_ends_as_failed_with_nothing_changed() {
    let acme = acme().await;
    let old = service_account_key(&acme, "never-made").await;
    acme.server.inject(
        FaultRule::new(Fault::Hang)
            .on_path("/api_keys")
            .on_method("POST"),
    );
    let cut = tokio::time::timeout(
        Duration::from_millis(1500),
        acme.org
            .start_key_rotation(&acme.project, &old.key_id, "rotate-never"),
    )
    .await;
    assert!(cut.is_err());
    let id = acme.org.key_rotations()[0].id.to_string();

    let Acme { h, server, .. } = acme;
    let h = h.restart().await;
    let org = h.keywarden.org(&acme_id(&h)).unwrap();
    let ended = org.key_rotation_status(&id).await.unwrap();
    assert_eq!(ended.rotation.phase, RotationPhase::Failed);
    assert!(
        ended.message.contains("No new key was created"),
        "{}",
        ended.message
    );
    assert!(org.key_rotations().is_empty());
    let account = ServiceAccountId::from(old.service_account_id.as_str());
    assert_eq!(working_keys(&server, &account), [old.key_id.to_string()]);
}

#[tokio::test]
async fn a_failed_revoke_of_the_old_key_keeps_the_rotation_watching_with_the_error() {
    let acme = acme().await;
    let old = service_account_key(&acme, "flaky-revoke").await;
    let started = start(&acme, &old.key_id, "rotate-flaky").await;
    acme.server.use_key(new_key_id(&started).as_str());
    let fail = FaultRule::new(server_error()).on_method("DELETE");
    acme.server.inject(fail);

    let failed = acme
        .org
        .finish_key_rotation(&rotation_id(&started), None)
        .await;
    let (error, message) = message_of(failed);
    assert!(matches!(error, Error::KeyChangeFailed(_)), "{error:?}");
    assert!(message.contains("still being watched"), "{message}");
    assert!(
        !out_of_service(&acme.server, &old.key_id),
        "the old key still works"
    );
    let after = status(&acme, &started).await;
    assert_watching(&after);
    assert!(
        after.rotation.last_error.is_some(),
        "the error is kept with the rotation"
    );
    assert!(after.can_finish, "and the finish can be tried again");

    let done = acme
        .org
        .finish_key_rotation(&rotation_id(&started), None)
        .await;
    assert_eq!(done.unwrap().rotation.phase, RotationPhase::Completed);
    assert!(out_of_service(&acme.server, &old.key_id));
}

#[tokio::test]
async fn a_failed_abandon_keeps_the_rotation_watching_and_the_old_key() {
    let acme = acme().await;
    let old = service_account_key(&acme, "flaky-abandon").await;
    let started = start(&acme, &old.key_id, "rotate-flaky-abandon").await;
    acme.server
        .inject(FaultRule::new(server_error()).on_method("DELETE"));

    let failed = acme.org.abandon_key_rotation(&rotation_id(&started)).await;
    assert!(message_of(failed).1.contains("could not be revoked"));
    let after = status(&acme, &started).await;
    assert_watching(&after);
    assert!(!out_of_service(&acme.server, &new_key_id(&started)));

    let abandoned = acme.org.abandon_key_rotation(&rotation_id(&started)).await;
    assert_eq!(abandoned.unwrap().rotation.phase, RotationPhase::Abandoned);
    assert!(out_of_service(&acme.server, &new_key_id(&started)));
    assert!(!out_of_service(&acme.server, &old.key_id));
}
