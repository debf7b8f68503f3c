//! Without a display server the system clipboard fails with an actionable error, and a new key
//! stays held so it can be copied later. This file is its own test binary because it removes
//! `DISPLAY` and `WAYLAND_DISPLAY` from its process.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::time::Duration;

use app_core::clipboard::{Clipboard, ClipboardError, SystemClipboard};
use app_core::key_lifecycle::{CreateOutcome, KeyLifecycle, LifecycleError};
use fake_admin_api::{FakeOptions, FakeServer};
use openai_admin::{Client, ClientOptions, ProjectId};
use secrecy::SecretString;

#[tokio::test]
async fn without_a_display_server_copying_says_what_to_do_and_the_key_stays_pending() {
    std::env::remove_var("DISPLAY");
    std::env::remove_var("WAYLAND_DISPLAY");
    let clipboard = SystemClipboard::new();
    let error = clipboard
        .write_secret(&SecretString::from("sk-svcacct-never-copied"))
        .unwrap_err();
    assert_eq!(
        error,
        ClipboardError::Unavailable {
            detail: "no display server".into()
        }
    );
    assert!(clipboard.read_text().is_err());

    let server = FakeServer::start(FakeOptions {
        ..Default::default()
    })
    .await
    .unwrap();
    let key = SecretString::from(server.admin_key());
    let client = Client::new(&server.base_url(), key, ClientOptions::default()).unwrap();
    let project = ProjectId::from(server.state().projects(false)[0].id.as_str());
    let keys = KeyLifecycle::with_reconcile_delay(Duration::ZERO);
    let CreateOutcome::Created(created) = keys
        .create_key(&client, &project, "deploy", &Default::default(), "req-1")
        .await
        .unwrap()
    else {
        panic!("expected a created key");
    };
    let copy = keys.copy_reveal(
        &created.reveal_id,
        Arc::new(clipboard),
        Duration::from_secs(30),
    );
    let error = copy.await.unwrap_err();
    assert!(matches!(error, LifecycleError::Clipboard(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "no clipboard is available (no display server); the key stays available to copy until \
         you acknowledge it"
    );
    assert_eq!(keys.pending().len(), 1);
}
