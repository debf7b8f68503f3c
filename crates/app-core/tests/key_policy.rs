//! Key policy (permissions and expiry) through app-core, against the fake Admin API over HTTP:
//! a create mints exactly the chosen scopes and expiry and records them in the cache; the
//! server's expiry policies refuse with their own words and create nothing; an update moves the
//! expiry or replaces the permissions, and is refused for an expired key, a key deleted
//! elsewhere or a change that changes nothing; the hygiene counts are the keys table's filters;
//! permissions come from the audit log unless Keywarden set them later; and each organization's
//! default policy is kept across a restart and goes with the organization.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

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

// ---------------------------------------------------------------------------------------------
// Creating keys with a policy
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_read_only_key_for_30_days_is_minted_so_and_its_cached_row_says_so() {
    let (_h, server, acme, project) = acme_on(2, 2).await;
    let asked_at = Utc::now().timestamp();

    let chosen = policy(Permissions::ReadOnly, Expiry::Days(30));
    let key = create(&acme, &project, "read-only ci", &chosen, "req-ro").await;

    let sent = body(&last_post(&server, "/service_accounts"));
    assert_eq!(sent["scopes"], json!(["api.all.read"]), "{sent}");
    assert_eq!(sent["expires_in_seconds"], json!(30 * DAY), "{sent}");
    let held = server.api_key_policy(key.key_id.as_str()).expect("minted");
    assert_eq!(held.scopes, ["api.all.read"]);
    let expires_at = held.expires_at.expect("the key expires");
    assert_near(expires_at, asked_at + 30 * DAY, "expires_at");

    let row = cached_row(&acme, key.key_id.as_str())
        .await
        .expect("the new key is cached without a refresh");
    let recorded = row.permissions.expect("its permissions are recorded");
    assert_eq!(recorded.scopes, ["api.all.read"]);
    assert_eq!(recorded.source, PermissionSource::Keywarden);
    assert!((Utc::now() - recorded.set_at).num_seconds().abs() < 60);
    assert_eq!(row.expires_at.map(|t| t.timestamp()), Some(expires_at));
}

#[tokio::test]
async fn restricted_permissions_are_sent_trimmed_without_blanks_or_repeats() {
    let (_h, server, acme, project) = acme_on(2, 2).await;
    let typed = [
        " api.files.read ",
        "",
        "api.files.read",
        " \t ",
        "api.responses.write ",
        "api.files.read",
    ];
    let typed = typed.iter().map(|s| s.to_string()).collect();

    let chosen = policy(Permissions::Restricted(typed), Expiry::Days(7));
    let key = create(&acme, &project, "files bot", &chosen, "req-restricted").await;

    let wanted = ["api.files.read", "api.responses.write"];
    let sent = body(&last_post(&server, "/service_accounts"));
    assert_eq!(
        sent["scopes"],
        json!(wanted),
        "sent as typed, trimmed, deduplicated, in order: {sent}"
    );
    let held = server.api_key_policy(key.key_id.as_str()).unwrap();
    assert_eq!(held.scopes, wanted);
    let row = cached_row(&acme, key.key_id.as_str()).await.unwrap();
    let recorded = row.permissions.expect("recorded");
    assert_eq!(recorded.scopes, wanted);
    assert_eq!(recorded.source, PermissionSource::Keywarden);
}

#[tokio::test]
async fn all_permissions_and_no_expiry_mint_an_unrestricted_key_that_never_expires() {
    let (_h, server, acme, project) = acme_on(2, 2).await;

    let default = KeyPolicy::default();
    let key = create(&acme, &project, "admin tool", &default, "req-all").await;

    let sent = body(&last_post(&server, "/service_accounts"));
    assert!(
        sent.get("scopes").is_none_or(|s| s == &json!([])),
        "no restriction is sent: {sent}"
    );
    assert!(
        sent.get("expires_in_seconds").is_none_or(Value::is_null),
        "no expiry is sent: {sent}"
    );
    let held = server.api_key_policy(key.key_id.as_str()).unwrap();
    assert!(held.scopes.is_empty(), "{:?}", held.scopes);
    assert_eq!(held.expires_at, None);
    let row = cached_row(&acme, key.key_id.as_str()).await.unwrap();
    assert_eq!(row.expires_at, None);
    let recorded = row.permissions.expect("recorded, as all permissions");
    assert!(recorded.scopes.is_empty());
    assert_eq!(recorded.source, PermissionSource::Keywarden);
}

