//! The base-URL rows: URLs an admin key must never be sent to (plain http, other schemes, no
//! scheme, credentials, a query, a fragment), and blank ones, which mean OpenAI's own.

use crate::rows::{add, key_on_clipboard, refused, row, user_text, Expect, Op, Row};

/// Base URLs the admin key must never be sent to; a blank one means OpenAI's.
pub fn base_url_rows() -> Vec<Row> {
    let bad = |url: &str, says: &'static str, todo: &'static str| {
        row(
            format!("base URL: {url}"),
            key_on_clipboard(),
            add("Beta", url),
            refused(says, todo),
        )
    };
    let parse = |input: &str, raw: &str| {
        row(
            input,
            user_text(),
            Op::ParseBaseUrl { raw: raw.into() },
            Expect::OpenAiDefault,
        )
    };
    vec![
        bad("http://example.com/v1", "must use https", "use https"),
        bad("ftp://x", "scheme `ftp` is not supported", "use https"),
        bad(
            "example.com",
            "must be an absolute https URL",
            "e.g. https://api.openai.com/v1",
        ),
        bad("file:///", "scheme `file` is not supported", "use https"),
        bad(
            "https://user:pw@api.example.com/v1",
            "must not contain a user name or password",
            "must not contain a user name or password",
        ),
        bad(
            "https://api.example.com/v1?x=1",
            "must not contain a query",
            "must not contain a query",
        ),
        bad(
            "https://api.example.com/v1#frag",
            "must not contain a fragment",
            "must not contain a fragment",
        ),
        parse("base URL: empty (parse only)", ""),
        parse("base URL: only whitespace (parse only)", "   "),
    ]
}
