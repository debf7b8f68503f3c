//! The label rows: a good admin key on the clipboard, and an organization name that is empty,
//! blank, too long, has control characters, duplicates an existing one, or holds markup (kept
//! literally).

use crate::bench::Bench;
use crate::rows::{add, key_on_clipboard, refused, row, Expect, Row};
use crate::MARKUP;

/// The label rows: the key on the clipboard is good, the label is not.
pub fn label_rows(b: &Bench) -> Vec<Row> {
    let url = b.remote.base_url();
    let probe = vec!["remote GET /v1/organization/projects".to_owned()];
    let bad = |input: &str, label: &str, expect: Expect| {
        row(input, key_on_clipboard(), add(label, &url), expect)
    };
    vec![
        bad(
            "label: empty",
            "",
            refused(
                "give the organization a name",
                "give the organization a name",
            ),
        ),
        bad(
            "label: only whitespace",
            " \t  ",
            refused(
                "give the organization a name",
                "give the organization a name",
            ),
        ),
        bad(
            "label: 10,000 characters",
            &"L".repeat(10_000),
            refused("the name is too long", "use at most 100 characters"),
        ),
        bad(
            "label: a control character (bell)",
            "Acme\u{7} Corp",
            refused("contains control characters", "type it again"),
        ),
        bad(
            "label: a line break",
            "Acme\nCorp",
            refused("contains control characters", "type it again"),
        ),
        bad(
            "label: a duplicate of “Acme” in other case",
            "  aCME ",
            refused("already exists", "choose another name"),
        ),
        bad(
            "label: a duplicate of the demo organization",
            "DEMO organization",
            refused("already exists", "choose another name"),
        ),
        bad("label: markup", MARKUP, Expect::Literal(MARKUP.into())).may_send(&probe),
    ]
}
