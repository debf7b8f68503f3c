//! `/organization/projects` against the fake: happy paths, wire shape, and rejected input.

mod common;

use common::{param, start};
use futures::TryStreamExt;
use openai_admin::{ErrorKind, ProjectCreate, ProjectListParams, ProjectStatus, ProjectUpdate};

#[tokio::test]
async fn list_all_returns_every_project_including_archived_ones() {
    let h = start().await;
    let params = ProjectListParams {
        include_archived: true,
        ..Default::default()
    };
    let projects = h.client.projects().list_all(&params).await.unwrap();
    let expected: Vec<String> = h
        .server
        .state()
        .projects(true)
        .into_iter()
        .map(|p| p.id)
        .collect();
    let got: Vec<String> = projects.iter().map(|p| p.id.to_string()).collect();
    assert_eq!(got, expected);
    assert!(projects
        .iter()
        .any(|p| p.status == Some(ProjectStatus::Archived) && p.is_archived()));

    let requests = h.requests("GET", "/v1/organization/projects");
    assert_eq!(requests.len(), 1);
    assert!(requests[0].had_bearer);
    assert_eq!(
        param(&requests[0], "include_archived").as_deref(),
        Some("true")
    );
}

#[tokio::test]
async fn list_without_include_archived_omits_the_parameter_and_archived_projects() {
    let h = start().await;
    let page = h
        .client
        .projects()
        .list(&ProjectListParams::default())
        .await
        .unwrap();
    assert!(page.data.iter().all(|p| !p.is_archived()));
    let requests = h.requests("GET", "/v1/organization/projects");
    assert_eq!(requests[0].query, None);
}

#[tokio::test]
async fn list_all_follows_the_after_cursor_page_by_page() {
    let h = start().await;
    let params = ProjectListParams {
        include_archived: true,
        limit: Some(2),
        ..Default::default()
    };
    let projects = h.client.projects().list_all(&params).await.unwrap();
    assert_eq!(projects.len(), 5);
    let requests = h.requests("GET", "/v1/organization/projects");
    assert_eq!(requests.len(), 3);
    assert_eq!(param(&requests[0], "after"), None);
    assert_eq!(
        param(&requests[1], "after").as_deref(),
        Some(projects[1].id.as_str())
    );
    assert_eq!(
        param(&requests[2], "after").as_deref(),
        Some(projects[3].id.as_str())
    );
    assert!(requests
        .iter()
        .all(|r| param(r, "limit").as_deref() == Some("2")));
}

#[tokio::test]
async fn stream_fetches_pages_only_as_they_are_consumed() {
    let h = start().await;
    let params = ProjectListParams {
        include_archived: true,
        limit: Some(2),
        ..Default::default()
    };
    let mut stream = h.client.projects().stream(&params);
    assert!(h.server.requests().is_empty());
    stream.try_next().await.unwrap().unwrap();
    stream.try_next().await.unwrap().unwrap();
    assert_eq!(h.requests("GET", "/projects").len(), 1);
    stream.try_next().await.unwrap().unwrap();
    assert_eq!(h.requests("GET", "/projects").len(), 2);
}

#[tokio::test]
async fn create_retrieve_modify_and_archive_a_project() {
    let h = start().await;
    let projects = h.client.projects();
    let created = projects
        .create(&ProjectCreate {
            name: "Keywarden test".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(created.name.as_deref(), Some("Keywarden test"));
    let post = &h.requests("POST", "/v1/organization/projects")[0];
    assert_eq!(
        post.body,
        Some(serde_json::json!({"name": "Keywarden test"}))
    );

    let fetched = projects.retrieve(&created.id).await.unwrap();
    assert_eq!(fetched.id, created.id);

    let update = ProjectUpdate {
        name: Some("Renamed".into()),
        ..Default::default()
    };
    let renamed = projects.modify(&created.id, &update).await.unwrap();
    assert_eq!(renamed.name.as_deref(), Some("Renamed"));
    let modify_path = format!("/v1/organization/projects/{}", created.id);
    assert_eq!(h.requests("POST", &modify_path).len(), 1);

    let archived = projects.archive(&created.id).await.unwrap();
    assert!(archived.is_archived());
    assert!(archived.archived_at.is_some());
    assert_eq!(
        h.requests("POST", &format!("{modify_path}/archive")).len(),
        1
    );
}

#[tokio::test]
async fn retrieving_an_unknown_project_is_not_found() {
    let h = start().await;
    let error = h
        .client
        .projects()
        .retrieve("proj_missing")
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound);
    assert_eq!(error.status(), Some(404));
    assert!(
        error
            .to_string()
            .starts_with("failed to retrieve project: HTTP 404"),
        "{error}"
    );
}

#[tokio::test]
async fn a_wrong_admin_key_is_unauthorized() {
    let h = start().await;
    let client = h.client_with("sk-admin-wrong", Default::default());
    let error = client
        .projects()
        .list(&ProjectListParams::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Unauthorized);
    assert!(error.api_message().is_some());
}

#[tokio::test]
async fn blank_and_oversized_project_names_are_rejected_before_any_request() {
    let h = start().await;
    for name in [
        String::new(),
        "   ".into(),
        "\t\n".into(),
        "x".repeat(10_000),
    ] {
        let body = ProjectCreate {
            name,
            ..Default::default()
        };
        let error = h.client.projects().create(&body).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert!(!error.may_have_reached_server());
        let blank = ProjectUpdate {
            name: Some(" ".into()),
            ..Default::default()
        };
        let error = h
            .client
            .projects()
            .modify("proj_1", &blank)
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
    }
    assert!(h.server.requests().is_empty());
}

#[tokio::test]
async fn limits_outside_one_to_one_hundred_are_rejected_before_any_request() {
    let h = start().await;
    for limit in [0, 101, 1000] {
        let params = ProjectListParams {
            limit: Some(limit),
            ..Default::default()
        };
        let error = h.client.projects().list(&params).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput, "{limit}");
        let error = h.client.projects().list_all(&params).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput, "{limit}");
    }
    assert!(h.server.requests().is_empty());
}

#[tokio::test]
async fn hostile_project_ids_are_encoded_into_a_single_segment() {
    let h = start().await;
    let cases = [
        ("a/b", "/v1/organization/projects/a%2Fb"),
        ("../users", "/v1/organization/projects/..%2Fusers"),
        ("%2F", "/v1/organization/projects/%252F"),
        ("x?limit=1", "/v1/organization/projects/x%3Flimit%3D1"),
        ("has space", "/v1/organization/projects/has%20space"),
        ("a#frag", "/v1/organization/projects/a%23frag"),
    ];
    for (id, _) in cases {
        let error = h.client.projects().retrieve(id).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::NotFound, "{id}");
    }
    let seen: Vec<(String, Option<String>)> = h
        .server
        .requests()
        .into_iter()
        .map(|r| (r.path, r.query))
        .collect();
    let expected: Vec<(String, Option<String>)> = cases
        .iter()
        .map(|(_, path)| (path.to_string(), None))
        .collect();
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn dot_segment_and_empty_ids_are_rejected_before_any_request() {
    let h = start().await;
    for id in ["", " ", ".", ".."] {
        let error = h.client.projects().retrieve(id).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput, "{id:?}");
        let error = h.client.projects().archive(id).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput, "{id:?}");
    }
    assert!(h.server.requests().is_empty());
}
