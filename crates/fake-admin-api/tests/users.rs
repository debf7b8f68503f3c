#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::start;

#[tokio::test]
async fn organization_users_page_through_every_seeded_user() {
    let fake = start().await;
    let users = fake.list_all("/organization/users", 3).await;
    assert_eq!(users.len(), fake.server.state().users.len());
    assert!(users.iter().all(|u| u["object"] == "organization.user"));
}

#[tokio::test]
async fn organization_users_can_be_filtered_by_email() {
    let fake = start().await;
    let page = fake
        .get_ok("/organization/users?emails[]=ada@example.com")
        .await;
    let data = page["data"].as_array().unwrap();
    assert_eq!(data.len(), 1);
    assert_eq!(data[0]["email"], "ada@example.com");
}

#[tokio::test]
async fn project_users_are_the_project_members() {
    let fake = start().await;
    let pid = fake.first_project();
    let users = fake
        .list_all(&format!("/organization/projects/{pid}/users"), 100)
        .await;
    assert_eq!(users.len(), fake.server.state().project_users(&pid).len());
    assert!(users
        .iter()
        .all(|u| u["object"] == "organization.project.user"));
    assert!(users.iter().any(|u| u["role"] == "owner"));
}
