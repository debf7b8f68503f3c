//! The bad-input matrix: every kind of wrong input a user (or a confused webview) can hand
//! Keywarden, one row each — admin keys read from the clipboard, labels, key names, project ids,
//! base URLs, reveal ids, rotation names and expiries.
//!
//! A refused row must say what is wrong and what to do, and leave nothing behind: no keychain
//! entry, no change to the settings folder, nothing new on either fake server (the demo and a
//! "remote" organization), no request outside the routes the row allows, and the clipboard as the
//! user left it. The few accepted rows (markup in names, a blank base URL) must keep the input
//! literally.
//!
//! This file is the runner: it gathers the rows, runs each one on the bench, checks its outcome
//! and that nothing changed, in the one test. The rest, by topic:
//! - `bench.rs`: the bench (Keywarden, its keychain stand-in, the demo and "Acme");
//! - `snapshot.rs`: what a refused row must leave as it was, and the requests sent;
//! - `rows.rs`: the row model (clipboard, operation, expectation, allowed requests);
//! - the rows: `admin_keys.rs`, `labels.rs`, `key_names.rs`, `ids.rs`, `base_urls.rs` and
//!   `reveals_and_rotation.rs`.

#[path = "../support/mod.rs"]
mod support;

mod admin_keys;
mod base_urls;
mod bench;
mod ids;
mod key_names;
mod key_policy;
mod labels;
mod reveals_and_rotation;
mod rows;
mod snapshot;

use std::time::Duration;

use app_core::admin_key_input::OPENAI_BASE_URL;
use app_core::key_lifecycle::{Acknowledged, CreateOutcome};

use admin_keys::admin_key_rows;
use base_urls::base_url_rows;
use bench::{bench, Bench};
use ids::id_rows;
use key_names::key_name_rows;
use labels::label_rows;
use reveals_and_rotation::reveal_and_rotation_rows;
use rows::{Done, Expect, Row};

/// The remote organization's bootstrap admin key (fixed, so rows can name it).
const REMOTE_KEY: &str = "sk-admin-BadInputMatrixRemoteKey0123456789";
/// What the user had on the clipboard before an operation that has nothing to do with it.
const USER_TEXT: &str = "meeting notes the user copied";
/// Markup that must be kept as typed, never interpreted.
const MARKUP: &str = "<img src=x onerror=alert(1)>";

/// Runs one row on its own task (so a panic names the row) with a time limit.
async fn perform(b: &Bench, row: &Row, n: usize) -> Result<Done, String> {
    let task = tokio::spawn(row.op.clone().run(
        b.keywarden.clone(),
        b.acme.clone(),
        format!("bad-input-{n}"),
    ));
    let result = finish(task, &row.input, row.op.name()).await;
    result.map_err(|e| e.to_string())
}

/// Waits for a row's task, `op` on `input`, for 20 s at most; a hang or a panic fails the test.
async fn finish<T>(task: tokio::task::JoinHandle<T>, input: &str, op: &str) -> T {
    match tokio::time::timeout(Duration::from_secs(20), task).await {
        Err(_) => panic!("{input}: {op} did not finish in 20 s"),
        Ok(Err(joined)) => panic!("{input}: {op} panicked: {joined}"),
        Ok(Ok(result)) => result,
    }
}

/// Notes a row's problems, if it has any, as one line of `failures`.
fn note_failure(
    failures: &mut Vec<String>,
    input: &str,
    op: &str,
    problems: &[String],
    shown: &str,
) {
    if !problems.is_empty() {
        failures.push(format!("{input} ({op}): {problems:?} — {shown}"));
    }
}

