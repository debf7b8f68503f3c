//! Key policy (permissions and expiry) through app-core, against the fake Admin API over HTTP:
//! a create mints exactly the chosen scopes and expiry and records them in the cache; the
//! server's expiry policies refuse with their own words and create nothing; an update moves the
//! expiry or replaces the permissions, and is refused for an expired key, a key deleted
//! elsewhere or a change that changes nothing; the hygiene counts are the keys table's filters;
//! permissions come from the audit log unless Keywarden set them later; and each organization's
//! default policy is kept across a restart and goes with the organization.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

mod audit_log;
mod create;
mod default_policy;
mod expiry_policies;
mod hygiene;
mod update;

use std::collections::HashSet;
use std::time::Duration;

use app_core::hygiene::{HygieneRule, HygieneThresholds};
use app_core::inventory_store::{KeyQuery, KeyRow, PermissionSource};
use app_core::key_lifecycle::{ActivityAction, CreateOutcome, CreatedKey};
use app_core::key_policy::{Expiry, KeyPolicy, Permissions, PolicyChange};
use app_core::{Error, Org};
use chrono::{DateTime, Local, NaiveDate, NaiveTime, TimeZone, Utc};
use fake_admin_api::{FakeOptions, FakeServer, Fault, FaultRule, RecordedRequest};
use openai_admin::{ApiKeyId, ApiKeyUpdate, Client, ProjectId, ServiceAccountId};
use secrecy::SecretString;
use serde_json::{json, Value};

const DAY: i64 = 86_400;
/// How many seconds a server-side expiry may lie after the one asked for: the request takes a
/// moment, and the fake's clock runs up to a few seconds ahead (each write ticks it).
const SLACK: i64 = 5;
const ORG_POLICY_90: &str = "This organization requires API keys to expire within 90 days. \
                             Choose an expiry of 90 days or less.";
const PROJECT_POLICY_7: &str =
    "This project requires API keys to expire within 7 days. Choose an expiry of 7 days or less.";
const EXPIRED: &str = "This API key has expired and cannot be updated.";
/// The scopes every seeded key was created with, as its `api_key.created` audit event says.
const SEEDED: &str = fake_admin_api::seed::SEEDED_SCOPE;

async fn remote(projects: usize, keys_per_project: usize) -> FakeServer {
    FakeServer::start(FakeOptions {
        projects,
        keys_per_project,
        ..FakeOptions::default()
    })
    .await
    .expect("fake server")
}

/// "Acme", served by `server`, with its inventory refreshed into the cache.
async fn acme(h: &support::Harness, server: &FakeServer) -> Org {
    let org = support::add_remote(h, "Acme", server).await;
    org.refresh_inventory(|_| {}).await.expect("refreshed");
    org
}

/// A Keywarden with "Acme" added and cached, served by a fake with `projects` projects of
/// `keys_per_project` seeded keys each: `(harness, server, acme, Acme's first project)`.
async fn acme_on(projects: usize, keys_per_project: usize) -> Remote {
    acme_served_by(remote(projects, keys_per_project).await).await
}

/// What [`acme_on`] gives. Bind the harness (as `_h` where a test does not use it, never as
/// `_`): dropping it stops Keywarden and removes its settings folder.
type Remote = (support::Harness, FakeServer, Org, ProjectId);

/// A Keywarden with "Acme" added and cached, served by `server`, as [`acme_on`] gives it.
async fn acme_served_by(server: FakeServer) -> Remote {
    let h = support::harness().await;
    let acme = acme(&h, &server).await;
    let project = first_project(&server);
    (h, server, acme, project)
}

/// Creates a key named `name` with the `chosen` policy, as a new service account of `project`;
/// the key must be created.
async fn create(
    acme: &Org,
    project: &ProjectId,
    name: &str,
    chosen: &KeyPolicy,
    request_id: &str,
) -> CreatedKey {
    let outcome = acme.create_key(project, name, chosen, request_id).await;
    created(outcome.unwrap_or_else(|e| panic!("{name}: not created: {e}")))
}

/// A change of a key's expiry alone.
fn new_expiry(expiry: Expiry) -> PolicyChange {
    PolicyChange {
        expiry: Some(expiry),
        ..PolicyChange::default()
    }
}

