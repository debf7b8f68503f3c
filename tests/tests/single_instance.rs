//! One app, one writer: a second launch on the same settings hands over to the running window
//! and exits with success, so two processes never write the same settings, activity and cache
//! files. The first keeps running and keeps saving. Needs `make test`'s desktop session (the
//! running instance is found through its D-Bus session bus).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use keywarden_e2e::driver::WAIT;
use keywarden_e2e::flows::{dialogs_closed, fresh_settings};
use keywarden_e2e::{paths, Window};
use serde_json::{json, Value};

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn a_second_launch_hands_over_to_the_running_window_and_both_changes_are_kept() {
    let config_dir = std::env::temp_dir().join(format!("kw-e2e-single-{}", std::process::id()));
    fresh_settings(&config_dir, 30).unwrap();
    let window = Window::open().await.expect("the app window opens");
    window
        .wait_for(".org[data-org-id='demo'] .project")
        .await
        .unwrap();
    let first = window.app_pid().unwrap();
    set_threshold(&window, "threshold-never-used", 123).await;

    let started = Instant::now();
    let mut second = Command::new(paths::app_binary())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(
            std::fs::File::create(config_dir.join("second-launch.log")).unwrap(),
        ))
        .spawn()
        .expect("the second launch starts");
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > WAIT {
            let _ = second.kill();
            let _ = second.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let status = status.expect("the second launch exits instead of opening a second window");
    assert!(
        status.success(),
        "the second launch exits with success: {status}"
    );
    println!(
        "the second launch exited ({status}) after {:?}",
        started.elapsed()
    );

    assert_eq!(
        window.app_pid().unwrap(),
        first,
        "the first instance is still the one running"
    );
    set_threshold(&window, "threshold-idle", 77).await;
    window.close().await.unwrap();

    let settings: Value =
        serde_json::from_str(&std::fs::read_to_string(config_dir.join("config.dev.json")).unwrap())
            .unwrap();
    let hygiene = &settings["preferences"]["hygiene"];
    assert_eq!(
        hygiene["neverUsedDays"], 123,
        "the first change: {settings}"
    );
    assert_eq!(
        hygiene["idleDays"], 77,
        "the change after the second launch: {settings}"
    );
    let _ = std::fs::remove_dir_all(&config_dir);
}

/// Sets one hygiene threshold through the thresholds dialog of the demo organization.
async fn set_threshold(window: &Window, field: &str, days: u32) {
    dialogs_closed(window).await.unwrap();
    window
        .click(".org[data-org-id='demo'] [data-testid='org-header']")
        .await
        .unwrap();
    window
        .click("[data-testid='hygiene-thresholds']")
        .await
        .unwrap();
    // A number field's caret cannot be placed by script, so the old value is replaced in the
    // page (as a paste would) before a real click saves it.
    window
        .page(
            "const [field, days] = args; \
             const input = await waitFor(() => opened('thresholds-dialog') \
               ?.querySelector(`[data-testid=${field}]`), 20000); \
             input.value = String(days); \
             input.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![json!(field), json!(days)],
        )
        .await
        .unwrap();
    window
        .click("[data-testid='thresholds-save']")
        .await
        .unwrap();
    window
        .wait_gone("[data-testid='thresholds-dialog']")
        .await
        .unwrap();
}
