//! Key expiry and scopes postdate the OpenAPI extract: responses that carry them are validated
//! against the extract's schema (which allows extra fields) and against the overlay
//! `key_policy.schema.json`, which requires the new fields and fixes their types.

use std::sync::OnceLock;

use jsonschema::{Draft, Validator};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use super::common::{start, Fake};
use super::schema::{assert_valid, operation, validator_at};

fn overlay_document() -> &'static Value {
    static OVERLAY: OnceLock<Value> = OnceLock::new();
    OVERLAY.get_or_init(|| {
        serde_json::from_str(include_str!("key_policy.schema.json"))
            .expect("the overlay is valid JSON")
    })
}

/// A validator for the overlay definition `name`.
fn overlay(name: &str) -> Validator {
    let mut document = overlay_document().clone();
    document
        .as_object_mut()
        .unwrap()
        .insert("$ref".into(), json!(format!("#/$defs/{name}")));
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .build(&document)
        .unwrap_or_else(|e| panic!("overlay {name} compiles: {e}"))
}

/// Validates `response` against the spec's schema and the overlay definition.
fn assert_both(spec: &Validator, extra: &str, response: &Value, context: &str) {
    assert_valid(spec, response, &format!("{context} (spec)"));
    assert_valid(
        &overlay(extra),
        response,
        &format!("{context} (overlay {extra})"),
    );
}

const KEYS: &str = "/organization/projects/{project_id}/api_keys";
const KEY: &str = "/organization/projects/{project_id}/api_keys/{api_key_id}";
const ACCOUNTS: &str = "/organization/projects/{project_id}/service_accounts";
const ACCOUNT_KEYS: &str =
    "/organization/projects/{project_id}/service_accounts/{service_account_id}/api_keys";

#[test]
fn the_overlay_rejects_keys_without_a_well_typed_expiry() {
    let key = overlay("ProjectApiKey");
    assert!(key.is_valid(&json!({"id": "key_a", "expires_at": null})));
    assert!(key.is_valid(&json!({"id": "key_a", "expires_at": 1_750_000_000})));
    assert!(!key.is_valid(&json!({"id": "key_a"})));
    assert!(!key.is_valid(&json!({"id": "key_a", "expires_at": "soon"})));
    assert!(!key.is_valid(&json!({"id": "key_a", "expires_at": 1.5})));
    assert!(!key.is_valid(&json!({"id": "key_a", "expires_at": null, "scopes": []})));
    let created = overlay("ServiceAccountCreateResponse");
    assert!(created.is_valid(&json!({"role": "none", "api_key": null})));
    assert!(!created.is_valid(&json!({"role": "member", "api_key": {"id": "key_a"}})));
    let updated = overlay("ApiKeyUpdatedEvent");
    assert!(!updated.is_valid(&json!({"type": "api_key.updated",
        "api_key.updated": {"id": "key_a", "changes_requested": {}}})));
}

#[tokio::test]
async fn list_retrieve_and_create_responses_carry_expires_at_in_both_schemas() {
    let fake = start().await;
    let pid = fake.first_project();
    let said = fake.server.state().service_accounts(&pid)[0].id.clone();
    let list = fake
        .get_ok(&format!(
            "/organization/projects/{pid}/api_keys?owner_project_access=any&limit=100"
        ))
        .await;
    assert_both(&operation("get", KEYS), "ProjectApiKeyList", &list, "list");
    let expiries: Vec<&Value> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| &k["expires_at"])
        .collect();
    assert!(expiries.iter().any(|e| e.is_null()) && expiries.iter().any(|e| e.is_i64()));
    for item in list["data"].as_array().unwrap() {
        let id = item["id"].as_str().unwrap();
        let one = fake
            .get_ok(&format!("/organization/projects/{pid}/api_keys/{id}"))
            .await;
        assert_both(&operation("get", KEY), "ProjectApiKey", &one, "retrieve");
    }
    let accounts = format!("/organization/projects/{pid}/service_accounts");
    for body in [
        json!({"name": "Expiring", "expires_in_seconds": 60, "scopes": ["api.all.read"]}),
        json!({"name": "Never"}),
        json!({"name": "Bare", "create_service_account_only": true}),
    ] {
        let created = fake.post_ok(&accounts, body.clone()).await;
        let context = format!("create {body}");
        assert_both(
            &operation("post", ACCOUNTS),
            "ServiceAccountCreateResponse",
            &created,
            &context,
        );
    }
    let extra = format!("{accounts}/{said}/api_keys");
    for body in [json!({"expires_in_seconds": 60}), json!({})] {
        let created = fake.post_ok(&extra, body.clone()).await;
        let context = format!("extra key {body}");
        assert_both(
            &operation("post", ACCOUNT_KEYS),
            "MintedKey",
            &created,
            &context,
        );
    }
}

