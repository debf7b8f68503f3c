//! Paging: totals, offsets past the end, and page sizes the contract refuses.

use app_core::inventory_store::{KeyQuery, ProjectQuery, StoreError, MAX_PAGE_ROWS};

use crate::fixtures::*;

fn store_of(keys: usize) -> (tempfile::TempDir, app_core::inventory_store::InventoryStore) {
    let keys = (0..keys)
        .map(|i| user_key(&format!("key_{i:04}"), &format!("k{i:04}"), "Ada"))
        .collect();
    filled(&snapshot(vec![entry(project("proj_1", "Web"), keys)]))
}

#[test]
fn pages_cover_the_keys_in_order_and_carry_the_total() {
    let (_dir, store) = store_of(25);
    let page = store
        .query_keys(&KeyQuery {
            offset: 20,
            limit: 10,
            ..KeyQuery::default()
        })
        .unwrap();
    assert_eq!((page.total, page.offset), (25, 20));
    let ids: Vec<_> = page.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        ["key_0020", "key_0021", "key_0022", "key_0023", "key_0024"]
    );
}

#[test]
fn an_offset_past_the_end_gives_no_rows_and_the_same_total() {
    let (_dir, store) = store_of(3);
    for offset in [3, 1000, u64::MAX] {
        let page = store
            .query_keys(&KeyQuery {
                offset,
                ..KeyQuery::default()
            })
            .unwrap();
        assert_eq!((page.total, page.offset, page.rows.len()), (3, offset, 0));
        let page = store
            .query_projects(&ProjectQuery {
                offset,
                ..ProjectQuery::default()
            })
            .unwrap();
        assert_eq!((page.total, page.rows.len()), (1, 0));
    }
}

#[test]
fn a_page_of_zero_or_more_than_four_hundred_rows_is_refused() {
    let (_dir, store) = store_of(3);
    for limit in [0, MAX_PAGE_ROWS + 1, u32::MAX] {
        let error = store
            .query_keys(&KeyQuery {
                limit,
                ..KeyQuery::default()
            })
            .unwrap_err();
        assert!(matches!(error, StoreError::InvalidInput(_)), "{error:?}");
        assert!(error.to_string().contains("1 to 400"), "{error}");
        let error = store
            .query_projects(&ProjectQuery {
                limit,
                ..ProjectQuery::default()
            })
            .unwrap_err();
        assert!(matches!(error, StoreError::InvalidInput(_)), "{error:?}");
    }
}

#[test]
fn a_page_of_four_hundred_rows_is_the_largest_served() {
    let (_dir, store) = store_of(600);
    let page = store
        .query_keys(&KeyQuery {
            limit: 400,
            ..KeyQuery::default()
        })
        .unwrap();
    assert_eq!((page.total, page.rows.len()), (600, 400));
}

#[test]
fn the_keys_of_an_unknown_project_are_not_found() {
    let (_dir, store) = store_of(3);
    let error = store
        .query_keys(&KeyQuery {
            project_id: Some("proj_404".into()),
            ..KeyQuery::default()
        })
        .unwrap_err();
    assert_eq!(error, StoreError::NotFound("project “proj_404”".into()));
}
