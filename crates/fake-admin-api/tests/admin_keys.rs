#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{assert_envelope, start};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn the_bootstrap_key_is_listed_without_its_value() {
    let fake = start().await;
    let keys = fake.list_all("/organization/admin_api_keys", 100).await;
    let admin_key = fake.server.admin_key();
    assert!(keys.iter().all(|k| k.get("value").is_none()));
    let expected = format!(
        "{}...{}",
        &admin_key[..7],
        &admin_key[admin_key.len() - 3..]
    );
    assert!(keys
        .iter()
        .any(|k| k["redacted_value"] == expected.as_str()));
    assert!(!serde_json::to_string(&keys).unwrap().contains(&admin_key));
}

#[tokio::test]
async fn a_created_admin_key_authenticates_until_deleted() {
    let fake = start().await;
    let created = fake
        .post_ok(
            "/organization/admin_api_keys",
            json!({"name": "Temp", "expires_in_seconds": 3600}),
        )
        .await;
    let value = created["value"].as_str().unwrap().to_owned();
    assert!(value.starts_with("sk-admin-"));
    assert_eq!(
        created["expires_at"].as_i64().unwrap() - created["created_at"].as_i64().unwrap(),
        3600
    );
    let (status, _) = fake
        .call_as(Some(&value), Method::GET, "/organization/projects", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let id = created["id"].as_str().unwrap();
    let retrieved = fake
        .get_ok(&format!("/organization/admin_api_keys/{id}"))
        .await;
    assert!(retrieved.get("value").is_none());
    let (status, body) = fake
        .delete(&format!("/organization/admin_api_keys/{id}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["object"], "organization.admin_api_key.deleted");
    let (status, body) = fake
        .call_as(Some(&value), Method::GET, "/organization/projects", None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(assert_envelope(&body)["code"], "invalid_api_key");
}

#[tokio::test]
async fn admin_keys_can_be_listed_in_descending_order() {
    let fake = start().await;
    let asc = fake
        .list_all("/organization/admin_api_keys?order=asc", 1)
        .await;
    let mut desc = fake
        .list_all("/organization/admin_api_keys?order=desc", 1)
        .await;
    desc.reverse();
    assert_eq!(asc, desc);
    assert!(asc.len() >= 3);
}

#[tokio::test]
async fn an_expiry_outside_the_allowed_range_is_a_400() {
    let fake = start().await;
    let (status, body) = fake
        .call(
            Method::POST,
            "/organization/admin_api_keys",
            Some(json!({"name": "x", "expires_in_seconds": 0})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(assert_envelope(&body)["param"], "expires_in_seconds");
}

#[tokio::test]
async fn retrieving_an_unknown_admin_key_is_a_404() {
    let fake = start().await;
    let (status, body) = fake
        .call(Method::GET, "/organization/admin_api_keys/key_nope", None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_envelope(&body);
}
