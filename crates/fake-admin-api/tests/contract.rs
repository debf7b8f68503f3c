//! Every response the fake serves is validated against the schema that the official OpenAPI
//! extract names for that operation's 200 response (and errors against `ErrorResponse`). Shapes
//! newer than the extract (key expiry and scopes) are also checked against an overlay, in
//! `contract/key_policy.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "contract/key_policy.rs"]
mod key_policy;
#[path = "contract/schema.rs"]
mod schema;

use common::{start, Fake, NOW};
use fake_admin_api::{Fault, FaultRule};
use reqwest::{Method, StatusCode};
use schema::{assert_valid, errors, operation, spec, validator_at};
use serde_json::{json, Value};

/// Models that make the seeded organization produce every kind of usage.
const USAGE_MODELS: [&str; 4] = [
    "omni-moderation-latest",
    "gpt-image-1",
    "tts-1",
    "whisper-1",
];

struct Ids {
    project: String,
    archived: String,
    key: String,
    user_key: String,
    account: String,
    admin_key: String,
}

fn ids(fake: &Fake) -> Ids {
    let state = fake.server.state();
    let project = fake.first_project();
    let keys = state.api_keys(&project);
    let archived = state
        .projects(true)
        .into_iter()
        .find(|p| p.archived_at.is_some())
        .unwrap();
    Ids {
        key: keys[0].id.clone(),
        user_key: keys
            .iter()
            .find(|k| k.owner.kind == "user")
            .unwrap()
            .id
            .clone(),
        account: state.service_accounts(&project)[1].id.clone(),
        admin_key: state.admin_keys[1].key.id.clone(),
        project,
        archived: archived.id,
    }
}

