//! The key-policy rows: permissions and expiries a person (or a confused webview) can hand a
//! create, an extra key, an update, the organization's default policy and the hygiene
//! thresholds — impossible day counts, dates that are past, too far or not dates, restricted
//! keys without permissions or with too many or too long ones, scopes the server refuses, and
//! updates without ids.
//!
//! Each row must be refused with a message that says what is wrong and what to do, and lose
//! nothing: besides the matrix's snapshot (keychain, settings folder, clipboard, organizations,
//! both servers' objects, held new keys), the scopes and expiry of every key on the server, the
//! cached rows of Acme (with their recorded permissions), its default policy and the hygiene
//! thresholds must be as they were. A row refused by Keywarden sends nothing; a row only the
//! server can judge (a scope with a space) sends exactly the create or update, and shows the
//! server's message.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::Arc;

use app_core::hygiene::HygieneThresholds;
use app_core::inventory_store::{KeyQuery, KeyRow};
use app_core::key_policy::{Expiry, KeyPolicy, Permissions, PolicyChange};
use app_core::{Error, Keywarden, OrgId};
use chrono::Utc;
use fake_admin_api::KeyPolicy as HeldPolicy;
use openai_admin::{ApiKeyId, ProjectId, ServiceAccountId};

use crate::bench::{bench, Bench};
use crate::{assert_no_failures, finish, note_failure, refusal_problems};

/// What a row asks Keywarden to do.
#[derive(Debug, Clone)]
enum PolicyOp {
    /// A new service account with its first key, in the bench's project.
    Create(KeyPolicy),
    /// An extra key for an existing service account of the bench's project.
    AddKey(KeyPolicy),
    /// A change to a key.
    Update {
        project: String,
        key: String,
        change: PolicyChange,
    },
    /// Acme's default policy.
    SetDefault(KeyPolicy),
    /// The hygiene rules' day counts.
    SetThresholds(HygieneThresholds),
}

impl PolicyOp {
    fn name(&self) -> &'static str {
        match self {
            PolicyOp::Create(_) => "create_key",
            PolicyOp::AddKey(_) => "add_key_to_service_account",
            PolicyOp::Update { .. } => "update_key_policy",
            PolicyOp::SetDefault(_) => "set_key_policy_default",
            PolicyOp::SetThresholds(_) => "set_hygiene_thresholds",
        }
    }

    async fn run(
        self,
        kw: Arc<Keywarden>,
        acme: OrgId,
        project: String,
        account: String,
        request_id: String,
    ) -> Result<String, Error> {
        let org = kw.org(&acme)?;
        let project = ProjectId::from(project);
        let done = match self {
            PolicyOp::Create(policy) => {
                let outcome = org
                    .create_key(&project, "policy row", &policy, &request_id)
                    .await?;
                format!("{outcome:?}")
            }
            PolicyOp::AddKey(policy) => {
                let account = ServiceAccountId::from(account);
                let outcome = org
                    .add_key_to_service_account(
                        &project,
                        &account,
                        "policy row",
                        &policy,
                        &request_id,
                    )
                    .await?;
                format!("{outcome:?}")
            }
            PolicyOp::Update {
                project,
                key,
                change,
            } => {
                let project = ProjectId::from(project);
                let key = ApiKeyId::from(key);
                format!(
                    "{:?}",
                    org.update_key_policy(&project, &key, &change).await?
                )
            }
            PolicyOp::SetDefault(policy) => format!("{:?}", org.set_key_policy_default(policy)?),
            PolicyOp::SetThresholds(thresholds) => {
                format!("{:?}", kw.set_hygiene_thresholds(thresholds)?)
            }
        };
        Ok(done)
    }
}

struct PolicyRow {
    input: String,
    op: PolicyOp,
    /// What the message must say is wrong.
    says: &'static str,
    /// What the message must say to do.
    todo: &'static str,
    /// The only requests the row may send (`remote POST /v1/…`); none unless listed. A row that
    /// may send nothing must be refused as invalid input.
    may_send: Vec<String>,
}

fn refused(
    input: impl Into<String>,
    op: PolicyOp,
    says: &'static str,
    todo: &'static str,
) -> PolicyRow {
    PolicyRow {
        input: input.into(),
        op,
        says,
        todo,
        may_send: Vec::new(),
    }
}

