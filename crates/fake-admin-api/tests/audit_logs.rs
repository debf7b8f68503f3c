#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{start, NOW};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn kinds(page: &Value) -> Vec<String> {
    page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn seeded_audit_log_lists_newest_first_and_pages_to_the_end() {
    let fake = start().await;
    let all = fake.list_all("/organization/audit_logs", 7).await;
    assert_eq!(all.len(), fake.server.state().audit_logs.len());
    let times: Vec<i64> = all
        .iter()
        .map(|e| e["effective_at"].as_i64().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]));
}

#[tokio::test]
async fn audit_logs_filter_by_event_type_and_time() {
    let fake = start().await;
    let page = fake
        .get_ok("/organization/audit_logs?event_types[]=project.archived&event_types[]=project.created&limit=100")
        .await;
    let found = kinds(&page);
    assert!(found
        .iter()
        .all(|k| k == "project.archived" || k == "project.created"));
    assert!(found.iter().any(|k| k == "project.archived"));
    let recent = fake
        .get_ok(&format!(
            "/organization/audit_logs?effective_at[gte]={}&limit=100",
            NOW - 86_400 * 40
        ))
        .await;
    assert!(recent["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["effective_at"].as_i64().unwrap() >= NOW - 86_400 * 40));
}

#[tokio::test]
async fn deleting_a_key_records_an_api_key_deleted_event() {
    let fake = start().await;
    let pid = fake.first_project();
    let key = fake
        .server
        .state()
        .api_keys(&pid)
        .into_iter()
        .find(|k| k.owner.kind == "user")
        .unwrap();
    fake.delete(&format!("/organization/projects/{pid}/api_keys/{}", key.id))
        .await;
    let page = fake
        .get_ok(&format!(
            "/organization/audit_logs?event_types[]=api_key.deleted&project_ids[]={pid}"
        ))
        .await;
    assert_eq!(page["data"][0]["api_key.deleted"]["id"], key.id.as_str());
}

#[tokio::test]
async fn creating_and_deleting_a_service_account_is_audited() {
    let fake = start().await;
    let pid = fake.first_project();
    let created = fake
        .post_ok(
            &format!("/organization/projects/{pid}/service_accounts"),
            json!({"name": "a"}),
        )
        .await;
    let id = created["id"].as_str().unwrap();
    fake.delete(&format!(
        "/organization/projects/{pid}/service_accounts/{id}"
    ))
    .await;
    let page = fake.get_ok("/organization/audit_logs?limit=3").await;
    assert_eq!(
        kinds(&page),
        vec![
            "service_account.deleted",
            "api_key.created",
            "service_account.created"
        ]
    );
}

#[tokio::test]
async fn before_pages_backwards_from_a_cursor() {
    let fake = start().await;
    let first = fake.get_ok("/organization/audit_logs?limit=4").await;
    let third = first["data"][2]["id"].as_str().unwrap();
    let before = fake
        .get_ok(&format!("/organization/audit_logs?limit=10&before={third}"))
        .await;
    assert_eq!(
        before["data"].as_array().unwrap().as_slice(),
        &first["data"].as_array().unwrap()[..2]
    );
}

#[tokio::test]
async fn a_non_numeric_time_filter_is_a_400() {
    let fake = start().await;
    let (status, _) = fake
        .call(
            reqwest::Method::GET,
            "/organization/audit_logs?effective_at[gt]=soon",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn created_keys_record_their_deduplicated_scopes_in_the_audit_log() {
    let fake = start().await;
    let pid = fake.first_project();
    let first = fake
        .post_ok(
            &format!("/organization/projects/{pid}/service_accounts"),
            json!({"name": "Audited", "scopes": ["api.files.read", "api.files.read"]}),
        )
        .await;
    let extra = fake
        .post_ok(
            &format!(
                "/organization/projects/{pid}/service_accounts/{}/api_keys",
                first["id"].as_str().unwrap()
            ),
            json!({"name": "Unrestricted"}),
        )
        .await;
    for (id, scopes) in [
        (first["api_key"]["id"].clone(), json!(["api.files.read"])),
        (extra["id"].clone(), json!([])),
    ] {
        let id = id.as_str().unwrap();
        let page = fake
            .get_ok(&format!(
                "/organization/audit_logs?event_types[]=api_key.created&resource_ids[]={id}"
            ))
            .await;
        let event = &page["data"][0];
        assert_eq!(event["api_key.created"]["id"], id);
        assert_eq!(event["api_key.created"]["data"]["scopes"], scopes);
        assert_eq!(event["project"]["id"], pid.as_str());
    }
}