/// A change of a key's permissions alone.
fn new_permissions(permissions: Permissions) -> PolicyChange {
    PolicyChange {
        permissions: Some(permissions),
        expiry: None,
    }
}

fn policy(permissions: Permissions, expiry: Expiry) -> KeyPolicy {
    KeyPolicy {
        permissions,
        expiry,
    }
}

fn first_project(server: &FakeServer) -> ProjectId {
    ProjectId::from(server.state().projects(false)[0].id.as_str())
}

fn created(outcome: CreateOutcome) -> CreatedKey {
    match outcome {
        CreateOutcome::Created(key) => key,
        other => panic!("expected a created key, got {other:?}"),
    }
}

/// A seeded key of `project` that is not expired (and will not expire during the test).
fn live_key(server: &FakeServer, project: &ProjectId, skip: &[&ApiKeyId]) -> ApiKeyId {
    let soon = Utc::now().timestamp() + DAY;
    let state = server.state();
    let key = state
        .api_keys
        .iter()
        .filter(|k| k.project_id == project.as_str())
        .filter(|k| k.key.expires_at.is_none_or(|t| t > soon))
        .find(|k| skip.iter().all(|s| s.as_str() != k.key.id))
        .expect("a live seeded key");
    ApiKeyId::from(key.key.id.as_str())
}

/// Every cached key of the organization.
async fn cached_rows(org: &Org) -> Vec<KeyRow> {
    let query = KeyQuery {
        limit: 400,
        ..KeyQuery::default()
    };
    let page = org.query_keys(query).await.expect("the cache is readable");
    assert!(page.total <= 500, "the test organization fits in one page");
    page.rows
}

async fn cached_row(org: &Org, key: &str) -> Option<KeyRow> {
    cached_rows(org).await.into_iter().find(|row| row.id == key)
}

/// The last POST whose path ends with `suffix`.
fn last_post(server: &FakeServer, suffix: &str) -> RecordedRequest {
    let requests = server.requests();
    let post = requests
        .iter()
        .rev()
        .find(|r| r.method == "POST" && r.path.ends_with(suffix));
    post.cloned()
        .unwrap_or_else(|| panic!("no POST …{suffix} was sent"))
}

fn body(request: &RecordedRequest) -> Value {
    request.body.clone().expect("a JSON body")
}

/// `actual` (unix seconds, from the server) is `expected`, give or take the request's time.
fn assert_near(actual: i64, expected: i64, what: &str) {
    assert!(
        (expected - 1..=expected + SLACK).contains(&actual),
        "{what}: {actual} is not {expected} (+{SLACK} s)"
    );
}

/// The end of `day` (23:59:59 local time), in unix seconds: when a key chosen to expire that
/// day expires.
fn end_of_local_day(day: NaiveDate) -> i64 {
    let end = day.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap());
    Local
        .from_local_datetime(&end)
        .latest()
        .unwrap()
        .timestamp()
}

/// A client with the organization's admin key: changes made "outside Keywarden".
fn outside(server: &FakeServer) -> Client {
    Client::new(
        &server.base_url(),
        SecretString::from(server.admin_key()),
        support::fast_client_options(),
    )
    .expect("client")
}

/// Waits until our clock has passed both `after` and the fake's clock, so that the next event
/// the fake records is stamped after `after` and not ahead of our own clock.
async fn wait_past(server: &FakeServer, after: DateTime<Utc>) {
    loop {
        let now = Utc::now().timestamp();
        if now > server.state().now && now > after.timestamp() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The permissions recorded for `key` in the cache.
async fn recorded(org: &Org, key: &ApiKeyId) -> app_core::inventory_store::RecordedPermissions {
    let row = cached_row(org, key.as_str()).await;
    row.and_then(|r| r.permissions)
        .unwrap_or_else(|| panic!("{key}: no permissions recorded"))
}

fn settings(h: &support::Harness) -> Value {
    serde_json::from_str(&h.config_text()).expect("the settings file is JSON")
}

fn is_read_only(org: &Org) -> bool {
    org.record().read_only
}
