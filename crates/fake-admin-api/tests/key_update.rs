//! `POST /organization/projects/{pid}/api_keys/{id}`: changing a key's scopes and expiry.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{assert_envelope, start, Fake};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const EXPIRED: &str = "This API key has expired and cannot be updated.";

/// A user-owned and a service-account-owned key of the first project, made never-expiring, and
/// the project.
fn keys(fake: &Fake) -> (String, String, String) {
    let pid = fake.first_project();
    let keys = fake.server.state().api_keys(&pid);
    let owned_by = |kind: &str| {
        let id = keys
            .iter()
            .find(|k| k.owner.kind == kind)
            .unwrap()
            .id
            .clone();
        assert!(fake.server.set_api_key_expires_at(&id, None));
        id
    };
    (owned_by("user"), owned_by("service_account"), pid)
}

async fn update(fake: &Fake, pid: &str, key_id: &str, body: Option<Value>) -> (StatusCode, Value) {
    let path = format!("/organization/projects/{pid}/api_keys/{key_id}");
    fake.call(Method::POST, &path, body).await
}

async fn update_ok(fake: &Fake, pid: &str, key_id: &str, body: Value) -> Value {
    let (status, response) = update(fake, pid, key_id, Some(body)).await;
    assert_eq!(status, StatusCode::OK, "{response}");
    response
}

