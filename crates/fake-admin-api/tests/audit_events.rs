//! Audit events of service accounts and keys, found by `resource_ids[]`; their actors; and the
//! 403s of an organization without audit logging or of a key without the read scope.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{assert_envelope, start, Fake};
use fake_admin_api::{Fault, FaultRule};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const AUDIT_LOGS: &str = "/organization/audit_logs";

/// The events about `id`, newest first, checking each names it.
async fn events_about(fake: &Fake, id: &str) -> Vec<Value> {
    let page = fake
        .get_ok(&format!("{AUDIT_LOGS}?resource_ids[]={id}&limit=100"))
        .await;
    let events = page["data"].as_array().unwrap().clone();
    for event in &events {
        let kind = event["type"].as_str().unwrap();
        assert_eq!(event[kind]["id"], id, "{event}");
    }
    events
}

fn kinds(events: &[Value]) -> Vec<&str> {
    events.iter().map(|e| e["type"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn a_service_account_and_its_key_are_audited_from_creation_to_deletion() {
    let fake = start().await;
    let pid = fake.first_project();
    let accounts = format!("/organization/projects/{pid}/service_accounts");
    let created = fake.post_ok(&accounts, json!({"name": "audited"})).await;
    let account = created["id"].as_str().unwrap();
    let key = created["api_key"]["id"].as_str().unwrap();
    let extra = fake
        .post_ok(
            &format!("{accounts}/{account}/api_keys"),
            json!({"name": "second"}),
        )
        .await;
    let extra = extra["id"].as_str().unwrap();
    let update = format!("/organization/projects/{pid}/api_keys/{key}");
    fake.post_ok(&update, json!({"scopes": ["api.files.read"]}))
        .await;

    let events = events_about(&fake, account).await;
    assert_eq!(kinds(&events), ["service_account.created"]);
    assert_eq!(
        events[0]["service_account.created"]["data"]["role"],
        "member"
    );
    assert_eq!(events[0]["project"]["id"], pid.as_str());
    let key_events = events_about(&fake, key).await;
    assert_eq!(kinds(&key_events), ["api_key.updated", "api_key.created"]);
    let requested = &key_events[0]["api_key.updated"]["changes_requested"];
    assert_eq!(requested["scopes"], json!(["api.files.read"]));
    assert_eq!(
        kinds(&events_about(&fake, extra).await),
        ["api_key.created"]
    );

    let (status, _) = fake.delete(&format!("{accounts}/{account}")).await;
    assert_eq!(status, StatusCode::OK);
    let events = events_about(&fake, account).await;
    assert_eq!(
        kinds(&events),
        ["service_account.deleted", "service_account.created"]
    );
    let types = "event_types[]=service_account.deleted";
    let page = fake
        .get_ok(&format!("{AUDIT_LOGS}?{types}&resource_ids[]={extra}"))
        .await;
    assert!(
        page["data"].as_array().unwrap().is_empty(),
        "ids and types both filter"
    );
}

#[tokio::test]
async fn a_seeded_user_key_is_audited_from_its_seeded_creation_to_its_deletion() {
    let fake = start().await;
    let pid = fake.first_project();
    let key = fake
        .server
        .state()
        .api_keys(&pid)
        .into_iter()
        .find(|k| k.owner.kind == "user" && k.expires_at.is_none())
        .unwrap();
    let path = format!("/organization/projects/{pid}/api_keys/{}", key.id);
    fake.post_ok(&path, json!({"expires_in_seconds": 3600}))
        .await;
    let (status, _) = fake.delete(&path).await;
    assert_eq!(status, StatusCode::OK);
    let events = events_about(&fake, &key.id).await;
    assert_eq!(
        kinds(&events),
        ["api_key.deleted", "api_key.updated", "api_key.created"]
    );
    let seeded = &events[2];
    assert_eq!(seeded["effective_at"], key.created_at);
    assert_eq!(
        seeded["api_key.created"]["data"]["scopes"],
        json!(["api.model.request"])
    );
}

#[tokio::test]
async fn seeded_events_come_from_a_browser_session_and_api_changes_from_the_admin_key() {
    let fake = start().await;
    let pid = fake.first_project();
    let seeded = events_about(&fake, &pid).await;
    let created = seeded.last().unwrap();
    assert_eq!(created["type"], "project.created");
    let actor = &created["actor"];
    assert_eq!(actor["type"], "session");
    let session = actor["session"].as_object().unwrap();
    let mut fields: Vec<&str> = session.keys().map(String::as_str).collect();
    fields.sort_unstable();
    assert_eq!(fields, ["ip_address", "user", "user_agent"]);
    assert!(session["user_agent"]
        .as_str()
        .unwrap()
        .starts_with("Mozilla/5.0"));
    assert!(session["user"]["email"].as_str().unwrap().contains('@'));

    let made = fake
        .post_ok(
            &format!("/organization/projects/{pid}/service_accounts"),
            json!({"name": "by key"}),
        )
        .await;
    let events = events_about(&fake, made["id"].as_str().unwrap()).await;
    let actor = &events[0]["actor"];
    assert_eq!(actor["type"], "api_key");
    let admin = fake.server.state().admin_keys[0].key.id.clone();
    assert_eq!(actor["api_key"]["id"], admin.as_str());
}

#[tokio::test]
async fn an_organization_without_audit_logging_answers_403() {
    let fake = start().await;
    fake.server
        .inject(FaultRule::new(Fault::AuditLogsDisabled).on_path(AUDIT_LOGS));
    let usage = format!("/organization/usage/embeddings?start_time={}", common::NOW);
    fake.get_ok(&usage).await;
    let (status, body) = fake.call(Method::GET, AUDIT_LOGS, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let error = assert_envelope(&body);
    assert_eq!(
        error["message"],
        "Audit logging is not enabled for this organization. Enable it in the organization's \
         data controls settings."
    );
    assert_eq!(error["type"], "invalid_request_error");
    fake.get_ok(AUDIT_LOGS).await;
}

#[tokio::test]
async fn a_missing_scope_can_be_limited_to_usage_or_to_audit_logs() {
    let fake = start().await;
    let start_time = common::NOW - 86_400;
    let embeddings = format!("/organization/usage/embeddings?start_time={start_time}");
    let costs = format!("/organization/costs?start_time={start_time}");
    fake.server.inject(
        FaultRule::new(Fault::MissingScope)
            .on_path("/organization/usage/")
            .always(),
    );
    fake.server
        .inject(FaultRule::new(Fault::MissingScope).on_path(AUDIT_LOGS));
    for path in [embeddings.as_str(), AUDIT_LOGS, embeddings.as_str()] {
        let (status, body) = fake.call(Method::GET, path, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        let message = assert_envelope(&body)["message"].as_str().unwrap();
        assert!(message.contains("api.management.read"), "{message}");
    }
    fake.get_ok(&costs).await;
    fake.get_ok(AUDIT_LOGS).await;
}