#[tokio::test]
async fn an_extra_key_for_a_service_account_gets_its_permissions_and_expires_at_the_end_of_the_chosen_day(
) {
    let (_h, server, acme, project) = acme_on(2, 3).await;
    let account = server.state().service_accounts(project.as_str())[0]
        .id
        .clone();
    let day = (Local::now() + chrono::Duration::days(10)).date_naive();
    let end_of_day = end_of_local_day(day);

    let chosen = policy(
        Permissions::Restricted(vec!["api.files.read".into()]),
        Expiry::Date(day.to_string()),
    );
    let key = created(
        acme.add_key_to_service_account(
            &project,
            &ServiceAccountId::from(account.as_str()),
            "second key",
            &chosen,
            "req-extra",
        )
        .await
        .expect("created"),
    );

    assert_eq!(key.service_account_id.as_str(), account);
    let sent = body(&last_post(&server, &format!("/{account}/api_keys")));
    assert_eq!(sent["scopes"], json!(["api.files.read"]), "{sent}");
    assert!(sent["expires_in_seconds"].as_i64().is_some(), "{sent}");
    let held = server.api_key_policy(key.key_id.as_str()).unwrap();
    assert_eq!(held.scopes, ["api.files.read"]);
    let expires_at = held.expires_at.expect("it expires");
    assert_near(expires_at, end_of_day, "the end of the chosen day");
    let row = cached_row(&acme, key.key_id.as_str()).await.unwrap();
    assert_eq!(row.expires_at.map(|t| t.timestamp()), Some(expires_at));
    let recorded = row.permissions.expect("recorded");
    assert_eq!(recorded.scopes, ["api.files.read"]);
    assert_eq!(recorded.source, PermissionSource::Keywarden);
}

#[tokio::test]
async fn the_latest_expiry_date_a_refusal_suggests_is_accepted() {
    let (_h, server, acme, project) = acme_on(2, 2).await;
    let too_far = (Local::now() + chrono::Duration::days(366))
        .date_naive()
        .to_string();

    let error = acme
        .create_key(
            &project,
            "too far",
            &policy(Permissions::ReadOnly, Expiry::Date(too_far)),
            "req-far",
        )
        .await
        .unwrap_err();
    let message = error.to_string();
    let (_, latest) = message
        .split_once("the latest possible expiry is ")
        .unwrap_or_else(|| panic!("no latest date in: {message}"));
    let latest = latest.trim_end_matches('.');

    let chosen = policy(Permissions::ReadOnly, Expiry::Date(latest.to_owned()));
    let key = created(
        acme.create_key(&project, "latest", &chosen, "req-latest")
            .await
            .unwrap_or_else(|e| panic!("the suggested {latest} is refused: {e}")),
    );
    let expires_at = server
        .api_key_policy(key.key_id.as_str())
        .unwrap()
        .expires_at;
    let latest: NaiveDate = latest.parse().expect("a date");
    assert_near(
        expires_at.expect("it expires"),
        end_of_local_day(latest),
        "the end of the suggested day",
    );
    let day_after = latest.succ_opt().unwrap().to_string();
    let error = acme
        .create_key(
            &project,
            "a day later",
            &policy(Permissions::ReadOnly, Expiry::Date(day_after)),
            "req-day-after",
        )
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("more than 365 days away"),
        "the suggested day is the last one: {error}"
    );
}