/// Fails the test with every failed row, if any, out of `total` `cases` (what they are called).
fn assert_no_failures(failures: &[String], total: usize, cases: &str) {
    assert!(
        failures.is_empty(),
        "{} of {total} {cases} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What is wrong with a refusal's message, if anything.
fn refusal_problems(b: &Bench, message: &str, says: &str, todo: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if !message.contains(says) {
        problems.push(format!("the message should say “{says}”"));
    }
    if !message.contains(todo) {
        problems.push(format!("the message should say what to do (“{todo}”)"));
    }
    let length = message.chars().count();
    if length >= 400 {
        problems.push(format!(
            "the message is {length} characters long (echoes input?)"
        ));
    }
    for secret in [REMOTE_KEY, b.revoked.as_str(), "user:pw"] {
        if message.contains(secret) {
            problems.push("the message shows a secret".into());
        }
    }
    problems
}

fn check_accepted(b: &Bench, row: &Row, done: &Done, expected: &str) {
    let input = &row.input;
    match done {
        Done::Org { label } => {
            assert_eq!(label, expected, "{input}: the label is kept as typed");
            let listed = b.keywarden.list_organizations();
            assert!(
                listed.iter().any(|o| o.label == expected),
                "{input}: listed"
            );
            let config = std::fs::read_to_string(b.dir.path().join("config.json"))
                .unwrap_or_else(|e| panic!("{input}: settings: {e}"));
            assert!(config.contains(expected), "{input}: saved literally");
            assert!(!config.contains(REMOTE_KEY), "{input}: no key in settings");
        }
        Done::Created(outcome) => {
            let CreateOutcome::Created(key) = outcome.as_ref() else {
                panic!("{input}: expected a created key, got {outcome:?}");
            };
            assert_eq!(key.name, expected, "{input}: the name is kept as typed");
            let state = b.remote.state();
            let named = state
                .service_accounts(&b.project)
                .into_iter()
                .filter(|a| a.name == expected)
                .count();
            assert_eq!(named, 1, "{input}: the account has the literal name");
            let reveal = key.reveal_id.to_string();
            let acme = b.keywarden.org(&b.acme);
            let wiped = acme.and_then(|org| org.acknowledge_new_key(&reveal, true));
            assert!(
                matches!(wiped, Ok(Acknowledged::Discarded)),
                "{input}: {wiped:?}"
            );
        }
        other => panic!("{input}: expected a named object, got {other:?}"),
    }
}

#[tokio::test]
async fn every_bad_input_is_refused_with_what_to_do_and_leaves_nothing_behind() {
    let b = bench().await;
    let mut rows = admin_key_rows(&b);
    rows.extend(label_rows(&b));
    rows.extend(key_name_rows(&b));
    rows.extend(id_rows(&b));
    rows.extend(base_url_rows());
    rows.extend(reveal_and_rotation_rows());
    assert!(rows.len() >= 30, "the matrix has {} rows", rows.len());

    let (mut refusals, mut accepted) = (0, 0);
    let mut failures = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        b.put_on_clipboard(&row.clipboard);
        if let Some(rule) = &row.fault {
            b.remote.inject(rule.clone());
        }
        let before = b.snapshot();
        let sent_before = b.requests().len();

        let result = perform(&b, row, n).await;

        let mut problems = Vec::new();
        let sent = b.requests().split_off(sent_before);
        let stray: Vec<&String> = sent.iter().filter(|r| !row.may_send.contains(r)).collect();
        if !stray.is_empty() {
            problems.push(format!("requests outside the allowed routes: {stray:?}"));
        }
        let after = b.snapshot();
        let mut changed = after.changes_since(&before);
        // A refused key is taken off the clipboard, as an accepted one is, and the refusal says
        // so; then the clipboard must be empty and nothing else may change.
        if result
            .as_ref()
            .is_err_and(|message| message.contains("from the clipboard"))
        {
            changed.retain(|what| *what != "the clipboard");
            if !after.clipboard_is_empty() {
                changed.push("the clipboard (the refusal says the key left it, yet it is there)");
            }
        }
        let unchanged = |problems: &mut Vec<String>| {
            if !changed.is_empty() {
                problems.push(format!("changed {changed:?}"));
            }
        };
        let shown = match &result {
            Ok(done) => format!("accepted: {done:?}"),
            Err(message) => message.clone(),
        };
        println!("{:>2}. {} ({}) → {shown}", n + 1, row.input, row.op.name());
        match (&row.expect, &result) {
            (Expect::Refused { says, todo }, Err(message)) => {
                problems.extend(refusal_problems(&b, message, says, todo));
                unchanged(&mut problems);
                refusals += 1;
            }
            (Expect::Clear { says }, Err(message)) => {
                problems.extend(refusal_problems(&b, message, says, says));
                unchanged(&mut problems);
                refusals += 1;
            }
            (Expect::Literal(expected), Ok(done)) => {
                check_accepted(&b, row, done, expected);
                if changed.is_empty() {
                    problems.push("accepted, yet the snapshot saw no change: it is blind".into());
                }
                accepted += 1;
            }
            (Expect::OpenAiDefault, Ok(Done::BaseUrl(url))) => {
                if url != OPENAI_BASE_URL {
                    problems.push(format!("gave {url}, not OpenAI's base URL"));
                }
                unchanged(&mut problems);
                accepted += 1;
            }
            (Expect::NothingToWipe, Ok(Done::Acknowledged(wiped))) => {
                if *wiped != Acknowledged::AlreadyGone {
                    problems.push("wiped a secret that was never held".into());
                }
                unchanged(&mut problems);
                accepted += 1;
            }
            (expect, _) => problems.push(format!("expected {expect:?}")),
        }
        note_failure(&mut failures, &row.input, row.op.name(), &problems, &shown);
    }
    assert_no_failures(&failures, rows.len(), "cases");
    println!(
        "bad-input matrix: {} cases ({refusals} refused, {accepted} accepted literally)",
        rows.len()
    );
}