/// `(method, spec path template, concrete path, body)` for every operation the fake serves.
fn operations(ids: &Ids) -> Vec<(&'static str, &'static str, String, Option<Value>)> {
    let p = &ids.project;
    let day = 86_400;
    vec![
        ("get", "/organization/projects", "/organization/projects?include_archived=true".into(), None),
        ("post", "/organization/projects", "/organization/projects".into(), Some(json!({"name": "Contract"}))),
        ("get", "/organization/projects/{project_id}", format!("/organization/projects/{p}"), None),
        ("post", "/organization/projects/{project_id}", format!("/organization/projects/{p}"), Some(json!({"name": "Renamed"}))),
        ("get", "/organization/projects/{project_id}/api_keys", format!("/organization/projects/{p}/api_keys?owner_project_access=any"), None),
        ("get", "/organization/projects/{project_id}/api_keys/{api_key_id}", format!("/organization/projects/{p}/api_keys/{}", ids.key), None),
        ("get", "/organization/projects/{project_id}/service_accounts", format!("/organization/projects/{p}/service_accounts"), None),
        ("post", "/organization/projects/{project_id}/service_accounts", format!("/organization/projects/{p}/service_accounts"), Some(json!({"name": "Bot"}))),
        ("post", "/organization/projects/{project_id}/service_accounts", format!("/organization/projects/{p}/service_accounts"), Some(json!({"name": "Bare", "create_service_account_only": true}))),
        ("post", "/organization/projects/{project_id}/service_accounts", format!("/organization/projects/{p}/service_accounts"), Some(json!({"name": "Expiring", "expires_in_seconds": 3600, "scopes": ["api.files.read"]}))),
        ("get", "/organization/projects/{project_id}/service_accounts/{service_account_id}", format!("/organization/projects/{p}/service_accounts/{}", ids.account), None),
        ("post", "/organization/projects/{project_id}/service_accounts/{service_account_id}", format!("/organization/projects/{p}/service_accounts/{}", ids.account), Some(json!({"role": "owner"}))),
        ("post", "/organization/projects/{project_id}/service_accounts/{service_account_id}/api_keys", format!("/organization/projects/{p}/service_accounts/{}/api_keys", ids.account), Some(json!({"name": "k", "scopes": ["api.responses.write"]}))),
        ("post", "/organization/projects/{project_id}/service_accounts/{service_account_id}/api_keys", format!("/organization/projects/{p}/service_accounts/{}/api_keys", ids.account), Some(json!({"expires_in_seconds": 60}))),
        ("get", "/organization/projects/{project_id}/users", format!("/organization/projects/{p}/users"), None),
        ("get", "/organization/users", "/organization/users".into(), None),
        ("get", "/organization/admin_api_keys", "/organization/admin_api_keys?order=desc".into(), None),
        ("post", "/organization/admin_api_keys", "/organization/admin_api_keys".into(), Some(json!({"name": "Admin", "expires_in_seconds": 60}))),
        ("get", "/organization/admin_api_keys/{key_id}", format!("/organization/admin_api_keys/{}", ids.admin_key), None),
        ("get", "/organization/audit_logs", "/organization/audit_logs?limit=100".into(), None),
        ("get", "/organization/usage/completions", format!("/organization/usage/completions?start_time={}&bucket_width=1d", NOW - 7 * day), None),
        ("get", "/organization/usage/completions", format!("/organization/usage/completions?start_time={}&group_by[]=project_id&group_by[]=api_key_id&group_by[]=model&group_by[]=user_id&group_by[]=batch&group_by[]=service_tier", NOW - 3 * day), None),
        ("get", "/organization/usage/embeddings", format!("/organization/usage/embeddings?start_time={}&group_by[]=project_id&group_by[]=api_key_id&group_by[]=model&group_by[]=user_id", NOW - 7 * day), None),
        ("get", "/organization/usage/moderations", format!("/organization/usage/moderations?start_time={}&bucket_width=1h", NOW - day), None),
        ("get", "/organization/usage/images", format!("/organization/usage/images?start_time={}&group_by[]=api_key_id&group_by[]=size&group_by[]=source", NOW - 7 * day), None),
        ("get", "/organization/usage/audio_speeches", format!("/organization/usage/audio_speeches?start_time={}&group_by[]=api_key_id", NOW - 7 * day), None),
        ("get", "/organization/usage/audio_transcriptions", format!("/organization/usage/audio_transcriptions?start_time={}&group_by[]=model", NOW - 7 * day), None),
        ("get", "/organization/usage/file_search_calls", format!("/organization/usage/file_search_calls?start_time={}&group_by[]=api_key_id&group_by[]=vector_store_id", NOW - 7 * day), None),
        ("get", "/organization/usage/web_search_calls", format!("/organization/usage/web_search_calls?start_time={}&group_by[]=api_key_id&group_by[]=model&group_by[]=context_level", NOW - 7 * day), None),
        ("get", "/organization/costs", format!("/organization/costs?start_time={}", NOW - 7 * day), None),
        ("get", "/organization/costs", format!("/organization/costs?start_time={}&group_by=line_item&group_by=project_id&group_by=api_key_id", NOW - 3 * day), None),
        ("delete", "/organization/projects/{project_id}/api_keys/{api_key_id}", format!("/organization/projects/{p}/api_keys/{}", ids.user_key), None),
        ("delete", "/organization/projects/{project_id}/service_accounts/{service_account_id}", format!("/organization/projects/{p}/service_accounts/{}", ids.account), None),
        ("delete", "/organization/admin_api_keys/{key_id}", format!("/organization/admin_api_keys/{}", ids.admin_key), None),
        ("post", "/organization/projects/{project_id}/archive", format!("/organization/projects/{}/archive", ids.project), None),
    ]
}

fn method(name: &str) -> Method {
    Method::from_bytes(name.to_uppercase().as_bytes()).unwrap()
}

#[test]
fn the_validator_rejects_objects_that_break_the_schema() {
    let project = validator_at("#/components/schemas/Project");
    assert!(project
        .is_valid(&json!({"id": "proj_a", "object": "organization.project", "created_at": 1})));
    assert!(!project.is_valid(&json!({"id": "proj_a", "object": "organization.project"})));
    assert!(!project.is_valid(&json!({"id": "proj_a", "object": "project", "created_at": 1})));
    let list = operation("get", "/organization/projects/{project_id}/api_keys");
    assert!(
        !list.is_valid(&json!({"object": "list", "data": [{"id": "key_a"}], "has_more": false}))
    );
    assert!(!list.is_valid(&json!({"object": "list", "data": [], "has_more": "false"})));
    let error = validator_at("#/components/schemas/ErrorResponse");
    assert!(!error.is_valid(&json!({"error": "a plain string"})));
}

