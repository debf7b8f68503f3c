//! A new key's secret is revealed once: held in Rust until acknowledged, copied from Rust, and
//! cleared from the clipboard later unless the user has copied something else.

#![allow(clippy::unwrap_used)]

mod support;

use std::sync::Arc;
use std::time::Duration;
use support::lifecycle::lifecycle;

use app_core::clipboard::{Clipboard, ClipboardError, MemoryClipboard};
use app_core::key_lifecycle::{CreateOutcome, CreatedKey, KeyLifecycle, LifecycleError};
use fake_admin_api::{FakeOptions, FakeServer};
use openai_admin::{Client, ClientOptions, ProjectId};
use secrecy::{ExposeSecret, SecretString};

/// A lifecycle holding one new key, and the server that minted it.
async fn one_key(keys: &KeyLifecycle) -> (FakeServer, CreatedKey) {
    let server = FakeServer::start(FakeOptions {
        ..Default::default()
    })
    .await
    .unwrap();
    let key = SecretString::from(server.admin_key());
    let client = Client::new(&server.base_url(), key, ClientOptions::default()).unwrap();
    let project = ProjectId::from(server.state().projects(false)[0].id.as_str());
    match keys
        .create_key(&client, &project, "deploy", &Default::default(), "req-1")
        .await
        .unwrap()
    {
        CreateOutcome::Created(key) => (server, key),
        other => panic!("expected a key, got {other:?}"),
    }
}

struct NoDisplay;

impl Clipboard for NoDisplay {
    fn read_text(&self) -> Result<Option<SecretString>, ClipboardError> {
        Err(unavailable())
    }
    fn write_secret(&self, _: &SecretString) -> Result<(), ClipboardError> {
        Err(unavailable())
    }
    fn write_text(&self, _: &str) -> Result<(), ClipboardError> {
        Err(unavailable())
    }
    fn clear(&self) -> Result<(), ClipboardError> {
        Err(unavailable())
    }
}

fn unavailable() -> ClipboardError {
    ClipboardError::Unavailable {
        detail: "no display server".into(),
    }
}

#[tokio::test]
async fn acknowledging_a_reveal_wipes_it_so_it_can_no_longer_be_shown_or_copied() {
    let keys = lifecycle();
    let (_server, key) = one_key(&keys).await;
    assert_eq!(keys.pending()[0].reveal_id, key.reveal_id);
    assert_eq!(keys.pending()[0].name, "deploy");

    assert!(keys.acknowledge(&key.reveal_id));
    assert!(
        !keys.acknowledge(&key.reveal_id),
        "a second acknowledge finds nothing"
    );
    assert!(keys.pending().is_empty());
    let error = keys.masked(&key.reveal_id).unwrap_err();
    assert!(matches!(error, LifecycleError::RevealNotFound), "{error:?}");
    let clipboard = Arc::new(MemoryClipboard::new());
    let copy = keys.copy_reveal(&key.reveal_id, clipboard.clone(), Duration::from_secs(5));
    assert!(matches!(copy.await, Err(LifecycleError::RevealNotFound)));
    assert!(clipboard.read_text().unwrap().is_none());
}

#[tokio::test]
async fn wiping_all_reveals_forgets_every_pending_secret() {
    let keys = lifecycle();
    let (_server, key) = one_key(&keys).await;
    assert_eq!(keys.wipe_all(), 1);
    assert!(keys.masked(&key.reveal_id).is_err());
}

#[tokio::test]
async fn a_copied_key_is_cleared_when_the_time_is_up_if_the_clipboard_still_holds_it() {
    let keys = lifecycle();
    let (_server, key) = one_key(&keys).await;
    let clipboard = Arc::new(MemoryClipboard::new());
    tokio::time::pause();
    let before = chrono::Utc::now();
    let deadline = keys
        .copy_reveal(&key.reveal_id, clipboard.clone(), Duration::from_secs(30))
        .await
        .unwrap();
    let countdown = deadline.clears_at - before;
    assert!(countdown >= chrono::TimeDelta::seconds(30), "{countdown:?}");
    assert!(countdown < chrono::TimeDelta::seconds(31), "{countdown:?}");
    assert!(clipboard.read_text().unwrap().is_some());

    tokio::time::sleep(Duration::from_secs(29)).await;
    assert!(clipboard.read_text().unwrap().is_some(), "not yet");
    assert!(keys.scheduled_clear_done().await.unwrap(), "cleared");
    assert!(clipboard.read_text().unwrap().is_none());
    assert_eq!(keys.pending().len(), 1, "copying does not acknowledge");
}

