//! A new key is never lost unseen: before its reveal is shown a metadata-only record is written
//! durably beside the settings; acknowledging clears it; a key never copied is wiped only when
//! the user confirms; and a reveal left open when the app dies comes back on the next start as
//! a lost key (marked in the activity) that can be revoked or kept. A corrupt journal is kept
//! aside and never blocks a start.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use app_core::key_lifecycle::{
    Acknowledged, ActivityAction, CreateOutcome, CreatedKey, RevealJournal,
};
use app_core::{ConfigStore, Org, OrgId, DEMO_ORG_ID};
use fake_admin_api::{FakeOptions, FakeServer};
use openai_admin::{ApiKeyId, ProjectId};
use support::{harness, Harness};

/// A harness with one remote organization on its own fake server (which outlives restarts).
async fn with_remote() -> (Harness, FakeServer, OrgId, ProjectId) {
    let h = harness().await;
    let server = FakeServer::start(FakeOptions {
        projects: 2,
        keys_per_project: 1,
        ..FakeOptions::default()
    })
    .await
    .unwrap();
    let org = support::add_remote(&h, "Acme", &server).await.id().clone();
    let project = ProjectId::from(server.state().projects(false)[0].id.as_str());
    (h, server, org, project)
}

async fn create(h: &Harness, org: &OrgId, project: &ProjectId, name: &str) -> CreatedKey {
    let request = format!("req-{name}");
    match on(h, org)
        .create_key(project, name, &Default::default(), &request)
        .await
    {
        Ok(CreateOutcome::Created(key)) => key,
        other => panic!("expected a created key, got {other:?}"),
    }
}

/// The handle of organization `org`.
fn on(h: &Harness, org: &OrgId) -> Org {
    h.keywarden.org(org).unwrap()
}

fn journal(h: &Harness) -> RevealJournal {
    RevealJournal::beside(&ConfigStore::new(h.config_path()))
}

fn actions(h: &Harness, org: &OrgId, key: &ApiKeyId) -> Vec<ActivityAction> {
    let entries = on(h, org).activity();
    let of_key = entries.iter().filter(|e| e.key_id.as_ref() == Some(key));
    let mut actions: Vec<ActivityAction> = of_key.map(|e| e.action).collect();
    actions.reverse();
    actions
}

#[tokio::test]
async fn a_record_without_the_secret_is_written_owner_only_before_the_reveal_is_shown() {
    let (h, server, org, project) = with_remote().await;
    let key = create(&h, &org, &project, "ci-deploy").await;

    let path = journal(&h).path().to_path_buf();
    let text = std::fs::read_to_string(&path).expect("the journal exists once create returns");
    for expected in [
        org.as_str(),
        "Acme",
        project.as_str(),
        key.key_id.as_str(),
        key.service_account_id.as_str(),
        "ci-deploy",
    ] {
        assert!(text.contains(expected), "{expected} missing from {text}");
    }
    for secret in server.state().minted_values() {
        assert!(!text.contains(&secret), "the journal holds a secret");
        let head: String = secret.chars().take(12).collect();
        assert!(!text.contains(&head), "the journal holds part of a secret");
    }
    assert!(
        !text.contains(&key.redacted_value),
        "no redacted value either"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the journal is readable by its owner only"
        );
    }
}

#[tokio::test]
async fn acknowledging_a_copied_key_clears_its_record() {
    let (h, _server, org, project) = with_remote().await;
    let key = create(&h, &org, &project, "ci-deploy").await;
    let reveal = key.reveal_id.to_string();
    on(&h, &org).copy_new_key(&reveal).await.unwrap();
    assert!(
        h.keywarden.pending_new_keys()[0].copied,
        "Rust knows it was copied"
    );

    let done = on(&h, &org).acknowledge_new_key(&reveal, false).unwrap();
    assert_eq!(done, Acknowledged::Wiped);
    assert!(!journal(&h).path().exists(), "no record is left");
    assert!(h.keywarden.pending_new_keys().is_empty());
    assert_eq!(
        actions(&h, &org, &key.key_id),
        [
            ActivityAction::Created,
            ActivityAction::Copied,
            ActivityAction::Acknowledged
        ]
    );
}

#[tokio::test]
async fn a_key_never_copied_is_wiped_only_when_the_user_confirms() {
    let (h, _server, org, project) = with_remote().await;
    let key = create(&h, &org, &project, "ci-deploy").await;
    let reveal = key.reveal_id.to_string();

    let first = on(&h, &org).acknowledge_new_key(&reveal, false).unwrap();
    assert_eq!(first, Acknowledged::NotCopied);
    assert_eq!(h.keywarden.pending_new_keys().len(), 1, "still held");
    assert!(journal(&h).path().exists(), "still recorded");
    assert_eq!(actions(&h, &org, &key.key_id), [ActivityAction::Created]);

    let confirmed = on(&h, &org).acknowledge_new_key(&reveal, true).unwrap();
    assert_eq!(confirmed, Acknowledged::Discarded);
    assert!(h.keywarden.pending_new_keys().is_empty());
    assert!(!journal(&h).path().exists());
    assert_eq!(
        actions(&h, &org, &key.key_id),
        [ActivityAction::Created, ActivityAction::Discarded],
        "the activity never claims the key was stored"
    );
    let again = on(&h, &org).acknowledge_new_key(&reveal, true).unwrap();
    assert_eq!(again, Acknowledged::AlreadyGone);
}