// ---------------------------------------------------------------------------------------------
// Expiry policies
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn expiry_policies_refuse_with_the_servers_words_and_create_nothing() {
    let server = FakeServer::start(FakeOptions {
        projects: 2,
        keys_per_project: 2,
        expiry_policy_max_days: Some(90),
        ..FakeOptions::default()
    })
    .await
    .unwrap();
    let (_h, server, acme, project) = acme_served_by(server).await;
    let accounts = |server: &FakeServer| server.state().service_accounts(project.as_str()).len();
    let keys = |server: &FakeServer| server.state().api_keys.len();
    let (accounts_before, keys_before) = (accounts(&server), keys(&server));

    let never = policy(Permissions::ReadOnly, Expiry::Never);
    let error = acme
        .create_key(&project, "forever", &never, "req-never")
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(message.contains(ORG_POLICY_90), "{message}");
    assert!(!matches!(error, Error::ReadOnly { .. }), "{error:?}");
    assert!(
        !is_read_only(&acme),
        "a policy refusal is not a read-only key"
    );
    assert_eq!(accounts(&server), accounts_before, "no service account");
    assert_eq!(keys(&server), keys_before, "no key");
    assert!(acme.activity().is_empty(), "nothing to record");

    let month = policy(Permissions::ReadOnly, Expiry::Days(30));
    let key = created(
        acme.create_key(&project, "monthly", &month, "req-30")
            .await
            .expect("30 days is within the organization's 90"),
    );
    assert!(server
        .api_key_policy(key.key_id.as_str())
        .unwrap()
        .expires_at
        .is_some());
    let (accounts_before, keys_before) = (accounts(&server), keys(&server));

    server.set_project_expiry_policy(project.as_str(), Some(7));
    let error = acme
        .create_key(&project, "monthly 2", &month, "req-30-again")
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains(PROJECT_POLICY_7),
        "the stricter, project's policy: {message}"
    );
    assert_eq!(accounts(&server), accounts_before);
    assert_eq!(keys(&server), keys_before);

    let held = server.api_key_policy(key.key_id.as_str()).unwrap();
    let longer = new_expiry(Expiry::Days(120));
    let error = acme
        .update_key_policy(&project, &key.key_id, &longer)
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(message.contains(PROJECT_POLICY_7), "{message}");
    assert!(
        !message.contains("may or may not"),
        "a policy refusal is certain, not a lost answer: {message}"
    );
    assert_eq!(server.api_key_policy(key.key_id.as_str()).unwrap(), held);

    let week = policy(Permissions::ReadOnly, Expiry::Days(7));
    created(
        acme.create_key(&project, "weekly", &week, "req-7")
            .await
            .expect("7 days meets both policies"),
    );
}

// ---------------------------------------------------------------------------------------------
// Updating a key's policy
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_new_expiry_moves_it_on_the_server_and_in_the_cached_row_and_keeps_the_permissions() {
    let (_h, server, acme, project) = acme_on(2, 3).await;
    let key = live_key(&server, &project, &[]);
    let before = server.api_key_policy(key.as_str()).unwrap();
    let row_before = cached_row(&acme, key.as_str()).await.unwrap();
    let asked_at = Utc::now().timestamp();

    let change = new_expiry(Expiry::Days(90));
    let updated = acme
        .update_key_policy(&project, &key, &change)
        .await
        .expect("updated");

    let sent = body(&last_post(&server, &format!("/api_keys/{key}")));
    assert_eq!(sent, json!({"expires_in_seconds": 90 * DAY}));
    let held = server.api_key_policy(key.as_str()).unwrap();
    assert_eq!(held.scopes, before.scopes, "the permissions are kept");
    let expires_at = held.expires_at.expect("it now expires");
    assert_near(expires_at, asked_at + 90 * DAY, "expires_at");
    assert_eq!(updated.key_id, key);
    assert_eq!(updated.expires_at.map(|t| t.timestamp()), Some(expires_at));
    assert_eq!(updated.scopes, None);

    let row = cached_row(&acme, key.as_str()).await.unwrap();
    assert_eq!(row.expires_at.map(|t| t.timestamp()), Some(expires_at));
    assert_eq!(
        row.permissions, row_before.permissions,
        "no permissions were set, so none are recorded"
    );
    let latest = &acme.activity()[0];
    assert_eq!(latest.action, ActivityAction::PolicyChanged);
    assert_eq!(latest.key_id.as_ref(), Some(&key));
    assert_eq!(latest.project_id, project);
}

