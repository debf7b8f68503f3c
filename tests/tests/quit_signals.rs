//! A termination signal quits as safely as *Quit*: with a new key on the clipboard, SIGTERM (a
//! logout, `kill`), SIGINT (Ctrl+C) and SIGHUP (a closed terminal) each make Keywarden empty the
//! clipboard itself and exit. Killed by the signal instead, it would leave the clipboard
//! abandoned with the key in it, which desktops that keep clipboard text after its owner exits
//! (GNOME on Wayland, clipboard keepers on X11, macOS) go on offering. Needs `make test`'s
//! desktop session.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use fake_admin_api::{FakeOptions, FakeServer};
use keywarden_e2e::app_process::wait_exit;
use keywarden_e2e::driver::WAIT;
use keywarden_e2e::flows::{
    add_organization, create_until_revealed, eventually, fresh_settings, open_project, org_id_of,
};
use keywarden_e2e::x_clipboard::{self, OwnerLoss, OwnerWatch};
use keywarden_e2e::Window;

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn sigterm_clears_a_copied_key_and_exits() {
    signal_clears_a_copied_key_and_exits("TERM").await;
}

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn sigint_clears_a_copied_key_and_exits() {
    signal_clears_a_copied_key_and_exits("INT").await;
}

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn sighup_clears_a_copied_key_and_exits() {
    signal_clears_a_copied_key_and_exits("HUP").await;
}

async fn signal_clears_a_copied_key_and_exits(signal: &str) {
    let config_dir = std::env::temp_dir().join(format!(
        "kw-e2e-sig{}-{}",
        signal.to_lowercase(),
        std::process::id()
    ));
    // A long clear time: only the signal can empty the clipboard during the test.
    fresh_settings(&config_dir, 600).unwrap();
    let server = FakeServer::start(FakeOptions {
        projects: 1,
        keys_per_project: 1,
        ..Default::default()
    })
    .await
    .unwrap();
    let project = server.state().projects(false)[0].id.clone();
    let window = Window::open().await.expect("the app window opens");
    window
        .wait_for(".org[data-org-id='demo'] .project")
        .await
        .unwrap();
    add_organization(&window, "Signals", &server.base_url(), &server.admin_key())
        .await
        .unwrap();
    copy_a_new_key(&window, &project).await;
    let minted = server.state().minted_values();
    let copied = eventually("the copy", WAIT, || async {
        x_clipboard::read().filter(|text| minted.contains(text))
    })
    .await
    .expect("the clipboard holds the new key");

    let watch = OwnerWatch::start().expect("XFixes is available");
    let pid = window.signal_app(signal).unwrap();
    assert!(
        wait_exit(pid, WAIT),
        "the app (pid {pid}) exited after SIG{signal}"
    );
    let loss = watch.next_loss(WAIT).unwrap();
    assert_eq!(
        loss,
        OwnerLoss::Released,
        "on SIG{signal} the app emptied the clipboard itself instead of dying with the key on it"
    );
    let left = x_clipboard::read().unwrap_or_default();
    assert!(
        left.is_empty() && left != copied,
        "nothing is left on the clipboard"
    );
    println!("SIG{signal}: the clipboard was released and the app (pid {pid}) exited");
    drop(window);
    let _ = std::fs::remove_dir_all(&config_dir);
}

/// Opens the project, creates a key and copies it from its reveal.
async fn copy_a_new_key(window: &Window, project: &str) {
    let org_id = org_id_of(window, "Signals").await.unwrap();
    open_project(window, &org_id, project).await.unwrap();
    create_until_revealed(window, "signal-test").await.unwrap();
    window.click("[data-testid='reveal-copy']").await.unwrap();
}
