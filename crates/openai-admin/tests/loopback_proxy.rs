//! A loopback organization's bearer key never goes to a proxy: with `HTTP_PROXY` and `ALL_PROXY`
//! pointing at a listener, a client for the fake server on 127.0.0.1 talks to it directly, while
//! a client for a remote host does go through that proxy (so the proxy settings are live here).
//! The variables are process-wide, so this binary holds only this test.

#![allow(clippy::unwrap_used)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use fake_admin_api::{FakeOptions, FakeServer};
use openai_admin::{Client, ClientOptions, ProjectListParams};
use secrecy::SecretString;
use tokio::net::TcpListener;

/// A "proxy" that counts the connections it gets and answers none of them.
async fn counting_proxy() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&connections);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    (url, connections)
}

fn options() -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_secs(5),
        connect_timeout: Duration::from_secs(5),
        ..ClientOptions::default()
    }
}

#[tokio::test]
async fn a_loopback_organization_is_never_sent_through_a_proxy() {
    let (proxy, connections) = counting_proxy().await;
    for name in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        std::env::set_var(name, &proxy);
    }
    for name in ["NO_PROXY", "no_proxy"] {
        std::env::remove_var(name);
    }
    let server = FakeServer::start(FakeOptions::default()).await.unwrap();
    let key = SecretString::from(server.admin_key());

    let local = Client::new(&server.base_url(), key.clone(), options()).unwrap();
    let projects = local.projects().list(&ProjectListParams::default()).await;
    assert!(projects.is_ok(), "{projects:?}");
    assert_eq!(
        connections.load(Ordering::SeqCst),
        0,
        "the proxy saw the loopback request"
    );
    assert!(
        !server.requests().is_empty(),
        "the fake answered it directly"
    );

    let remote = Client::new("https://api.example.com/v1", key, options()).unwrap();
    let through_proxy = remote.projects().list(&ProjectListParams::default()).await;
    assert!(through_proxy.is_err());
    assert!(
        connections.load(Ordering::SeqCst) >= 1,
        "a remote host does use the proxy, so the settings above are in effect"
    );
}
