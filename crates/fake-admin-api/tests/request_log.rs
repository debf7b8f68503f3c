//! The request log cannot be grown by whoever reaches the port: an unauthenticated request is
//! answered 401 before its body is read (however large it claims to be), a fake started without
//! recording keeps nothing until a test turns recording on, and a large body is not kept.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::start_with;
use fake_admin_api::{FakeOptions, MAX_RECORDED_BODY};
use reqwest::{Method, StatusCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends the head of a POST that announces a 1 GiB body, and only its first bytes; returns the
/// response head the server sends back. (The timeout only keeps a broken server from hanging the
/// suite: a fake that waits for the body never answers.)
async fn post_announcing_a_huge_body(url: &str, token: &str) -> String {
    let authority = url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(authority).await.unwrap();
    let head = format!(
        "POST /v1/organization/projects HTTP/1.1\r\nHost: {authority}\r\n\
         Authorization: Bearer {token}\r\nContent-Type: application/json\r\n\
         Content-Length: 1073741824\r\n\r\n{{\"name\": \""
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let mut buffer = [0_u8; 4096];
    let read_head = async {
        while !answer.windows(4).any(|w| w == b"\r\n\r\n") {
            let read = stream.read(&mut buffer).await.unwrap();
            assert!(read > 0, "the connection closed without an answer");
            answer.extend_from_slice(&buffer[..read]);
        }
    };
    tokio::time::timeout(Duration::from_secs(60), read_head)
        .await
        .expect("the fake waited for the 1 GiB body instead of answering 401");
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn a_wrong_key_with_a_huge_body_gets_401_without_the_body_being_read() {
    let fake = start_with(FakeOptions::default()).await;

    let head = post_announcing_a_huge_body(&fake.server.url(), "sk-admin-wrong").await;

    assert!(head.starts_with("HTTP/1.1 401"), "{head}");
    let recorded = fake.server.requests();
    assert_eq!(recorded.len(), 1);
    assert!(recorded[0].had_bearer);
    assert_eq!(recorded[0].body, None, "no body was read");
    let projects = fake.server.state().projects(true).len();
    assert_eq!(projects, FakeOptions::default().projects, "nothing created");
}

#[tokio::test]
async fn a_fake_started_without_recording_keeps_no_request_until_asked() {
    let fake = start_with(FakeOptions {
        record_requests: false,
        ..FakeOptions::default()
    })
    .await;
    let (status, _) = fake
        .call(Method::GET, "/organization/projects?limit=1", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let _ = fake
        .call_as(
            Some("sk-admin-wrong"),
            Method::GET,
            "/organization/users",
            None,
        )
        .await;
    assert!(fake.server.requests().is_empty());

    fake.server.record_requests(true);
    fake.call(Method::GET, "/organization/users", None).await;

    let recorded = fake.server.requests();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].path, "/v1/organization/users");
    assert!(recorded[0].answered_at.is_some());
}

#[tokio::test]
async fn a_body_larger_than_the_recording_limit_is_answered_but_not_kept() {
    let fake = start_with(FakeOptions::default()).await;
    let name = "n".repeat(MAX_RECORDED_BODY);
    let body = serde_json::json!({ "name": name });

    let (status, created) = fake
        .call(Method::POST, "/organization/projects", Some(body))
        .await;

    assert_eq!(status, StatusCode::OK, "{created}");
    let recorded = fake.server.requests();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].method, "POST");
    assert_eq!(recorded[0].body, None);
}
