//! `/organization/projects/{id}/service_accounts` against the fake, including the secret-bearing
//! creates and their failure modes.

mod common;

use common::{canned, canned_client, start};
use fake_admin_api::{Fault, FaultRule};
use openai_admin::{
    ErrorKind, ProjectId, ServiceAccountCreate, ServiceAccountKeyCreate, ServiceAccountRole,
    ServiceAccountUpdate,
};
use secrecy::ExposeSecret;

fn active_project(h: &common::Harness) -> ProjectId {
    ProjectId::from(h.server.state().projects(false)[0].id.clone())
}

fn archived_project(h: &common::Harness) -> ProjectId {
    let state = h.server.state();
    let archived = state
        .projects(true)
        .into_iter()
        .find(|p| p.archived_at.is_some());
    ProjectId::from(archived.map(|p| p.id).unwrap_or_default())
}

fn create(name: &str) -> ServiceAccountCreate {
    ServiceAccountCreate {
        name: name.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn list_retrieve_update_and_delete_service_accounts() {
    let h = start().await;
    let project = active_project(&h);
    let accounts = h.client.project(&project).service_accounts();
    let all = accounts.list_all(&Default::default()).await.unwrap();
    let expected: Vec<String> = h
        .server
        .state()
        .service_accounts(project.as_str())
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(
        all.iter().map(|a| a.id.to_string()).collect::<Vec<_>>(),
        expected
    );
    let first = &all[0];

    assert_eq!(accounts.retrieve(&first.id).await.unwrap().id, first.id);
    let update = ServiceAccountUpdate {
        name: Some("renamed-bot".into()),
        role: Some(ServiceAccountRole::Owner),
    };
    let updated = accounts.update(&first.id, &update).await.unwrap();
    assert_eq!(updated.name.as_deref(), Some("renamed-bot"));
    assert_eq!(updated.role, Some(ServiceAccountRole::Owner));
    let path = format!(
        "/v1/organization/projects/{project}/service_accounts/{}",
        first.id
    );
    let post = &h.requests("POST", &path)[0];
    assert_eq!(
        post.body,
        Some(serde_json::json!({"name": "renamed-bot", "role": "owner"}))
    );

    let deleted = accounts.delete(&first.id).await.unwrap();
    assert!(deleted.deleted);
    assert_eq!(h.requests("DELETE", &path).len(), 1);
    let missing = accounts.retrieve(&first.id).await.unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn create_returns_the_new_key_value_once() {
    let h = start().await;
    let project = active_project(&h);
    let created = h
        .client
        .project(&project)
        .service_accounts()
        .create(&create("ci"))
        .await;
    let created = created.unwrap();
    assert_eq!(created.role, Some(ServiceAccountRole::Member));
    let key = created.api_key.as_ref().expect("a first key");
    assert!(h
        .server
        .state()
        .minted_values()
        .contains(&key.value.expose_secret().to_owned()));
    let debug = format!("{created:?}");
    assert!(!debug.contains(key.value.expose_secret()), "{debug}");

    let path = format!("/v1/organization/projects/{project}/service_accounts");
    let post = &h.requests("POST", &path)[0];
    assert!(post.had_bearer);
    assert_eq!(post.body, Some(serde_json::json!({"name": "ci"})));
}

#[tokio::test]
async fn create_service_account_only_returns_no_key() {
    let h = start().await;
    let project = active_project(&h);
    let body = ServiceAccountCreate {
        name: "keyless".into(),
        create_service_account_only: Some(true),
        ..Default::default()
    };
    let created = h
        .client
        .project(&project)
        .service_accounts()
        .create(&body)
        .await
        .unwrap();
    assert!(created.api_key.is_none());
    assert_eq!(created.role, Some(ServiceAccountRole::NoRole));
}

#[tokio::test]
async fn create_key_mints_an_extra_key_for_an_account() {
    let h = start().await;
    let project = active_project(&h);
    let accounts = h.client.project(&project).service_accounts();
    let account = accounts.create(&create("with-extra-key")).await.unwrap();
    let body = ServiceAccountKeyCreate {
        name: Some("extra".into()),
        scopes: Some(vec!["api.responses.write".into()]),
        ..Default::default()
    };
    let key = accounts.create_key(&account.id, &body).await.unwrap();
    assert_eq!(key.name.as_deref(), Some("extra"));
    assert!(h
        .server
        .state()
        .minted_values()
        .contains(&key.value.expose_secret().to_owned()));
    let path = format!("/service_accounts/{}/api_keys", account.id);
    assert_eq!(h.requests("POST", &path).len(), 1);
}

#[tokio::test]
async fn create_key_on_a_server_without_the_endpoint_is_not_supported() {
    let h = start().await;
    h.server.with_state(|s| s.supports_sa_key_create = false);
    let project = active_project(&h);
    let accounts = h.client.project(&project).service_accounts();
    let account = accounts
        .list_all(&Default::default())
        .await
        .unwrap()
        .remove(0);
    let error = accounts
        .create_key(&account.id, &Default::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotSupported);
    assert!(
        error
            .to_string()
            .contains("not supported by this organization yet"),
        "{error}"
    );
}

#[tokio::test]
async fn create_key_for_a_missing_account_is_not_found() {
    let h = start().await;
    let project = active_project(&h);
    let accounts = h.client.project(&project).service_accounts();
    let error = accounts
        .create_key("svc_acct_missing", &Default::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn archived_projects_reject_service_account_listing_with_bad_request() {
    let h = start().await;
    let project = archived_project(&h);
    let accounts = h.client.project(&project).service_accounts();
    let error = accounts.list_all(&Default::default()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::BadRequest);
    assert!(error
        .to_string()
        .starts_with("failed to list service accounts: HTTP 400"));
}

#[tokio::test]
async fn create_service_account_is_never_retried_after_a_server_error() {
    let h = start().await;
    let project = active_project(&h);
    h.server.inject(
        FaultRule::new(Fault::Status {
            status: 500,
            retry_after: None,
        })
        .on_method("POST"),
    );
    let error = h
        .client
        .project(&project)
        .service_accounts()
        .create(&create("once"))
        .await;
    let error = error.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Server);
    assert_eq!(h.requests("POST", "/service_accounts").len(), 1);
    assert!(h.sleeper.delays().is_empty());
}

#[tokio::test]
async fn a_lost_create_response_may_have_reached_the_server_and_is_not_retried() {
    let h = start().await;
    let project = active_project(&h);
    let before = h.server.state().service_accounts(project.as_str()).len();
    h.server
        .inject(FaultRule::new(Fault::LoseCreateResponse).on_method("POST"));
    let error = h
        .client
        .project(&project)
        .service_accounts()
        .create(&create("lost"))
        .await;
    let error = error.unwrap_err();
    assert!(error.may_have_reached_server(), "{error:?}");
    assert_eq!(error.kind(), ErrorKind::Network);
    assert!(
        error.to_string().contains("may have received it"),
        "{error}"
    );
    assert_eq!(h.requests("POST", "/service_accounts").len(), 1);
    let after = h.server.state().service_accounts(project.as_str());
    assert_eq!(after.len(), before + 1);
    assert_eq!(after.iter().filter(|a| a.name == "lost").count(), 1);
}

#[tokio::test]
async fn a_malformed_create_response_is_a_decode_error_without_the_secret() {
    let h = start().await;
    let project = active_project(&h);
    h.server
        .inject(FaultRule::new(Fault::MalformedJson).on_method("POST"));
    let error = h
        .client
        .project(&project)
        .service_accounts()
        .create(&create("cut"))
        .await;
    let error = error.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    let text = format!("{error} {error:?}");
    for value in h.server.state().minted_values() {
        assert!(!text.contains(&value), "{text}");
    }
}

#[tokio::test]
async fn a_decode_error_never_contains_the_response_body() {
    let sentinel = "sk-proj-SENTINEL-do-not-leak-1234567890";
    let body = format!(
        r#"{{"object":"organization.project.service_account","id":"svc_acct_1","name":"bot",
        "role":"member","created_at":"{sentinel}","api_key":{{"id":"key_1","name":"k",
        "created_at":1,"value":{{"nested":"{sentinel}"}}}}}}"#
    );
    let server = canned(vec![(
        200,
        vec![("x-request-id", "req_decode".into())],
        body,
    )])
    .await;
    let (client, _) = canned_client(&server, |_| {});
    let error = client
        .project("proj_1")
        .service_accounts()
        .create(&create("bot"))
        .await;
    let error = error.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.request_id(), Some("req_decode"));
    let text = format!(
        "{error} | {error:?} | {:?}",
        std::error::Error::source(&error)
    );
    assert!(!text.contains("SENTINEL"), "{text}");
    assert!(text.contains("created_at"), "the path is kept: {text}");
}

#[tokio::test]
async fn blank_or_huge_service_account_names_are_rejected_before_any_request() {
    let h = start().await;
    let project = active_project(&h);
    let accounts = h.client.project(&project).service_accounts();
    for name in ["", "  ", &"n".repeat(10_000)] {
        let error = accounts.create(&create(name)).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        let update = ServiceAccountUpdate {
            name: Some(name.into()),
            role: None,
        };
        assert_eq!(
            accounts.update("svc_1", &update).await.unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
        let key = ServiceAccountKeyCreate {
            name: Some(name.into()),
            ..Default::default()
        };
        let error = accounts.create_key("svc_1", &key).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
    }
    let error = accounts
        .create_key("..", &Default::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(h.server.requests().is_empty());
}
