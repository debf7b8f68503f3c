//! A rotation outlives Keywarden: the next start lists it and carries on. Its file is
//! owner-only and holds no secret.

use super::*;

#[tokio::test]
async fn a_rotation_survives_a_restart_and_is_finished_by_the_next_instance() {
    let acme = acme().await;
    let old = service_account_key(&acme, "survivor").await;
    let started = start(&acme, &old.key_id, "rotate-survive").await;
    let new = new_key_id(&started);
    store_new_key(&acme, &started).await;

    let Acme { h, server, .. } = acme;
    let h = h.restart().await;
    let listed = h.keywarden.key_rotations();
    assert_eq!(
        listed.len(),
        1,
        "the rotation is listed again after the restart"
    );
    assert_eq!(listed[0].org_label, "Acme");
    assert_eq!(listed[0].rotation.id, started.rotation.id);
    assert!(!listed[0].busy);

    let org = h.keywarden.org(&acme_id(&h)).unwrap();
    let id = rotation_id(&started);
    let watched = org.key_rotation_status(&id).await.unwrap();
    assert_watching(&watched);
    assert!(
        !watched.rotation.secret_lost,
        "the reveal happened before the restart"
    );
    assert!(
        watched.server_now.is_some(),
        "the server's clock is still known"
    );
    server.use_key(new.as_str());
    let done = org.finish_key_rotation(&id, None).await.unwrap();
    assert_eq!(done.rotation.phase, RotationPhase::Completed);
    assert!(out_of_service(&server, &old.key_id));
    assert!(h.keywarden.key_rotations().is_empty());
}

#[cfg(unix)]
#[tokio::test]
async fn the_rotations_file_is_owner_only_and_holds_no_secret() {
    use std::os::unix::fs::PermissionsExt;

    let acme = acme().await;
    let old = service_account_key(&acme, "private").await;
    let started = start(&acme, &old.key_id, "rotate-private").await;
    let path = acme.h.dir.path().join("key-rotations.dev.json");
    let text = std::fs::read_to_string(&path).expect("the rotation is written beside the settings");

    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "owner-only");
    assert!(
        text.contains(&started.rotation.new_key_name),
        "it names the new key"
    );
    for minted in acme.server.state().minted_values() {
        assert!(!text.contains(&minted), "a minted secret is in the file");
        let tail = &minted[minted.len() - 4..];
        assert!(!text.contains(&format!("…{tail}")), "nor a masked one");
    }
    assert!(!text.contains("sk-"), "no key value of any kind: {text}");

    acme.org
        .abandon_key_rotation(&rotation_id(&started))
        .await
        .unwrap();
    assert!(!path.exists(), "the file goes with the last rotation");
}

#[tokio::test]
async fn an_unreadable_rotations_file_is_kept_aside_and_reported_at_start() {
    let acme = acme().await;
    let Acme { h, .. } = acme;
    std::fs::write(h.dir.path().join("key-rotations.dev.json"), "{ not json").unwrap();
    let h = h.restart().await;
    let notices = h.keywarden.startup_notices().join("\n");
    assert!(
        notices.contains("key rotations in progress could not be read"),
        "{notices}"
    );
    assert!(
        notices.contains("revoke the one you no longer use"),
        "{notices}"
    );
    assert!(h.keywarden.key_rotations().is_empty());
}

#[tokio::test]
async fn a_reveal_cut_short_by_a_restart_leaves_the_rotation_to_abandon_not_the_lost_key_warning() {
    let acme = acme().await;
    let old = service_account_key(&acme, "cut-reveal").await;
    let started = start(&acme, &old.key_id, "rotate-cut-reveal").await;

    let Acme { h, server, .. } = acme;
    let h = h.restart().await;
    assert!(
        h.keywarden.lost_new_keys().is_empty(),
        "no warning offers to revoke the key (and with it the account and the old key)"
    );
    let org = h.keywarden.org(&acme_id(&h)).unwrap();
    let id = rotation_id(&started);
    let seen = org.key_rotation_status(&id).await.unwrap();
    assert!(seen.rotation.secret_lost && !seen.can_finish && seen.can_abandon);
    assert!(
        seen.message.contains("never reached you"),
        "{}",
        seen.message
    );
    org.abandon_key_rotation(&id).await.unwrap();
    assert!(out_of_service(&server, &new_key_id(&started)));
    assert!(
        !out_of_service(&server, &old.key_id),
        "the old key and its account are kept"
    );
}

#[tokio::test]
async fn a_copied_reveal_cut_short_by_a_restart_keeps_the_rotation_going() {
    let acme = acme().await;
    let old = service_account_key(&acme, "copied-reveal").await;
    let started = start(&acme, &old.key_id, "rotate-copied-reveal").await;
    let reveal = started.created.as_ref().unwrap().reveal_id.to_string();
    acme.org.copy_new_key(&reveal).await.unwrap();

    let Acme { h, server, .. } = acme;
    let h = h.restart().await;
    assert!(h.keywarden.lost_new_keys().is_empty());
    let org = h.keywarden.org(&acme_id(&h)).unwrap();
    let id = rotation_id(&started);
    server.use_key(new_key_id(&started).as_str());
    let seen = org.key_rotation_status(&id).await.unwrap();
    assert!(!seen.rotation.secret_lost && seen.can_finish, "{seen:?}");
}