async fn update(fake: &Fake, pid: &str, key: &str, body: Value) -> (StatusCode, Value) {
    let path = format!("/organization/projects/{pid}/api_keys/{key}");
    fake.call(Method::POST, &path, Some(body)).await
}

#[tokio::test]
async fn update_responses_are_project_api_keys_and_errors_use_the_envelope() {
    let fake = start().await;
    let pid = fake.first_project();
    let key_object = validator_at("#/components/schemas/ProjectApiKey");
    for key in fake.server.state().api_keys(&pid) {
        fake.server.set_api_key_expires_at(&key.id, None);
        for body in [
            json!({"scopes": ["api.files.read"]}),
            json!({"expires_in_seconds": 3600}),
            json!({"scopes": [], "expires_in_seconds": 60}),
        ] {
            let (status, response) = update(&fake, &pid, &key.id, body.clone()).await;
            assert_eq!(status, StatusCode::OK, "{response}");
            let context = format!("update {} {body}", key.id);
            assert_both(&key_object, "ProjectApiKey", &response, &context);
        }
    }
    let key = fake.server.state().api_keys(&pid)[0].id.clone();
    let error = validator_at("#/components/schemas/ErrorResponse");
    let cases = [
        (key.as_str(), json!({})),
        (key.as_str(), json!({"scopes": ["not a scope"]})),
        (key.as_str(), json!({"expires_in_seconds": 0})),
        ("key_missing", json!({"scopes": []})),
    ];
    for (id, body) in cases {
        let (status, response) = update(&fake, &pid, id, body.clone()).await;
        assert!(status.is_client_error(), "{body}");
        assert_valid(&error, &response, &format!("update error {body}"));
    }
    fake.server.set_api_key_expires_at(&key, Some(0));
    let (status, response) = update(&fake, &pid, &key, json!({"scopes": []})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_valid(&error, &response, "expired");
}

#[tokio::test]
async fn key_audit_events_match_the_spec_and_the_overlay() {
    let fake = start().await;
    let pid = fake.first_project();
    let key = fake.server.state().api_keys(&pid)[0].id.clone();
    fake.server.set_api_key_expires_at(&key, None);
    update(&fake, &pid, &key, json!({"scopes": ["api.all.read"]})).await;
    update(&fake, &pid, &key, json!({"expires_in_seconds": 60})).await;
    fake.post_ok(
        &format!("/organization/projects/{pid}/service_accounts"),
        json!({"name": "Audited", "scopes": ["api.files.read"]}),
    )
    .await;
    let list = operation("get", "/organization/audit_logs");
    for (kind, extra, count) in [
        ("api_key.updated", "ApiKeyUpdatedEvent", 2),
        // 20 generated keys, embeddings-indexer and the one created above.
        ("api_key.created", "ApiKeyCreatedEvent", 22),
    ] {
        let page = fake
            .get_ok(&format!(
                "/organization/audit_logs?event_types[]={kind}&limit=100"
            ))
            .await;
        assert_valid(&list, &page, kind);
        let events = page["data"].as_array().unwrap();
        assert_eq!(events.len(), count, "{kind}");
        for event in events {
            assert_valid(&overlay(extra), event, kind);
        }
    }
}