#[tokio::test]
async fn every_success_response_matches_its_operation_schema() {
    let fake = start().await;
    common::keys_with_models(&fake.server, &USAGE_MODELS);
    let ids = ids(&fake);
    for (verb, template, path, body) in operations(&ids) {
        let (status, response) = fake.call(method(verb), &path, body).await;
        assert_eq!(status, StatusCode::OK, "{verb} {path}: {response}");
        assert_valid(
            &operation(verb, template),
            &response,
            &format!("{verb} {path}"),
        );
    }
}

#[tokio::test]
async fn every_error_response_matches_the_error_response_schema() {
    let fake = start().await;
    let ids = ids(&fake);
    let sa_key = fake
        .server
        .state()
        .api_keys(&ids.project)
        .into_iter()
        .find(|k| k.owner.kind == "service_account")
        .unwrap()
        .id;
    let error = validator_at("#/components/schemas/ErrorResponse");
    let cases = [
        (
            Method::GET,
            "/organization/projects?limit=0".to_owned(),
            None,
        ),
        (
            Method::GET,
            "/organization/projects?after=nope".to_owned(),
            None,
        ),
        (
            Method::GET,
            "/organization/projects/proj_missing".to_owned(),
            None,
        ),
        (Method::GET, "/organization/unknown".to_owned(), None),
        (
            Method::POST,
            "/organization/projects".to_owned(),
            Some(json!({})),
        ),
        (
            Method::DELETE,
            format!("/organization/projects/{}/api_keys/{sa_key}", ids.project),
            None,
        ),
        (
            Method::GET,
            format!("/organization/projects/{}/service_accounts", ids.archived),
            None,
        ),
        (Method::GET, "/organization/costs".to_owned(), None),
        (
            Method::GET,
            format!("/organization/usage/embeddings?start_time={NOW}&group_by[]=batch"),
            None,
        ),
    ];
    for (verb, path, body) in cases {
        let (status, response) = fake.call(verb.clone(), &path, body).await;
        assert!(status.is_client_error(), "{verb} {path}");
        assert_valid(&error, &response, &format!("{verb} {path}"));
    }
    let (_, unauthorized) = fake
        .call_as(None, Method::GET, "/organization/projects", None)
        .await;
    assert_valid(&error, &unauthorized, "401");
    for fault in [
        Fault::Status {
            status: 429,
            retry_after: None,
        },
        Fault::Status {
            status: 500,
            retry_after: None,
        },
        Fault::MissingScope,
        Fault::AuditLogsDisabled,
    ] {
        fake.server.inject(FaultRule::new(fault.clone()));
        let (_, response) = fake.call(Method::GET, "/organization/projects", None).await;
        assert_valid(&error, &response, &format!("{fault:?}"));
    }
}

#[tokio::test]
async fn under_unknown_fields_only_the_deliberately_unknown_enum_values_break_the_spec() {
    let fake = start().await;
    common::keys_with_models(&fake.server, &USAGE_MODELS);
    let ids = ids(&fake);
    let mut enum_breaks = 0;
    for (verb, template, path, body) in operations(&ids) {
        fake.server.inject(FaultRule::new(Fault::UnknownFields));
        let (status, response) = fake.call(method(verb), &path, body).await;
        assert_eq!(status, StatusCode::OK, "{verb} {path}: {response}");
        assert!(response.to_string().contains("x_fake_future_field"));
        for error in errors(&operation(verb, template), &response) {
            let expected =
                error.ends_with("/owner_project_access") || error.ends_with("/owner/type");
            assert!(expected, "{verb} {path}: unexpected break {error}");
            enum_breaks += 1;
        }
    }
    assert!(
        enum_breaks > 0,
        "the unknown enum values should be outside the spec's enums"
    );
}

#[test]
fn every_operation_the_fake_serves_exists_in_the_spec() {
    let spec_paths = spec()["paths"].as_object().unwrap();
    let dummy = Ids {
        project: "p".into(),
        archived: "a".into(),
        key: "k".into(),
        user_key: "u".into(),
        account: "s".into(),
        admin_key: "a".into(),
    };
    for (verb, template, _, _) in operations(&dummy) {
        assert!(
            spec_paths[template].get(verb).is_some(),
            "{verb} {template}"
        );
    }
}
