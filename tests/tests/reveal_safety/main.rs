//! A new key is never lost unseen, in the real window. Twenty times in a row an impatient user
//! double-clicks *Create key*, clicks once more where its button was and presses Enter (five
//! more times the third click lands right on *I've stored it*): the reveal stays open, Rust
//! still holds the key, stray input never reaches Rust's acknowledge, and nothing is marked
//! stored until the test copies and acknowledges it on purpose. Stray input also does nothing
//! while a create is in flight, after it fails, or when the lost-response dialog opens. A reveal
//! cut short by a killed app is in `killed_app.rs`. Needs `make test`'s desktop session.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod input;
mod killed_app;
mod steps;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use fake_admin_api::{FakeServer, Fault, FaultRule};
use keywarden_e2e::flows::{add_organization, eventually, fresh_settings, open_project, org_id_of};
use keywarden_e2e::Window;

use input::{release_pointer, stray_input, Jitter, Rect};
use steps::{
    fake_org, open_create_dialog, reveal_state, store_deliberately, ARMING_MS, WATCH_STRAY_CLICKS,
};

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn stray_clicks_and_enter_presses_never_acknowledge_a_new_key() {
    let config_dir = std::env::temp_dir().join(format!("kw-e2e-stray-{}", std::process::id()));
    fresh_settings(&config_dir, 30).unwrap();
    std::env::remove_var("GTK_THEME");
    let server = fake_org(1).await;
    let window = Window::open().await.expect("the app window opens");
    window
        .wait_for(".org[data-org-id='demo'] .project")
        .await
        .unwrap();
    add_organization(&window, "Stray", &server.base_url(), &server.admin_key())
        .await
        .unwrap();
    let org_id = org_id_of(&window, "Stray").await.unwrap();
    open_project(&window, &org_id, &project_of(&server))
        .await
        .unwrap();

    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut jitter = Jitter(seed);
    let mut report = Vec::new();
    let mut acknowledge_at: Option<Rect> = None;
    for round in 0..25 {
        let delay = Duration::from_millis(jitter.up_to(400));
        let aim = acknowledge_at.filter(|_| round >= 20);
        let (line, acknowledge) = one_round(&window, &server, &org_id, round, delay, aim).await;
        acknowledge_at = Some(acknowledge);
        report.push(line);
    }
    report.push(after_a_failed_create(&window, &server).await);
    report.push(after_a_lost_response(&window, &server).await);

    println!("reveal safety (seed {seed}):\n  {}", report.join("\n  "));
    window.close().await.unwrap();
    let _ = std::fs::remove_dir_all(&config_dir);
}

/// One round of stray input against a new key's reveal, aimed at the create dialog's confirm
/// button, or at `aim` (the reveal's acknowledge button) when given. Returns the report line and
/// where the acknowledge button was.
async fn one_round(
    window: &Window,
    server: &FakeServer,
    org_id: &str,
    round: usize,
    delay: Duration,
    aim: Option<Rect>,
) -> (String, Rect) {
    let name = format!("stray-{round}");
    println!("round {round}");
    let confirm = open_create_dialog(window, &name).await;
    let third_at = aim.unwrap_or(confirm);
    window.page(WATCH_STRAY_CLICKS, vec![]).await.unwrap();
    stray_input(window, confirm, third_at, delay, false).await;
    if round == 0 {
        window
            .page(
                "await waitFor(() => opened('reveal-dialog'), 30000);",
                vec![],
            )
            .await
            .unwrap();
        window.screenshot("40-reveal-arming").await.unwrap();
    }
    let state = reveal_state(window, org_id, &name).await;
    if round == 0 {
        window.screenshot("41-reveal-armed").await.unwrap();
    }
    assert_eq!(
        state["open"], true,
        "{name}: the reveal stays open: {state}"
    );
    assert_eq!(state["reveals"], 1, "{name}: one reveal: {state}");
    let pending = state["pending"].as_array().unwrap();
    assert_eq!(pending.len(), 1, "{name}: still held in Rust: {state}");
    let actions = state["actions"].to_string();
    assert!(
        !actions.contains("acknowledged") && !actions.contains("discarded"),
        "{name}: nothing was marked stored: {actions}"
    );
    let presses = state["stray"]["presses"].as_array().unwrap();
    let late = |button: &str| {
        presses
            .iter()
            .filter(|p| p["button"] == button && p["sinceOpen"].as_f64().unwrap() >= ARMING_MS)
            .count()
    };
    let early = presses.len() - late("acknowledge") - late("copy");
    if late("acknowledge") == 0 {
        let commands = state["commands"].to_string();
        assert!(
            !commands.contains("acknowledge_new_key"),
            "{name}: a press made while arming never asked Rust to acknowledge: {state}"
        );
        assert_ne!(state["focused"], "reveal-acknowledge", "{name}: {state}");
        assert_eq!(state["confirmOpen"], false, "{name}: {state}");
    }
    for button in ["acknowledge", "copy"] {
        let rect = Rect::of(&state[button]);
        assert!(
            !rect.overlaps(&confirm),
            "{name}: the reveal's {button} button {rect:?} sits where create's confirm \
             was {confirm:?}"
        );
    }
    let accounts = server.state().service_accounts(&project_of(server));
    let made = accounts.iter().filter(|a| a.name == name).count();
    assert_eq!(made, 1, "{name}: the double-click made one key");

    let copied = pending[0]["copied"].as_bool().unwrap();
    let asked = store_deliberately(window, org_id, &name, copied).await;
    let target = if aim.is_some() {
        "the acknowledge button"
    } else {
        "create's confirm"
    };
    let line = format!(
        "{name}: third click +{} ms on {target}; presses on the reveal's buttons: {early} while \
         arming (ignored), {} after (delivered late, taken as deliberate); {}",
        delay.as_millis(),
        late("acknowledge") + late("copy"),
        if asked {
            "never copied: confirmation shown, backed out, copied, stored"
        } else {
            "copied by a deliberate Enter after arming, stored"
        }
    );
    (line, Rect::of(&state["acknowledge"]))
}

