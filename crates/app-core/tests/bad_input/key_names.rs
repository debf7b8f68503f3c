//! The key-name rows of `create_key` in a real project of Acme: a name that is empty, blank, too
//! long, has a line break or a NUL, or holds markup (kept literally).

use crate::bench::Bench;
use crate::rows::{refused, row, user_text, Expect, Op, Row};
use crate::MARKUP;

/// The key-name rows of `create_key`, in a real project of Acme.
pub fn key_name_rows(b: &Bench) -> Vec<Row> {
    let create = |name: &str| Op::CreateKey {
        project: b.project.clone(),
        name: name.into(),
    };
    let accounts = format!("/v1/organization/projects/{}/service_accounts", b.project);
    let keys = format!("/v1/organization/projects/{}/api_keys", b.project);
    let sent = [
        format!("remote GET {accounts}"),
        format!("remote POST {accounts}"),
        format!("remote GET {keys}"),
    ];
    vec![
        row(
            "key name: empty",
            user_text(),
            create(""),
            refused("the key name must not be empty", "must not be empty"),
        ),
        row(
            "key name: only whitespace",
            user_text(),
            create("  \t "),
            refused("the key name must not be empty", "must not be empty"),
        ),
        row(
            "key name: 10,000 characters",
            user_text(),
            create(&"k".repeat(10_000)),
            refused("10000 characters long", "the maximum is 256"),
        ),
        row(
            "key name: a line break",
            user_text(),
            create("deploy\nprod"),
            refused("control characters", "must not contain control characters"),
        ),
        row(
            "key name: a NUL character",
            user_text(),
            create("deploy\u{0}"),
            refused("control characters", "must not contain control characters"),
        ),
        row(
            "key name: markup",
            user_text(),
            create(MARKUP),
            Expect::Literal(MARKUP.into()),
        )
        .may_send(&sent),
    ]
}
