//! `/organization/projects/{id}/api_keys` against the fake.

mod common;

use common::{param, start};
use fake_admin_api::{Fault, FaultRule};
use openai_admin::{
    ApiKeyListParams, ErrorKind, OwnerAccessFilter, OwnerKind, OwnerProjectAccess, ProjectId,
};

fn first_project(h: &common::Harness) -> ProjectId {
    ProjectId::from(h.server.state().projects(false)[0].id.clone())
}

#[tokio::test]
async fn list_all_sends_owner_project_access_any_and_returns_every_key() {
    let h = start().await;
    let project = first_project(&h);
    let keys = h
        .client
        .project(&project)
        .api_keys()
        .list_all(&ApiKeyListParams::default());
    let keys = keys.await.unwrap();
    let expected: Vec<String> = h
        .server
        .state()
        .api_keys(project.as_str())
        .into_iter()
        .map(|k| k.id)
        .collect();
    assert_eq!(
        keys.iter().map(|k| k.id.to_string()).collect::<Vec<_>>(),
        expected
    );
    assert!(keys.iter().all(|k| !k.redacted_value.is_empty()));

    let path = format!("/v1/organization/projects/{project}/api_keys");
    let requests = h.requests("GET", &path);
    assert_eq!(requests.len(), 1);
    assert!(requests[0].had_bearer);
    assert_eq!(
        param(&requests[0], "owner_project_access").as_deref(),
        Some("any")
    );
}

#[tokio::test]
async fn the_server_default_filter_sends_no_owner_project_access() {
    let h = start().await;
    let project = first_project(&h);
    let params = ApiKeyListParams {
        owner_project_access: OwnerAccessFilter::ServerDefault,
        limit: Some(1),
        ..Default::default()
    };
    let page = h
        .client
        .project(&project)
        .api_keys()
        .list(&params)
        .await
        .unwrap();
    assert_eq!(page.data.len(), 1);
    assert!(page.has_more);
    let request = &h.server.requests()[0];
    assert_eq!(param(request, "owner_project_access"), None);
    assert_eq!(param(request, "limit").as_deref(), Some("1"));
}

#[tokio::test]
async fn keys_carry_their_owner_and_access() {
    let h = start().await;
    let project = first_project(&h);
    let keys = h
        .client
        .project(&project)
        .api_keys()
        .list_all(&Default::default())
        .await
        .unwrap();
    assert!(keys
        .iter()
        .any(|k| k.owner.kind == Some(OwnerKind::User) && k.owner.user.is_some()));
    assert!(keys.iter().all(|k| k.owner_project_access.is_some()));
}

#[tokio::test]
async fn retrieve_and_delete_a_user_key() {
    let h = start().await;
    let project = first_project(&h);
    let state = h.server.state();
    let user_key = state
        .api_keys(project.as_str())
        .into_iter()
        .find(|k| k.owner.kind == "user")
        .expect("a user-owned key");
    let keys = h.client.project(&project).api_keys();
    let fetched = keys.retrieve(user_key.id.as_str()).await.unwrap();
    assert_eq!(fetched.id.as_str(), user_key.id);

    let deleted = keys.delete(user_key.id.as_str()).await.unwrap();
    assert!(deleted.deleted);
    assert_eq!(deleted.id.as_str(), user_key.id);
    let path = format!(
        "/v1/organization/projects/{project}/api_keys/{}",
        user_key.id
    );
    assert_eq!(h.requests("DELETE", &path).len(), 1);
    assert!(h
        .server
        .state()
        .api_keys(project.as_str())
        .iter()
        .all(|k| k.id != user_key.id));

    let again = keys.retrieve(user_key.id.as_str()).await.unwrap_err();
    assert_eq!(again.kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn deleting_a_service_account_key_is_a_bad_request() {
    let h = start().await;
    let project = first_project(&h);
    let sa_key = h
        .server
        .state()
        .api_keys(project.as_str())
        .into_iter()
        .find(|k| k.owner.kind == "service_account")
        .expect("a service-account key");
    let error = h
        .client
        .project(&project)
        .api_keys()
        .delete(sa_key.id.as_str())
        .await;
    let error = error.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::BadRequest);
    assert_eq!(h.requests("DELETE", "").len(), 1, "a 400 is not retried");
}

#[tokio::test]
async fn unknown_fields_and_enum_values_decode_to_other() {
    let h = start().await;
    let project = first_project(&h);
    h.server
        .inject(FaultRule::new(Fault::UnknownFields).on_path("/api_keys"));
    let keys = h
        .client
        .project(&project)
        .api_keys()
        .list_all(&Default::default())
        .await
        .unwrap();
    assert!(!keys.is_empty());
    for key in &keys {
        assert_eq!(
            key.owner_project_access,
            Some(OwnerProjectAccess::Other("suspended".into()))
        );
        assert_eq!(key.owner.kind, Some(OwnerKind::Other("robot".into())));
    }
}

#[tokio::test]
async fn hostile_key_ids_stay_inside_the_key_segment() {
    let h = start().await;
    let project = first_project(&h);
    let before = h.server.state().api_keys(project.as_str()).len();
    let keys = h.client.project(&project).api_keys();
    for id in ["../../users", "a/b", "%2F", "q?x=1", "sp ace"] {
        let error = keys.delete(id).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::NotFound, "{id}");
    }
    for id in ["", "..", "."] {
        assert_eq!(
            keys.delete(id).await.unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
    }
    let prefix = format!("/v1/organization/projects/{project}/api_keys/");
    let paths: Vec<String> = h.server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths.len(), 5);
    for path in paths {
        let rest = path.strip_prefix(&prefix).expect("stays under api_keys");
        assert!(!rest.contains('/'), "{path}");
    }
    assert_eq!(
        h.server.state().api_keys(project.as_str()).len(),
        before,
        "nothing was deleted"
    );
}

#[tokio::test]
async fn an_empty_project_id_is_rejected_before_any_request() {
    let h = start().await;
    let error = h
        .client
        .project("")
        .api_keys()
        .list_all(&Default::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(error.to_string().contains("project id"), "{error}");
    assert!(h.server.requests().is_empty());
}
