//! Key permissions (scopes) and expiry on the two create paths: a service account's first key
//! and an extra key for an existing service account.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{assert_envelope, start, Fake};
use fake_admin_api::KeyPolicy;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const SCOPE_HINT: &str = "scopes look like 'api.files.read'.";

fn accounts_path(pid: &str) -> String {
    format!("/organization/projects/{pid}/service_accounts")
}

fn extra_key_path(fake: &Fake, pid: &str) -> String {
    let said = fake.server.state().service_accounts(pid)[0].id.clone();
    format!("/organization/projects/{pid}/service_accounts/{said}/api_keys")
}

/// The key as list and retrieve serve it.
async fn served_key(fake: &Fake, pid: &str, key_id: &str) -> (Value, Value) {
    let listed = fake
        .list_all(
            &format!("/organization/projects/{pid}/api_keys?owner_project_access=any"),
            100,
        )
        .await
        .into_iter()
        .find(|k| k["id"] == key_id)
        .unwrap();
    let retrieved = fake
        .get_ok(&format!("/organization/projects/{pid}/api_keys/{key_id}"))
        .await;
    (listed, retrieved)
}

/// Asserts a 400 naming `param` and returns its message.
fn refused(status: StatusCode, body: &Value, param: &str) -> String {
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let error = assert_envelope(body);
    assert_eq!(error["param"], param, "{body}");
    error["message"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_service_accounts_first_key_gets_the_requested_expiry_and_scopes() {
    let fake = start().await;
    let pid = fake.first_project();
    let created = fake
        .post_ok(
            &accounts_path(&pid),
            json!({"name": "Deployer", "expires_in_seconds": 3600,
                   "scopes": ["api.files.read", "api.all.read", "api.files.read"]}),
        )
        .await;
    assert_eq!(created["role"], "member");
    let key = &created["api_key"];
    let expires_at = key["created_at"].as_i64().unwrap() + 3600;
    assert_eq!(key["expires_at"], expires_at);
    let id = key["id"].as_str().unwrap();
    let (listed, retrieved) = served_key(&fake, &pid, id).await;
    assert_eq!(listed["expires_at"], expires_at);
    assert_eq!(retrieved, listed);
    assert!(
        listed.get("scopes").is_none(),
        "the API never serves scopes"
    );
    assert_eq!(
        fake.server.api_key_policy(id),
        Some(KeyPolicy {
            scopes: vec!["api.files.read".into(), "api.all.read".into()],
            expires_at: Some(expires_at),
        })
    );
}

#[tokio::test]
async fn without_expiry_or_scopes_a_key_never_expires_and_has_all_permissions() {
    let fake = start().await;
    let pid = fake.first_project();
    for body in [
        json!({"name": "Plain"}),
        json!({"name": "Nulls", "expires_in_seconds": null, "scopes": null}),
        json!({"name": "Empty", "scopes": []}),
    ] {
        let created = fake.post_ok(&accounts_path(&pid), body.clone()).await;
        let key = &created["api_key"];
        assert_eq!(key.get("expires_at"), Some(&Value::Null), "{body}");
        let id = key["id"].as_str().unwrap();
        let (listed, retrieved) = served_key(&fake, &pid, id).await;
        assert_eq!(listed.get("expires_at"), Some(&Value::Null));
        assert_eq!(retrieved.get("expires_at"), Some(&Value::Null));
        let policy = fake.server.api_key_policy(id).unwrap();
        assert_eq!(
            (policy.scopes.len(), policy.expires_at),
            (0, None),
            "{body}"
        );
    }
}

#[tokio::test]
async fn an_expiry_with_create_service_account_only_is_refused_but_null_is_not() {
    let fake = start().await;
    let pid = fake.first_project();
    let before = fake.server.state().service_accounts.len();
    let (status, body) = fake
        .call(
            Method::POST,
            &accounts_path(&pid),
            Some(json!({"name": "Bare", "create_service_account_only": true,
                        "expires_in_seconds": 3600})),
        )
        .await;
    let message = refused(status, &body, "expires_in_seconds");
    assert!(message.contains("create_service_account_only"), "{message}");
    assert_eq!(fake.server.state().service_accounts.len(), before);
    let bare = fake
        .post_ok(
            &accounts_path(&pid),
            json!({"name": "Bare", "create_service_account_only": true,
                   "expires_in_seconds": null}),
        )
        .await;
    assert_eq!(
        (bare["role"].clone(), bare["api_key"].clone()),
        (json!("none"), Value::Null)
    );
}

#[tokio::test]
async fn an_extra_service_account_key_gets_its_name_scopes_and_expiry() {
    let fake = start().await;
    let pid = fake.first_project();
    let path = extra_key_path(&fake, &pid);
    let created = fake
        .post_ok(
            &path,
            json!({"name": "Reader", "scopes": ["api.chat.completions.write"],
                   "expires_in_seconds": 86_400}),
        )
        .await;
    assert_eq!(created["name"], "Reader");
    let expires_at = created["created_at"].as_i64().unwrap() + 86_400;
    assert_eq!(created["expires_at"], expires_at);
    let id = created["id"].as_str().unwrap();
    assert_eq!(
        served_key(&fake, &pid, id).await.1["expires_at"],
        expires_at
    );
    let policy = fake.server.api_key_policy(id).unwrap();
    assert_eq!(policy.scopes, ["api.chat.completions.write"]);
    let never = fake
        .post_ok(&path, json!({"expires_in_seconds": null}))
        .await;
    assert_eq!(never.get("expires_at"), Some(&Value::Null));
    assert_eq!(never["name"], "Secret Key");
}

#[tokio::test]
async fn out_of_range_or_mistyped_expiries_are_refused_on_both_create_paths() {
    let fake = start().await;
    let pid = fake.first_project();
    let paths = [accounts_path(&pid), extra_key_path(&fake, &pid)];
    let keys_before = fake.server.state().api_keys.len();
    for path in &paths {
        for bad in [json!(0), json!(-1), json!(31_536_001), json!(1.5)] {
            let body = json!({"name": "x", "expires_in_seconds": bad});
            let (status, response) = fake.call(Method::POST, path, Some(body)).await;
            let message = refused(status, &response, "expires_in_seconds");
            assert!(
                message.contains("between 1 and 31536000"),
                "{bad}: {message}"
            );
        }
        for bad in [json!("3600"), json!(true), json!([60])] {
            let body = json!({"name": "x", "expires_in_seconds": bad});
            let (status, response) = fake.call(Method::POST, path, Some(body)).await;
            let message = refused(status, &response, "expires_in_seconds");
            assert!(
                message.starts_with("Invalid type for 'expires_in_seconds'"),
                "{message}"
            );
        }
        let edge = json!({"name": "edge", "expires_in_seconds": 31_536_000});
        let (status, response) = fake.call(Method::POST, path, Some(edge)).await;
        assert_eq!(status, StatusCode::OK, "{response}");
    }
    assert_eq!(fake.server.state().api_keys.len(), keys_before + 2);
}

#[tokio::test]
async fn malformed_scopes_are_refused_on_both_create_paths_naming_the_value() {
    let fake = start().await;
    let pid = fake.first_project();
    let paths = [accounts_path(&pid), extra_key_path(&fake, &pid)];
    let keys_before = fake.server.state().api_keys.len();
    for path in &paths {
        for (scopes, expected) in [
            (
                json!(["foo bar"]),
                format!("Invalid scope 'foo bar': {SCOPE_HINT}"),
            ),
            (
                json!(["api.files.read", ""]),
                format!("Invalid scope '': {SCOPE_HINT}"),
            ),
            (
                json!(["API.files.read"]),
                format!("Invalid scope 'API.files.read': {SCOPE_HINT}"),
            ),
            (
                json!(["api.files"]),
                format!("Invalid scope 'api.files': {SCOPE_HINT}"),
            ),
            (
                json!("api.files.read"),
                "Invalid type for 'scopes': expected an array of strings, but got a string \
                 instead."
                    .to_owned(),
            ),
            (
                json!({"api": "files"}),
                "Invalid type for 'scopes': expected an array of strings, but got an object \
                 instead."
                    .to_owned(),
            ),
            (
                json!([7]),
                "Invalid type for 'scopes[0]': expected a string, but got an integer instead."
                    .to_owned(),
            ),
        ] {
            let body = json!({"name": "x", "scopes": scopes});
            let (status, response) = fake.call(Method::POST, path, Some(body)).await;
            assert_eq!(refused(status, &response, "scopes"), expected, "{path}");
        }
    }
    assert_eq!(fake.server.state().api_keys.len(), keys_before);
}

#[tokio::test]
async fn well_formed_scopes_the_fake_does_not_know_are_accepted() {
    let fake = start().await;
    let pid = fake.first_project();
    let created = fake
        .post_ok(
            &extra_key_path(&fake, &pid),
            json!({"scopes": ["api.future_thing.v2.write", "api.all.read"]}),
        )
        .await;
    let policy = fake
        .server
        .api_key_policy(created["id"].as_str().unwrap())
        .unwrap();
    assert_eq!(policy.scopes, ["api.future_thing.v2.write", "api.all.read"]);
}

#[tokio::test]
async fn every_listed_key_reports_expires_at_as_seconds_or_null() {
    let fake = start().await;
    for project in fake.server.state().projects(true) {
        let keys = fake
            .list_all(
                &format!(
                    "/organization/projects/{}/api_keys?owner_project_access=any",
                    project.id
                ),
                100,
            )
            .await;
        for key in keys {
            let expires_at = key.get("expires_at").unwrap();
            assert!(expires_at.is_null() || expires_at.is_i64(), "{key}");
            let held = fake
                .server
                .api_key_policy(key["id"].as_str().unwrap())
                .unwrap();
            assert_eq!(expires_at.as_i64(), held.expires_at);
        }
    }
}
