//! Key policy in the real window against a fake organization on loopback: a read-only key that
//! expires in 30 days is minted so, then given 90 days; an organization's expiry policy refuses
//! "never" with the server's words and the dialog keeps what was typed; the hygiene view lists
//! the seeded never-used and expired keys. Needs `make test`'s desktop session.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use fake_admin_api::{FakeOptions, FakeServer};
use keywarden_e2e::driver::WAIT;
use keywarden_e2e::flows::{
    eventually, start_create, store_revealed_key, window_with_organization,
};
use keywarden_e2e::{TextMatch, Window};

const DAY: i64 = 86_400;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

async fn start(name: &str) -> (FakeServer, Window, String) {
    let options = FakeOptions {
        projects: 2,
        keys_per_project: 4,
        ..Default::default()
    };
    let server = FakeServer::start(options).await.unwrap();
    let project = server.state().projects(false)[0].id.clone();
    let (url, key) = (server.base_url(), server.admin_key());
    let window = window_with_organization(name, "Policy e2e", &url, &key)
        .await
        .expect("the window opens with the organization added");
    (server, window, project)
}

async fn open_project(window: &Window, project: &str) {
    let button = format!(".org:nth-of-type(2) button[data-project-id='{project}']");
    window.click(&button).await.unwrap();
    window
        .wait_for(".keys-table tbody tr[data-key-id]")
        .await
        .unwrap();
}

/// The id of the one key of `project` that is not in `before`, once the fake has it.
async fn new_key(server: &FakeServer, project: &str, before: &[String]) -> String {
    eventually("the new key on the server", WAIT, || async {
        let keys = server.state().api_keys(project);
        keys.into_iter()
            .map(|k| k.id)
            .find(|id| !before.contains(id))
    })
    .await
    .unwrap()
}

fn key_ids(server: &FakeServer, project: &str) -> Vec<String> {
    let keys = server.state().api_keys(project);
    keys.into_iter().map(|k| k.id).collect()
}

/// Waits until the key row's cell `testid` reads exactly `text`.
async fn row_cell(window: &Window, key: &str, testid: &str, text: &str) {
    let css = format!("tr[data-key-id='{key}'] [data-testid='{testid}']");
    window
        .wait_for_text(&css, &TextMatch::exactly(text))
        .await
        .unwrap_or_else(|e| panic!("the row's {testid} should read {text:?}: {e}"));
}