fn message(status: StatusCode, body: &Value, expected: StatusCode) -> String {
    assert_eq!(status, expected, "{body}");
    assert_envelope(body)["message"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn scopes_replace_the_previous_ones_and_leave_the_expiry_alone() {
    let fake = start().await;
    let (user_key, sa_key, pid) = keys(&fake);
    for key in [&user_key, &sa_key] {
        fake.server
            .set_api_key_expires_at(key, Some(common::NOW + 500));
        let updated = update_ok(&fake, &pid, key, json!({"scopes": ["api.all.read"]})).await;
        assert_eq!(updated["object"], "organization.project.api_key");
        assert_eq!(updated["id"], key.as_str());
        assert_eq!(updated["expires_at"], common::NOW + 500);
        assert!(updated.get("value").is_none() && updated.get("scopes").is_none());
        assert!(updated["redacted_value"].as_str().unwrap().contains("..."));
        let retrieved = fake
            .get_ok(&format!("/organization/projects/{pid}/api_keys/{key}"))
            .await;
        assert_eq!(retrieved, updated);
        let body = json!({"scopes": ["api.files.read", "api.responses.write", "api.files.read"]});
        update_ok(&fake, &pid, key, body).await;
        let policy = fake.server.api_key_policy(key).unwrap();
        assert_eq!(policy.scopes, ["api.files.read", "api.responses.write"]);
        update_ok(&fake, &pid, key, json!({"scopes": []})).await;
        assert!(fake.server.api_key_policy(key).unwrap().scopes.is_empty());
    }
}

#[tokio::test]
async fn the_expiry_counts_from_the_request_and_a_retry_moves_it_again() {
    let fake = start().await;
    let (user_key, sa_key, pid) = keys(&fake);
    for key in [&user_key, &sa_key] {
        let scopes_before = fake.server.api_key_policy(key).unwrap().scopes;
        let before = fake.server.state().now;
        let first = update_ok(&fake, &pid, key, json!({"expires_in_seconds": 3600})).await;
        let after = fake.server.state().now;
        let expires_at = first["expires_at"].as_i64().unwrap();
        assert!((before + 3600 < expires_at) && (expires_at <= after + 3600));
        assert_eq!(
            fake.server.api_key_policy(key).unwrap().scopes,
            scopes_before
        );
        let retry = update_ok(&fake, &pid, key, json!({"expires_in_seconds": 3600})).await;
        assert!(retry["expires_at"].as_i64().unwrap() > expires_at);
    }
}

#[tokio::test]
async fn both_changes_are_saved_together() {
    let fake = start().await;
    let (user_key, _, pid) = keys(&fake);
    let body = json!({"scopes": ["api.files.read"], "expires_in_seconds": 31_536_000});
    let updated = update_ok(&fake, &pid, &user_key, body).await;
    let policy = fake.server.api_key_policy(&user_key).unwrap();
    assert_eq!(policy.scopes, ["api.files.read"]);
    assert_eq!(policy.expires_at, updated["expires_at"].as_i64());
    assert!(policy.expires_at.unwrap() > common::NOW + 31_536_000 - 10);
}

#[tokio::test]
async fn an_update_needs_at_least_one_field_and_refuses_nulls() {
    let fake = start().await;
    let (user_key, _, pid) = keys(&fake);
    let held = fake.server.api_key_policy(&user_key);
    for body in [None, Some(json!({})), Some(json!({"name": "ignored"}))] {
        let (status, response) = update(&fake, &pid, &user_key, body).await;
        let text = message(status, &response, StatusCode::BAD_REQUEST);
        assert!(
            text.contains("'scopes'") && text.contains("'expires_in_seconds'"),
            "{text}"
        );
    }
    for (body, param) in [
        (json!({"scopes": null}), "scopes"),
        (json!({"expires_in_seconds": null}), "expires_in_seconds"),
        (
            json!({"scopes": ["api.all.read"], "expires_in_seconds": null}),
            "expires_in_seconds",
        ),
    ] {
        let (status, response) = update(&fake, &pid, &user_key, Some(body.clone())).await;
        message(status, &response, StatusCode::BAD_REQUEST);
        assert_eq!(response["error"]["param"], param, "{body}");
    }
    assert_eq!(fake.server.api_key_policy(&user_key), held);
}

#[tokio::test]
async fn bad_expiries_and_scopes_are_refused_and_change_nothing() {
    let fake = start().await;
    let (user_key, _, pid) = keys(&fake);
    let held = fake.server.api_key_policy(&user_key);
    for bad in [json!(0), json!(-60), json!(31_536_001), json!(2.5)] {
        let body = json!({"scopes": ["api.all.read"], "expires_in_seconds": bad});
        let (status, response) = update(&fake, &pid, &user_key, Some(body)).await;
        let text = message(status, &response, StatusCode::BAD_REQUEST);
        assert!(text.contains("between 1 and 31536000"), "{bad}: {text}");
        assert_eq!(response["error"]["param"], "expires_in_seconds");
    }
    let (status, response) = update(
        &fake,
        &pid,
        &user_key,
        Some(json!({"expires_in_seconds": "3600"})),
    )
    .await;
    let text = message(status, &response, StatusCode::BAD_REQUEST);
    assert!(
        text.starts_with("Invalid type for 'expires_in_seconds'"),
        "{text}"
    );
    for (bad, expected) in [
        (
            json!(["foo bar"]),
            "Invalid scope 'foo bar': scopes look like 'api.files.read'.",
        ),
        (
            json!([""]),
            "Invalid scope '': scopes look like 'api.files.read'.",
        ),
        (
            json!("api.all.read"),
            "Invalid type for 'scopes': expected an array of strings, but got a string instead.",
        ),
    ] {
        let body = json!({"scopes": bad, "expires_in_seconds": 60});
        let (status, response) = update(&fake, &pid, &user_key, Some(body)).await;
        assert_eq!(
            message(status, &response, StatusCode::BAD_REQUEST),
            expected
        );
        assert_eq!(response["error"]["param"], "scopes");
    }
    let (status, response) = update(&fake, &pid, &user_key, Some(json!([1]))).await;
    message(status, &response, StatusCode::BAD_REQUEST);
    assert_eq!(fake.server.api_key_policy(&user_key), held);
}

#[tokio::test]
async fn unknown_keys_and_projects_are_404s_in_the_error_envelope() {
    let fake = start().await;
    let (user_key, _, pid) = keys(&fake);
    let body = json!({"scopes": ["api.all.read"]});
    let other_project = fake.server.state().projects(false)[1].id.clone();
    for (project, key) in [
        (pid.as_str(), "key_missing"),
        ("proj_missing", user_key.as_str()),
        (other_project.as_str(), user_key.as_str()),
    ] {
        let (status, response) = update(&fake, project, key, Some(body.clone())).await;
        let text = message(status, &response, StatusCode::NOT_FOUND);
        assert!(text.starts_with("No such"), "{text}");
    }
}

#[tokio::test]
async fn an_expired_key_cannot_be_updated() {
    let fake = start().await;
    let (user_key, sa_key, pid) = keys(&fake);
    let now = fake.server.state().now;
    for (key, expires_at) in [(&user_key, now), (&sa_key, now - 86_400), (&user_key, -5)] {
        assert!(fake.server.set_api_key_expires_at(key, Some(expires_at)));
        for body in [
            json!({"scopes": ["api.all.read"]}),
            json!({"expires_in_seconds": 3600}),
        ] {
            let (status, response) = update(&fake, &pid, key, Some(body)).await;
            assert_eq!(message(status, &response, StatusCode::BAD_REQUEST), EXPIRED);
        }
        let held = fake.server.api_key_policy(key).unwrap();
        assert_eq!(held.expires_at, Some(expires_at));
    }
    let seeded_expired = fake
        .server
        .state()
        .api_keys(&pid)
        .into_iter()
        .find(|k| k.expires_at.is_some_and(|t| t < now) && k.id != user_key && k.id != sa_key)
        .expect("the first seeded project has an expired key");
    let (status, response) =
        update(&fake, &pid, &seeded_expired.id, Some(json!({"scopes": []}))).await;
    assert_eq!(message(status, &response, StatusCode::BAD_REQUEST), EXPIRED);
}

#[tokio::test]
async fn keys_with_extreme_expiries_are_served_and_far_future_ones_can_be_updated() {
    let fake = start().await;
    let (user_key, _, pid) = keys(&fake);
    assert!(fake
        .server
        .set_api_key_expires_at(&user_key, Some(i64::MAX)));
    let path = format!("/organization/projects/{pid}/api_keys/{user_key}");
    assert_eq!(fake.get_ok(&path).await["expires_at"], i64::MAX);
    update_ok(&fake, &pid, &user_key, json!({"scopes": ["api.all.read"]})).await;
    assert!(fake
        .server
        .set_api_key_expires_at(&user_key, Some(i64::MIN)));
    assert_eq!(fake.get_ok(&path).await["expires_at"], i64::MIN);
    assert!(!fake.server.set_api_key_expires_at("key_missing", None));
}

#[tokio::test]
async fn updates_record_the_requested_changes_in_the_audit_log() {
    let fake = start().await;
    let (user_key, _, pid) = keys(&fake);
    let events = |fake: &Fake| {
        fake.server
            .state()
            .audit_logs
            .into_iter()
            .filter(|e| e.kind == "api_key.updated")
            .map(|e| serde_json::to_value(e).unwrap())
            .collect::<Vec<_>>()
    };
    let body = json!({"scopes": ["api.files.read", "api.files.read"], "expires_in_seconds": 60});
    update_ok(&fake, &pid, &user_key, body).await;
    update_ok(&fake, &pid, &user_key, json!({"scopes": []})).await;
    update_ok(&fake, &pid, &user_key, json!({"expires_in_seconds": 120})).await;
    let (status, _) = update(&fake, &pid, &user_key, Some(json!({"scopes": ["x y"]}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let recorded = events(&fake);
    let requested: Vec<&Value> = recorded
        .iter()
        .map(|e| &e["api_key.updated"]["changes_requested"])
        .collect();
    assert_eq!(
        requested,
        [
            &json!({"scopes": ["api.files.read"], "expires_in_seconds": 60}),
            &json!({"scopes": []}),
            &json!({"expires_in_seconds": 120}),
        ]
    );
    for event in &recorded {
        assert_eq!(event["api_key.updated"]["id"], user_key.as_str());
        assert_eq!(event["project"]["id"], pid.as_str());
    }
    let page = fake
        .get_ok(&format!(
            "/organization/audit_logs?event_types[]=api_key.updated&resource_ids[]={user_key}"
        ))
        .await;
    assert_eq!(page["data"].as_array().unwrap().len(), 3);
    assert_eq!(
        page["data"][0]["api_key.updated"]["changes_requested"],
        json!({"expires_in_seconds": 120})
    );
}
