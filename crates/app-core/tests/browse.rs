//! Browsing the demo organization through app-core: organizations, projects, keys, and the
//! errors a user sees when the organization misbehaves.

mod support;

use app_core::{Error, Keywarden, OrgId, OrgKind};
use fake_admin_api::{Fault, FaultRule};
use openai_admin::ProjectId;

async fn start() -> Keywarden {
    support::harness().await.keywarden
}

#[tokio::test]
async fn the_demo_organization_is_listed_with_a_loopback_base_url() {
    let keywarden = start().await;
    let orgs = keywarden.list_organizations();
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0].kind, OrgKind::Demo);
    assert_eq!(orgs[0].label, "Demo organization");
    assert!(
        orgs[0].base_url.starts_with("http://127.0.0.1:"),
        "{}",
        orgs[0].base_url
    );
}

#[tokio::test]
async fn projects_include_archived_ones_exactly_as_the_server_holds_them() {
    let keywarden = start().await;
    let projects = support::demo_org(&keywarden).list_projects().await.unwrap();
    let server = keywarden.demo().unwrap().server().state();
    let expected: Vec<String> = server.projects(true).into_iter().map(|p| p.id).collect();
    let got: Vec<String> = projects.iter().map(|p| p.id.to_string()).collect();
    assert_eq!(got, expected);
    assert!(
        projects.iter().any(|p| p.archived_at.is_some()),
        "an archived project is listed"
    );
}

#[tokio::test]
async fn keys_of_every_owner_access_are_listed_so_none_hides() {
    let keywarden = start().await;
    let state = keywarden.demo().unwrap().server().state();
    for project in state.projects(true) {
        let keys = support::demo_org(&keywarden)
            .list_keys(&ProjectId::from(project.id.as_str()))
            .await
            .unwrap();
        let got: Vec<(String, String)> = keys
            .into_iter()
            .map(|k| (k.id.to_string(), k.redacted_value))
            .collect();
        let expected: Vec<(String, String)> = state
            .api_keys(&project.id)
            .into_iter()
            .map(|k| (k.id, k.redacted_value))
            .collect();
        assert_eq!(got, expected, "keys of {}", project.id);
    }
}

#[tokio::test]
async fn an_unknown_organization_is_reported_as_not_found() {
    let keywarden = start().await;
    let error = keywarden.org(&OrgId::new("nope")).unwrap_err();
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
}

#[tokio::test]
async fn an_empty_project_id_is_rejected_before_any_request() {
    let keywarden = start().await;
    let before = keywarden.demo().unwrap().server().requests().len();
    let error = support::demo_org(&keywarden)
        .list_keys(&ProjectId::from("  "))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    assert_eq!(keywarden.demo().unwrap().server().requests().len(), before);
}

#[tokio::test]
async fn a_rejected_admin_key_names_the_organization_and_says_so() {
    let keywarden = start().await;
    keywarden
        .demo()
        .unwrap()
        .server()
        .inject(FaultRule::new(Fault::Status {
            status: 401,
            retry_after: None,
        }));
    let error = support::demo_org(&keywarden)
        .list_projects()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::KeyRejected { .. }), "{error:?}");
    assert!(error.to_string().contains("Demo organization"), "{error}");
}

#[tokio::test]
async fn a_failing_server_ends_in_an_error_with_the_reason_not_a_hang() {
    let keywarden = start().await;
    keywarden.demo().unwrap().server().inject(
        FaultRule::new(Fault::Status {
            status: 503,
            retry_after: None,
        })
        .times(10),
    );
    let error = support::demo_org(&keywarden)
        .list_projects()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert!(error.to_string().contains("503"), "{error}");
}

#[tokio::test]
async fn a_missing_scope_is_named() {
    let keywarden = start().await;
    keywarden
        .demo()
        .unwrap()
        .server()
        .inject(FaultRule::new(Fault::MissingScope));
    let error = support::demo_org(&keywarden)
        .list_projects()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("api.management.read"), "{error}");
}