fn assert_expires_in(expires_at: Option<i64>, days: i64) {
    let expires_at = expires_at.expect("the key has an expiry");
    let wanted = now() + days * DAY;
    assert!(
        (expires_at - wanted).abs() < 600,
        "expires at {expires_at}, wanted about {wanted} ({days} days out)"
    );
}

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn a_read_only_key_for_30_days_is_minted_so_and_then_given_90_days() {
    let (server, window, project) = start("policy").await;
    open_project(&window, &project).await;
    let before = key_ids(&server, &project);

    window.click("[data-testid='create-key']").await.unwrap();
    window
        .type_into("[data-testid='key-name']", "reporting-ro")
        .await
        .unwrap();
    window
        .click("[data-testid='policy-permissions-read-only']")
        .await
        .unwrap();
    window
        .choose("[data-testid='policy-expiry']", "days:30")
        .await
        .unwrap();
    window.screenshot("70-create-key-policy").await.unwrap();
    window
        .click("[data-testid='create-key-confirm']")
        .await
        .unwrap();
    window
        .wait_for("[data-testid='reveal-dialog']")
        .await
        .unwrap();
    let key = new_key(&server, &project, &before).await;
    let policy = server.api_key_policy(&key).unwrap();
    assert_eq!(policy.scopes, vec!["api.all.read".to_owned()]);
    assert_expires_in(policy.expires_at, 30);
    store_revealed_key(&window).await.unwrap();

    row_cell(&window, &key, "key-expires", "in 30 days").await;
    row_cell(&window, &key, "key-permissions", "read only").await;
    let row = format!("tr[data-key-id='{key}']");

    window
        .click(&format!("{row} [data-testid='edit-key-policy']"))
        .await
        .unwrap();
    window
        .choose("[data-testid='policy-expiry']", "days:90")
        .await
        .unwrap();
    window
        .wait_for_text(
            "[data-testid='policy-preview']",
            &TextMatch::containing("in 90 days"),
        )
        .await
        .expect("the preview says what changes");
    window.screenshot("71-edit-key-policy").await.unwrap();
    window.click("[data-testid='policy-save']").await.unwrap();
    window
        .wait_gone("[data-testid='policy-dialog']")
        .await
        .unwrap();
    let policy = eventually("the new expiry on the server", WAIT, || async {
        let policy = server.api_key_policy(&key)?;
        (policy.expires_at? > now() + 60 * DAY).then_some(policy)
    })
    .await
    .unwrap();
    assert_expires_in(policy.expires_at, 90);
    assert_eq!(policy.scopes, vec!["api.all.read".to_owned()], "kept");
    row_cell(&window, &key, "key-expires", "in 3 months").await;
    window.close().await.unwrap();
}

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn an_expiry_policy_refuses_never_with_the_servers_words_and_keeps_the_dialog_filled() {
    let (server, window, project) = start("expiry-policy").await;
    server.set_org_expiry_policy(Some(90));
    open_project(&window, &project).await;
    let accounts_before = server.state().service_accounts(&project).len();

    start_create(&window, "no-expiry").await.unwrap();
    window
        .choose("[data-testid='policy-expiry']", "never")
        .await
        .unwrap();
    window
        .click("[data-testid='create-key-confirm']")
        .await
        .unwrap();
    window
        .wait_for_text(
            "[data-testid='create-key-dialog'] .dialog-error",
            &TextMatch::containing("requires API keys to expire within 90 days"),
        )
        .await
        .expect("the server's reason is shown in the dialog");
    window.screenshot("72-expiry-policy-refusal").await.unwrap();
    let typed = window
        .run(
            "return document.querySelector(\"[data-testid='key-name']\").value;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(typed, "no-expiry", "the dialog keeps what was typed");
    assert_eq!(
        server.state().service_accounts(&project).len(),
        accounts_before,
        "nothing was created"
    );

    let before = key_ids(&server, &project);
    window
        .choose("[data-testid='policy-expiry']", "days:30")
        .await
        .unwrap();
    window
        .click("[data-testid='create-key-confirm']")
        .await
        .unwrap();
    window
        .wait_for("[data-testid='reveal-dialog']")
        .await
        .expect("30 days is within the policy");
    let key = new_key(&server, &project, &before).await;
    assert_expires_in(server.api_key_policy(&key).unwrap().expires_at, 30);
    store_revealed_key(&window).await.unwrap();
    window.close().await.unwrap();
}

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn the_hygiene_view_lists_the_seeded_never_used_and_expired_keys() {
    let (server, window, _project) = start("hygiene").await;
    let state = server.state();
    let keys: Vec<_> = state
        .projects(true)
        .iter()
        .flat_map(|p| state.api_keys(&p.id))
        .collect();
    let at = now();
    let expired: Vec<String> = keys
        .iter()
        .filter(|k| k.expires_at.is_some_and(|t| t <= at))
        .map(|k| k.id.clone())
        .collect();
    let never_used: Vec<String> = keys
        .iter()
        .filter(|k| k.last_used_at.is_none() && k.created_at <= at - 30 * DAY)
        .map(|k| k.id.clone())
        .collect();
    assert!(
        !expired.is_empty() && !never_used.is_empty(),
        "the seed has both"
    );

    window
        .wait_for(".org:nth-of-type(2) [data-testid='hygiene-badge']")
        .await
        .expect("the sidebar badges an organization with keys needing attention");
    window
        .click(".org:nth-of-type(2) [data-testid='org-header']")
        .await
        .unwrap();
    window
        .wait_for_text(
            "[data-testid='hygiene-finding'][data-rule='expired'] .finding-count",
            &TextMatch::exactly(&expired.len().to_string()),
        )
        .await
        .expect("the hygiene card counts the expired keys");
    window.screenshot("73-hygiene-card").await.unwrap();

    for (rule, wanted) in [("expired", &expired), ("neverUsed", &never_used)] {
        window
            .click(&format!(
                "[data-testid='hygiene-finding'][data-rule='{rule}']"
            ))
            .await
            .unwrap();
        window
            .wait_for_count("tr[data-key-id]", wanted.len())
            .await
            .unwrap_or_else(|e| panic!("{rule}: {e}"));
        let mut shown = window
            .attributes("tr[data-key-id]", "data-key-id")
            .await
            .unwrap();
        shown.sort();
        let mut wanted = wanted.clone();
        wanted.sort();
        assert_eq!(shown, wanted, "the {rule} findings are exactly those keys");
        window
            .screenshot(&format!("74-findings-{rule}"))
            .await
            .unwrap();
        window.click("[data-testid='findings-back']").await.unwrap();
        window
            .wait_for("[data-testid='hygiene-card']")
            .await
            .unwrap();
    }
    window.close().await.unwrap();
}