#[tokio::test]
async fn a_clipboard_changed_since_the_copy_is_left_alone() {
    let keys = lifecycle();
    let (_server, key) = one_key(&keys).await;
    let clipboard = Arc::new(MemoryClipboard::new());
    tokio::time::pause();
    keys.copy_reveal(&key.reveal_id, clipboard.clone(), Duration::from_secs(30))
        .await
        .unwrap();
    clipboard.write_text("the user's own text").unwrap();

    assert!(
        !keys.scheduled_clear_done().await.unwrap(),
        "nothing cleared"
    );
    let text = clipboard.read_text().unwrap().unwrap();
    assert_eq!(text.expose_secret(), "the user's own text");
}

#[tokio::test]
async fn an_image_copied_over_the_key_is_left_alone() {
    let keys = lifecycle();
    let (_server, key) = one_key(&keys).await;
    let clipboard = Arc::new(MemoryClipboard::new());
    tokio::time::pause();
    keys.copy_reveal(&key.reveal_id, clipboard.clone(), Duration::from_secs(30))
        .await
        .unwrap();
    clipboard.put_image();
    assert!(!keys.scheduled_clear_done().await.unwrap());
}

#[tokio::test]
async fn copying_again_restarts_the_countdown() {
    let keys = lifecycle();
    let (_server, key) = one_key(&keys).await;
    let clipboard = Arc::new(MemoryClipboard::new());
    tokio::time::pause();
    let copy = |after| keys.copy_reveal(&key.reveal_id, clipboard.clone(), after);
    copy(Duration::from_secs(10)).await.unwrap();
    tokio::time::sleep(Duration::from_secs(8)).await;
    copy(Duration::from_secs(10)).await.unwrap();
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert!(
        clipboard.read_text().unwrap().is_some(),
        "the first timer was replaced"
    );
    assert!(keys.scheduled_clear_done().await.unwrap());
}

#[tokio::test]
async fn quitting_clears_a_copied_key_still_on_the_clipboard() {
    let keys = lifecycle();
    let (_server, key) = one_key(&keys).await;
    let clipboard = Arc::new(MemoryClipboard::new());
    let copy = keys.copy_reveal(&key.reveal_id, clipboard.clone(), Duration::from_secs(60));
    copy.await.unwrap();
    assert!(keys.clear_clipboard_now(clipboard.as_ref()).unwrap());
    assert!(clipboard.read_text().unwrap().is_none());
    assert_eq!(keys.wipe_all(), 1);
}

#[tokio::test]
async fn without_a_clipboard_the_copy_fails_with_what_to_do_and_the_key_stays_pending() {
    let keys = lifecycle();
    let (_server, key) = one_key(&keys).await;
    let copy = keys.copy_reveal(&key.reveal_id, Arc::new(NoDisplay), Duration::from_secs(30));
    let error = copy.await.unwrap_err();
    assert!(matches!(error, LifecycleError::Clipboard(_)), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("no display server"), "{message}");
    assert!(message.contains("stays available to copy"), "{message}");
    assert!(keys.masked(&key.reveal_id).is_ok());
    assert_eq!(keys.pending().len(), 1);
}

/// A clipboard that remembers whether anyone compared its text against the secret itself.
struct Watching {
    inner: MemoryClipboard,
    asked_with_secret: std::sync::atomic::AtomicBool,
}

impl Clipboard for Watching {
    fn read_text(&self) -> Result<Option<SecretString>, ClipboardError> {
        self.inner.read_text()
    }
    fn write_secret(&self, secret: &SecretString) -> Result<(), ClipboardError> {
        self.inner.write_secret(secret)
    }
    fn write_text(&self, text: &str) -> Result<(), ClipboardError> {
        self.inner.write_text(text)
    }
    fn holds(&self, secret: &SecretString) -> Result<bool, ClipboardError> {
        self.asked_with_secret
            .store(true, std::sync::atomic::Ordering::SeqCst);
        self.inner.holds(secret)
    }
    fn clear(&self) -> Result<(), ClipboardError> {
        self.inner.clear()
    }
}

#[tokio::test]
async fn after_i_have_stored_it_nothing_keeps_the_secret_yet_the_clipboard_is_still_cleared() {
    let keys = lifecycle();
    let (_server, key) = one_key(&keys).await;
    let clipboard = Arc::new(Watching {
        inner: MemoryClipboard::new(),
        asked_with_secret: std::sync::atomic::AtomicBool::new(false),
    });
    tokio::time::pause();
    keys.copy_reveal(&key.reveal_id, clipboard.clone(), Duration::from_secs(30))
        .await
        .unwrap();
    keys.acknowledge_copied(&key.reveal_id, false);
    assert!(keys.pending().is_empty(), "the vault holds nothing");

    assert!(
        keys.scheduled_clear_done().await.unwrap(),
        "cleared on time"
    );
    assert!(clipboard.read_text().unwrap().is_none());
    assert!(
        !clipboard
            .asked_with_secret
            .load(std::sync::atomic::Ordering::SeqCst),
        "the delayed clear compared a keyed fingerprint, so it never held the secret"
    );
}
