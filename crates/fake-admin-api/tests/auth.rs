#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{assert_envelope, start};
use reqwest::{Method, StatusCode};

#[tokio::test]
async fn a_request_without_a_bearer_token_is_a_401_invalid_api_key() {
    let fake = start().await;
    let (status, body) = fake
        .call_as(None, Method::GET, "/organization/projects", None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let error = assert_envelope(&body);
    assert_eq!(error["code"], "invalid_api_key");
    assert_eq!(error["type"], "invalid_request_error");
    assert!(error["param"].is_null());
    assert!(error["message"]
        .as_str()
        .unwrap()
        .starts_with("Incorrect API key provided"));
}

#[tokio::test]
async fn a_wrong_bearer_token_is_a_401_invalid_api_key() {
    let fake = start().await;
    let (status, body) = fake
        .call_as(
            Some("sk-admin-wrong"),
            Method::GET,
            "/organization/projects",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(assert_envelope(&body)["code"], "invalid_api_key");
}

#[tokio::test]
async fn a_project_key_value_is_not_an_admin_key() {
    let fake = start().await;
    let project_secret = fake.server.state().api_keys[0].value.clone();
    let (status, _) = fake
        .call_as(
            Some(&project_secret),
            Method::GET,
            "/organization/projects",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_configured_admin_key_is_the_bootstrap_key() {
    let fake = common::start_with(fake_admin_api::FakeOptions {
        admin_key: Some("sk-admin-configured".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(fake.server.admin_key(), "sk-admin-configured");
    fake.get_ok("/organization/projects").await;
}

#[tokio::test]
async fn an_unknown_path_is_a_404_in_the_error_envelope() {
    let fake = start().await;
    let (status, body) = fake.call(Method::GET, "/organization/nothing", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(assert_envelope(&body)["message"]
        .as_str()
        .unwrap()
        .contains("/v1/organization/nothing"));
    let outside = fake
        .http
        .get(format!("{}/elsewhere", fake.server.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(outside.status(), StatusCode::NOT_FOUND);
    let body: serde_json::Value = outside.json().await.unwrap();
    assert_envelope(&body);
}

#[tokio::test]
async fn an_unknown_v1_path_without_a_token_is_a_401() {
    let fake = start().await;
    let (status, _) = fake
        .call_as(None, Method::GET, "/organization/nothing", None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_wrong_method_is_a_404_envelope() {
    let fake = start().await;
    let (status, body) = fake.call(Method::PUT, "/organization/projects", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_envelope(&body);
}

#[tokio::test]
async fn a_limit_outside_one_to_one_hundred_is_a_400_naming_limit() {
    let fake = start().await;
    for limit in ["0", "101", "-5", "abc", "1.5"] {
        let (status, body) = fake
            .call(
                Method::GET,
                &format!("/organization/projects?limit={limit}"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "limit={limit}");
        assert_eq!(assert_envelope(&body)["param"], "limit", "limit={limit}");
    }
    for limit in ["1", "100"] {
        fake.get_ok(&format!("/organization/projects?limit={limit}"))
            .await;
    }
}

#[tokio::test]
async fn an_unknown_after_cursor_is_a_400() {
    let fake = start().await;
    let (status, body) = fake
        .call(Method::GET, "/organization/projects?after=proj_gone", None)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(assert_envelope(&body)["param"], "after");
}

#[tokio::test]
async fn an_unparsable_json_body_is_a_400_envelope() {
    let fake = start().await;
    let response = fake
        .http
        .post(format!("{}/organization/projects", fake.server.base_url()))
        .bearer_auth(fake.server.admin_key())
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_envelope(&body);
}
