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
use app_core::key_policy::{KeyPolicy, PolicyChange};
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

mod rows;

use rows::key_policy_rows;

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
