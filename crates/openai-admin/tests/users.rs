//! `/organization/users` and `/organization/projects/{id}/users` against the fake.

mod common;

use common::{query, start};
use openai_admin::{ErrorKind, ProjectUserListParams, UserListParams, UserRole};

#[tokio::test]
async fn organization_users_are_listed_page_by_page() {
    let h = start().await;
    let params = UserListParams {
        limit: Some(3),
        ..Default::default()
    };
    let users = h.client.users().list_all(&params).await.unwrap();
    assert_eq!(users.len(), h.server.state().users.len());
    assert!(users.iter().any(|u| u.role == Some(UserRole::Owner)));
    let requests = h.requests("GET", "/v1/organization/users");
    assert_eq!(requests.len(), users.len().div_ceil(3));
    assert!(requests.iter().all(|r| r.had_bearer));
}

#[tokio::test]
async fn the_email_filter_uses_the_bracket_form() {
    let h = start().await;
    let params = UserListParams {
        emails: vec!["ada@example.com".into(), "grace@example.com".into()],
        ..Default::default()
    };
    let users = h.client.users().list(&params).await.unwrap();
    assert_eq!(users.data.len(), 2);
    let request = &h.server.requests()[0];
    assert_eq!(
        query(request),
        vec![
            ("emails[]".to_owned(), "ada@example.com".to_owned()),
            ("emails[]".to_owned(), "grace@example.com".to_owned()),
        ]
    );
}

#[tokio::test]
async fn project_users_are_listed() {
    let h = start().await;
    let project = h.server.state().projects(false)[0].id.clone();
    let users = h.client.project(project.as_str()).users();
    let all = users
        .list_all(&ProjectUserListParams::default())
        .await
        .unwrap();
    assert_eq!(all.len(), h.server.state().project_users(&project).len());
    let path = format!("/v1/organization/projects/{project}/users");
    assert_eq!(h.requests("GET", &path).len(), 1);
}

#[tokio::test]
async fn project_users_of_an_unknown_project_are_not_found() {
    let h = start().await;
    let error = h
        .client
        .project("proj_nope")
        .users()
        .list(&Default::default())
        .await;
    assert_eq!(error.unwrap_err().kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn a_zero_limit_is_rejected_before_any_request() {
    let h = start().await;
    let params = ProjectUserListParams {
        limit: Some(0),
        ..Default::default()
    };
    let error = h
        .client
        .project("proj_1")
        .users()
        .list(&params)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(h.server.requests().is_empty());
}
