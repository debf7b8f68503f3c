//! The admin-key rows: what the clipboard holds when adding (or re-keying) an organization —
//! nothing, whitespace, an image, a megabyte of text, a broken key, a project or service-account
//! key, a revoked admin key, an admin key without the scope to read projects.

use fake_admin_api::{Fault, FaultRule};

use crate::bench::Bench;
use crate::rows::{add, key_on_clipboard, refused, row, Clip, Op, Row};
use crate::REMOTE_KEY;

/// The admin-key rows: what the clipboard holds when adding (or re-keying) an organization.
pub fn admin_key_rows(b: &Bench) -> Vec<Row> {
    let url = b.remote.base_url();
    let probe = vec!["remote GET /v1/organization/projects".to_owned()];
    let text = |s: &str| Clip::Text(s.to_owned());
    let mut rows = vec![
        row(
            "clipboard: empty",
            Clip::Empty,
            add("Beta", &url),
            refused("holds no text", "copy the admin key"),
        ),
        row(
            "clipboard: only whitespace",
            text(" \t\n  "),
            add("Beta", &url),
            refused("there is no key", "copy the admin key"),
        ),
        row(
            "clipboard: an image",
            Clip::Image,
            add("Beta", &url),
            refused("holds no text", "copy the admin key"),
        ),
        row(
            "clipboard: 1 MB of text",
            Clip::Text(format!("{REMOTE_KEY}\n{}", "lorem ipsum ".repeat(90_000))),
            add("Beta", &url),
            refused("MB of text, not an admin key", "copy just the key"),
        ),
        row(
            "clipboard: a key with an inner space",
            Clip::Text(format!("{} {}", &REMOTE_KEY[..20], &REMOTE_KEY[20..])),
            add("Beta", &url),
            refused("a space or line break", "copy it again in one piece"),
        ),
        row(
            "clipboard: a project key sk-proj-…",
            text("sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123456789"),
            add("Beta", &url),
            refused(
                "this is a project key",
                "create one under Organization settings",
            ),
        ),
        row(
            "clipboard: a service-account key sk-svcacct-…",
            text("sk-svcacct-AbCdEfGhIjKlMnOpQrStUvWx0123456789"),
            add("Beta", &url),
            refused(
                "this is a project key",
                "create one under Organization settings",
            ),
        ),
        row(
            "clipboard: sk-admin- followed by garbage",
            text("sk-admin-<script>alert(1)</script>"),
            add("Beta", &url),
            refused("the rest is not one", "copy the whole key again"),
        ),
        row(
            "clipboard: a well-formed but revoked admin key (401)",
            Clip::Text(b.revoked.clone()),
            add("Beta", &url),
            refused("did not accept it", "copy an active admin key"),
        )
        .may_send(&probe),
        row(
            "clipboard: a key without api.management.read (403)",
            key_on_clipboard(),
            add("Beta", &url),
            refused(
                "lacks the scope api.management.read",
                "give it more permissions or use another",
            ),
        )
        .with_fault(FaultRule::new(Fault::MissingScope).on_path("/organization/projects"))
        .may_send(&probe),
    ];
    rows.extend([
        row(
            "re-keying Acme, clipboard: empty",
            Clip::Empty,
            Op::ReplaceKey,
            refused("holds no text", "copy the admin key"),
        ),
        row(
            "re-keying Acme, clipboard: a project key",
            text("sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123456789"),
            Op::ReplaceKey,
            refused(
                "this is a project key",
                "create one under Organization settings",
            ),
        ),
        row(
            "re-keying Acme, clipboard: a revoked admin key (401)",
            Clip::Text(b.revoked.clone()),
            Op::ReplaceKey,
            refused("did not accept it", "copy an active admin key"),
        )
        .may_send(&probe),
    ]);
    rows
}
