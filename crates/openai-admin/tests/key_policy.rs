//! Key expiry and permissions against the fake: `expires_at` on every key-bearing response,
//! scopes and expiry reaching the server, the update endpoint, and the server's refusals (expired
//! key, expiry policies) reaching the caller with their message.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, Utc};
use common::{canned, canned_client, start, start_with, Harness, NOW};
use fake_admin_api::FakeOptions;
use openai_admin::{
    ApiKeyId, ApiKeyUpdate, ErrorKind, ProjectId, ServiceAccountCreate, ServiceAccountKeyCreate,
};

const DAY: i64 = 86_400;

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap()
}

fn first_project(h: &Harness) -> ProjectId {
    ProjectId::from(h.server.state().projects(false)[0].id.clone())
}

/// A user-owned key of the first project, made never-expiring.
fn user_key(h: &Harness, project: &ProjectId) -> ApiKeyId {
    let state = h.server.state();
    let key = state
        .api_keys(project.as_str())
        .into_iter()
        .find(|k| k.owner.kind == "user")
        .unwrap();
    assert!(h.server.set_api_key_expires_at(&key.id, None));
    ApiKeyId::from(key.id)
}

fn scopes(list: &[&str]) -> Option<Vec<String>> {
    Some(list.iter().map(|s| (*s).to_owned()).collect())
}

#[tokio::test]
async fn list_and_retrieve_decode_expires_at_and_null_means_never() {
    let h = start().await;
    let project = first_project(&h);
    let keys = h.server.state().api_keys(project.as_str());
    h.server
        .set_api_key_expires_at(&keys[0].id, Some(NOW + 30 * DAY));
    h.server.set_api_key_expires_at(&keys[1].id, None);
    h.server
        .set_api_key_expires_at(&keys[2].id, Some(NOW - DAY));
    let api_keys = h.client.project(&project).api_keys();
    let listed = api_keys.list_all(&Default::default()).await.unwrap();
    assert_eq!(listed.len(), keys.len());
    for key in &listed {
        let held = h.server.api_key_policy(key.id.as_str()).unwrap();
        assert_eq!(key.expires_at, held.expires_at.map(at), "{}", key.id);
        let one = api_keys.retrieve(&key.id).await.unwrap();
        assert_eq!(one.expires_at, key.expires_at);
    }
    let expiry = |id: &str| {
        listed
            .iter()
            .find(|k| k.id.as_str() == id)
            .unwrap()
            .expires_at
    };
    assert_eq!(expiry(&keys[0].id), Some(at(NOW + 30 * DAY)));
    assert_eq!(expiry(&keys[1].id), None);
    assert_eq!(expiry(&keys[2].id), Some(at(NOW - DAY)));
}

#[tokio::test]
async fn extreme_expiries_decode_leniently_instead_of_failing_the_page() {
    let h = start().await;
    let project = first_project(&h);
    let keys = h.server.state().api_keys(project.as_str());
    h.server.set_api_key_expires_at(&keys[0].id, Some(i64::MAX));
    h.server.set_api_key_expires_at(&keys[1].id, Some(-DAY));
    let listed = h
        .client
        .project(&project)
        .api_keys()
        .list_all(&Default::default())
        .await
        .unwrap();
    let expiry = |id: &str| {
        listed
            .iter()
            .find(|k| k.id.as_str() == id)
            .unwrap()
            .expires_at
    };
    let huge = expiry(&keys[0].id).unwrap();
    assert_eq!(huge.timestamp(), DateTime::<Utc>::MAX_UTC.timestamp());
    assert_eq!(expiry(&keys[1].id), Some(at(-DAY)));

    let body = r#"{"object":"list","data":[{"object":"organization.project.api_key","id":"key_f",
        "name":"f","redacted_value":"sk-...abc","created_at":1,"last_used_at":null,
        "expires_at":1750000000.9}],"first_id":"key_f","last_id":"key_f","has_more":false}"#;
    let server = canned(vec![(200, vec![], body.to_owned())]).await;
    let (client, _) = canned_client(&server, |_| {});
    let page = client
        .project("proj_a")
        .api_keys()
        .list(&Default::default())
        .await
        .unwrap();
    assert_eq!(page.data[0].expires_at, Some(at(1_750_000_000)));
}