#[tokio::test]
async fn new_permissions_alone_replace_the_scopes_keep_the_expiry_and_are_recorded() {
    let (_h, server, acme, project) = acme_on(2, 3).await;
    let key = live_key(&server, &project, &[]);
    let before = server.api_key_policy(key.as_str()).unwrap();

    let change = new_permissions(Permissions::Restricted(vec![
        "api.files.read".into(),
        " api.files.read".into(),
        "api.batch.write".into(),
    ]));
    let updated = acme
        .update_key_policy(&project, &key, &change)
        .await
        .expect("updated");

    let wanted = ["api.files.read", "api.batch.write"];
    let sent = body(&last_post(&server, &format!("/api_keys/{key}")));
    assert_eq!(sent, json!({"scopes": wanted}), "no expiry is sent");
    let held = server.api_key_policy(key.as_str()).unwrap();
    assert_eq!(held.scopes, wanted);
    assert_eq!(held.expires_at, before.expires_at, "the expiry is kept");
    assert_eq!(
        updated.scopes.as_deref(),
        Some(&wanted.map(String::from)[..])
    );
    let row = cached_row(&acme, key.as_str()).await.unwrap();
    let recorded = row.permissions.expect("recorded");
    assert_eq!(recorded.scopes, wanted);
    assert_eq!(recorded.source, PermissionSource::Keywarden);
    assert_eq!(
        row.expires_at.map(|t| t.timestamp()),
        before.expires_at,
        "the row keeps the expiry"
    );

    let read_only = new_permissions(Permissions::ReadOnly);
    acme.update_key_policy(&project, &key, &read_only)
        .await
        .expect("updated again");
    let row = cached_row(&acme, key.as_str()).await.unwrap();
    assert_eq!(row.permissions.unwrap().scopes, ["api.all.read"]);
    assert_eq!(
        server.api_key_policy(key.as_str()).unwrap().scopes,
        ["api.all.read"]
    );
}

#[tokio::test]
async fn an_expired_key_cannot_be_changed_and_the_servers_reason_is_shown() {
    let (_h, server, acme, project) = acme_on(2, 3).await;
    let key = live_key(&server, &project, &[]);
    assert!(server.set_api_key_expires_at(key.as_str(), Some(Utc::now().timestamp() - 3_600)));
    let before = server.api_key_policy(key.as_str()).unwrap();
    let row_before = cached_row(&acme, key.as_str()).await.unwrap();

    let change = PolicyChange {
        permissions: Some(Permissions::ReadOnly),
        expiry: Some(Expiry::Days(30)),
    };
    let error = acme
        .update_key_policy(&project, &key, &change)
        .await
        .unwrap_err();

    let message = error.to_string();
    assert!(message.contains(EXPIRED), "{message}");
    assert!(
        !message.contains("may or may not"),
        "the server refused for certain: {message}"
    );
    assert!(!is_read_only(&acme));
    assert_eq!(server.api_key_policy(key.as_str()).unwrap(), before);
    assert_eq!(
        cached_row(&acme, key.as_str()).await.unwrap(),
        row_before,
        "nothing recorded for a refused change"
    );
    assert!(acme.activity().is_empty(), "nothing to record");
}

#[tokio::test]
async fn a_key_deleted_elsewhere_is_not_found_and_leaves_the_cached_list() {
    let (_h, server, acme, project) = acme_on(2, 2).await;
    let default = KeyPolicy::default();
    let key = create(&acme, &project, "short-lived", &default, "req-gone").await;
    assert!(cached_row(&acme, key.key_id.as_str()).await.is_some());
    outside(&server)
        .project(project.clone())
        .service_accounts()
        .delete(key.service_account_id.clone())
        .await
        .expect("deleted elsewhere");

    let change = new_expiry(Expiry::Days(30));
    let error = acme
        .update_key_policy(&project, &key.key_id, &change)
        .await
        .unwrap_err();

    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("no longer exists"), "{message}");
    assert!(message.contains(key.key_id.as_str()), "{message}");
    assert!(
        cached_row(&acme, key.key_id.as_str()).await.is_none(),
        "the cached list no longer shows it"
    );
    assert!(server.api_key_policy(key.key_id.as_str()).is_none());
}

