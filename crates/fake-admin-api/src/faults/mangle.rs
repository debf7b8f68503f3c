//! JSON rewrites for the `UnknownFields` and `EndlessPagination` faults.

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{json, Value};

static FRESH_CURSORS: AtomicU64 = AtomicU64::new(0);

/// Adds unknown fields to every object and swaps known enum values for unknown ones.
pub(super) fn add_unknown_fields(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for child in map.values_mut() {
                add_unknown_fields(child);
            }
            if map
                .get("owner_project_access")
                .is_some_and(Value::is_string)
            {
                map.insert("owner_project_access".into(), json!("suspended"));
            }
            if map.get("status").is_some_and(Value::is_string) {
                map.insert("status".into(), json!("frozen"));
            }
            if let Some(owner) = map.get_mut("owner").and_then(Value::as_object_mut) {
                if owner.contains_key("type") {
                    owner.insert("type".into(), json!("robot"));
                }
            }
            map.insert(
                "x_fake_future_field".into(),
                json!({"nested": [1, "two", null]}),
            );
        }
        Value::Array(items) => items.iter_mut().for_each(add_unknown_fields),
        _ => {}
    }
}

/// Makes a list page claim more pages; returns false when the body is not a list.
pub(super) fn endless(value: &mut Value, repeat_cursor: bool) -> bool {
    let Some(map) = value.as_object_mut() else {
        return false;
    };
    if map.get("object").and_then(Value::as_str) != Some("list") {
        return false;
    }
    map.insert("has_more".into(), json!(true));
    let last = map
        .get("last_id")
        .and_then(Value::as_str)
        .unwrap_or("cursor")
        .to_owned();
    if !repeat_cursor {
        let n = FRESH_CURSORS.fetch_add(1, Ordering::Relaxed);
        map.insert("last_id".into(), json!(format!("{last}_more{n}")));
    } else {
        map.insert("last_id".into(), json!(last));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_swap_enums_and_keep_valid_json() {
        let mut v = json!({"data": [{"owner_project_access": "active",
            "owner": {"type": "user", "user": {"id": "u"}}, "status": "active"}]});
        add_unknown_fields(&mut v);
        let item = &v["data"][0];
        assert_eq!(item["owner_project_access"], "suspended");
        assert_eq!(item["owner"]["type"], "robot");
        assert_eq!(item["status"], "frozen");
        assert!(item["x_fake_future_field"].is_object());
    }

    #[test]
    fn endless_pages_get_a_new_cursor_unless_repeating() {
        let mut v = json!({"object": "list", "data": [], "last_id": "a", "has_more": false});
        assert!(endless(&mut v, false));
        assert_ne!(v["last_id"], "a");
        let mut w = json!({"object": "list", "data": [], "last_id": "a", "has_more": false});
        endless(&mut w, true);
        assert_eq!(
            (w["last_id"].clone(), w["has_more"].clone()),
            (json!("a"), json!(true))
        );
    }
}
