//! The leak sweep: the whole scenario in the real window with trace logging on — add an
//! organization through the clipboard, browse and search, create two keys, copy one, acknowledge
//! both, rotate the admin key, revoke a key — then every secret involved (the admin keys and
//! every minted value, from the fake server's own state) is searched for in every IPC payload,
//! the page source at each step, the console output, the app's stderr and log files, the
//! settings folder, and the WebKit data and cache folders. Expect no hit. Needs `make test`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::PathBuf;

use fake_admin_api::{FakeOptions, FakeServer};
use keywarden_e2e::driver::WAIT;
use keywarden_e2e::flows::{
    add_organization, dialogs_closed, eventually, fresh_settings, start_create, text_of,
};
use keywarden_e2e::traces::Sweep;
use keywarden_e2e::{x_clipboard, TextMatch, Window};

async fn create_key(window: &Window, name: &str) -> String {
    dialogs_closed(window).await.unwrap();
    start_create(window, name).await.unwrap();
    window
        .click("[data-testid='create-key-confirm']")
        .await
        .unwrap();
    text_of(window, "[data-testid='masked-key']").await.unwrap()
}

/// Acknowledges the open reveal; a key never copied asks first, and the sweep confirms.
async fn acknowledge(window: &Window) {
    window
        .click("[data-testid='reveal-acknowledge']")
        .await
        .unwrap();
    let asked = window
        .page(
            "await waitFor(() => !opened('reveal-dialog') || opened('confirm-dialog'), 20000); \
             return !!opened('confirm-dialog');",
            vec![],
        )
        .await
        .unwrap();
    if asked == serde_json::Value::Bool(true) {
        window
            .click("[data-testid='confirm-accept']")
            .await
            .unwrap();
    }
    dialogs_closed(window).await.unwrap();
}

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn no_secret_reaches_the_page_the_ipc_the_logs_or_the_disk() {
    let root = std::env::temp_dir().join(format!("kw-leak-sweep-{}", std::process::id()));
    let (config_dir, log_dir) = (root.join("config"), root.join("logs"));
    fresh_settings(&config_dir, 5).unwrap();
    std::env::set_var("KEYWARDEN_LOG_DIR", &log_dir);
    std::env::set_var("KEYWARDEN_LOG", "trace");
    let server = FakeServer::start(FakeOptions {
        projects: 3,
        keys_per_project: 3,
        ..Default::default()
    })
    .await
    .unwrap();
    let bootstrap_key = server.admin_key();
    let project = server.state().projects(false)[0].clone();

    let window = Window::open().await.expect("the app window opens");
    let mut pages = Vec::new();
    window
        .wait_for(".org[data-org-id='demo'] .project")
        .await
        .unwrap();
    pages.push(window.source().await.unwrap());
    add_organization(&window, "Sweep", &server.base_url(), &bootstrap_key)
        .await
        .unwrap();
    dialogs_closed(&window).await.unwrap();
    pages.push(window.source().await.unwrap());

    let project_button = format!(
        ".org:nth-of-type(2) button[data-project-id='{}']",
        project.id
    );
    window.click(&project_button).await.unwrap();
    window.wait_for(".keys-table tbody tr").await.unwrap();
    window.type_into("#search", "sk-").await.unwrap();
    window.wait_for(".keys-table").await.unwrap();
    pages.push(window.source().await.unwrap());
    window.type_into("#search", "\u{e00c}").await.unwrap();
    window.click(&project_button).await.unwrap();

    create_key(&window, "sweep-one").await;
    pages.push(window.source().await.unwrap());
    window.click("[data-testid='reveal-copy']").await.unwrap();
    eventually("the copy", WAIT, || async {
        x_clipboard::read().filter(|t| !t.is_empty())
    })
    .await
    .unwrap();
    pages.push(window.source().await.unwrap());
    acknowledge(&window).await;
    create_key(&window, "sweep-two").await;
    pages.push(window.source().await.unwrap());
    acknowledge(&window).await;

    window
        .click(".org:nth-of-type(2) [data-testid='org-header']")
        .await
        .unwrap();
    window.click("[data-testid='rotate-key']").await.unwrap();
    window
        .click("[data-testid='rotate-confirm']")
        .await
        .unwrap();
    let rotated = window
        .wait_for_text(".toast-success", &TextMatch::containing("rotated"))
        .await
        .expect("the admin key is rotated");
    assert!(
        !server.state().accepts_admin_key(&bootstrap_key),
        "the old admin key is revoked"
    );
    pages.push(window.source().await.unwrap());

    window.click(&project_button).await.unwrap();
    window.click("[data-testid='revoke-key']").await.unwrap();
    window
        .wait_for("[data-testid='revoke-dialog']")
        .await
        .unwrap();
    let typed_confirmation = "[data-testid='revoke-dialog'] [data-testid='revoke-confirmation']";
    if window.count(typed_confirmation).await.unwrap() > 0 {
        let expected = text_of(&window, "[data-testid='revoke-dialog'] .confirm-name")
            .await
            .unwrap();
        window
            .type_into(typed_confirmation, &expected)
            .await
            .unwrap();
    }
    window
        .click("[data-testid='revoke-confirm']")
        .await
        .unwrap();
    dialogs_closed(&window).await.unwrap();
    pages.push(window.source().await.unwrap());

    let ipc = window
        .run("return JSON.stringify(window.__KEYWARDEN_IPC__)", vec![])
        .await
        .unwrap();
    let console = window
        .run(
            "return JSON.stringify(window.__KEYWARDEN_CONSOLE__)",
            vec![],
        )
        .await
        .unwrap();
    window.close().await.unwrap();

    let state = server.state();
    let mut secrets: Vec<(String, String)> = state
        .minted_values()
        .into_iter()
        .enumerate()
        .map(|(i, value)| {
            (
                format!("secret #{i} ({}…)", &value[..value.len().min(8)]),
                value,
            )
        })
        .collect();
    secrets.push(("bootstrap admin key".into(), bootstrap_key.clone()));
    assert!(
        secrets.len() >= 4,
        "two new keys and two admin keys are searched for"
    );

    let mut sweep = Sweep::default();
    for (i, page) in pages.iter().enumerate() {
        sweep.text(
            &format!("page source at step {i}"),
            page.as_bytes(),
            &secrets,
        );
    }
    let ipc = ipc.as_str().unwrap_or_default().to_owned();
    assert!(
        ipc.contains("create_key") && ipc.contains("rotate_admin_key"),
        "IPC was recorded"
    );
    sweep.text("IPC payloads", ipc.as_bytes(), &secrets);
    sweep.text("console output", console.to_string().as_bytes(), &secrets);
    let logs_before = sweep.places;
    sweep.folder(&log_dir, &secrets);
    assert!(sweep.places > logs_before, "the trace log was written");
    sweep.folder(&config_dir, &secrets);
    let home = PathBuf::from(std::env::var_os("HOME").unwrap());
    for dir in [".local/share", ".local/state", ".cache", ".config"] {
        sweep.folder(&home.join(dir), &secrets);
    }
    println!(
        "leak sweep: searched {} places, {} bytes, for {} secrets: {} hits ({rotated})",
        sweep.places,
        sweep.bytes,
        secrets.len(),
        sweep.hits.len()
    );
    assert!(sweep.hits.is_empty(), "secrets leaked: {:#?}", sweep.hits);

    let mut control = Sweep::default();
    let seeded = format!("<td>{}</td>", secrets[0].1);
    control.text("a seeded leak", seeded.as_bytes(), &secrets);
    assert_eq!(
        control.hits.len(),
        1,
        "the sweep finds a leak when there is one"
    );
    let _ = std::fs::remove_dir_all(&root);
}
