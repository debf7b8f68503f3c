#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{assert_envelope, start};
use reqwest::StatusCode;
use serde_json::Value;

fn ids(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|k| k["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn keys_with_inactive_owners_are_hidden_unless_any_is_requested() {
    let fake = start().await;
    let pid = fake.first_project();
    let base = format!("/organization/projects/{pid}/api_keys");
    let default = fake.list_all(&base, 100).await;
    let any = fake
        .list_all(&format!("{base}?owner_project_access=any"), 100)
        .await;
    let inactive = fake
        .list_all(&format!("{base}?owner_project_access=inactive"), 100)
        .await;
    assert_eq!(any.len(), 5, "four generated keys and embeddings-indexer");
    assert!(!inactive.is_empty());
    assert_eq!(default.len() + inactive.len(), any.len());
    assert!(default
        .iter()
        .all(|k| k["owner_project_access"] == "active"));
    assert!(inactive
        .iter()
        .all(|k| k["owner_project_access"] == "inactive"));
}

#[tokio::test]
async fn an_unknown_owner_project_access_value_is_a_400() {
    let fake = start().await;
    let pid = fake.first_project();
    let (status, body) = fake
        .call(
            reqwest::Method::GET,
            &format!("/organization/projects/{pid}/api_keys?owner_project_access=some"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(assert_envelope(&body)["param"], "owner_project_access");
}

#[tokio::test]
async fn paging_keys_one_at_a_time_matches_the_state_order() {
    let fake = start().await;
    let pid = fake.first_project();
    let paged = fake
        .list_all(
            &format!("/organization/projects/{pid}/api_keys?owner_project_access=any"),
            1,
        )
        .await;
    let state_ids: Vec<String> = fake
        .server
        .state()
        .api_keys(&pid)
        .into_iter()
        .map(|k| k.id)
        .collect();
    assert_eq!(ids(&paged), state_ids);
}

#[tokio::test]
async fn listed_and_retrieved_keys_never_carry_a_value() {
    let fake = start().await;
    let pid = fake.first_project();
    let keys = fake
        .list_all(
            &format!("/organization/projects/{pid}/api_keys?owner_project_access=any"),
            100,
        )
        .await;
    for key in &keys {
        assert!(key.get("value").is_none());
        let id = key["id"].as_str().unwrap();
        let one = fake
            .get_ok(&format!("/organization/projects/{pid}/api_keys/{id}"))
            .await;
        assert_eq!(&one, key);
        let redacted = key["redacted_value"].as_str().unwrap();
        assert_eq!(redacted.len(), 13, "{redacted}");
        assert_eq!(&redacted[7..10], "...");
    }
}

#[tokio::test]
async fn deleting_a_user_key_removes_it_from_the_list() {
    let fake = start().await;
    let pid = fake.first_project();
    let key = fake
        .server
        .state()
        .api_keys(&pid)
        .into_iter()
        .find(|k| k.owner.kind == "user")
        .unwrap();
    let (status, body) = fake
        .delete(&format!("/organization/projects/{pid}/api_keys/{}", key.id))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["object"], "organization.project.api_key.deleted");
    assert_eq!(body["deleted"], true);
    let any = fake
        .list_all(
            &format!("/organization/projects/{pid}/api_keys?owner_project_access=any"),
            100,
        )
        .await;
    assert!(!ids(&any).contains(&key.id));
}

#[tokio::test]
async fn deleting_a_service_account_key_via_api_keys_returns_400() {
    let fake = start().await;
    let pid = fake.first_project();
    let key = fake
        .server
        .state()
        .api_keys(&pid)
        .into_iter()
        .find(|k| k.owner.kind == "service_account")
        .unwrap();
    let (status, body) = fake
        .delete(&format!("/organization/projects/{pid}/api_keys/{}", key.id))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_envelope(&body);
    assert_eq!(fake.server.state().api_keys(&pid).len(), 5);
}

#[tokio::test]
async fn deleting_an_unknown_key_is_a_404() {
    let fake = start().await;
    let pid = fake.first_project();
    let (status, body) = fake
        .delete(&format!(
            "/organization/projects/{pid}/api_keys/key_missing"
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_envelope(&body);
}

#[tokio::test]
async fn there_is_no_endpoint_to_create_a_project_key() {
    let fake = start().await;
    let pid = fake.first_project();
    let (status, body) = fake
        .call(
            reqwest::Method::POST,
            &format!("/organization/projects/{pid}/api_keys"),
            Some(serde_json::json!({"name": "x"})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_envelope(&body);
}