#[tokio::test]
async fn a_change_that_changes_nothing_or_removes_an_expiry_is_refused_before_any_request() {
    let (_h, server, acme, project) = acme_on(2, 3).await;
    let key = live_key(&server, &project, &[]);
    let before = server.api_key_policy(key.as_str()).unwrap();
    let row_before = cached_row(&acme, key.as_str()).await.unwrap();
    let sent_before = server.requests().len();

    let cases = [
        (PolicyChange::default(), "nothing would change"),
        (
            PolicyChange {
                expiry: Some(Expiry::Never),
                ..PolicyChange::default()
            },
            "cannot remove a key's expiry",
        ),
        (
            PolicyChange {
                permissions: Some(Permissions::ReadOnly),
                expiry: Some(Expiry::Never),
            },
            "cannot remove a key's expiry",
        ),
    ];
    for (change, says) in cases {
        let error = acme
            .update_key_policy(&project, &key, &change)
            .await
            .unwrap_err();
        assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
        assert!(error.to_string().contains(says), "{error}");
    }

    let sent: Vec<_> = server.requests().split_off(sent_before);
    assert!(sent.is_empty(), "requests were sent: {sent:?}");
    assert_eq!(server.api_key_policy(key.as_str()).unwrap(), before);
    assert_eq!(cached_row(&acme, key.as_str()).await.unwrap(), row_before);
}

#[tokio::test]
async fn a_lost_answer_is_not_retried_and_the_row_shows_what_the_server_now_holds() {
    let (_h, server, acme, project) = acme_on(2, 3).await;
    let key = live_key(&server, &project, &[]);
    let path = format!("/api_keys/{key}");
    server.inject(
        FaultRule::new(Fault::LoseCreateResponse)
            .on_method("POST")
            .on_path(&path)
            .times(1),
    );
    let asked_at = Utc::now().timestamp();

    let change = new_expiry(Expiry::Days(30));
    let error = acme
        .update_key_policy(&project, &key, &change)
        .await
        .unwrap_err();

    assert!(matches!(error, Error::KeyChangeFailed(_)), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("may or may not have been applied"),
        "{message}"
    );
    assert!(
        message.contains("a retry moves the expiry again"),
        "{message}"
    );
    let posts = server
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with(&path))
        .count();
    assert_eq!(posts, 1, "the update is never retried");
    let expires_at = server.api_key_policy(key.as_str()).unwrap().expires_at;
    let expires_at = expires_at.expect("the server applied it");
    assert_near(expires_at, asked_at + 30 * DAY, "expires_at");
    let row = cached_row(&acme, key.as_str()).await.unwrap();
    assert_eq!(
        row.expires_at.map(|t| t.timestamp()),
        Some(expires_at),
        "the key was read back"
    );
}

#[tokio::test]
async fn an_update_refused_for_lack_of_write_access_marks_the_organization_read_only() {
    let (_h, server, acme, project) = acme_on(2, 3).await;
    let key = live_key(&server, &project, &[]);
    let before = server.api_key_policy(key.as_str()).unwrap();
    server.inject(
        FaultRule::new(Fault::MissingWriteScope)
            .on_method("POST")
            .always(),
    );

    let change = new_permissions(Permissions::ReadOnly);
    let error = acme
        .update_key_policy(&project, &key, &change)
        .await
        .unwrap_err();

    assert!(matches!(error, Error::ReadOnly { .. }), "{error:?}");
    assert!(is_read_only(&acme));
    assert_eq!(server.api_key_policy(key.as_str()).unwrap(), before);
}

// ---------------------------------------------------------------------------------------------
// Hygiene
// ---------------------------------------------------------------------------------------------