fn policy(permissions: Permissions, expiry: Expiry) -> KeyPolicy {
    KeyPolicy {
        permissions,
        expiry,
    }
}

fn days(days: i64) -> KeyPolicy {
    policy(Permissions::ReadOnly, Expiry::Days(days))
}

fn date(text: &str) -> KeyPolicy {
    policy(Permissions::ReadOnly, Expiry::Date(text.into()))
}

fn restricted(scopes: Vec<String>) -> KeyPolicy {
    policy(Permissions::Restricted(scopes), Expiry::Days(30))
}

/// The rows, against Acme's project `project`, its service account `account` and its live key
/// `key`.
fn key_policy_rows(project: &str, account: &str, key: &str) -> Vec<PolicyRow> {
    let in_400_days = (Utc::now() + chrono::Duration::days(400))
        .date_naive()
        .to_string();
    let hundred_and_one = (0..101).map(|i| format!("api.scope{i}.read")).collect();
    let long_scope = format!("api.{}.read", "x".repeat(191));
    assert_eq!(long_scope.chars().count(), 200);
    let spaced = || vec!["foo bar".to_owned()];
    let update = |project: &str, key: &str, change: PolicyChange| PolicyOp::Update {
        project: project.into(),
        key: key.into(),
        change,
    };
    let expiry = |expiry: Expiry| PolicyChange {
        permissions: None,
        expiry: Some(expiry),
    };
    let month = || expiry(Expiry::Days(30));
    let between = "choose between 1 and 365 days, or never";
    let unreadable = "is not a date Keywarden can read";
    let how_to_write = "write it as year-month-day, e.g. 2027-03-12";
    let no_permission = "choose at least one permission for a restricted key";
    let all_or_read = "or choose All or Read only";
    let ids_required = "a project id and a key id are required";
    let threshold = "threshold must be between 1 and 3650 days";
    let server_scope = "Invalid scope 'foo bar'";
    let scope_form = "scopes look like 'api.files.read'";
    let defaults = HygieneThresholds::default();

    let mut rows = vec![
        // Day counts.
        refused(
            "expiry: 0 days",
            PolicyOp::Create(days(0)),
            "an expiry of 0 days is not possible",
            between,
        ),
        refused(
            "expiry: -1 days",
            PolicyOp::Create(days(-1)),
            "an expiry of -1 days is not possible",
            between,
        ),
        refused(
            "expiry: 366 days",
            PolicyOp::Create(days(366)),
            "an expiry of 366 days is not possible",
            between,
        ),
        refused(
            "expiry: i64::MAX days",
            PolicyOp::Create(days(i64::MAX)),
            "is not possible",
            between,
        ),
        refused(
            "expiry: i64::MIN days",
            PolicyOp::Create(days(i64::MIN)),
            "is not possible",
            between,
        ),
        // Dates.
        refused(
            "expiry date: 2020-01-01 (past)",
            PolicyOp::Create(date("2020-01-01")),
            "2020-01-01 has already passed",
            "choose a date from today on, or never",
        ),
        refused(
            "expiry date: 12/03/2027",
            PolicyOp::Create(date("12/03/2027")),
            unreadable,
            how_to_write,
        ),
        refused(
            "expiry date: 2027-13-45",
            PolicyOp::Create(date("2027-13-45")),
            unreadable,
            how_to_write,
        ),
        refused(
            "expiry date: empty",
            PolicyOp::Create(date("")),
            unreadable,
            how_to_write,
        ),
        refused(
            "expiry date: 400 days out",
            PolicyOp::Create(date(&in_400_days)),
            "is more than 365 days away",
            "the latest possible expiry is",
        ),
        refused(
            "expiry date: 10,000 characters",
            PolicyOp::Create(date(&"9".repeat(10_000))),
            unreadable,
            how_to_write,
        ),
        // Permissions.
        refused(
            "restricted: no permissions",
            PolicyOp::Create(restricted(Vec::new())),
            no_permission,
            all_or_read,
        ),
        refused(
            "restricted: only blanks",
            PolicyOp::Create(restricted(vec![String::new(), " \t ".into()])),
            no_permission,
            all_or_read,
        ),
        refused(
            "restricted: 101 permissions",
            PolicyOp::Create(restricted(hundred_and_one)),
            "101 were chosen",
            "at most 100 permissions",
        ),
        refused(
            "restricted: a 200-character permission",
            PolicyOp::Create(restricted(vec![long_scope.clone()])),
            "a permission identifier is 200 characters long",
            "the longest accepted is 100",
        ),
        refused(
            "extra key: 0 days",
            PolicyOp::AddKey(days(0)),
            "an expiry of 0 days is not possible",
            between,
        ),
        refused(
            "extra key: restricted without permissions",
            PolicyOp::AddKey(restricted(Vec::new())),
            no_permission,
            all_or_read,
        ),
        // Updates.
        refused(
            "update: empty project id",
            update("", key, month()),
            ids_required,
            ids_required,
        ),
        refused(
            "update: empty key id",
            update(project, "", month()),
            ids_required,
            ids_required,
        ),
        refused(
            "update: blank key id",
            update(project, "  \t", month()),
            ids_required,
            ids_required,
        ),
        refused(
            "update: nothing to change",
            update(project, key, PolicyChange::default()),
            "nothing would change",
            "choose new permissions, a new expiry or both",
        ),
        refused(
            "update: never expires",
            update(project, key, expiry(Expiry::Never)),
            "the API cannot remove a key's expiry",
            "choose a later date instead",
        ),
        refused(
            "update: 400 days",
            update(project, key, expiry(Expiry::Days(400))),
            "an expiry of 400 days is not possible",
            "choose between 1 and 365 days",
        ),
        refused(
            "update: a past date",
            update(project, key, expiry(Expiry::Date("2020-01-01".into()))),
            "2020-01-01 has already passed",
            "choose a date from today on",
        ),
        refused(
            "update: restricted without permissions",
            update(
                project,
                key,
                PolicyChange {
                    permissions: Some(Permissions::Restricted(Vec::new())),
                    expiry: None,
                },
            ),
            no_permission,
            all_or_read,
        ),
        // Default policy.
        refused(
            "default: a calendar date",
            PolicyOp::SetDefault(date("2027-01-01")),
            "not a calendar date",
            "a number of days or never",
        ),
        refused(
            "default: 0 days",
            PolicyOp::SetDefault(days(0)),
            "an expiry of 0 days is not possible",
            between,
        ),
        refused(
            "default: restricted without permissions",
            PolicyOp::SetDefault(restricted(Vec::new())),
            no_permission,
            all_or_read,
        ),
        // Hygiene thresholds.
        refused(
            "thresholds: never used 0 days",
            PolicyOp::SetThresholds(HygieneThresholds {
                never_used_days: 0,
                ..defaults
            }),
            "the “never used” threshold",
            threshold,
        ),
        refused(
            "thresholds: idle 3651 days",
            PolicyOp::SetThresholds(HygieneThresholds {
                idle_days: 3651,
                ..defaults
            }),
            "the “idle” threshold",
            threshold,
        ),
        refused(
            "thresholds: expiring u32::MAX days",
            PolicyOp::SetThresholds(HygieneThresholds {
                expiring_days: u32::MAX,
                ..defaults
            }),
            "the “expiring” threshold",
            threshold,
        ),
    ];

    // Scopes only the server can judge: sent as typed, refused with its message.
    let accounts = format!("/v1/organization/projects/{project}/service_accounts");
    let keys = format!("/v1/organization/projects/{project}/api_keys");
    rows.push(PolicyRow {
        may_send: vec![
            format!("remote GET {accounts}"),
            format!("remote POST {accounts}"),
        ],
        ..refused(
            "restricted: a permission with a space",
            PolicyOp::Create(restricted(spaced())),
            server_scope,
            scope_form,
        )
    });
    rows.push(PolicyRow {
        may_send: vec![
            format!("remote GET {keys}"),
            format!("remote POST {accounts}/{account}/api_keys"),
        ],
        ..refused(
            "extra key: a permission with a space",
            PolicyOp::AddKey(restricted(spaced())),
            server_scope,
            scope_form,
        )
    });
    rows.push(PolicyRow {
        may_send: vec![format!("remote POST {keys}/{key}")],
        ..refused(
            "update: a permission with a space",
            update(
                project,
                key,
                PolicyChange {
                    permissions: Some(Permissions::Restricted(spaced())),
                    expiry: Some(Expiry::Days(30)),
                },
            ),
            server_scope,
            scope_form,
        )
    });
    rows
}

