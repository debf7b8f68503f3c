//! Retries, rate limits, broken bodies, hangs and runaway pagination, injected by the fake.

mod common;

use std::time::{Duration, Instant};

use common::{canned, canned_client, start, start_with};
use fake_admin_api::{Fault, FaultRule, RetryAfter};
use openai_admin::{ErrorKind, ProjectListParams};

const PROJECTS: &str = "/v1/organization/projects";

fn status(status: u16, retry_after: Option<RetryAfter>) -> FaultRule {
    FaultRule::new(Fault::Status {
        status,
        retry_after,
    })
    .on_method("GET")
}

fn all() -> ProjectListParams {
    ProjectListParams {
        include_archived: true,
        ..Default::default()
    }
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_after_the_requested_delay() {
    let h = start().await;
    h.server.inject(status(429, Some(RetryAfter::Seconds(3))));
    let projects = h.client.projects().list_all(&all()).await.unwrap();
    assert_eq!(projects.len(), 5);
    assert_eq!(h.requests("GET", PROJECTS).len(), 2);
    assert_eq!(h.sleeper.delays(), vec![Duration::from_secs(3)]);
}

#[tokio::test]
async fn a_429_without_retry_after_backs_off_exponentially_with_jitter() {
    let h = start().await;
    h.server.inject(status(429, None).times(2));
    h.client.projects().list_all(&all()).await.unwrap();
    assert_eq!(h.requests("GET", PROJECTS).len(), 3);
    let delays = h.sleeper.delays();
    assert_eq!(delays.len(), 2);
    assert!((375..=500).contains(&delays[0].as_millis()), "{delays:?}");
    assert!((750..=1000).contains(&delays[1].as_millis()), "{delays:?}");
}

#[tokio::test]
async fn a_429_with_an_http_date_waits_until_that_date() {
    let h = start().await;
    h.server.inject(status(429, Some(RetryAfter::HttpDate)));
    h.client.projects().list_all(&all()).await.unwrap();
    let delays = h.sleeper.delays();
    assert_eq!(delays.len(), 1);
    assert!(delays[0] <= Duration::from_secs(3), "{delays:?}");
}

#[tokio::test]
async fn a_persistent_429_returns_rate_limited_after_two_retries() {
    let h = start().await;
    h.server
        .inject(status(429, Some(RetryAfter::Seconds(1))).always());
    let error = h.client.projects().list_all(&all()).await.unwrap_err();
    let one = Some(Duration::from_secs(1));
    assert_eq!(error.kind(), ErrorKind::RateLimited { retry_after: one });
    assert_eq!(error.api_code(), Some("rate_limit_exceeded"));
    assert_eq!(h.requests("GET", PROJECTS).len(), 3);
}

#[tokio::test]
async fn a_retry_after_over_two_minutes_is_returned_without_retrying() {
    let h = start().await;
    h.server.inject(status(429, Some(RetryAfter::Seconds(300))));
    let error = h.client.projects().list_all(&all()).await.unwrap_err();
    let wait = Some(Duration::from_secs(300));
    assert_eq!(error.kind(), ErrorKind::RateLimited { retry_after: wait });
    assert_eq!(error.retry_after(), wait);
    assert_eq!(h.requests("GET", PROJECTS).len(), 1);
    assert!(h.sleeper.delays().is_empty());
}

#[tokio::test]
async fn server_errors_are_retried_then_succeed() {
    for code in [500, 502, 503] {
        let h = start().await;
        h.server.inject(status(code, None).times(2));
        let projects = h.client.projects().list_all(&all()).await.unwrap();
        assert_eq!(projects.len(), 5, "{code}");
        assert_eq!(h.requests("GET", PROJECTS).len(), 3, "{code}");
    }
}

#[tokio::test]
async fn a_persistent_server_error_gives_up_after_max_retries() {
    let h = start_with(common::fake_options(), |o| o.max_retries = 0).await;
    h.server.inject(status(503, None).always());
    let error = h.client.projects().list_all(&all()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Server);
    assert_eq!(h.requests("GET", PROJECTS).len(), 1);
}

#[tokio::test]
async fn a_delete_is_retried_after_a_server_error() {
    let h = start().await;
    let key = h
        .client
        .admin_api_keys()
        .list_all(&Default::default())
        .await
        .unwrap()
        .pop()
        .unwrap();
    h.server.inject(
        FaultRule::new(Fault::Status {
            status: 503,
            retry_after: None,
        })
        .on_method("DELETE"),
    );
    let deleted = h.client.admin_api_keys().delete(&key.id).await.unwrap();
    assert!(deleted.deleted);
    assert_eq!(h.requests("DELETE", "").len(), 2);
}

#[tokio::test]
async fn a_string_error_keeps_its_message_and_scopes() {
    let h = start().await;
    h.server
        .inject(FaultRule::new(Fault::StringError { status: 401 }));
    let error = h.client.projects().list(&all()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::MissingScope);
    assert_eq!(error.status(), Some(401));
    assert_eq!(
        error.missing_scopes(),
        vec!["api.management.read".to_owned()]
    );
    assert!(error
        .api_message()
        .unwrap()
        .contains("insufficient permissions"));
}

#[tokio::test]
async fn a_missing_scope_403_names_the_scope() {
    let h = start().await;
    h.server.inject(FaultRule::new(Fault::MissingScope));
    let error = h.client.projects().list(&all()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::MissingScope);
    assert_eq!(
        error.missing_scopes(),
        vec!["api.management.read".to_owned()]
    );
    assert_eq!(error.api_error_type(), Some("invalid_request_error"));
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_and_is_not_retried() {
    let h = start().await;
    h.server.inject(FaultRule::new(Fault::MalformedJson));
    let error = h.client.projects().list(&all()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert!(
        error
            .to_string()
            .starts_with("failed to list projects: the response"),
        "{error}"
    );
    assert_eq!(h.server.requests().len(), 1);
}

#[tokio::test]
async fn a_body_dropped_midway_is_retried_for_reads() {
    let h = start().await;
    h.server.inject(FaultRule::new(Fault::DropMidBody));
    let projects = h.client.projects().list_all(&all()).await.unwrap();
    assert_eq!(projects.len(), 5);
    assert_eq!(h.requests("GET", PROJECTS).len(), 2);
}

#[tokio::test]
async fn a_body_dropped_midway_without_retries_is_a_network_error() {
    let h = start_with(common::fake_options(), |o| o.max_retries = 0).await;
    h.server.inject(FaultRule::new(Fault::DropMidBody));
    let error = h.client.projects().list(&all()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Network);
    assert!(error.may_have_reached_server());
}

#[tokio::test]
async fn a_hanging_server_times_out() {
    let h = start_with(common::fake_options(), |o| {
        o.timeout = Duration::from_millis(300);
        o.max_retries = 1;
    })
    .await;
    h.server.inject(FaultRule::new(Fault::Hang).always());
    let started = Instant::now();
    let error = h.client.projects().list(&all()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Timeout);
    assert!(error.may_have_reached_server());
    assert!(error.to_string().contains("timed out"), "{error}");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(h.requests("GET", PROJECTS).len(), 2);
}

#[tokio::test]
async fn endless_pagination_stops_at_the_page_budget() {
    let h = start_with(common::fake_options(), |o| o.max_pages = 5).await;
    h.server.inject(
        FaultRule::new(Fault::EndlessPagination {
            repeat_cursor: false,
        })
        .always(),
    );
    let error = h.client.projects().list_all(&all()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Pagination);
    assert!(error.to_string().contains("after 5 pages"), "{error}");
    assert_eq!(h.requests("GET", PROJECTS).len(), 5);
}

#[tokio::test]
async fn a_repeated_cursor_stops_pagination() {
    let h = start().await;
    h.server.inject(
        FaultRule::new(Fault::EndlessPagination {
            repeat_cursor: true,
        })
        .always(),
    );
    let error = h.client.projects().list_all(&all()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Pagination);
    assert!(error.to_string().contains("repeated the cursor"), "{error}");
    assert_eq!(h.requests("GET", PROJECTS).len(), 2);
}

#[tokio::test]
async fn retry_after_ms_takes_precedence_over_retry_after() {
    let list = r#"{"object":"list","data":[],"has_more":false}"#.to_owned();
    let server = canned(vec![
        (
            429,
            vec![
                ("retry-after-ms", "150".into()),
                ("retry-after", "10".into()),
            ],
            "{}".into(),
        ),
        (200, vec![], list),
    ])
    .await;
    let (client, sleeper) = canned_client(&server, |_| {});
    client.projects().list(&all()).await.unwrap();
    assert_eq!(sleeper.delays(), vec![Duration::from_millis(150)]);
    assert_eq!(server.hits(), 2);
}

#[tokio::test]
async fn api_errors_keep_the_request_id_and_envelope_but_not_the_body() {
    let body = r#"{"error":{"message":"bad thing","type":"invalid_request_error",
        "param":"limit","code":"bad_limit"},"extra":"sk-SENTINEL-body"}"#;
    let server = canned(vec![(
        400,
        vec![("x-request-id", "req_123".into())],
        body.into(),
    )])
    .await;
    let (client, _) = canned_client(&server, |_| {});
    let error = client.projects().list(&all()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::BadRequest);
    assert_eq!(error.request_id(), Some("req_123"));
    assert_eq!(error.api_param(), Some("limit"));
    assert_eq!(error.api_code(), Some("bad_limit"));
    assert!(!format!("{error} {error:?}").contains("SENTINEL"));
}

#[tokio::test]
async fn a_refused_connection_never_reached_the_server() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/v1", listener.local_addr().unwrap());
    drop(listener);
    let sleeper = std::sync::Arc::new(common::RecordingSleeper::default());
    let options = openai_admin::ClientOptions {
        sleeper: sleeper.clone(),
        ..Default::default()
    };
    let client = openai_admin::Client::new(&base, "sk-admin-x".into(), options).unwrap();
    let error = client.projects().list(&all()).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Network);
    assert!(!error.may_have_reached_server());
    assert_eq!(
        sleeper.delays().len(),
        2,
        "connection errors retry for reads"
    );

    let create = openai_admin::ProjectCreate {
        name: "p".into(),
        ..Default::default()
    };
    let error = client.projects().create(&create).await.unwrap_err();
    assert!(!error.may_have_reached_server());
    assert!(error.to_string().contains("nothing was sent"), "{error}");
    assert_eq!(sleeper.delays().len(), 2, "POST is never retried");
}
