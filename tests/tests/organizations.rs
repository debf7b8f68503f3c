//! Adding an organization in the real window: the admin key goes from the X clipboard into the
//! keychain without ever entering the webview, its projects appear, and removing it leaves no
//! trace of the key in the page, the settings or the WebKit data. Needs `make test`'s session.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use fake_admin_api::{FakeOptions, FakeServer};
use keywarden_e2e::traces::Sweep;
use keywarden_e2e::{x_clipboard, Window};

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn an_organization_is_added_from_the_clipboard_browsed_and_removed_without_a_trace() {
    let server = FakeServer::start(FakeOptions {
        projects: 3,
        keys_per_project: 2,
        ..Default::default()
    })
    .await
    .expect("fake server");
    let key = server.admin_key();
    let window = Window::open().await.expect("the app window opens");
    window
        .wait_for(".org[data-org-id='demo'] .project")
        .await
        .expect("demo loaded");

    x_clipboard::put(&format!("{key}\n")).expect("xclip puts the key on the clipboard");
    window
        .click("[data-testid='add-organization']")
        .await
        .unwrap();
    let label = "Acme <img src=x onerror=window.__pwned=1>";
    window
        .type_into("[data-testid='org-label']", label)
        .await
        .unwrap();
    window.click("details.advanced summary").await.unwrap();
    window
        .type_into("[data-testid='org-base-url']", &server.base_url())
        .await
        .unwrap();
    window.screenshot("10-add-organization").await.unwrap();
    window
        .click("[data-testid='paste-admin-key']")
        .await
        .unwrap();

    let shown = window
        .text_of(".org:nth-of-type(2) [data-testid='org-header'] .org-label")
        .await
        .unwrap();
    assert_eq!(shown, label, "the label is shown literally");
    let projects = server.state().projects(false);
    window
        .wait_for_count(".org:nth-of-type(2) .project", projects.len())
        .await
        .expect("the new organization's projects appear");
    assert_eq!(
        x_clipboard::read().unwrap_or_default().trim(),
        "",
        "the clipboard was cleared"
    );
    let pwned = window
        .run("return window.__pwned === undefined", vec![])
        .await
        .unwrap();
    assert_eq!(
        pwned,
        serde_json::Value::Bool(true),
        "markup in the label never ran"
    );
    window.screenshot("11-organization-added").await.unwrap();

    window
        .click(".org:nth-of-type(2) [data-testid='org-header']")
        .await
        .unwrap();
    window
        .wait_for("[data-testid='admin-key-card']")
        .await
        .expect("the admin key's health shows");
    window.screenshot("12-organization-view").await.unwrap();
    let mut sources = vec![window.source().await.unwrap()];

    window.click("[data-testid='remove-org']").await.unwrap();
    window
        .click("[data-testid='confirm-accept']")
        .await
        .unwrap();
    window
        .wait_for_count(".org", 1)
        .await
        .expect("the organization disappears");
    sources.push(window.source().await.unwrap());
    assert_eq!(window.count(".org:nth-of-type(2)").await.unwrap(), 0);
    let config_dir = window.config_dir().to_path_buf();
    window.close().await.unwrap();

    let secrets = vec![("admin key".to_owned(), key.clone())];
    let mut sweep = Sweep::default();
    for (index, source) in sources.iter().enumerate() {
        sweep.text(&format!("page source {index}"), source.as_bytes(), &secrets);
    }
    sweep.folder(&config_dir, &secrets);
    let home = std::path::PathBuf::from(std::env::var_os("HOME").expect("HOME"));
    sweep.folder(&home.join(".config"), &secrets);
    sweep.folder(&home.join(".local/share"), &secrets);
    sweep.folder(&home.join(".local/state"), &secrets);
    sweep.folder(&home.join(".cache"), &secrets);
    println!("searched {} places, {} bytes", sweep.places, sweep.bytes);
    assert!(sweep.places > 2, "the sweep looked somewhere");
    assert!(
        sweep.hits.is_empty(),
        "the admin key leaked: {:?}",
        sweep.hits
    );
    server.shutdown().await;
}
