//! Trusting the admin key in the real window: a key OpenAI stops accepting makes the organization
//! say so (never "Ready") and offers "Replace admin key", which takes a new key of the same
//! organization from the clipboard in place; errors lead with what happened and keep the
//! particulars behind "Details"; toasts never pile up; a refused key is taken off the X
//! clipboard. Needs `make test`'s session.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use fake_admin_api::{FakeOptions, FakeServer, Fault, FaultRule};
use keywarden_e2e::flows::{
    dialogs_closed, fresh_settings, submit_add_organization, window_with_organization,
};
use keywarden_e2e::{x_clipboard, TextMatch, Window};

async fn fake() -> FakeServer {
    FakeServer::start(FakeOptions {
        projects: 3,
        keys_per_project: 2,
        ..Default::default()
    })
    .await
    .expect("fake server")
}

/// A window (light or dark) with Acme, served by a fresh fake, added and its view open.
async fn acme_view(name: &str, dark: bool) -> (FakeServer, Window) {
    theme(dark);
    let server = fake().await;
    let window = window_with_organization(name, "Acme", &server.base_url(), &server.admin_key())
        .await
        .expect("the organization is added");
    dialogs_closed(&window).await.unwrap();
    window
        .click(".org:nth-of-type(2) [data-testid='org-header']")
        .await
        .unwrap();
    (server, window)
}

/// Light or dark, for the screenshots of one test.
fn theme(dark: bool) {
    if dark {
        std::env::set_var("GTK_THEME", "Adwaita:dark");
    } else {
        std::env::remove_var("GTK_THEME");
    }
}

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn a_revoked_admin_key_is_shown_as_rejected_and_replaced_in_place() {
    let (server, window) = acme_view("trust-rejected", false).await;
    window
        .wait_for_text(".facts .status", &TextMatch::exactly("Ready"))
        .await
        .unwrap();

    // The key is revoked at OpenAI; another one is minted there.
    let old = server.admin_key();
    let replacement = server.with_state(|s| {
        s.admin_keys.retain(|k| k.value != old);
        s.create_admin_key("replacement", None).value
    });
    window.click("[data-testid='refresh-org']").await.unwrap();
    let status = window
        .wait_for_text(".facts .status", &TextMatch::containing("rejected"))
        .await
        .expect("the organization says its key was rejected");
    assert!(!status.contains("Ready"), "{status}");
    window
        .wait_for_text(
            ".org:nth-of-type(2) .org-note",
            &TextMatch::containing("Admin key rejected"),
        )
        .await
        .unwrap();
    window
        .wait_for("[data-testid='key-rejected'] [data-testid='replace-admin-key']")
        .await
        .expect("Replace admin key is offered");
    window.screenshot("70-admin-key-rejected").await.unwrap();

    x_clipboard::put(&format!("{replacement}\n")).unwrap();
    window
        .click("[data-testid='replace-admin-key']")
        .await
        .unwrap();
    window
        .wait_for_text(".facts .status", &TextMatch::exactly("Ready"))
        .await
        .expect("the replacement key works");
    window
        .wait_gone("[data-testid='key-rejected']")
        .await
        .unwrap();
    window
        .wait_for_count(
            ".org:nth-of-type(2) .project",
            server.state().projects(false).len(),
        )
        .await
        .expect("the projects are kept");
    assert_eq!(
        x_clipboard::read().unwrap_or_default().trim(),
        "",
        "the clipboard was cleared"
    );
    window.close().await.unwrap();
}

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn errors_lead_with_what_to_do_keep_details_apart_and_toasts_do_not_pile_up() {
    let (server, window) = acme_view("trust-errors", true).await;
    server.inject(
        FaultRule::new(Fault::Status {
            status: 500,
            retry_after: None,
        })
        .on_path("/organization/projects")
        .always(),
    );
    for _ in 0..5 {
        window
            .wait_gone("[data-testid='cancel-refresh']")
            .await
            .unwrap();
        window.click("[data-testid='refresh-org']").await.unwrap();
        window
            .wait_for_text(".toast-error", &TextMatch::containing("HTTP 500"))
            .await
            .unwrap();
        window
            .wait_for(".toast-error [data-testid='error-details']")
            .await
            .unwrap();
    }
    // One page-side read: the toasts, their messages and their (closed) details.
    let script = "const toasts = [...document.querySelectorAll('.toast')]; \
        return toasts.map((t) => ({ message: t.querySelector('.toast-message')?.textContent ?? '', \
          details: t.querySelector('[data-testid=error-details] pre')?.textContent ?? '', \
          open: t.querySelector('details')?.open ?? false }));";
    let toasts = window.run(script, vec![]).await.unwrap();
    let toasts = toasts.as_array().unwrap();
    assert!(
        !toasts.is_empty() && toasts.len() <= 3,
        "at most three toasts: {toasts:?}"
    );
    for toast in toasts {
        let message = toast["message"].as_str().unwrap();
        assert!(message.contains("try again"), "says what to do: {message}");
        assert!(
            !message.contains("request id") && !message.contains("[code"),
            "particulars stay out of the message: {message}"
        );
        assert!(
            toast["details"].as_str().unwrap().contains("list projects"),
            "{toast}"
        );
        assert_eq!(toast["open"], serde_json::Value::Bool(false));
    }
    window
        .click(".toast-error:last-child [data-testid='error-details'] summary")
        .await
        .unwrap();
    window.screenshot("71-dark-error-details").await.unwrap();

    // An error while a dialog is open shows inside it, below its content.
    submit_add_organization(&window, "Beta", &server.base_url(), &server.admin_key())
        .await
        .unwrap();
    let message = window
        .wait_for_text(
            "[data-testid='add-org-dialog'] .dialog-error-message",
            &TextMatch::containing("try again"),
        )
        .await
        .unwrap();
    assert!(!message.contains("request id"), "{message}");
    window
        .wait_for("[data-testid='add-org-dialog'] [data-testid='dialog-error'] [data-testid='error-details']")
        .await
        .unwrap();
    let in_dialog = window
        .run(
            "const r = document.getElementById('toasts'); return r === null || r.closest('dialog') !== null;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        in_dialog,
        serde_json::Value::Bool(true),
        "toasts sit in the dialog"
    );
    window.screenshot("72-dark-dialog-error").await.unwrap();
    server.clear_faults();
    window.close().await.unwrap();
    theme(false);
}

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn a_project_key_pasted_as_an_admin_key_is_gone_from_the_clipboard() {
    theme(false);
    let server = fake().await;
    let dir = std::env::temp_dir().join(format!("kw-e2e-trust-refused-{}", std::process::id()));
    fresh_settings(&dir, 5).unwrap();
    let window = Window::open().await.expect("the app window opens");
    window
        .wait_for(".org[data-org-id='demo'] .project")
        .await
        .unwrap();
    let project_key = "sk-proj-AbCdEf0123456789AbCdEf0123456789\n";
    submit_add_organization(&window, "Acme", &server.base_url(), project_key)
        .await
        .unwrap();
    let message = window
        .wait_for_text(
            "[data-testid='add-org-dialog'] [data-testid='dialog-error']",
            &TextMatch::containing("removed that key from the clipboard"),
        )
        .await
        .expect("the refusal says the key was taken off the clipboard");
    assert!(message.contains("project key"), "{message}");
    assert_eq!(
        x_clipboard::read().unwrap_or_default().trim(),
        "",
        "the refused key is gone from the X clipboard"
    );
    assert!(server.requests().is_empty(), "nothing was sent");
    window.screenshot("73-refused-key").await.unwrap();
    window.close().await.unwrap();
}