/// Stray clicks and Enter presses while a create is in flight and after it fails make nothing.
async fn after_a_failed_create(window: &Window, server: &FakeServer) -> String {
    let project = project_of(server);
    let before = server.state().service_accounts(&project).len();
    let confirm = open_create_dialog(window, "fails").await;
    server.inject(
        FaultRule::new(Fault::Status {
            status: 400,
            retry_after: None,
        })
        .on_method("POST"),
    );
    stray_input(window, confirm, confirm, Duration::from_millis(50), false).await;
    window
        .page(
            "const failed = '.toast-error, dialog[open] .dialog-error:not([hidden])'; \
             await waitFor(() => document.querySelector(failed), 30000);",
            vec![],
        )
        .await
        .unwrap();
    stray_input(window, confirm, confirm, Duration::ZERO, false).await;
    let after_failure = window
        .page(
            "await sleep(1500); \
             const state = { reveal: !!opened('reveal-dialog'), \
               pending: (await invoke('pending_new_keys')).length }; \
             document.querySelectorAll('dialog[open]').forEach((d) => d.close()); \
             return state;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(after_failure["reveal"], false, "{after_failure}");
    assert_eq!(after_failure["pending"], 0, "{after_failure}");
    assert_eq!(
        server.state().service_accounts(&project).len(),
        before,
        "a failed create made nothing"
    );
    "failed create: stray clicks and Enter made nothing".into()
}

/// A press held across a lost create response, released once the reconcile dialog shows, is
/// ignored; the orphan is then revoked on purpose.
async fn after_a_lost_response(window: &Window, server: &FakeServer) -> String {
    let project = project_of(server);
    let confirm = open_create_dialog(window, "lost-response").await;
    server.inject(FaultRule::new(Fault::LoseCreateResponse).on_method("POST"));
    stray_input(window, confirm, confirm, Duration::from_millis(100), true).await;
    window
        .page(
            "await waitFor(() => opened('orphan-dialog'), 30000);",
            vec![],
        )
        .await
        .unwrap();
    release_pointer(window).await;
    let orphan = window
        .page(
            "const d = opened('orphan-dialog'); \
             await waitFor(() => d.dataset.armed === 'true', 10000); \
             await sleep(300); \
             return { open: d.open && d.isConnected };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        orphan["open"], true,
        "the reconcile dialog ignored the released press"
    );
    let orphaned = |server: &FakeServer| {
        let accounts = server.state().service_accounts(&project);
        accounts.iter().any(|a| a.name == "lost-response")
    };
    assert!(orphaned(server), "nothing was revoked by stray input");
    window.click("[data-testid='revoke-orphan']").await.unwrap();
    eventually(
        "the orphan to be revoked",
        Duration::from_secs(20),
        || async { (!orphaned(server)).then_some(()) },
    )
    .await
    .unwrap();
    "lost response: released press ignored, orphan revoked on purpose".into()
}

/// The fake organization's only project.
fn project_of(server: &FakeServer) -> String {
    server.state().projects(false)[0].id.clone()
}
