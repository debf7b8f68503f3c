#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::{assert_envelope, start, Fake};
use fake_admin_api::{Fault, FaultRule, RetryAfter};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const PROJECTS: &str = "/organization/projects";

#[tokio::test]
async fn a_429_fault_sends_retry_after_seconds_once_then_recovers() {
    let fake = start().await;
    fake.server.inject(FaultRule::new(Fault::Status {
        status: 429,
        retry_after: Some(RetryAfter::Seconds(3)),
    }));
    let url = format!("{}{PROJECTS}", fake.server.base_url());
    let response = fake
        .http
        .get(&url)
        .bearer_auth(fake.server.admin_key())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "3");
    let body: Value = response.json().await.unwrap();
    assert_eq!(assert_envelope(&body)["code"], "rate_limit_exceeded");
    fake.get_ok(PROJECTS).await;
}

#[tokio::test]
async fn a_retry_after_http_date_is_an_imf_fixdate() {
    let fake = start().await;
    fake.server.inject(FaultRule::new(Fault::Status {
        status: 503,
        retry_after: Some(RetryAfter::HttpDate),
    }));
    let url = format!("{}{PROJECTS}", fake.server.base_url());
    let response = fake
        .http
        .get(&url)
        .bearer_auth(fake.server.admin_key())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let header = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        header.ends_with(" GMT") && header.contains(", "),
        "{header}"
    );
}

#[tokio::test]
async fn server_error_faults_use_the_error_envelope() {
    let fake = start().await;
    for status in [500, 502, 503] {
        fake.server.inject(FaultRule::new(Fault::Status {
            status,
            retry_after: None,
        }));
        let (got, body) = fake.call(Method::GET, PROJECTS, None).await;
        assert_eq!(got.as_u16(), status);
        assert_eq!(assert_envelope(&body)["type"], "server_error");
    }
}

#[tokio::test]
async fn a_string_error_fault_sends_error_as_a_plain_string() {
    let fake = start().await;
    fake.server
        .inject(FaultRule::new(Fault::StringError { status: 401 }));
    let (status, body) = fake.call(Method::GET, PROJECTS, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body["error"]
        .as_str()
        .unwrap()
        .contains("Missing scopes: api.management.read"));
}

#[tokio::test]
async fn a_missing_scope_fault_is_a_403_object_envelope() {
    let fake = start().await;
    fake.server.inject(FaultRule::new(Fault::MissingScope));
    let (status, body) = fake.call(Method::GET, PROJECTS, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let message = assert_envelope(&body)["message"].as_str().unwrap();
    assert!(message.starts_with(
        "You have insufficient permissions for this operation. Missing scopes: \
         api.management.read. Check that you have the correct role in your organization"
    ));
}

#[tokio::test]
async fn a_malformed_json_fault_is_a_200_whose_body_does_not_parse() {
    let fake = start().await;
    fake.server.inject(FaultRule::new(Fault::MalformedJson));
    let (status, body) = fake.call(Method::GET, PROJECTS, None).await;
    assert_eq!(status, StatusCode::OK);
    let text = body
        .as_str()
        .expect("the helper keeps unparsable bodies as a string");
    assert!(text.starts_with("{\"object\":\"list\""));
    assert!(serde_json::from_str::<Value>(text).is_err());
}

/// The projects list asked for once under `fault`, with the response as it arrived.
async fn projects_with(fake: &Fake, fault: Fault) -> reqwest::Response {
    fake.server.inject(FaultRule::new(fault));
    let url = format!("{}{PROJECTS}", fake.server.base_url());
    let request = fake.http.get(&url).bearer_auth(fake.server.admin_key());
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_drop_mid_body_fault_makes_reading_the_body_fail() {
    let fake = start().await;
    let response = projects_with(&fake, Fault::DropMidBody).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.bytes().await.is_err());
    fake.get_ok(PROJECTS).await;
}

#[tokio::test]
async fn an_oversized_fault_announces_64_mib_and_never_sends_them() {
    let fake = start().await;
    let response = projects_with(&fake, Fault::Oversized).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.content_length(), Some(64 * 1024 * 1024));
    assert!(response.bytes().await.is_err());
    fake.get_ok(PROJECTS).await;
}

#[tokio::test]
async fn a_hang_fault_lasts_until_the_client_times_out() {
    let fake = start().await;
    fake.server.inject(FaultRule::new(Fault::Hang));
    let started = Instant::now();
    let error = fake
        .http
        .get(format!("{}{PROJECTS}", fake.server.base_url()))
        .bearer_auth(fake.server.admin_key())
        .timeout(Duration::from_millis(300))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_timeout());
    assert!(started.elapsed() >= Duration::from_millis(300));
    fake.get_ok(PROJECTS).await;
}

