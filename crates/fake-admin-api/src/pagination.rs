//! Cursor pagination (`limit`, `after`, `before`) shared by every list endpoint.

use crate::error::ApiError;
use crate::model::ListResponse;
use crate::query::QueryParams;

/// Cuts one page out of `items` (already in list order) according to `limit`/`after`/`before`.
///
/// An `after` or `before` cursor that names no item is a 400. The real API's behaviour for stale
/// cursors is unspecified; answering 400 guarantees that a client can never loop forever on it.
pub fn paginate<T>(
    items: Vec<T>,
    id_of: impl Fn(&T) -> &str,
    query: &QueryParams,
) -> Result<ListResponse<T>, ApiError> {
    let limit = query.limit(20, 100)?;
    let position = |param: &str, cursor: &str| {
        items
            .iter()
            .position(|item| id_of(item) == cursor)
            .ok_or_else(|| {
                ApiError::invalid_param(
                    param,
                    format!("No object with id '{cursor}' to page from."),
                )
            })
    };
    let (start, end, has_more) = match (query.get("after"), query.get("before")) {
        (Some(after), _) => {
            let start = position("after", after)? + 1;
            let end = (start + limit).min(items.len());
            (start, end, end < items.len())
        }
        (None, Some(before)) => {
            let end = position("before", before)?;
            let start = end.saturating_sub(limit);
            (start, end, start > 0)
        }
        (None, None) => {
            let end = limit.min(items.len());
            (0, end, end < items.len())
        }
    };
    let data: Vec<T> = items.into_iter().skip(start).take(end - start).collect();
    Ok(ListResponse {
        object: "list".to_owned(),
        first_id: data.first().map(|item| id_of(item).to_owned()),
        last_id: data.last().map(|item| id_of(item).to_owned()),
        data,
        has_more,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("id{i}")).collect()
    }

    fn page(query: &str) -> Result<ListResponse<String>, ApiError> {
        paginate(ids(5), |s| s.as_str(), &QueryParams::parse(Some(query)))
    }

    #[test]
    fn after_continues_from_the_named_item() {
        let first = page("limit=2").unwrap();
        assert_eq!(first.data, vec!["id0", "id1"]);
        assert!(first.has_more);
        let last = page("limit=2&after=id3").unwrap();
        assert_eq!(last.data, vec!["id4"]);
        assert!(!last.has_more);
    }

    #[test]
    fn before_returns_the_items_just_before_the_cursor() {
        let p = page("limit=2&before=id3").unwrap();
        assert_eq!(p.data, vec!["id1", "id2"]);
        assert!(p.has_more);
    }

    #[test]
    fn an_unknown_cursor_is_a_400() {
        assert_eq!(page("after=nope").unwrap_err().status.as_u16(), 400);
    }

    #[test]
    fn an_empty_list_has_null_ids() {
        let p = paginate(
            Vec::<String>::new(),
            |s| s.as_str(),
            &QueryParams::default(),
        )
        .unwrap();
        assert_eq!((p.first_id, p.last_id, p.has_more), (None, None, false));
    }
}