#[tokio::test]
async fn a_new_service_accounts_key_reports_its_expiry_and_the_fake_holds_its_scopes() {
    let h = start().await;
    let project = first_project(&h);
    let accounts = h.client.project(&project).service_accounts();
    let body = ServiceAccountCreate {
        name: "expiring".into(),
        expires_in_seconds: Some(3600),
        scopes: scopes(&["api.files.read", "api.all.read"]),
        ..Default::default()
    };
    let created = accounts.create(&body).await.unwrap();
    let key = created.api_key.as_ref().unwrap();
    let expected = key.created_at.unwrap() + chrono::Duration::seconds(3600);
    assert_eq!(key.expires_at, Some(expected));
    let held = h.server.api_key_policy(key.id.as_str()).unwrap();
    assert_eq!(held.scopes, ["api.files.read", "api.all.read"]);
    assert_eq!(held.expires_at, Some(expected.timestamp()));
    let path = format!("/v1/organization/projects/{project}/service_accounts");
    assert_eq!(
        h.requests("POST", &path)[0].body,
        Some(
            serde_json::json!({"name": "expiring", "expires_in_seconds": 3600,
            "scopes": ["api.files.read", "api.all.read"]})
        )
    );
    let plain = ServiceAccountCreate {
        name: "forever".into(),
        ..Default::default()
    };
    let forever = accounts.create(&plain).await.unwrap();
    let key = forever.api_key.unwrap();
    assert_eq!(key.expires_at, None);
    let held = h.server.api_key_policy(key.id.as_str()).unwrap();
    assert_eq!((held.scopes.len(), held.expires_at), (0, None));
}

#[tokio::test]
async fn an_extra_key_reports_its_expiry_and_the_fake_holds_its_scopes() {
    let h = start().await;
    let project = first_project(&h);
    let account = h.server.state().service_accounts(project.as_str())[0]
        .id
        .clone();
    let accounts = h.client.project(&project).service_accounts();
    let body = ServiceAccountKeyCreate {
        name: Some("reader".into()),
        scopes: scopes(&["api.all.read"]),
        expires_in_seconds: Some(7 * 86_400),
    };
    let key = accounts.create_key(account.as_str(), &body).await.unwrap();
    let expected = key.created_at.unwrap() + chrono::Duration::days(7);
    assert_eq!(key.expires_at, Some(expected));
    let held = h.server.api_key_policy(key.id.as_str()).unwrap();
    assert_eq!(held.scopes, ["api.all.read"]);
    assert_eq!(held.expires_at, Some(expected.timestamp()));
    let never = accounts
        .create_key(account.as_str(), &Default::default())
        .await
        .unwrap();
    assert_eq!(never.expires_at, None);
}

#[tokio::test]
async fn update_sends_only_the_given_fields_and_returns_the_key() {
    let h = start().await;
    let project = first_project(&h);
    let id = user_key(&h, &project);
    let api_keys = h.client.project(&project).api_keys();
    let path = format!("/v1/organization/projects/{project}/api_keys/{id}");

    let read_only = ApiKeyUpdate {
        scopes: scopes(&["api.all.read"]),
        ..Default::default()
    };
    let updated = api_keys.update(&id, &read_only).await.unwrap();
    assert_eq!((updated.id.clone(), updated.expires_at), (id.clone(), None));
    assert!(updated.redacted_value.contains("..."));
    let held = h.server.api_key_policy(id.as_str()).unwrap();
    assert_eq!(
        (held.scopes, held.expires_at),
        (vec!["api.all.read".into()], None)
    );

    let dated = ApiKeyUpdate {
        expires_in_seconds: Some(3600),
        ..Default::default()
    };
    let updated = api_keys.update(&id, &dated).await.unwrap();
    let held = h.server.api_key_policy(id.as_str()).unwrap();
    assert_eq!(updated.expires_at, held.expires_at.map(at));
    assert!(held.expires_at.unwrap() > NOW + 3600);
    assert_eq!(held.scopes, ["api.all.read"], "scopes left unchanged");

    let both = ApiKeyUpdate {
        scopes: Some(vec![]),
        expires_in_seconds: Some(60),
    };
    api_keys.update(&id, &both).await.unwrap();
    assert!(h
        .server
        .api_key_policy(id.as_str())
        .unwrap()
        .scopes
        .is_empty());

    let bodies: Vec<_> = h
        .requests("POST", &path)
        .into_iter()
        .map(|r| r.body.unwrap())
        .collect();
    assert_eq!(
        bodies,
        [
            serde_json::json!({"scopes": ["api.all.read"]}),
            serde_json::json!({"expires_in_seconds": 3600}),
            serde_json::json!({"scopes": [], "expires_in_seconds": 60}),
        ]
    );
}

