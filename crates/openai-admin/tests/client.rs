//! Client construction: base-URL validation, what every request carries, and what every error
//! keeps from the response.

mod common;

use common::{canned, canned_client, start};
use openai_admin::{Client, ClientOptions, ErrorKind};
use secrecy::SecretString;

fn new(base: &str) -> Result<Client, openai_admin::Error> {
    Client::new(
        base,
        SecretString::from("sk-admin-x"),
        ClientOptions::default(),
    )
}

#[test]
fn unsafe_base_urls_are_invalid_input() {
    for base in [
        "",
        "http://example.com",
        "http://example.com/v1",
        "ftp://example.com/v1",
        "example.com",
        "https://user:pw@example.com/v1",
        "https://example.com/v1?x=1",
        "https://example.com/v1#top",
        "javascript:alert(1)",
    ] {
        let error = new(base).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput, "{base}");
        assert!(!error.may_have_reached_server());
        assert!(error.to_string().contains("base URL"), "{error}");
    }
}

#[test]
fn https_and_loopback_http_base_urls_are_accepted() {
    for base in [
        "https://api.openai.com/v1",
        "http://127.0.0.1:8080/v1",
        "http://localhost:8080/v1",
        "http://[::1]:8080/v1",
    ] {
        assert!(new(base).is_ok(), "{base}");
    }
}

#[tokio::test]
async fn every_request_carries_the_bearer_key_and_the_keywarden_user_agent() {
    let list = r#"{"object":"list","data":[],"has_more":false}"#.to_owned();
    let server = canned(vec![(200, vec![], list)]).await;
    let (client, _) = canned_client(&server, |_| {});
    client.projects().list(&Default::default()).await.unwrap();
    let head = server.heads.lock().unwrap()[0].to_lowercase();
    assert!(
        head.starts_with("get /v1/organization/projects http/1.1"),
        "{head}"
    );
    assert!(
        head.contains("authorization: bearer sk-admin-test"),
        "{head}"
    );
    let agent = format!("user-agent: keywarden/{}", env!("CARGO_PKG_VERSION"));
    assert!(head.contains(&agent), "{head}");
    assert!(!head.contains("openai-organization"), "{head}");
}

#[test]
fn the_client_debug_output_hides_the_admin_key() {
    let client = Client::new(
        "https://api.openai.com/v1",
        "sk-admin-SENTINEL".into(),
        Default::default(),
    );
    assert!(!format!("{:?}", client.unwrap()).contains("SENTINEL"));
}

#[tokio::test]
async fn an_api_error_from_the_fake_carries_the_request_id_of_its_response() {
    let h = start().await;
    let wrong_key = h.client_with("sk-admin-wrong", ClientOptions::default());
    let first = wrong_key.projects().list(&Default::default()).await;
    let second = h.client.projects().retrieve("proj_missing").await;
    let mut ids = Vec::new();
    for error in [first.unwrap_err(), second.unwrap_err()] {
        let id = error.request_id().expect("the fake sends x-request-id");
        let hex = id.strip_prefix("req_").expect("the real API's shape");
        assert_eq!(hex.len(), 32, "{id}");
        assert!(error.to_string().contains(id), "{error}");
        ids.push(id.to_owned());
    }
    assert_eq!(h.server.requests().len(), 2);
    assert_ne!(ids[0], ids[1]);
}
