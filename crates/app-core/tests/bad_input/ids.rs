//! The project-id rows: ids that try to leave their path segment (a slash, `..`, an encoded
//! slash, a query, a space, nothing), each through listing keys, a revoke preview and creating a
//! key.

use crate::bench::Bench;
use crate::rows::{row, user_text, Expect, Op, Row};

/// Project ids that try to leave their path segment, through three operations each. An id is
/// either refused before any request or percent-encoded into exactly its own segment.
pub fn id_rows(b: &Bench) -> Vec<Row> {
    let p = &b.project;
    // (what, id, Some(encoded segment) or None when refused before sending)
    let ids: Vec<(&str, String, Option<String>)> = vec![
        (
            "a slash",
            format!("{p}/service_accounts"),
            Some(format!("{p}%2Fservice_accounts")),
        ),
        ("`..`", "..".into(), None),
        (
            "`../../admin_api_keys`",
            "../../admin_api_keys".into(),
            Some("..%2F..%2Fadmin_api_keys".into()),
        ),
        (
            "an encoded slash %2F",
            format!("{p}%2Fapi_keys"),
            Some(format!("{p}%252Fapi_keys")),
        ),
        (
            "a question mark",
            format!("{p}?limit=1"),
            Some(format!("{p}%3Flimit%3D1")),
        ),
        ("a space", format!("{p} x"), Some(format!("{p}%20x"))),
        ("empty", String::new(), None),
    ];
    let mut rows = Vec::new();
    for (what, id, encoded) in ids {
        let sent = |route: &str, methods: &[&str]| -> Vec<String> {
            let Some(segment) = &encoded else {
                return Vec::new();
            };
            let path = format!("/v1/organization/projects/{segment}/{route}");
            methods
                .iter()
                .map(|m| format!("remote {m} {path}"))
                .collect()
        };
        let clear = |says| Expect::Clear { says };
        let (list_expect, preview_expect, create_expect) = match (&encoded, id.as_str()) {
            (Some(_), _) => (
                clear("No such project"),
                clear("No such project"),
                clear("No such project"),
            ),
            (None, "..") => (
                clear("`..` is not a valid project id"),
                clear("`..` is not a valid project id"),
                clear("`..` is not a valid project id"),
            ),
            (None, _) => (
                clear("a project id is required"),
                clear("the project id must not be empty"),
                clear("a project id is required"),
            ),
        };
        rows.push(
            row(
                format!("project id with {what}: list keys"),
                user_text(),
                Op::ListKeys {
                    project: id.clone(),
                },
                list_expect,
            )
            .may_send(&sent("api_keys", &["GET"])),
        );
        rows.push(
            row(
                format!("project id with {what}: revoke preview"),
                user_text(),
                Op::RevokePreview {
                    project: id.clone(),
                },
                preview_expect,
            )
            .may_send(&sent("api_keys", &["GET"])),
        );
        rows.push(
            row(
                format!("project id with {what}: create key"),
                user_text(),
                Op::CreateKey {
                    project: id.clone(),
                    name: "deploy".into(),
                },
                create_expect,
            )
            .may_send(&sent("service_accounts", &["GET", "POST"])),
        );
    }
    rows
}