/// What each rule should find among `keys` (the fake's keys that are cached), computed from
/// the fake's own data, and how many keys meet at least one urgent rule.
fn expected_findings(
    server: &FakeServer,
    keys: &HashSet<String>,
    thresholds: &HygieneThresholds,
    now: DateTime<Utc>,
) -> (Vec<(HygieneRule, u64)>, u64) {
    let now = now.timestamp();
    let days = |d: u32| i64::from(d) * DAY;
    let state = server.state();
    let cached: Vec<_> = state
        .api_keys
        .iter()
        .filter(|k| keys.contains(&k.key.id))
        .collect();
    let meets = |rule: HygieneRule, k: &fake_admin_api::state::StoredApiKey| {
        let key = &k.key;
        match rule {
            HygieneRule::Expired => key.expires_at.is_some_and(|t| t <= now),
            HygieneRule::Expiring => key
                .expires_at
                .is_some_and(|t| t > now && t <= now + days(thresholds.expiring_days)),
            HygieneRule::OwnerLostAccess => key.owner_project_access == "inactive",
            HygieneRule::NeverUsed => {
                key.last_used_at.is_none()
                    && key.created_at <= now - days(thresholds.never_used_days)
            }
            HygieneRule::Idle => key
                .last_used_at
                .is_some_and(|t| t <= now - days(thresholds.idle_days)),
            HygieneRule::NeverExpires => key.expires_at.is_none(),
            HygieneRule::UnrestrictedServiceAccount => {
                key.owner.kind == "service_account" && k.scopes.is_empty()
            }
        }
    };
    let findings = HygieneRule::ALL
        .iter()
        .map(|&rule| {
            let n = cached.iter().filter(|k| meets(rule, k)).count();
            (rule, n as u64)
        })
        .collect();
    let urgent = cached
        .iter()
        .filter(|k| {
            HygieneRule::ALL
                .iter()
                .any(|&rule| rule.is_urgent() && meets(rule, k))
        })
        .count();
    (findings, urgent as u64)
}

/// Checks that every count of the report is what the keys table's filter of that rule totals.
async fn assert_counts_match_the_filters(org: &Org, findings: &[(HygieneRule, u64)]) {
    for &(rule, count) in findings {
        let query = KeyQuery {
            filter: Some(org.hygiene_filter(rule)),
            limit: 400,
            ..KeyQuery::default()
        };
        let page = org.query_keys(query).await.unwrap();
        assert_eq!(
            page.total, count,
            "{rule:?}: the filter and the count agree"
        );
        assert_eq!(page.rows.len() as u64, count, "{rule:?}");
    }
}

#[tokio::test]
async fn each_hygiene_count_is_what_the_keys_tables_filter_of_that_rule_finds() {
    let (_h, server, acme, project) = acme_on(4, 6).await;
    // An unrestricted service-account key and one expiring in three days, made by Keywarden.
    let default = KeyPolicy::default();
    create(&acme, &project, "unrestricted", &default, "req-all").await;
    let soon = policy(Permissions::ReadOnly, Expiry::Days(3));
    create(&acme, &project, "expiring", &soon, "req-soon").await;
    let rows = cached_rows(&acme).await;
    let ids: HashSet<String> = rows.iter().map(|r| r.id.clone()).collect();

    let now = Utc::now();
    let report = acme.hygiene(now).await.unwrap();

    assert_eq!(report.thresholds, HygieneThresholds::default());
    assert_eq!(report.total_keys, rows.len() as u64);
    let rules: Vec<_> = report.findings.iter().map(|(rule, _)| *rule).collect();
    assert_eq!(rules, HygieneRule::ALL);
    let count = |rule| report.findings.iter().find(|(r, _)| *r == rule).unwrap().1;
    assert!(count(HygieneRule::Expired) >= 1, "{report:?}");
    assert!(count(HygieneRule::NeverUsed) >= 1, "{report:?}");
    assert!(count(HygieneRule::Expiring) >= 1, "{report:?}");
    assert!(
        count(HygieneRule::UnrestrictedServiceAccount) >= 1,
        "{report:?}"
    );
    let (expected, urgent) = expected_findings(&server, &ids, &HygieneThresholds::default(), now);
    assert_eq!(
        report.findings, expected,
        "the counts match the fake's keys"
    );
    assert_eq!(report.needing_attention, urgent);
    assert_counts_match_the_filters(&acme, &report.findings).await;
}