#[tokio::test]
async fn endless_pagination_with_fresh_cursors_never_stops() {
    let fake = start().await;
    fake.server.inject(
        FaultRule::new(Fault::EndlessPagination {
            repeat_cursor: false,
        })
        .times(5)
        .on_path(PROJECTS),
    );
    let mut cursors = Vec::new();
    let mut path = format!("{PROJECTS}?limit=2");
    for _ in 0..5 {
        let page = fake.get_ok(&path).await;
        assert_eq!(page["has_more"], true);
        let last = page["last_id"].as_str().unwrap().to_owned();
        path = format!("{PROJECTS}?limit=2&after={last}");
        cursors.push(last);
    }
    let mut unique = cursors.clone();
    unique.dedup();
    assert_eq!(unique.len(), 5, "{cursors:?}");
}

#[tokio::test]
async fn endless_pagination_can_repeat_the_same_cursor() {
    let fake = start().await;
    fake.server.inject(
        FaultRule::new(Fault::EndlessPagination {
            repeat_cursor: true,
        })
        .always(),
    );
    let first = fake.get_ok(&format!("{PROJECTS}?limit=2")).await;
    let last = first["last_id"].as_str().unwrap();
    let second = fake
        .get_ok(&format!("{PROJECTS}?limit=2&after={last}"))
        .await;
    assert_eq!(second["last_id"], first["last_id"]);
    assert_eq!(second["has_more"], true);
}

#[tokio::test]
async fn a_lost_create_response_still_creates_the_service_account() {
    let fake = start().await;
    let pid = fake.first_project();
    let before = fake.server.state().service_accounts(&pid).len();
    fake.server
        .inject(FaultRule::new(Fault::LoseCreateResponse).on_method("POST"));
    let result = fake
        .http
        .post(format!(
            "{}/organization/projects/{pid}/service_accounts",
            fake.server.base_url()
        ))
        .bearer_auth(fake.server.admin_key())
        .json(&json!({"name": "Lost"}))
        .send()
        .await;
    assert!(result.is_err(), "no response must arrive");
    let after = fake.server.state().service_accounts(&pid);
    assert_eq!(after.len(), before + 1);
    assert_eq!(after.last().unwrap().name, "Lost");
}

#[tokio::test]
async fn unknown_fields_add_fields_and_unknown_enum_values() {
    let fake = start().await;
    let pid = fake.first_project();
    fake.server
        .inject(FaultRule::new(Fault::UnknownFields).times(2));
    let keys = fake
        .get_ok(&format!(
            "/organization/projects/{pid}/api_keys?owner_project_access=any"
        ))
        .await;
    let key = &keys["data"][0];
    assert_eq!(key["owner_project_access"], "suspended");
    assert_eq!(key["owner"]["type"], "robot");
    assert!(key["x_fake_future_field"].is_object());
    assert!(keys["x_fake_future_field"].is_object());
    let projects = fake.get_ok(PROJECTS).await;
    assert_eq!(projects["data"][0]["status"], "frozen");
    let plain = fake.get_ok(PROJECTS).await;
    assert_eq!(plain["data"][0]["status"], "active");
}

#[tokio::test]
async fn faults_only_hit_matching_paths_and_methods() {
    let fake = start().await;
    fake.server.inject(
        FaultRule::new(Fault::Status {
            status: 500,
            retry_after: None,
        })
        .on_path("/service_accounts")
        .on_method("POST"),
    );
    fake.get_ok(PROJECTS).await;
    let pid = fake.first_project();
    fake.get_ok(&format!("/organization/projects/{pid}/service_accounts"))
        .await;
    let (status, _) = fake
        .call(
            Method::POST,
            &format!("/organization/projects/{pid}/service_accounts"),
            Some(json!({"name": "x"})),
        )
        .await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn a_fault_applies_the_given_number_of_times() {
    let fake = start().await;
    fake.server.inject(
        FaultRule::new(Fault::Status {
            status: 502,
            retry_after: None,
        })
        .times(2),
    );
    for expected in [502, 502, 200] {
        let (status, _) = fake.call(Method::GET, PROJECTS, None).await;
        assert_eq!(status.as_u16(), expected);
    }
}

#[tokio::test]
async fn latency_is_added_per_request_without_serialising_requests() {
    let fake = start().await;
    fake.server.set_latency(Duration::from_millis(200));
    let started = Instant::now();
    let calls = (0..8).map(|_| fake.get_ok(PROJECTS));
    futures::future::join_all(calls).await;
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(200), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(1_200), "{elapsed:?}");
}

#[tokio::test]
async fn requests_are_recorded_without_the_token() {
    let fake = start().await;
    let pid = fake.first_project();
    fake.get_ok(&format!("{PROJECTS}?limit=3&include_archived=true"))
        .await;
    fake.call_as(None, Method::GET, PROJECTS, None).await;
    fake.post_ok(
        &format!("/organization/projects/{pid}/service_accounts"),
        json!({"name": "Recorded"}),
    )
    .await;
    let log = fake.server.requests();
    assert_eq!(log.len(), 3);
    assert_eq!(log[0].method, "GET");
    assert_eq!(log[0].path, "/v1/organization/projects");
    assert_eq!(
        log[0].query.as_deref(),
        Some("limit=3&include_archived=true")
    );
    assert!(log[0].had_bearer);
    assert!(!log[1].had_bearer);
    assert_eq!(log[2].body, Some(json!({"name": "Recorded"})));
    assert!(!format!("{log:?}").contains(&fake.server.admin_key()));
}
