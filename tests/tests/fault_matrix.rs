//! Every fault the outside world can throw ends in a clear message in the window, never a hang:
//! rate limits, server errors, timeouts, broken bodies, malformed JSON, the string `error` form,
//! endless pagination, a revoked key, a missing scope, 404, a refused connection, and a slow
//! server whose refresh shows live progress and can be cancelled. Needs `make test`'s session.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use fake_admin_api::{FakeOptions, FakeServer, Fault, FaultRule, RetryAfter};
use keywarden_e2e::flows::{add_organization, dialogs_closed, open_org, text_of};
use keywarden_e2e::{TextMatch, Window};

struct Case {
    kind: &'static str,
    rules: Vec<FaultRule>,
    expect: &'static [&'static str],
}

fn on_projects(fault: Fault, times: usize) -> FaultRule {
    FaultRule::new(fault)
        .on_path("/organization/projects")
        .times(times)
}

fn status(status: u16, retry_after: Option<RetryAfter>) -> Fault {
    Fault::Status {
        status,
        retry_after,
    }
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            kind: "429 with Retry-After",
            rules: vec![on_projects(status(429, Some(RetryAfter::Seconds(1))), 3)],
            expect: &["429"],
        },
        Case {
            kind: "429 without Retry-After",
            rules: vec![on_projects(status(429, None), 3)],
            expect: &["429"],
        },
        Case {
            kind: "500",
            rules: vec![on_projects(status(500, None), 3)],
            expect: &["500"],
        },
        Case {
            kind: "502",
            rules: vec![on_projects(status(502, None), 3)],
            expect: &["502"],
        },
        Case {
            kind: "503",
            rules: vec![on_projects(status(503, None), 3)],
            expect: &["503"],
        },
        Case {
            kind: "timeout",
            rules: vec![on_projects(Fault::Hang, 3)],
            expect: &["time"],
        },
        Case {
            kind: "connection reset mid-body",
            rules: vec![on_projects(Fault::DropMidBody, 3)],
            expect: &["projects"],
        },
        Case {
            kind: "malformed JSON",
            rules: vec![on_projects(Fault::MalformedJson, 3)],
            expect: &["projects"],
        },
        Case {
            kind: "string-typed error",
            rules: vec![on_projects(Fault::StringError { status: 400 }, 3)],
            expect: &["insufficient permissions"],
        },
        Case {
            kind: "endless pagination",
            rules: vec![on_projects(
                Fault::EndlessPagination {
                    repeat_cursor: true,
                },
                3,
            )],
            expect: &["pagination"],
        },
        Case {
            kind: "401 revoked key",
            rules: vec![on_projects(status(401, None), 3)],
            expect: &["no longer valid"],
        },
        Case {
            kind: "403 missing scope",
            rules: vec![on_projects(Fault::MissingScope, 3)],
            expect: &["api.management.read"],
        },
        Case {
            kind: "404",
            rules: vec![on_projects(status(404, None), 3)],
            expect: &["404"],
        },
    ]
}

async fn clear_toasts(window: &Window) {
    let script = "document.getElementById('toasts')?.replaceChildren(); return true;";
    window.run(script, vec![]).await.unwrap();
}

async fn error_toast(window: &Window) -> Result<String, String> {
    window
        .wait_for_text(".toast-error", &TextMatch::default())
        .await
        .map_err(|e| e.to_string())
}

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn every_fault_ends_in_a_clear_message_and_never_a_hang() {
    std::env::set_var("KEYWARDEN_REQUEST_TIMEOUT_SECS", "2");
    let server = FakeServer::start(FakeOptions {
        projects: 3,
        keys_per_project: 2,
        ..Default::default()
    })
    .await
    .unwrap();
    let gone = FakeServer::start(FakeOptions {
        projects: 1,
        keys_per_project: 1,
        ..Default::default()
    })
    .await
    .unwrap();
    let window = Window::open().await.expect("the app window opens");
    window
        .wait_for(".org[data-org-id='demo'] .project")
        .await
        .unwrap();
    add_organization(&window, "Faults", &server.base_url(), &server.admin_key())
        .await
        .unwrap();
    dialogs_closed(&window).await.unwrap();
    let refresh_faults = open_org(&window, "Faults").await.unwrap();

    let mut report = Vec::new();
    for case in cases() {
        window.wait_for(&refresh_faults).await.unwrap();
        clear_toasts(&window).await;
        for rule in case.rules {
            server.inject(rule);
        }
        let started = Instant::now();
        window.click(&refresh_faults).await.unwrap();
        let message = error_toast(&window)
            .await
            .unwrap_or_else(|e| panic!("{}: no message: {e}", case.kind));
        let lower = message.to_lowercase();
        assert!(
            case.expect
                .iter()
                .all(|e| lower.contains(&e.to_lowercase())),
            "{}: unclear message: {message}",
            case.kind
        );
        assert!(
            !message.contains(&server.admin_key()),
            "{}: the message shows the key",
            case.kind
        );
        report.push(format!(
            "{:<28} {:>5} ms  {message}",
            case.kind,
            started.elapsed().as_millis()
        ));
        window
            .wait_gone("[data-testid='cancel-refresh']")
            .await
            .unwrap();
        server.clear_faults();
    }
    window.screenshot("30-fault-message").await.unwrap();

    dialogs_closed(&window).await.unwrap();
    add_organization(&window, "Gone", &gone.base_url(), &gone.admin_key())
        .await
        .unwrap();
    dialogs_closed(&window).await.unwrap();
    window
        .wait_gone("[data-testid='cancel-refresh']")
        .await
        .unwrap();
    gone.shutdown().await;
    let refresh_gone = open_org(&window, "Gone").await.unwrap();
    clear_toasts(&window).await;
    window.click(&refresh_gone).await.unwrap();
    let refused = error_toast(&window)
        .await
        .expect("connection refused is reported");
    report.push(format!("{:<28} {refused}", "connection refused"));
    assert!(refused.to_lowercase().contains("connect"), "{refused}");

    open_org(&window, "Faults").await.unwrap();
    server.set_latency(Duration::from_millis(700));
    window.click(&refresh_faults).await.unwrap();
    window
        .wait_for(".sidebar-progress")
        .await
        .expect("progress shows while slow");
    let first = text_of(&window, ".sidebar-progress .sidebar-note")
        .await
        .unwrap();
    let advanced = window
        .wait_for_text(
            ".sidebar-progress .sidebar-note",
            &TextMatch::containing("/").other_than(&first),
        )
        .await
        .expect("progress stays live");
    window.screenshot("31-slow-refresh-progress").await.unwrap();
    window
        .click("[data-testid='cancel-refresh']")
        .await
        .unwrap();
    window
        .wait_gone(".sidebar-progress")
        .await
        .expect("cancel works");
    report.push(format!(
        "{:<28} progress {first:?} → {advanced:?}, cancelled",
        "slow server"
    ));
    server.set_latency(Duration::ZERO);

    println!(
        "fault matrix ({} kinds):\n  {}",
        report.len(),
        report.join("\n  ")
    );
    assert!(report.len() >= 12);
    window.close().await.unwrap();
}
