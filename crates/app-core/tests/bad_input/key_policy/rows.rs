//! The rows of the key-policy matrix: each bad permission, expiry, update or threshold, what its
//! refusal must say and do, and which requests it may send.

use app_core::hygiene::HygieneThresholds;
use app_core::key_policy::{Expiry, KeyPolicy, Permissions, PolicyChange};
use chrono::Utc;

use super::{PolicyOp, PolicyRow};

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
pub(super) fn key_policy_rows(project: &str, account: &str, key: &str) -> Vec<PolicyRow> {
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
