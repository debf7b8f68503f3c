//! What each key does, costs and went through, in the real window: a key used only for
//! embeddings (its key object says "never used") shows its usage once usage is read and leaves
//! the "never used" findings; its detail panel shows embeddings in tokens, its spend per day and
//! its audit history; the organization shows spend by project as a chart; and an organization
//! whose audit logging is off says so instead of showing an empty history. Needs `make test`'s
//! desktop session.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use fake_admin_api::seed::EMBEDDINGS_INDEXER;
use fake_admin_api::{FakeOptions, FakeServer, Fault, FaultRule};
use keywarden_e2e::flows::{dialogs_closed, open_org, window_with_organization};
use keywarden_e2e::{TextMatch, Window};

async fn start(name: &str) -> (FakeServer, Window, String) {
    let options = FakeOptions {
        projects: 3,
        keys_per_project: 4,
        ..Default::default()
    };
    let server = FakeServer::start(options).await.unwrap();
    let (url, key) = (server.base_url(), server.admin_key());
    let window = window_with_organization(name, "Insight e2e", &url, &key)
        .await
        .expect("the window opens with the organization added");
    dialogs_closed(&window).await.unwrap();
    window
        .wait_gone("[data-testid='cancel-refresh']")
        .await
        .unwrap();
    let indexer = server
        .state()
        .projects(false)
        .iter()
        .flat_map(|p| server.state().api_keys(&p.id))
        .find(|k| k.name == EMBEDDINGS_INDEXER)
        .expect("the seed has the embeddings-only key")
        .id;
    (server, window, indexer)
}

/// The ids the "never used" finding lists.
async fn never_used_ids(window: &Window, org: &str) -> Vec<String> {
    open_org(window, org).await.unwrap();
    window
        .click("[data-testid='hygiene-finding'][data-rule='neverUsed']")
        .await
        .unwrap();
    window.wait_for("tr[data-key-id]").await.unwrap();
    window
        .attributes("tr[data-key-id]", "data-key-id")
        .await
        .unwrap()
}

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn an_embeddings_only_key_shows_its_usage_and_is_not_flagged_unused() {
    let (server, window, indexer) = start("insight").await;
    let before = never_used_ids(&window, "Insight e2e").await;
    assert!(
        before.contains(&indexer),
        "before usage is read, the key object alone calls it never used: {before:?}"
    );

    open_org(&window, "Insight e2e").await.unwrap();
    window.wait_for("[data-testid='org-spend-chart']").await.expect(
        "the organization shows its spend by project as a chart (costs are read with every refresh)",
    );
    // A slow server, so the read is seen under way with how far it is.
    server.set_latency(std::time::Duration::from_millis(1500));
    window.click("[data-testid='refresh-usage']").await.unwrap();
    window
        .wait_for_text("[data-testid='usage-status']", &TextMatch::containing("%"))
        .await
        .expect("the read says how far it is");
    window.screenshot("89-usage-read-progress").await.unwrap();
    server.set_latency(std::time::Duration::ZERO);
    window
        .wait_for_text(
            "[data-testid='usage-status']",
            &TextMatch::containing("kind read"),
        )
        .await
        .unwrap();
    let ipc = window.recorded_ipc().await.unwrap();
    assert!(
        ipc.contains("refresh_usage:progress") && ipc.contains(r#""done":270,"total":270"#),
        "the read told the window how far it was, up to every day of every report"
    );
    window.screenshot("90-org-spend-and-usage").await.unwrap();

    let after = never_used_ids(&window, "Insight e2e").await;
    assert!(
        !after.contains(&indexer),
        "a key making embeddings requests is not 'never used': {after:?}"
    );
    let never_used_on_server: Vec<String> = server
        .state()
        .projects(false)
        .iter()
        .flat_map(|p| server.state().api_keys(&p.id))
        .filter(|k| k.last_used_at.is_none() && k.name != EMBEDDINGS_INDEXER)
        .map(|k| k.id)
        .filter(|id| before.contains(id))
        .collect();
    for id in &never_used_on_server {
        assert!(after.contains(id), "{id}: a truly unused key stays flagged");
    }

    let project = server.state().projects(false)[0].id.clone();
    window
        .click(&format!(
            ".org:nth-of-type(2) button[data-project-id='{project}']"
        ))
        .await
        .unwrap();
    let row = format!("tr[data-key-id='{indexer}'] [data-testid='key-usage']");
    let text = window
        .wait_for_text(
            &format!("{row} [data-testid='key-usage-text']"),
            &TextMatch::containing("req"),
        )
        .await
        .expect("the row's sparkline counts its requests");
    assert!(!text.starts_with("0 "), "{text}");
    window.screenshot("91-keys-with-sparklines").await.unwrap();

    window.click(&row).await.unwrap();
    let figures = window
        .wait_for_text(
            "[data-testid='usage-kind'][data-kind='embeddings'] [data-testid='usage-kind-figures']",
            &TextMatch::containing("tokens"),
        )
        .await
        .expect("the detail panel shows embeddings in tokens");
    assert!(figures.contains("request"), "{figures}");
    assert_eq!(
        window.count("[data-testid='usage-kind']").await.unwrap(),
        1,
        "an embeddings-only key has no other kind"
    );
    window
        .wait_for("[data-testid='key-spend-daily']")
        .await
        .expect("its spend per day");
    window
        .wait_for("[data-testid='key-history-event'][data-kind='api_key.created']")
        .await
        .expect("its history starts with its creation");
    window.screenshot("92-key-details").await.unwrap();
    window
        .click("[data-testid='key-details-close']")
        .await
        .unwrap();
    dialogs_closed(&window).await.unwrap();
    window.close().await.unwrap();
}

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn an_organization_without_audit_logging_says_so_instead_of_an_empty_history() {
    let (server, window, indexer) = start("insight-no-audit").await;
    server.inject(
        FaultRule::new(Fault::AuditLogsDisabled)
            .on_path("/organization/audit_logs")
            .always(),
    );
    let project = server.state().projects(false)[0].id.clone();
    open_org(&window, "Insight e2e").await.unwrap();
    window
        .click(&format!(
            ".org:nth-of-type(2) button[data-project-id='{project}']"
        ))
        .await
        .unwrap();
    window
        .click(&format!(
            "tr[data-key-id='{indexer}'] [data-testid='key-usage']"
        ))
        .await
        .unwrap();
    let said = window
        .wait_for_text(
            "[data-testid='key-history-gap'][data-reason='loggingOff']",
            &TextMatch::containing("audit logging"),
        )
        .await
        .expect("the history says audit logging is off");
    assert_eq!(
        window
            .count("[data-testid='key-history-event']")
            .await
            .unwrap(),
        0
    );
    window
        .wait_for("[data-testid='key-usage-not-loaded']")
        .await
        .expect("usage not read yet is said, not shown as zero");
    println!("audit logging off: {said}");
    window
        .screenshot("93-key-details-no-audit-log")
        .await
        .unwrap();
    window.close().await.unwrap();
}
