//! The window follows the OS's dark theme. Needs `make test`'s desktop session.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use keywarden_e2e::flows::{acknowledge_revealed_key, confirm_until_revealed};
use keywarden_e2e::Window;

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver, run by `make test`"]
async fn a_dark_desktop_theme_gives_a_dark_window() {
    std::env::set_var("GTK_THEME", "Adwaita:dark");
    let window = Window::open().await.expect("the app window opens");
    window
        .wait_for(".org[data-org-id='demo'] .project")
        .await
        .unwrap();
    window
        .click(".org[data-org-id='demo'] .project")
        .await
        .unwrap();
    window.wait_for(".keys-table tbody tr").await.unwrap();
    let script = "const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); \
                  return (r + g + b) / 3;";
    let brightness = window.run(script, vec![]).await.unwrap();
    window.screenshot("04-dark-theme").await.unwrap();
    window
        .click(".org[data-org-id='demo'] [data-testid='org-header']")
        .await
        .unwrap();
    window
        .wait_for("[data-testid='hygiene-card'] [data-testid='hygiene-finding']")
        .await
        .unwrap();
    window.screenshot("05-dark-hygiene").await.unwrap();
    window.click("[data-testid='refresh-usage']").await.unwrap();
    window
        .wait_for_text(
            "[data-testid='usage-status']",
            &keywarden_e2e::TextMatch::containing("kind read"),
        )
        .await
        .unwrap();
    window
        .wait_for("[data-testid='org-spend-chart']")
        .await
        .unwrap();
    window.screenshot("94-dark-org-spend").await.unwrap();
    window
        .click(".org[data-org-id='demo'] .project")
        .await
        .unwrap();
    window.click("[data-testid='create-key']").await.unwrap();
    window
        .click("[data-testid='policy-permissions-restricted']")
        .await
        .unwrap();
    window
        .screenshot("06-dark-create-key-policy")
        .await
        .unwrap();
    window
        .click("[data-testid='policy-permissions-all']")
        .await
        .unwrap();
    window
        .type_into("[data-testid='key-name']", "dark-check")
        .await
        .unwrap();
    confirm_until_revealed(&window).await.unwrap();
    window
        .click("[data-testid='reveal-send-to-vault']")
        .await
        .unwrap();
    window.wait_for("[data-testid='vault-send']").await.unwrap();
    window.screenshot("07-dark-send-to-vault").await.unwrap();
    window.click("[data-testid='reveal-copy']").await.unwrap();
    window
        .wait_for_text(
            "[data-testid='clipboard-countdown']",
            &keywarden_e2e::TextMatch::containing("Copied"),
        )
        .await
        .unwrap();
    acknowledge_revealed_key(&window).await.unwrap();
    window
        .click("tr[data-key-id] [data-testid='key-usage']")
        .await
        .unwrap();
    window
        .wait_for("[data-testid='key-history'][aria-busy='false']")
        .await
        .unwrap();
    window
        .wait_for("[data-testid='key-usage-detail'][aria-busy='false']")
        .await
        .unwrap();
    window.screenshot("95-dark-key-details").await.unwrap();
    window
        .click("[data-testid='key-details-close']")
        .await
        .unwrap();
    window.wait_gone("dialog[open]").await.unwrap();
    window.click("[data-testid='export-keys']").await.unwrap();
    window
        .wait_for("[data-testid='export-confirm']")
        .await
        .unwrap();
    window.screenshot("08-dark-export").await.unwrap();
    let brightness = brightness.as_f64().unwrap_or(255.0);
    assert!(
        brightness < 80.0,
        "the background should be dark, brightness {brightness}"
    );
    window.close().await.unwrap();
}
