//! The real system clipboard under an X display (Xvfb in `make test`): what Keywarden copies can
//! be pasted by other programs, carries the hint that keeps it out of clipboard histories, and is
//! cleared only while it is still Keywarden's.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use app_core::clipboard::{clear_if_holds, Clipboard, SystemClipboard};
use app_core::key_lifecycle::{CreateOutcome, KeyLifecycle};
use fake_admin_api::{FakeOptions, FakeServer};
use openai_admin::{Client, ClientOptions, ProjectId};
use secrecy::{ExposeSecret, SecretString};

/// The X clipboard is one per display, so these tests take turns.
static DISPLAY: Mutex<()> = Mutex::new(());

fn fresh_secret() -> SecretString {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    SecretString::from(format!("sk-svcacct-clipboard-it-{nanos}-9fQe"))
}

/// What another program pastes: `xclip -o -selection clipboard [-t TARGET]`.
fn paste(target: Option<&str>) -> Option<String> {
    let mut command = Command::new("xclip");
    command.args(["-o", "-selection", "clipboard"]);
    if let Some(target) = target {
        command.args(["-t", target]);
    }
    let output = command.stderr(Stdio::null()).output().unwrap();
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Another program copies `bytes` as `target`; xclip keeps serving them in the background.
fn copy_elsewhere(target: &str, bytes: &[u8]) {
    let mut xclip = Command::new("xclip")
        .args(["-i", "-selection", "clipboard", "-t", target])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    xclip.stdin.take().unwrap().write_all(bytes).unwrap();
    assert!(xclip.wait().unwrap().success());
    std::thread::sleep(Duration::from_millis(200));
}

#[test]
#[ignore = "needs an X display; run by make test"]
fn a_copied_secret_can_be_pasted_elsewhere_and_is_marked_for_password_managers() {
    let _turn = DISPLAY.lock().unwrap_or_else(|e| e.into_inner());
    let clipboard = SystemClipboard::new();
    let secret = fresh_secret();
    clipboard.write_secret(&secret).unwrap();

    assert_eq!(paste(None).as_deref(), Some(secret.expose_secret()));
    let targets = paste(Some("TARGETS")).unwrap();
    assert!(
        targets.lines().any(|t| t == "x-kde-passwordManagerHint"),
        "{targets}"
    );
    assert!(clipboard.holds(&secret).unwrap());
}

#[test]
#[ignore = "needs an X display; run by make test"]
fn a_secret_still_on_the_clipboard_is_cleared_and_a_newer_copy_is_left_alone() {
    let _turn = DISPLAY.lock().unwrap_or_else(|e| e.into_inner());
    let clipboard = SystemClipboard::new();
    let secret = fresh_secret();
    clipboard.write_secret(&secret).unwrap();
    assert!(clear_if_holds(&clipboard, &secret).unwrap());
    assert_ne!(paste(None).as_deref(), Some(secret.expose_secret()));

    clipboard.write_secret(&secret).unwrap();
    copy_elsewhere("UTF8_STRING", b"the user's own text");
    assert!(!clear_if_holds(&clipboard, &secret).unwrap());
    assert_eq!(paste(None).as_deref(), Some("the user's own text"));
}

#[test]
#[ignore = "needs an X display; run by make test"]
fn an_image_on_the_clipboard_reads_as_no_text() {
    let _turn = DISPLAY.lock().unwrap_or_else(|e| e.into_inner());
    copy_elsewhere("image/png", b"\x89PNG\r\n\x1a\nnot really an image");
    let clipboard = SystemClipboard::new();
    assert!(clipboard.read_text().unwrap().is_none());
    assert!(!clipboard.holds(&fresh_secret()).unwrap());
}

#[test]
#[ignore = "needs an X display; run by make test"]
fn a_new_key_copied_from_rust_is_pasteable_until_the_timeout_clears_it() {
    let _turn = DISPLAY.lock().unwrap_or_else(|e| e.into_inner());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let server = FakeServer::start(FakeOptions {
            ..Default::default()
        })
        .await
        .unwrap();
        let admin_key = SecretString::from(server.admin_key());
        let options = ClientOptions::default();
        let client = Client::new(&server.base_url(), admin_key, options).unwrap();
        let project = ProjectId::from(server.state().projects(false)[0].id.as_str());
        let keys = KeyLifecycle::new();
        let outcome = keys
            .create_key(&client, &project, "deploy", &Default::default(), "req-1")
            .await;
        let Ok(CreateOutcome::Created(created)) = outcome else {
            panic!("expected a created key, got {outcome:?}");
        };
        let minted = server.state().minted_values().pop().unwrap();

        let clipboard = Arc::new(SystemClipboard::new());
        let after = Duration::from_millis(500);
        keys.copy_reveal(&created.reveal_id, clipboard, after)
            .await
            .unwrap();
        assert_eq!(paste(None).as_deref(), Some(minted.as_str()));
        assert!(keys.scheduled_clear_done().await.unwrap());
        assert_ne!(paste(None).as_deref(), Some(minted.as_str()));
    });
}
