//! Organization and project key expiry policies: creates must set an expiry within the maximum,
//! updates may not set a longer one, and the stricter policy applies.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{assert_envelope, start, start_with, Fake, NOW};
use fake_admin_api::FakeOptions;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const DAY: i64 = 86_400;

fn org_policy(days: u32) -> String {
    format!(
        "This organization requires API keys to expire within {days} days. Choose an expiry of \
         {days} days or less."
    )
}

fn project_policy(days: u32) -> String {
    format!(
        "This project requires API keys to expire within {days} days. Choose an expiry of {days} \
         days or less."
    )
}

async fn with_org_policy(days: u32) -> Fake {
    start_with(FakeOptions {
        now: Some(NOW),
        expiry_policy_max_days: Some(days),
        ..FakeOptions::default()
    })
    .await
}

/// The two create paths of a project: a new service account and an extra key for an existing one.
fn create_paths(fake: &Fake, pid: &str) -> [String; 2] {
    let said = fake.server.state().service_accounts(pid)[0].id.clone();
    [
        format!("/organization/projects/{pid}/service_accounts"),
        format!("/organization/projects/{pid}/service_accounts/{said}/api_keys"),
    ]
}

async fn create(fake: &Fake, path: &str, expires_in: Option<i64>) -> (StatusCode, Value) {
    let mut body = json!({"name": "Policy test"});
    if let Some(seconds) = expires_in {
        body["expires_in_seconds"] = json!(seconds);
    }
    fake.call(Method::POST, path, Some(body)).await
}

/// Asserts a policy refusal and returns its message.
fn refusal(status: StatusCode, body: &Value) -> String {
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let error = assert_envelope(body);
    assert_eq!(error["param"], "expires_in_seconds");
    error["message"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn under_an_organization_policy_creates_need_an_expiry_within_the_maximum() {
    let fake = with_org_policy(90).await;
    let pid = fake.first_project();
    let before = fake.server.state();
    for path in create_paths(&fake, &pid) {
        for expires_in in [None, Some(90 * DAY + 1), Some(31_536_000)] {
            let (status, body) = create(&fake, &path, expires_in).await;
            assert_eq!(
                refusal(status, &body),
                org_policy(90),
                "{path} {expires_in:?}"
            );
        }
    }
    let after = fake.server.state();
    assert_eq!(after.api_keys.len(), before.api_keys.len());
    assert_eq!(after.service_accounts.len(), before.service_accounts.len());
    for path in create_paths(&fake, &pid) {
        for expires_in in [90 * DAY, DAY, 1] {
            let (status, body) = create(&fake, &path, Some(expires_in)).await;
            assert_eq!(status, StatusCode::OK, "{path} {expires_in}: {body}");
        }
    }
}

#[tokio::test]
async fn an_account_without_a_key_needs_no_expiry_under_a_policy() {
    let fake = with_org_policy(30).await;
    let pid = fake.first_project();
    let bare = fake
        .post_ok(
            &format!("/organization/projects/{pid}/service_accounts"),
            json!({"name": "Bare", "create_service_account_only": true}),
        )
        .await;
    assert_eq!(bare["role"], "none");
}

#[tokio::test]
async fn the_stricter_of_the_organization_and_project_policies_applies() {
    let fake = with_org_policy(90).await;
    let projects = fake.server.state().projects(false);
    let (strict, loose, plain) = (&projects[0].id, &projects[1].id, &projects[3].id);
    fake.server.set_project_expiry_policy(strict, Some(30));
    fake.server.set_project_expiry_policy(loose, Some(200));
    for path in create_paths(&fake, strict) {
        let (status, body) = create(&fake, &path, Some(31 * DAY)).await;
        assert_eq!(refusal(status, &body), project_policy(30));
        let (status, body) = create(&fake, &path, None).await;
        assert_eq!(refusal(status, &body), project_policy(30));
        let (status, body) = create(&fake, &path, Some(30 * DAY)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    for project in [loose, plain] {
        for path in create_paths(&fake, project) {
            let (status, body) = create(&fake, &path, Some(91 * DAY)).await;
            assert_eq!(refusal(status, &body), org_policy(90));
            let (status, body) = create(&fake, &path, Some(60 * DAY)).await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
    }
}

#[tokio::test]
async fn a_project_policy_alone_binds_only_its_project_and_can_be_lifted() {
    let fake = start().await;
    let projects = fake.server.state().projects(false);
    fake.server
        .set_project_expiry_policy(&projects[0].id, Some(7));
    let [first, _] = create_paths(&fake, &projects[0].id);
    let (status, body) = create(&fake, &first, None).await;
    assert_eq!(refusal(status, &body), project_policy(7));
    let [other, _] = create_paths(&fake, &projects[1].id);
    assert_eq!(create(&fake, &other, None).await.0, StatusCode::OK);
    fake.server.set_project_expiry_policy(&projects[0].id, None);
    assert_eq!(create(&fake, &first, None).await.0, StatusCode::OK);
}

#[tokio::test]
async fn the_organization_policy_can_be_set_and_lifted_at_runtime() {
    let fake = start().await;
    let pid = fake.first_project();
    let [path, _] = create_paths(&fake, &pid);
    fake.server.set_org_expiry_policy(Some(1));
    let (status, body) = create(&fake, &path, Some(DAY + 1)).await;
    assert_eq!(
        refusal(status, &body),
        "This organization requires API keys to expire within 1 day. Choose an expiry of 1 day \
         or less."
    );
    fake.server.set_org_expiry_policy(None);
    assert_eq!(create(&fake, &path, None).await.0, StatusCode::OK);
}

#[tokio::test]
async fn updates_may_not_set_a_longer_expiry_but_may_change_scopes_freely() {
    let fake = with_org_policy(90).await;
    let projects = fake.server.state().projects(false);
    let pid = &projects[0].id;
    fake.server.set_project_expiry_policy(pid, Some(30));
    let key = fake.server.state().api_keys(pid)[0].id.clone();
    fake.server.set_api_key_expires_at(&key, None);
    let path = format!("/organization/projects/{pid}/api_keys/{key}");
    for seconds in [31 * DAY, 31_536_000] {
        let body = json!({"scopes": ["api.all.read"], "expires_in_seconds": seconds});
        let (status, response) = fake.call(Method::POST, &path, Some(body)).await;
        assert_eq!(refusal(status, &response), project_policy(30));
    }
    let held = fake.server.api_key_policy(&key).unwrap();
    assert_eq!(held.expires_at, None, "a refused update changes nothing");
    assert!(!held.scopes.contains(&"api.all.read".to_owned()));
    let scoped = fake
        .post_ok(&path, json!({"scopes": ["api.all.read"]}))
        .await;
    assert!(
        scoped["expires_at"].is_null(),
        "scopes-only update keeps no expiry"
    );
    let dated = fake
        .post_ok(&path, json!({"expires_in_seconds": 30 * DAY}))
        .await;
    assert!(dated["expires_at"].as_i64().unwrap() > NOW + 30 * DAY - 10);
}
