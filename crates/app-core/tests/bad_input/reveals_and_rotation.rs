//! The reveal and rotation rows: reveal ids Keywarden never issued (copied or acknowledged), and
//! admin-key rotations with an out-of-range expiry or an empty, blank or too long name.

use crate::rows::{refused, row, user_text, Expect, Op, Row};

/// Reveal ids that Keywarden never issued, and rotation names and expiries.
pub fn reveal_and_rotation_rows() -> Vec<Row> {
    let never_issued = uuid::Uuid::new_v4().to_string();
    let rotate = |name: &str, days: Option<u32>| Op::Rotate {
        name: name.into(),
        days,
    };
    vec![
        row(
            "reveal id: not-a-uuid, copy",
            user_text(),
            Op::CopyNewKey {
                reveal: "not-a-uuid".into(),
            },
            refused("not a reveal id Keywarden issued", "revoke the key"),
        ),
        row(
            "reveal id: not-a-uuid, acknowledge",
            user_text(),
            Op::AcknowledgeNewKey {
                reveal: "not-a-uuid".into(),
            },
            refused("not a reveal id Keywarden issued", "revoke the key"),
        ),
        row(
            "reveal id: a uuid never issued, copy",
            user_text(),
            Op::CopyNewKey {
                reveal: never_issued.clone(),
            },
            refused("no longer holds this key's secret", "revoke the key"),
        ),
        row(
            "reveal id: a uuid never issued, acknowledge",
            user_text(),
            Op::AcknowledgeNewKey {
                reveal: never_issued,
            },
            Expect::NothingToWipe,
        ),
        row(
            "rotation: expiry of 0 days",
            user_text(),
            rotate("Keywarden (rotated)", Some(0)),
            refused("expiry", "choose an expiry of 1 to 365 days"),
        ),
        row(
            "rotation: expiry of 400 days",
            user_text(),
            rotate("Keywarden (rotated)", Some(400)),
            refused("expiry", "choose an expiry of 1 to 365 days"),
        ),
        row(
            "rotation: empty name",
            user_text(),
            rotate("", Some(30)),
            refused("give the key a name", "give the key a name"),
        ),
        row(
            "rotation: name of only whitespace",
            user_text(),
            rotate(" \n ", None),
            refused("give the key a name", "give the key a name"),
        ),
        row(
            "rotation: 10,000-character name",
            user_text(),
            rotate(&"r".repeat(10_000), None),
            refused("too long", "use at most 256 characters"),
        ),
    ]
}