#[tokio::test]
async fn thresholds_outside_one_day_to_ten_years_change_nothing_and_a_valid_change_is_saved_and_used(
) {
    let h = support::harness().await;
    let server = remote(3, 6).await;
    let acme_id = acme(&h, &server).await.id().clone();
    let defaults = HygieneThresholds::default();
    let saved_before = h.config_text();

    let bad = [
        (
            HygieneThresholds {
                never_used_days: 0,
                ..defaults
            },
            "“never used” threshold",
        ),
        (
            HygieneThresholds {
                idle_days: 3651,
                ..defaults
            },
            "“idle” threshold",
        ),
        (
            HygieneThresholds {
                expiring_days: 0,
                ..defaults
            },
            "“expiring” threshold",
        ),
    ];
    for (thresholds, names) in bad {
        let error = h.keywarden.set_hygiene_thresholds(thresholds).unwrap_err();
        assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
        let message = error.to_string();
        assert!(message.contains(names), "{message}");
        assert!(message.contains("between 1 and 3650 days"), "{message}");
        assert_eq!(h.keywarden.hygiene_thresholds(), defaults);
        assert_eq!(h.config_text(), saved_before, "the settings are untouched");
    }

    let chosen = HygieneThresholds {
        never_used_days: 1,
        idle_days: 7,
        expiring_days: 365,
    };
    assert_eq!(h.keywarden.set_hygiene_thresholds(chosen).unwrap(), chosen);
    assert_eq!(
        settings(&h)["preferences"]["hygiene"],
        json!({"neverUsedDays": 1, "idleDays": 7, "expiringDays": 365})
    );

    let h = h.restart().await;
    assert_eq!(
        h.keywarden.hygiene_thresholds(),
        chosen,
        "kept across a restart"
    );
    let acme = h.keywarden.org(&acme_id).unwrap();
    let ids: HashSet<String> = cached_rows(&acme).await.into_iter().map(|r| r.id).collect();
    let now = Utc::now();
    let report = acme.hygiene(now).await.unwrap();
    assert_eq!(report.thresholds, chosen);
    let (expected, urgent) = expected_findings(&server, &ids, &chosen, now);
    assert_eq!(report.findings, expected, "counted with the new thresholds");
    assert_eq!(report.needing_attention, urgent);
    let (with_defaults, _) = expected_findings(&server, &ids, &defaults, now);
    assert_ne!(
        report.findings, with_defaults,
        "the seeded keys count differently with these thresholds"
    );
    assert_counts_match_the_filters(&acme, &report.findings).await;
}

// ---------------------------------------------------------------------------------------------
// Permissions from the audit log
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn permissions_come_from_the_audit_log_unless_keywarden_set_them_later() {
    let (_h, server, acme, project) = acme_on(2, 4).await;
    let audit_reads = server
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/organization/audit_logs"))
        .count();
    assert!(audit_reads >= 1, "a refresh reads the audit log");
    let a = live_key(&server, &project, &[]);
    let b = live_key(&server, &project, &[&a]);
    let c = live_key(&server, &project, &[&a, &b]);
    let rows = cached_rows(&acme).await;
    let untouched = rows
        .iter()
        .find(|r| [&a, &b, &c].iter().all(|k| k.as_str() != r.id))
        .expect("another key");
    let untouched = ApiKeyId::from(untouched.id.as_str());
    let seeded = recorded(&acme, &untouched).await;
    assert_eq!(seeded.scopes, [SEEDED]);
    assert_eq!(seeded.source, PermissionSource::AuditLog);
    for key in [&a, &b, &c] {
        assert_eq!(recorded(&acme, key).await.scopes, [SEEDED], "{key} before");
    }

    let admin = outside(&server);
    let keys = admin.project(project.clone()).api_keys();
    let scopes = |list: &[&str]| ApiKeyUpdate {
        scopes: Some(list.iter().map(|s| s.to_string()).collect()),
        expires_in_seconds: None,
    };

    // A: changed outside Keywarden only.
    keys.update(a.clone(), &scopes(&["api.files.read", "api.batch.write"]))
        .await
        .unwrap();
    // B: changed outside, then by Keywarden.
    keys.update(b.clone(), &scopes(&["api.files.read"]))
        .await
        .unwrap();
    wait_past(&server, Utc::now()).await;
    let read_only = new_permissions(Permissions::ReadOnly);
    acme.update_key_policy(&project, &b, &read_only)
        .await
        .unwrap();
    // C: changed by Keywarden, then outside.
    acme.update_key_policy(&project, &c, &read_only)
        .await
        .unwrap();
    let kept = cached_row(&acme, c.as_str()).await.unwrap().permissions;
    wait_past(&server, kept.expect("recorded").set_at).await;
    keys.update(c.clone(), &scopes(&["api.files.write"]))
        .await
        .unwrap();

    acme.refresh_inventory(|_| {}).await.unwrap();

    let event_time = |id: &ApiKeyId| {
        let state = server.state();
        let event = state
            .audit_logs
            .iter()
            .rev()
            .find(|e| {
                e.kind == "api_key.updated"
                    && e.details["api_key.updated"]["id"] == json!(id.as_str())
            })
            .expect("the update is in the audit log");
        event.effective_at
    };

    let a_now = recorded(&acme, &a).await;
    assert_eq!(a_now.scopes, ["api.files.read", "api.batch.write"]);
    assert_eq!(a_now.source, PermissionSource::AuditLog);
    assert_eq!(a_now.set_at.timestamp(), event_time(&a));

    let b_now = recorded(&acme, &b).await;
    assert_eq!(
        b_now.scopes,
        ["api.all.read"],
        "Keywarden's later change wins over the older outside one"
    );
    assert_eq!(b_now.source, PermissionSource::Keywarden);

    let c_now = recorded(&acme, &c).await;
    assert_eq!(
        c_now.scopes,
        ["api.files.write"],
        "the later outside change wins over Keywarden's"
    );
    assert_eq!(c_now.source, PermissionSource::AuditLog);
    assert_eq!(c_now.set_at.timestamp(), event_time(&c));

    assert_eq!(
        recorded(&acme, &untouched).await,
        seeded,
        "an untouched key keeps its record"
    );
}

