//! The two page envelopes of the Admin API: cursor lists and usage pages.
//!
//! Cursor lists (`{object:"list", data, first_id, last_id, has_more}`) are used by every
//! resource except usage and costs, which return `{object:"page", data, has_more, next_page}`.

use serde::{Deserialize, Serialize};

/// One page of a cursor-paginated list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListPage<T> {
    /// The objects on this page.
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    /// Id of the first object, when the server sends it.
    #[serde(default)]
    pub first_id: Option<String>,
    /// Id of the last object; the cursor for the next page.
    #[serde(default)]
    pub last_id: Option<String>,
    /// Whether another page follows.
    #[serde(default)]
    pub has_more: bool,
}

/// One page of time buckets from a usage or costs endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsagePage<R> {
    /// The time buckets on this page.
    #[serde(default = "Vec::new")]
    pub data: Vec<UsageBucket<R>>,
    /// Whether another page follows.
    #[serde(default)]
    pub has_more: bool,
    /// Cursor for the next page (sent back as `page`).
    #[serde(default)]
    pub next_page: Option<String>,
}

/// One time bucket of usage or cost results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageBucket<R> {
    /// Start of the bucket (inclusive).
    #[serde(with = "super::wire::unix")]
    pub start_time: chrono::DateTime<chrono::Utc>,
    /// End of the bucket (exclusive).
    #[serde(with = "super::wire::unix")]
    pub end_time: chrono::DateTime<chrono::Utc>,
    /// The rows of this bucket (one aggregate row when nothing is grouped).
    #[serde(default = "Vec::new", alias = "result")]
    pub results: Vec<R>,
}

/// The body returned by every DELETE.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deleted<I> {
    /// Id of the deleted object.
    pub id: I,
    /// Whether the server reports the object as deleted.
    #[serde(default)]
    pub deleted: bool,
}

/// Sort order of a list (`order=asc|desc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Oldest first (the server default).
    #[default]
    Asc,
    /// Newest first.
    Desc,
}

impl SortOrder {
    /// The value as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Asc => "asc",
            SortOrder::Desc => "desc",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_list_without_cursor_ids_decodes() {
        let page: ListPage<String> =
            serde_json::from_str(r#"{"object":"list","data":[],"has_more":false}"#).unwrap();
        assert!(page.data.is_empty());
        assert_eq!(page.last_id, None);
    }

    #[test]
    fn a_usage_bucket_accepts_the_old_result_field_name() {
        let page: UsagePage<serde_json::Value> = serde_json::from_str(
            r#"{"object":"page","data":[{"object":"bucket","start_time":1,"end_time":2,
                "result":[{"x":1}]}],"has_more":false,"next_page":null}"#,
        )
        .unwrap();
        assert_eq!(page.data[0].results.len(), 1);
    }
}