#[tokio::test]
async fn updating_an_expired_or_unknown_key_gives_the_servers_error() {
    let h = start().await;
    let project = first_project(&h);
    let id = user_key(&h, &project);
    h.server.set_api_key_expires_at(id.as_str(), Some(NOW - 60));
    let api_keys = h.client.project(&project).api_keys();
    let body = ApiKeyUpdate {
        scopes: scopes(&["api.all.read"]),
        ..Default::default()
    };
    let error = api_keys.update(&id, &body).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::BadRequest);
    assert_eq!(error.status(), Some(400));
    assert_eq!(
        error.api_message(),
        Some("This API key has expired and cannot be updated.")
    );
    let held = h.server.api_key_policy(id.as_str()).unwrap();
    assert!(held.scopes != ["api.all.read"]);
    let missing = api_keys.update("key_missing", &body).await.unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn policy_refusals_keep_the_servers_message() {
    let fake = FakeOptions {
        expiry_policy_max_days: Some(90),
        ..common::fake_options()
    };
    let h = start_with(fake, |_| {}).await;
    let project = first_project(&h);
    let org = "This organization requires API keys to expire within 90 days. Choose an expiry of \
               90 days or less.";
    let accounts = h.client.project(&project).service_accounts();
    let no_expiry = ServiceAccountCreate {
        name: "no-expiry".into(),
        ..Default::default()
    };
    let error = accounts.create(&no_expiry).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::BadRequest);
    assert_eq!(error.api_message(), Some(org));
    assert_eq!(error.api_param(), Some("expires_in_seconds"));
    let account = h.server.state().service_accounts(project.as_str())[0]
        .id
        .clone();
    let too_long = ServiceAccountKeyCreate {
        expires_in_seconds: Some(91 * 86_400),
        ..Default::default()
    };
    let error = accounts
        .create_key(account.as_str(), &too_long)
        .await
        .unwrap_err();
    assert_eq!(error.api_message(), Some(org));

    h.server
        .set_project_expiry_policy(project.as_str(), Some(30));
    let id = user_key(&h, &project);
    let api_keys = h.client.project(&project).api_keys();
    let longer = ApiKeyUpdate {
        expires_in_seconds: Some(31 * 86_400),
        ..Default::default()
    };
    let error = api_keys.update(&id, &longer).await.unwrap_err();
    assert_eq!(
        error.api_message(),
        Some(
            "This project requires API keys to expire within 30 days. Choose an expiry of 30 \
             days or less."
        )
    );
    let scopes_only = ApiKeyUpdate {
        scopes: scopes(&["api.files.read"]),
        ..Default::default()
    };
    let updated = api_keys.update(&id, &scopes_only).await.unwrap();
    assert_eq!(updated.expires_at, None);
}

#[tokio::test]
async fn client_side_refusals_send_no_request() {
    let h = start().await;
    let project = first_project(&h);
    let id = user_key(&h, &project);
    let account = h.server.state().service_accounts(project.as_str())[0]
        .id
        .clone();
    let scope = h.client.project(&project);
    let before = h.server.requests().len();
    for body in [
        ApiKeyUpdate::default(),
        ApiKeyUpdate {
            expires_in_seconds: Some(0),
            ..Default::default()
        },
        ApiKeyUpdate {
            scopes: scopes(&["api.all.read"]),
            expires_in_seconds: Some(31_536_001),
        },
    ] {
        let error = scope.api_keys().update(&id, &body).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput, "{body:?}");
    }
    let create = ServiceAccountCreate {
        name: "bad".into(),
        expires_in_seconds: Some(0),
        ..Default::default()
    };
    let error = scope.service_accounts().create(&create).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    let create_key = ServiceAccountKeyCreate {
        expires_in_seconds: Some(31_536_001),
        ..Default::default()
    };
    let error = scope
        .service_accounts()
        .create_key(account.as_str(), &create_key)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert_eq!(h.server.requests().len(), before, "no request was sent");
    assert_eq!(
        h.server.api_key_policy(id.as_str()).unwrap().expires_at,
        None
    );
}