// ---------------------------------------------------------------------------------------------
// Default policy
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_default_policy_survives_a_restart_and_goes_with_its_organization() {
    let h = support::harness().await;
    let server = remote(1, 1).await;
    let acme = support::add_remote(&h, "Acme", &server).await;
    let acme_id = acme.id().clone();
    let demo = support::demo_org(&h.keywarden);
    assert_eq!(acme.key_policy_default(), KeyPolicy::default());

    let chosen = policy(Permissions::ReadOnly, Expiry::Days(90));
    assert_eq!(acme.set_key_policy_default(chosen.clone()).unwrap(), chosen);
    let demo_default = policy(Permissions::All, Expiry::Days(30));
    demo.set_key_policy_default(demo_default.clone()).unwrap();
    assert_eq!(acme.key_policy_default(), chosen);
    assert_eq!(
        settings(&h)["keyPolicyDefaults"][acme_id.as_str()],
        serde_json::to_value(&chosen).unwrap()
    );

    let saved = h.config_text();
    let dated = policy(Permissions::ReadOnly, Expiry::Date("2099-01-01".into()));
    let error = acme.set_key_policy_default(dated).unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    assert!(error.to_string().contains("not a calendar date"), "{error}");
    let zero = policy(Permissions::ReadOnly, Expiry::Days(0));
    let error = acme.set_key_policy_default(zero).unwrap_err();
    assert!(error.to_string().contains("between 1 and 365"), "{error}");
    assert_eq!(h.config_text(), saved, "a refused default changes nothing");
    assert_eq!(acme.key_policy_default(), chosen);
    drop((acme, demo));

    let h = h.restart().await;
    let acme = h.keywarden.org(&acme_id).unwrap();
    assert_eq!(acme.key_policy_default(), chosen, "kept across a restart");
    let demo = support::demo_org(&h.keywarden);
    assert_eq!(demo.key_policy_default(), demo_default);
    drop(acme);

    h.keywarden.remove_organization(&acme_id).await.unwrap();
    let defaults = &settings(&h)["keyPolicyDefaults"];
    assert!(
        defaults.get(acme_id.as_str()).is_none(),
        "the removed organization's default is gone: {defaults}"
    );
    assert!(!h.config_text().contains(acme_id.as_str()));
    assert_eq!(demo.key_policy_default(), demo_default, "the others stay");
}
