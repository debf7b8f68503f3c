//! `fetch_inventory` against the fake: completeness, per-project failures, progress, and how
//! many projects and requests it keeps in flight.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::{fake_options, start, start_with};
use fake_admin_api::{FakeOptions, Fault, FaultRule, RecordedRequest};
use openai_admin::{fetch_inventory, ErrorKind, InventoryOptions, Progress};

#[tokio::test]
async fn the_inventory_lists_every_project_with_its_keys_and_service_accounts() {
    let h = start().await;
    let seen = Mutex::new(Vec::new());
    let inventory = fetch_inventory(&h.client, InventoryOptions::default(), |p| {
        seen.lock().unwrap().push(p)
    })
    .await
    .unwrap();
    let state = h.server.state();
    assert_eq!(inventory.projects.len(), state.projects(true).len());
    for entry in &inventory.projects {
        let id = entry.project.id.as_str();
        let keys = entry.keys.as_ref().unwrap();
        assert_eq!(keys.len(), state.api_keys(id).len(), "{id}");
        let accounts = entry.service_accounts.as_ref().unwrap();
        assert_eq!(accounts.len(), state.service_accounts(id).len(), "{id}");
    }
    let progress = seen.into_inner().unwrap();
    assert_eq!(progress.first(), Some(&Progress { done: 0, total: 5 }));
    assert_eq!(progress.last(), Some(&Progress { done: 5, total: 5 }));
    assert_eq!(progress.len(), 6);
}

#[tokio::test]
async fn archived_projects_list_keys_but_skip_service_accounts() {
    let h = start().await;
    let inventory = fetch_inventory(&h.client, Default::default(), |_| {})
        .await
        .unwrap();
    let archived: Vec<_> = inventory
        .projects
        .iter()
        .filter(|p| p.project.is_archived())
        .collect();
    assert_eq!(archived.len(), 1);
    let path = format!("/v1/organization/projects/{}", archived[0].project.id);
    assert_eq!(h.requests("GET", &format!("{path}/api_keys")).len(), 1);
    assert!(h
        .requests("GET", &format!("{path}/service_accounts"))
        .is_empty());
    assert!(archived[0].service_accounts.as_ref().unwrap().is_empty());
}

#[tokio::test]
async fn one_failing_project_does_not_lose_the_others() {
    let h = start_failing().await;
    let inventory = fetch_inventory(&h.0.client, Default::default(), |_| {})
        .await
        .unwrap();
    for entry in &inventory.projects {
        if entry.project.id.as_str() == h.1 {
            assert_eq!(
                entry.keys.as_ref().unwrap_err().kind(),
                ErrorKind::BadRequest
            );
            assert!(entry.service_accounts.is_ok());
        } else {
            assert!(entry.keys.is_ok(), "{}", entry.project.id);
        }
    }
}

async fn start_failing() -> (common::Harness, String) {
    let h = start().await;
    let victim = h.server.state().projects(false)[1].id.clone();
    let rule = FaultRule::new(Fault::Status {
        status: 400,
        retry_after: None,
    })
    .always()
    .on_path(format!("{victim}/api_keys"));
    h.server.inject(rule);
    (h, victim)
}

#[tokio::test]
async fn a_failing_project_list_fails_the_inventory() {
    let h = start().await;
    h.server
        .inject(FaultRule::new(Fault::StringError { status: 401 }));
    let error = fetch_inventory(&h.client, Default::default(), |_| {})
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::MissingScope);
}

#[tokio::test]
async fn a_concurrency_of_one_still_completes() {
    let h = start().await;
    let options = InventoryOptions {
        concurrency: 1,
        ..Default::default()
    };
    let inventory = fetch_inventory(&h.client, options, |_| {}).await.unwrap();
    assert_eq!(inventory.projects.len(), 5);
}

/// The largest number of `[start, end]` spans that overlap at one instant.
fn peak_overlap(spans: &[(Instant, Instant)]) -> usize {
    let mut edges: Vec<(Instant, i32)> = spans
        .iter()
        .flat_map(|&(start, end)| [(start, 1), (end, -1)])
        .collect();
    edges.sort_by_key(|&(at, delta)| (at, delta));
    let (mut open, mut peak) = (0i32, 0i32);
    for (_, delta) in edges {
        open += delta;
        peak = peak.max(open);
    }
    usize::try_from(peak).unwrap()
}

/// Each project's span: from its first request's arrival to its last request's answer.
fn project_spans(requests: &[RecordedRequest]) -> Vec<(Instant, Instant)> {
    let mut spans: BTreeMap<&str, (Instant, Instant)> = BTreeMap::new();
    for request in requests {
        let Some(rest) = request.path.strip_prefix("/v1/organization/projects/") else {
            continue;
        };
        let project = rest.split('/').next().unwrap();
        let answered = request.answered_at.unwrap();
        let span = spans
            .entry(project)
            .or_insert((request.received_at, answered));
        span.0 = span.0.min(request.received_at);
        span.1 = span.1.max(answered);
    }
    spans.into_values().collect()
}

#[tokio::test]
async fn at_concurrency_n_at_most_n_projects_and_2n_requests_are_in_flight() {
    const N: usize = 3;
    let fake = FakeOptions {
        projects: 13,
        keys_per_project: 2,
        ..fake_options()
    };
    let h = start_with(fake, |_| {}).await;
    h.server.set_latency(Duration::from_millis(25));
    let options = InventoryOptions {
        concurrency: N,
        ..Default::default()
    };
    let inventory = fetch_inventory(&h.client, options, |_| {}).await.unwrap();
    assert!(inventory.projects.iter().all(|p| p.keys.is_ok()));

    let requests = h.server.requests();
    let spans = project_spans(&requests);
    assert_eq!(spans.len(), inventory.projects.len());
    let projects = peak_overlap(&spans);
    let lists: Vec<_> = requests
        .iter()
        .map(|r| (r.received_at, r.answered_at.unwrap()))
        .collect();
    let in_flight = peak_overlap(&lists);
    assert!(projects <= N, "{projects} projects in flight");
    assert!(in_flight <= 2 * N, "{in_flight} requests in flight");
    assert!(
        in_flight > N,
        "keys and service accounts of a project are listed at the same time: {in_flight}"
    );
}
