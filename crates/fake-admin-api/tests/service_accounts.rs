#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{assert_envelope, start};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn creating_a_service_account_returns_its_key_value_once() {
    let fake = start().await;
    let pid = fake.first_project();
    let created = fake
        .post_ok(
            &format!("/organization/projects/{pid}/service_accounts"),
            json!({"name": "Deployer"}),
        )
        .await;
    assert_eq!(created["role"], "member");
    let value = created["api_key"]["value"].as_str().unwrap();
    assert!(value.starts_with("sk-svcacct-"));
    assert_eq!(value.len(), "sk-svcacct-".len() + 48);
    assert!(fake
        .server
        .state()
        .minted_values()
        .contains(&value.to_owned()));
    let keys = fake
        .list_all(
            &format!("/organization/projects/{pid}/api_keys?owner_project_access=any"),
            100,
        )
        .await;
    let key = keys
        .iter()
        .find(|k| k["id"] == created["api_key"]["id"])
        .unwrap();
    assert!(key.get("value").is_none());
    assert_eq!(key["owner"]["type"], "service_account");
    assert_eq!(key["owner"]["service_account"]["id"], created["id"]);
    let redacted = key["redacted_value"].as_str().unwrap();
    assert_eq!(
        redacted,
        format!("{}...{}", &value[..7], &value[value.len() - 3..])
    );
    let text = serde_json::to_string(&keys).unwrap();
    assert!(!text.contains(value));
}

#[tokio::test]
async fn creating_a_service_account_only_gives_role_none_and_no_key() {
    let fake = start().await;
    let pid = fake.first_project();
    let created = fake
        .post_ok(
            &format!("/organization/projects/{pid}/service_accounts"),
            json!({"name": "Bare", "create_service_account_only": true}),
        )
        .await;
    assert_eq!(created["role"], "none");
    assert!(created["api_key"].is_null());
}

#[tokio::test]
async fn listing_and_retrieving_service_accounts_matches_state() {
    let fake = start().await;
    let pid = fake.first_project();
    let listed = fake
        .list_all(&format!("/organization/projects/{pid}/service_accounts"), 1)
        .await;
    let state = fake.server.state().service_accounts(&pid);
    assert_eq!(listed.len(), state.len());
    for (item, account) in listed.iter().zip(&state) {
        assert_eq!(item["id"], account.id.as_str());
        let one = fake
            .get_ok(&format!(
                "/organization/projects/{pid}/service_accounts/{}",
                account.id
            ))
            .await;
        assert_eq!(&one, item);
    }
}

#[tokio::test]
async fn service_accounts_of_an_archived_project_cannot_be_listed_or_created() {
    let fake = start().await;
    let archived = fake
        .server
        .state()
        .projects(true)
        .into_iter()
        .find(|p| p.archived_at.is_some())
        .unwrap();
    let path = format!("/organization/projects/{}/service_accounts", archived.id);
    let (status, body) = fake.call(Method::GET, &path, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_envelope(&body);
    let (status, _) = fake
        .call(Method::POST, &path, Some(json!({"name": "x"})))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn updating_a_service_account_changes_name_and_role() {
    let fake = start().await;
    let pid = fake.first_project();
    let said = fake.server.state().service_accounts(&pid)[0].id.clone();
    let path = format!("/organization/projects/{pid}/service_accounts/{said}");
    let updated = fake
        .post_ok(&path, json!({"name": "Renamed", "role": "owner"}))
        .await;
    assert_eq!(
        (updated["name"].clone(), updated["role"].clone()),
        (json!("Renamed"), json!("owner"))
    );
    let (status, body) = fake
        .call(Method::POST, &path, Some(json!({"role": "boss"})))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(assert_envelope(&body)["param"], "role");
}

#[tokio::test]
async fn deleting_a_service_account_also_deletes_its_keys() {
    let fake = start().await;
    let pid = fake.first_project();
    let state = fake.server.state();
    let owned = state
        .api_keys(&pid)
        .into_iter()
        .find(|k| k.owner.kind == "service_account")
        .unwrap();
    let said = owned.owner.service_account.unwrap().id;
    let (status, body) = fake
        .delete(&format!(
            "/organization/projects/{pid}/service_accounts/{said}"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body["object"],
        "organization.project.service_account.deleted"
    );
    let after = fake.server.state();
    assert!(after.service_accounts(&pid).iter().all(|a| a.id != said));
    assert!(after.api_keys(&pid).iter().all(|k| k.id != owned.id));
}

#[tokio::test]
async fn creating_a_key_for_a_service_account_returns_a_new_value() {
    let fake = start().await;
    let pid = fake.first_project();
    let said = fake.server.state().service_accounts(&pid)[0].id.clone();
    let path = format!("/organization/projects/{pid}/service_accounts/{said}/api_keys");
    let created = fake
        .post_ok(
            &path,
            json!({"name": "Rotated", "scopes": ["api.responses.write"]}),
        )
        .await;
    assert_eq!(
        created["object"],
        "organization.project.service_account.api_key"
    );
    assert_eq!(created["name"], "Rotated");
    assert!(created["value"]
        .as_str()
        .unwrap()
        .starts_with("sk-svcacct-"));
    let again = fake.post_ok(&path, json!({})).await;
    assert_ne!(again["value"], created["value"]);
}

#[tokio::test]
async fn servers_without_service_account_key_creation_answer_404() {
    let fake = start().await;
    fake.server.with_state(|s| s.supports_sa_key_create = false);
    let pid = fake.first_project();
    let said = fake.server.state().service_accounts(&pid)[0].id.clone();
    let (status, body) = fake
        .call(
            Method::POST,
            &format!("/organization/projects/{pid}/service_accounts/{said}/api_keys"),
            Some(json!({})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_envelope(&body);
}

#[tokio::test]
async fn an_unknown_service_account_is_a_404() {
    let fake = start().await;
    let pid = fake.first_project();
    let (status, body) = fake
        .call(
            Method::GET,
            &format!("/organization/projects/{pid}/service_accounts/svc_acct_nope"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_envelope(&body);
}