/// What a refused row must also leave as it was, beyond the matrix's snapshot.
#[derive(Debug, PartialEq)]
struct Kept {
    /// The scopes and expiry of every key on the remote server.
    held: BTreeMap<String, HeldPolicy>,
    /// Acme's cached keys, with their recorded permissions.
    rows: Vec<KeyRow>,
    default: KeyPolicy,
    thresholds: HygieneThresholds,
}

async fn kept(b: &Bench) -> Kept {
    let state = b.remote.state();
    let held = state
        .api_keys
        .iter()
        .map(|k| {
            let id = k.key.id.clone();
            let policy = b.remote.api_key_policy(&id);
            (
                id,
                policy.unwrap_or_else(|| panic!("key {} is held", k.key.id)),
            )
        })
        .collect();
    let acme = b.keywarden.org(&b.acme).expect("Acme is listed");
    let query = KeyQuery {
        limit: 400,
        ..KeyQuery::default()
    };
    let page = acme
        .query_keys(query)
        .await
        .expect("Acme's cache is readable");
    Kept {
        held,
        rows: page.rows,
        default: acme.key_policy_default(),
        thresholds: b.keywarden.hygiene_thresholds(),
    }
}

#[tokio::test]
async fn every_bad_key_policy_is_refused_with_what_to_do_and_loses_nothing() {
    let b = bench().await;
    let acme = b.keywarden.org(&b.acme).expect("Acme is listed");
    acme.refresh_inventory(|_| {})
        .await
        .expect("Acme is cached");
    let state = b.remote.state();
    let account = state.service_accounts(&b.project)[0].id.clone();
    let soon = Utc::now().timestamp() + 86_400;
    let key = state
        .api_keys
        .iter()
        .find(|k| k.project_id == b.project && k.key.expires_at.is_none_or(|t| t > soon))
        .expect("a live key")
        .key
        .id
        .clone();
    drop(state);
    let rows = key_policy_rows(&b.project, &account, &key);
    assert!(rows.len() >= 30, "the key-policy rows: {}", rows.len());

    let mut failures = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        let before = b.snapshot();
        let kept_before = kept(&b).await;
        let sent_before = b.requests().len();

        let task = tokio::spawn(row.op.clone().run(
            b.keywarden.clone(),
            b.acme.clone(),
            b.project.clone(),
            account.clone(),
            format!("key-policy-{n}"),
        ));
        let result = finish(task, &row.input, row.op.name()).await;

        let mut problems = Vec::new();
        let sent = b.requests().split_off(sent_before);
        let stray: Vec<&String> = sent.iter().filter(|r| !row.may_send.contains(r)).collect();
        if !stray.is_empty() {
            problems.push(format!("requests outside the allowed routes: {stray:?}"));
        }
        let shown = match &result {
            Ok(done) => format!("accepted: {done}"),
            Err(error) => error.to_string(),
        };
        println!("{:>2}. {} ({}) → {shown}", n + 1, row.input, row.op.name());
        match &result {
            Ok(_) => problems.push("accepted".into()),
            Err(error) => {
                problems.extend(refusal_problems(&b, &shown, row.says, row.todo));
                if row.may_send.is_empty() && !matches!(error, Error::InvalidInput(_)) {
                    problems.push(format!(
                        "refused before sending, yet not as invalid input: {error:?}"
                    ));
                }
                if !row.may_send.is_empty() && !sent.iter().any(|r| r.contains(" POST ")) {
                    problems.push("the server's verdict was never asked for".into());
                }
            }
        }
        let changed = b.snapshot().changes_since(&before);
        if !changed.is_empty() {
            problems.push(format!("changed {changed:?}"));
        }
        let kept_after = kept(&b).await;
        if kept_after != kept_before {
            let what = [
                (
                    "the keys' scopes or expiry",
                    kept_after.held != kept_before.held,
                ),
                ("Acme's cached keys", kept_after.rows != kept_before.rows),
                (
                    "Acme's default policy",
                    kept_after.default != kept_before.default,
                ),
                (
                    "the hygiene thresholds",
                    kept_after.thresholds != kept_before.thresholds,
                ),
            ];
            let what: Vec<_> = what.iter().filter(|(_, c)| *c).map(|(w, _)| *w).collect();
            problems.push(format!("changed {what:?}"));
        }
        note_failure(&mut failures, &row.input, row.op.name(), &problems, &shown);
    }
    assert_no_failures(&failures, rows.len(), "key-policy cases");
    println!("key-policy rows: {} cases, all refused", rows.len());
}
