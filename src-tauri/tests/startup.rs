//! Start-up does no blocking work before the first paint: the shell's state exists at once,
//! Keywarden (settings, keychain, caches, the demo server) starts in the background, and every
//! command waits for it instead of seeing a half-loaded list.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use app_core::clipboard::MemoryClipboard;
use app_core::{ConfigStore, Keywarden, MemoryStore, StartOptions};
use keywarden_lib::error::ErrorCode;
use keywarden_lib::AppState;
use tokio::sync::oneshot;

fn options(dir: &tempfile::TempDir) -> StartOptions {
    StartOptions {
        demo: true,
        secret_store: Arc::new(MemoryStore::new()),
        clipboard: Arc::new(MemoryClipboard::new()),
        config_store: ConfigStore::new(dir.path().join("config.json")),
        client_options: openai_admin::ClientOptions::default(),
        reconcile_delay: Duration::ZERO,
        cache_dir: Some(dir.path().join("cache")),
        environment_key: app_core::EnvironmentKey::default(),
        host_confirmation: std::sync::Arc::new(app_core::DeclineOtherHosts),
        vault_tools: app_core::vault_handoff::VaultTools::from_environment(),
    }
}

#[tokio::test]
async fn the_state_exists_before_keywarden_has_started_and_commands_wait_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let options = options(&dir);
    let (go, gate) = oneshot::channel::<()>();
    let state = AppState::starting(async move {
        gate.await.expect("the test lets the start go on");
        Keywarden::start(options).await
    });
    assert!(
        state.loaded().is_none(),
        "nothing was loaded before the window"
    );

    let waiting = {
        let state = Arc::new(state);
        let waiter = state.clone();
        (
            state,
            tokio::spawn(async move { waiter.keywarden().await.map(|k| k.list_organizations()) }),
        )
    };
    tokio::task::yield_now().await;
    assert!(!waiting.1.is_finished(), "a command waits for the start");
    go.send(()).unwrap();

    let orgs = waiting.1.await.unwrap().unwrap();
    assert_eq!(
        orgs.len(),
        1,
        "the demo organization is listed once started"
    );
    assert!(waiting.0.loaded().is_some());
}

#[tokio::test]
async fn a_start_that_fails_answers_every_command_with_what_to_do() {
    let state = AppState::starting(async {
        Err(app_core::Error::InvalidInput(
            "this system has no home folder for settings".into(),
        ))
    });
    let error = state.keywarden().await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Internal);
    assert!(
        error.message.contains("no home folder"),
        "{}",
        error.message
    );
    assert!(error.message.contains("open it again"), "{}", error.message);
    assert!(state.loaded().is_none());
}
