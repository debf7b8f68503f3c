#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{assert_envelope, start};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn listing_projects_hides_archived_ones_unless_asked() {
    let fake = start().await;
    let active = fake.list_all("/organization/projects", 100).await;
    let all = fake
        .list_all("/organization/projects?include_archived=true", 100)
        .await;
    assert_eq!(active.len(), 4);
    assert_eq!(all.len(), 5);
    assert!(active.iter().all(|p| p["status"] == "active"));
    assert!(all
        .iter()
        .any(|p| p["status"] == "archived" && p["archived_at"].is_i64()));
}

#[tokio::test]
async fn the_first_project_has_a_friendly_name() {
    let fake = start().await;
    let page = fake.get_ok("/organization/projects").await;
    assert_eq!(page["data"][0]["name"], "Production API");
    assert_eq!(page["data"][0]["object"], "organization.project");
}

#[tokio::test]
async fn paginating_with_limit_one_visits_every_project_once() {
    let fake = start().await;
    let paged = fake
        .list_all("/organization/projects?include_archived=true", 1)
        .await;
    let ids: Vec<_> = paged.iter().map(|p| p["id"].clone()).collect();
    let expected: Vec<_> = fake
        .server
        .state()
        .projects(true)
        .iter()
        .map(|p| json!(p.id))
        .collect();
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn a_page_reports_first_and_last_ids_and_has_more() {
    let fake = start().await;
    let page = fake.get_ok("/organization/projects?limit=2").await;
    assert_eq!(page["object"], "list");
    assert_eq!(page["first_id"], page["data"][0]["id"]);
    assert_eq!(page["last_id"], page["data"][1]["id"]);
    assert_eq!(page["has_more"], true);
}

#[tokio::test]
async fn creating_a_project_adds_it_to_the_list() {
    let fake = start().await;
    let created = fake
        .post_ok("/organization/projects", json!({"name": "New thing"}))
        .await;
    assert_eq!(created["name"], "New thing");
    assert!(created["id"].as_str().unwrap().starts_with("proj_"));
    let all = fake.list_all("/organization/projects", 100).await;
    assert!(all.iter().any(|p| p["id"] == created["id"]));
}

#[tokio::test]
async fn creating_a_project_without_a_name_is_a_400_naming_the_param() {
    let fake = start().await;
    let (status, body) = fake
        .call(Method::POST, "/organization/projects", Some(json!({})))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(assert_envelope(&body)["param"], "name");
}

#[tokio::test]
async fn retrieving_modifying_and_archiving_a_project_round_trips() {
    let fake = start().await;
    let id = fake.first_project();
    let path = format!("/organization/projects/{id}");
    assert_eq!(fake.get_ok(&path).await["id"], id.as_str());
    let renamed = fake.post_ok(&path, json!({"name": "Renamed"})).await;
    assert_eq!(renamed["name"], "Renamed");
    let archived = fake.post_ok(&format!("{path}/archive"), json!({})).await;
    assert_eq!(archived["status"], "archived");
    assert!(archived["archived_at"].is_i64());
    let active = fake.list_all("/organization/projects", 100).await;
    assert!(active.iter().all(|p| p["id"] != id.as_str()));
}

#[tokio::test]
async fn retrieving_an_unknown_project_is_a_404_envelope() {
    let fake = start().await;
    let (status, body) = fake
        .call(Method::GET, "/organization/projects/proj_nope", None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_envelope(&body);
}

#[tokio::test]
async fn creating_and_archiving_projects_is_recorded_in_the_audit_log() {
    let fake = start().await;
    let created = fake
        .post_ok("/organization/projects", json!({"name": "Audited"}))
        .await;
    let id = created["id"].as_str().unwrap();
    fake.post_ok(&format!("/organization/projects/{id}/archive"), json!({}))
        .await;
    let log = fake
        .get_ok(&format!("/organization/audit_logs?project_ids[]={id}"))
        .await;
    let kinds: Vec<_> = log["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].clone())
        .collect();
    assert_eq!(
        kinds,
        vec![json!("project.archived"), json!("project.created")]
    );
}