#[tokio::test]
async fn a_reveal_left_open_when_the_app_dies_comes_back_as_a_lost_key() {
    let (h, _server, org, project) = with_remote().await;
    let key = create(&h, &org, &project, "ci-deploy").await;
    let h = h.restart().await;

    assert!(h.keywarden.pending_new_keys().is_empty(), "the secret died");
    let lost = h.keywarden.lost_new_keys();
    assert_eq!(lost.len(), 1);
    let record = &lost[0];
    assert_eq!(record.name, "ci-deploy");
    assert_eq!(record.key_id, key.key_id);
    assert_eq!(record.service_account_id, key.service_account_id);
    assert_eq!(record.org_id, org);
    assert_eq!(record.org_label, "Acme");
    assert!(!record.copied);
    assert!(record.lost_at.is_some());
    let marked = [ActivityAction::Created, ActivityAction::Lost];
    assert_eq!(actions(&h, &org, &key.key_id), marked);

    let h = h.restart().await;
    assert_eq!(
        h.keywarden.lost_new_keys().len(),
        1,
        "asked again until dealt with"
    );
    assert_eq!(
        actions(&h, &org, &key.key_id),
        marked,
        "marked lost only once"
    );
}

#[tokio::test]
async fn a_lost_key_that_had_been_copied_says_so() {
    let (h, _server, org, project) = with_remote().await;
    let key = create(&h, &org, &project, "ci-deploy").await;
    let reveal = key.reveal_id.to_string();
    on(&h, &org).copy_new_key(&reveal).await.unwrap();
    let h = h.restart().await;
    let lost = h.keywarden.lost_new_keys();
    assert!(lost[0].copied, "the record remembers the copy");
}

#[tokio::test]
async fn revoking_a_lost_key_clears_it_and_leaves_no_service_account_behind() {
    let (h, server, org, project) = with_remote().await;
    let key = create(&h, &org, &project, "ci-deploy").await;
    let h = h.restart().await;

    let preview = on(&h, &org)
        .revoke_preview(&project, &key.key_id)
        .await
        .unwrap();
    assert!(
        preview.summary.contains("service account"),
        "{}",
        preview.summary
    );
    on(&h, &org)
        .revoke_key(&project, &key.key_id, None)
        .await
        .unwrap();
    assert!(h.keywarden.lost_new_keys().is_empty());
    assert!(!journal(&h).path().exists());
    let accounts = server.state().service_accounts(project.as_str());
    assert!(!accounts
        .iter()
        .any(|a| a.id == key.service_account_id.as_str()));
}

#[tokio::test]
async fn a_kept_lost_key_is_forgotten_but_a_pending_reveal_cannot_be_dismissed() {
    let (h, _server, org, project) = with_remote().await;
    let lost = create(&h, &org, &project, "left-open").await;
    let h = h.restart().await;
    let pending = create(&h, &org, &project, "still-open").await;

    let dismissed = h.keywarden.dismiss_lost_key(&pending.reveal_id.to_string());
    assert!(!dismissed.unwrap(), "a reveal still open is not a lost key");
    assert!(h
        .keywarden
        .dismiss_lost_key(&lost.reveal_id.to_string())
        .unwrap());
    assert!(h.keywarden.lost_new_keys().is_empty());
    assert!(h.keywarden.dismiss_lost_key("not-a-uuid").is_err());

    let h = h.restart().await;
    let names: Vec<String> = h
        .keywarden
        .lost_new_keys()
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names, ["still-open"]);
}

#[tokio::test]
async fn a_corrupt_journal_is_kept_aside_and_does_not_block_the_start() {
    let (h, _server, org, _project) = with_remote().await;
    let path = journal(&h).path().to_path_buf();
    std::fs::write(&path, b"{ not json").unwrap();
    let h = h.restart().await;

    assert!(h.keywarden.list_organizations().iter().any(|o| o.id == org));
    let notice = h.keywarden.startup_notices().join("\n");
    assert!(notice.contains("kept as"), "{notice}");
    assert!(notice.contains("revoke it"), "{notice}");
    assert!(h.keywarden.lost_new_keys().is_empty());
    let kept = std::fs::read_dir(h.dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().contains(".corrupt-"));
    assert!(kept, "the unreadable journal is kept for inspection");
    assert!(!path.exists());
}

#[tokio::test]
async fn a_demo_key_left_open_is_marked_lost_and_not_offered_for_revoking() {
    let h = harness().await;
    let demo = OrgId::new(DEMO_ORG_ID);
    let project = ProjectId::from(
        h.keywarden.demo().unwrap().server().state().projects(false)[0]
            .id
            .as_str(),
    );
    let key = create(&h, &demo, &project, "demo-key").await;
    let h = h.restart().await;

    assert!(
        h.keywarden.lost_new_keys().is_empty(),
        "the demo server died with it"
    );
    assert!(!journal(&h).path().exists());
    assert_eq!(
        actions(&h, &demo, &key.key_id),
        [ActivityAction::Created, ActivityAction::Lost]
    );
}
