//! `/organization/admin_api_keys` against the fake.

mod common;

use common::{param, start};
use openai_admin::{AdminApiKeyCreate, AdminApiKeyListParams, ClientOptions, ErrorKind, SortOrder};
use secrecy::ExposeSecret;

#[tokio::test]
async fn list_retrieve_and_order_admin_keys() {
    let h = start().await;
    let keys = h.client.admin_api_keys();
    let all = keys
        .list_all(&AdminApiKeyListParams::default())
        .await
        .unwrap();
    assert_eq!(all.len(), h.server.state().admin_keys.len());
    let fetched = keys.retrieve(&all[0].id).await.unwrap();
    assert_eq!(fetched.id, all[0].id);

    let params = AdminApiKeyListParams {
        order: Some(SortOrder::Desc),
        ..Default::default()
    };
    keys.list(&params).await.unwrap();
    let last = h
        .requests("GET", "/v1/organization/admin_api_keys")
        .pop()
        .unwrap();
    assert_eq!(param(&last, "order").as_deref(), Some("desc"));
}

#[tokio::test]
async fn create_with_expiry_returns_a_working_secret_then_delete_revokes_it() {
    let h = start().await;
    let body = AdminApiKeyCreate {
        name: "rotation".into(),
        expires_in_seconds: Some(3600),
    };
    let created = h.client.admin_api_keys().create(&body).await.unwrap();
    assert!(created.expires_at.is_some());
    assert!(!format!("{created:?}").contains(created.value.expose_secret()));
    let post = &h.requests("POST", "/v1/organization/admin_api_keys")[0];
    assert_eq!(
        post.body,
        Some(serde_json::json!({"name": "rotation", "expires_in_seconds": 3600}))
    );

    let second = h.client_with(created.value.expose_secret(), ClientOptions::default());
    second.projects().list(&Default::default()).await.unwrap();

    let deleted = h.client.admin_api_keys().delete(&created.id).await.unwrap();
    assert!(deleted.deleted);
    let rejected = second
        .projects()
        .list(&Default::default())
        .await
        .unwrap_err();
    assert_eq!(rejected.kind(), ErrorKind::Unauthorized);
}

#[tokio::test]
async fn create_without_expiry_omits_the_field() {
    let h = start().await;
    let body = AdminApiKeyCreate {
        name: "forever".into(),
        expires_in_seconds: None,
    };
    let created = h.client.admin_api_keys().create(&body).await.unwrap();
    assert_eq!(created.expires_at, None);
    let post = &h.requests("POST", "/v1/organization/admin_api_keys")[0];
    assert_eq!(post.body, Some(serde_json::json!({"name": "forever"})));
}

#[tokio::test]
async fn invalid_admin_key_input_is_rejected_before_any_request() {
    let h = start().await;
    let keys = h.client.admin_api_keys();
    for body in [
        AdminApiKeyCreate {
            name: " ".into(),
            expires_in_seconds: None,
        },
        AdminApiKeyCreate {
            name: "x".repeat(10_000),
            expires_in_seconds: None,
        },
        AdminApiKeyCreate {
            name: "ok".into(),
            expires_in_seconds: Some(0),
        },
        AdminApiKeyCreate {
            name: "ok".into(),
            expires_in_seconds: Some(31_536_001),
        },
    ] {
        assert_eq!(
            keys.create(&body).await.unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
    }
    assert_eq!(
        keys.delete("").await.unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
    assert!(h.server.requests().is_empty());
}

#[tokio::test]
async fn deleting_an_unknown_admin_key_is_not_found() {
    let h = start().await;
    let error = h
        .client
        .admin_api_keys()
        .delete("key_missing")
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound);
}
