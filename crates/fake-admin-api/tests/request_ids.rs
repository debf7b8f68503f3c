//! Every response the fake sends carries a fresh `x-request-id`, as the real API's do, and the
//! request log records when each request was received and answered.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::{start, Fake};
use fake_admin_api::{Fault, FaultRule};

const PROJECTS: &str = "/organization/projects";

async fn request_id(fake: &Fake, token: &str, path: &str) -> (u16, String) {
    let response = fake
        .http
        .get(format!("{}{path}", fake.server.base_url()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let id = response
        .headers()
        .get("x-request-id")
        .expect("every response has an x-request-id")
        .to_str()
        .unwrap()
        .to_owned();
    (response.status().as_u16(), id)
}

fn assert_shape(id: &str) {
    let hex = id.strip_prefix("req_").unwrap_or_else(|| panic!("{id}"));
    assert_eq!(hex.len(), 32, "{id}");
    assert!(hex.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
}

#[tokio::test]
async fn successes_errors_and_fault_responses_all_carry_a_fresh_request_id() {
    let fake = start().await;
    let key = fake.server.admin_key();
    fake.server.inject(
        FaultRule::new(Fault::Status {
            status: 500,
            retry_after: None,
        })
        .on_path("/users"),
    );
    fake.server
        .inject(FaultRule::new(Fault::MissingScope).on_path("/audit_logs"));
    let mut seen = Vec::new();
    for (token, path, status) in [
        (key.as_str(), PROJECTS, 200),
        (key.as_str(), PROJECTS, 200),
        ("sk-admin-wrong", PROJECTS, 401),
        (key.as_str(), "/organization/projects/proj_missing", 404),
        (key.as_str(), "/organization/users", 500),
        (key.as_str(), "/organization/audit_logs", 403),
    ] {
        let (got, id) = request_id(&fake, token, path).await;
        assert_eq!(got, status, "{path}");
        assert_shape(&id);
        seen.push(id);
    }
    let unique: HashSet<_> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "{seen:?}");
}

#[tokio::test]
async fn the_request_log_records_when_each_request_was_received_and_answered() {
    let fake = start().await;
    fake.server.set_latency(Duration::from_millis(30));
    fake.get_ok(PROJECTS).await;
    let requests = fake.server.requests();
    assert_eq!(requests.len(), 1);
    let answered = requests[0].answered_at.expect("the request was answered");
    assert!(answered.duration_since(requests[0].received_at) >= Duration::from_millis(30));
}
