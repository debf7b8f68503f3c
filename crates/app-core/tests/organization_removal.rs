//! Removing an organization leaves nothing of it behind, its activity included: the activity
//! file beside the settings keeps every other organization's entries and none of the removed one,
//! and the journal of new keys waiting to be stored forgets the removed organization's keys.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use app_core::OrgId;
use fake_admin_api::{FakeOptions, FakeServer};
use openai_admin::ProjectId;
use support::{add_remote, harness, Harness};

async fn remote() -> FakeServer {
    FakeServer::start(FakeOptions {
        projects: 1,
        keys_per_project: 1,
        ..FakeOptions::default()
    })
    .await
    .expect("fake server")
}

/// Creates one key in the organization's first project, which records it in the activity.
async fn create_a_key(h: &Harness, org: &OrgId, server: &FakeServer, request_id: &str) {
    let org = h.keywarden.org(org).unwrap();
    let project = ProjectId::from(server.state().projects(false)[0].id.as_str());
    org.create_key(&project, "ci-deploy", &Default::default(), request_id)
        .await
        .unwrap();
    assert!(!org.activity().is_empty(), "the create was recorded");
}

/// The activity file's text (debug builds keep it as `activity.dev.json`).
fn activity_text(h: &Harness) -> String {
    let path = h.dir.path().join("activity.dev.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of the journal of new keys not yet stored (`pending-reveals.dev.json` in debug builds).
fn journal_text(h: &Harness) -> String {
    let path = h.dir.path().join("pending-reveals.dev.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[tokio::test]
async fn removing_an_organization_removes_its_activity_and_pending_keys_and_keeps_the_others() {
    let h = harness().await;
    let (acme_server, globex_server) = (remote().await, remote().await);
    let acme = add_remote(&h, "Acme", &acme_server).await.id().clone();
    let globex = add_remote(&h, "Globex", &globex_server).await.id().clone();
    create_a_key(&h, &acme, &acme_server, "req-acme").await;
    create_a_key(&h, &globex, &globex_server, "req-globex").await;
    assert!(activity_text(&h).contains(acme.as_str()));

    h.keywarden.remove_organization(&acme).await.unwrap();

    let text = activity_text(&h);
    assert!(!text.contains(acme.as_str()), "{text}");
    let logs: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(logs.get(acme.as_str()).is_none(), "{text}");
    assert!(logs.get(globex.as_str()).is_some(), "{text}");
    let remaining = h.keywarden.org(&globex).unwrap().activity();
    assert!(!remaining.is_empty(), "Globex keeps its activity");

    let journal = journal_text(&h);
    assert!(!journal.contains(acme.as_str()), "{journal}");
    assert!(
        journal.contains(globex.as_str()),
        "Globex's pending key stays: {journal}"
    );

    let h = h.restart().await;
    let restarted = h.keywarden.org(&globex).unwrap().activity();
    assert!(restarted.len() >= remaining.len(), "kept across a restart");
    assert!(!activity_text(&h).contains(acme.as_str()));
}
