//! A rotation in progress survives a restart and is abandoned there.

use super::*;

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn a_rotation_in_progress_is_listed_after_a_restart_and_abandoned_there_in_the_dark_theme() {
    let (server, project, account, old) = organization_with_key("nightly-export").await;
    let (url, admin) = (server.base_url(), server.admin_key());
    let window = window_with_organization("rotation-restart", LABEL, &url, &admin)
        .await
        .unwrap();
    rotate_until_revealed(&window, &project, &old).await;
    confirm_until_revealed(&window).await;
    store_revealed_key(&window).await.unwrap();
    window
        .wait_for("[data-testid='rotation-dialog']")
        .await
        .unwrap();
    window
        .click("[data-testid='rotation-close']")
        .await
        .unwrap();
    let banner = window
        .wait_for_text(
            "[data-testid='rotation-banner']",
            &TextMatch::containing("nightly-export"),
        )
        .await
        .unwrap();
    assert!(banner.contains("both keys work"), "{banner}");
    window.screenshot("87-rotation-banner").await.unwrap();
    window.close().await.unwrap();

    std::env::set_var("GTK_THEME", "Adwaita:dark");
    let window = Window::open().await.expect("the window opens again");
    std::env::remove_var("GTK_THEME");
    window
        .wait_for_text(
            "[data-testid='rotation-banner']",
            &TextMatch::containing("nightly-export"),
        )
        .await
        .expect("the rotation is listed again after the restart");
    window
        .click("[data-testid='rotation-banner-open']")
        .await
        .unwrap();
    window
        .wait_for_text(
            "[data-testid='rotation-new-key-used']",
            &TextMatch::exactly("not used yet"),
        )
        .await
        .unwrap();
    window.screenshot("88-rotation-watch-dark").await.unwrap();
    window
        .click("[data-testid='rotation-abandon']")
        .await
        .unwrap();
    window
        .click("[data-testid='confirm-accept']")
        .await
        .unwrap();
    window
        .wait_for_text(
            "[data-testid='rotation-phase']",
            &TextMatch::exactly("Rotation abandoned"),
        )
        .await
        .expect("the rotation is abandoned");
    window
        .screenshot("89-rotation-abandoned-dark")
        .await
        .unwrap();
    assert_eq!(
        working_keys(&server, &account),
        [old],
        "the new key stopped working; the old key was kept"
    );
    let config_dir = window.config_dir().to_path_buf();
    window.close().await.unwrap();
    let _ = std::fs::remove_dir_all(&config_dir);
}
