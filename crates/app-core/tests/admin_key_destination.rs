//! The webview names an organization's API address, but where an admin key goes is Rust's
//! decision: OpenAI and this machine need no question; any other host is sent the key only
//! after the user agreed in a native dialog naming it (here a recording stand-in), and a refusal
//! sends nothing. The key from `OPENAI_ADMIN_KEY` goes to OpenAI only.

#![allow(clippy::unwrap_used)]

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use app_core::clipboard::{Clipboard, MemoryClipboard};
use app_core::{
    EnvironmentKey, HostConfirmation, KeySource, Keywarden, MemoryStore, NewOrganization,
};
use fake_admin_api::{FakeOptions, FakeServer};
use secrecy::SecretString;

/// Answers every question with `allow` and records the hosts asked about.
struct Answering {
    allow: bool,
    asked: Mutex<Vec<String>>,
}

impl HostConfirmation for Answering {
    fn allow_admin_key_to(&self, host: &str, _label: &str) -> bool {
        self.asked.lock().unwrap().push(host.to_owned());
        self.allow
    }
}

struct Setup {
    keywarden: Keywarden,
    clipboard: Arc<MemoryClipboard>,
    prompt: Arc<Answering>,
    _dir: tempfile::TempDir,
}

async fn setup(allow: bool, environment_key: EnvironmentKey) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let clipboard = Arc::new(MemoryClipboard::new());
    let prompt = Arc::new(Answering {
        allow,
        asked: Mutex::new(Vec::new()),
    });
    let keywarden = support::start_trusting(
        &dir,
        Arc::new(MemoryStore::new()),
        clipboard.clone(),
        None,
        environment_key,
        prompt.clone(),
    )
    .await;
    Setup {
        keywarden,
        clipboard,
        prompt,
        _dir: dir,
    }
}

fn new_org(base_url: &str, source: KeySource) -> NewOrganization {
    NewOrganization {
        label: "Acme".into(),
        base_url: Some(base_url.to_owned()),
        source,
    }
}

/// A TCP server on this machine reached through `0.0.0.0`, an address that is not loopback by
/// name: it counts the connections made to it (a TLS client connects before it sends anything).
async fn counting_host() -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let connections = Arc::new(AtomicUsize::new(0));
    let counted = connections.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            drop(socket);
        }
    });
    (format!("https://0.0.0.0:{port}/v1"), connections)
}

const KEY: &str = "sk-admin-SomeAdminKeyValue0123456789abcdefXYZ";

#[tokio::test]
async fn a_declined_host_is_sent_nothing_and_the_error_names_it() {
    let s = setup(false, EnvironmentKey::default()).await;
    let (url, connections) = counting_host().await;
    s.clipboard.write_secret(&SecretString::from(KEY)).unwrap();
    let error = s
        .keywarden
        .add_organization(new_org(&url, KeySource::Clipboard))
        .await
        .unwrap_err()
        .to_string();
    let host = url.trim_start_matches("https://").trim_end_matches("/v1");
    assert!(
        error.contains(&format!(
            "“Acme” was not added: you declined to send the admin key to {host}"
        )),
        "{error}"
    );
    assert_eq!(*s.prompt.asked.lock().unwrap(), vec![host.to_owned()]);
    assert_eq!(connections.load(Ordering::SeqCst), 0, "nothing was sent");
    assert!(s
        .keywarden
        .list_organizations()
        .iter()
        .all(|o| o.label != "Acme"));
    assert!(
        s.clipboard.read_text().unwrap().is_some(),
        "the user's key is left where it was"
    );
}

#[tokio::test]
async fn an_agreed_host_is_sent_the_key_after_the_question() {
    let s = setup(true, EnvironmentKey::default()).await;
    let (url, connections) = counting_host().await;
    s.clipboard.write_secret(&SecretString::from(KEY)).unwrap();
    // The counting host speaks no TLS, so the add fails after connecting.
    let _ = s
        .keywarden
        .add_organization(new_org(&url, KeySource::Clipboard))
        .await;
    assert_eq!(s.prompt.asked.lock().unwrap().len(), 1);
    assert!(
        connections.load(Ordering::SeqCst) >= 1,
        "the host was contacted"
    );
}

#[tokio::test]
async fn this_machine_needs_no_question() {
    let s = setup(false, EnvironmentKey::default()).await;
    let server = FakeServer::start(FakeOptions::default()).await.unwrap();
    s.clipboard
        .write_secret(&SecretString::from(server.admin_key()))
        .unwrap();
    s.keywarden
        .add_organization(new_org(&server.base_url(), KeySource::Clipboard))
        .await
        .unwrap();
    assert!(s.prompt.asked.lock().unwrap().is_empty());
}

#[tokio::test]
async fn the_environment_key_is_sent_to_openai_only() {
    let server = FakeServer::start(FakeOptions::default()).await.unwrap();
    let held = EnvironmentKey::new(Some(SecretString::from(server.admin_key())));
    let s = setup(true, held).await;
    assert!(s.keywarden.environment_key_available());
    let error = s
        .keywarden
        .add_organization(new_org(&server.base_url(), KeySource::Environment))
        .await
        .unwrap_err()
        .to_string();
    assert!(error.contains("only sent to OpenAI"), "{error}");
    assert!(server.requests().is_empty(), "nothing reached the server");
    assert!(s.prompt.asked.lock().unwrap().is_empty());
}

#[tokio::test]
async fn without_a_key_at_start_the_environment_offers_none() {
    let s = setup(true, EnvironmentKey::new(None)).await;
    assert!(!s.keywarden.environment_key_available());
    let error = s
        .keywarden
        .add_organization(new_org("", KeySource::Environment))
        .await
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("was not set when Keywarden started"),
        "{error}"
    );
}
