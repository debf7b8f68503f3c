//! Every sort column, both directions, case-insensitive names, ties by key id, never-used keys
//! as the oldest and unknown spend as the lowest.

use std::collections::BTreeMap;

use app_core::inventory_store::{InventoryStore, KeySortColumn};
use openai_admin::ProjectApiKey;
use tempfile::TempDir;

use crate::fixtures::*;

fn key(id: &str, name: &str, owner: &str, created: i64, last_used: Option<i64>) -> ProjectApiKey {
    let mut key = user_key(id, name, owner);
    key.created_at = time(created);
    key.last_used_at = last_used.map(time);
    key
}

/// Five keys with ties in every column; names, owners and projects differ in case.
fn store() -> (TempDir, InventoryStore) {
    filled(&snapshot(vec![
        entry(
            project("proj_1", "alpha"),
            vec![
                key("key_e", "apple", "Zoe", 100, None),
                key("key_b", "Banana", "adam", 200, Some(500)),
                key("key_a", "apple", "Zoe", 100, None),
                key("key_d", "cherry", "Mia", 300, Some(400)),
            ],
        ),
        entry(
            project("proj_2", "Beta"),
            vec![key("key_c", "Apple", "adam", 50, Some(600))],
        ),
    ]))
}

fn assert_order(store: &InventoryStore, column: KeySortColumn, ascending: [&str; 5]) {
    let up = ids(store, &query(column, false));
    assert_eq!(up, ascending, "{column:?} ascending");
    let mut descending = ascending;
    descending.reverse();
    assert_eq!(
        ids(store, &query(column, true)),
        descending,
        "{column:?} descending"
    );
}

#[test]
fn names_sort_case_insensitively_with_ties_by_key_id() {
    let (_dir, store) = store();
    assert_order(
        &store,
        KeySortColumn::Name,
        ["key_a", "key_c", "key_e", "key_b", "key_d"],
    );
}

#[test]
fn owners_sort_case_insensitively_with_ties_by_key_id() {
    let (_dir, store) = store();
    assert_order(
        &store,
        KeySortColumn::Owner,
        ["key_b", "key_c", "key_d", "key_a", "key_e"],
    );
}

#[test]
fn creation_times_sort_with_ties_by_key_id() {
    let (_dir, store) = store();
    assert_order(
        &store,
        KeySortColumn::Created,
        ["key_c", "key_a", "key_e", "key_b", "key_d"],
    );
}

#[test]
fn never_used_keys_sort_as_the_oldest_in_both_directions() {
    let (_dir, store) = store();
    assert_order(
        &store,
        KeySortColumn::LastUsed,
        ["key_a", "key_e", "key_d", "key_b", "key_c"],
    );
    let newest_first = ids(&store, &query(KeySortColumn::LastUsed, true));
    assert_eq!(newest_first[3..], ["key_e", "key_a"]);
}

#[test]
fn project_names_sort_case_insensitively_with_ties_by_key_id() {
    let (_dir, store) = store();
    assert_order(
        &store,
        KeySortColumn::Project,
        ["key_a", "key_b", "key_d", "key_e", "key_c"],
    );
}

#[test]
fn unknown_spend_sorts_as_the_lowest_and_ties_by_key_id() {
    let (_dir, store) = store();
    assert_order(
        &store,
        KeySortColumn::Spend,
        ["key_a", "key_b", "key_c", "key_d", "key_e"],
    );
    let spend = BTreeMap::from([
        ("key_a".to_owned(), 5.0),
        ("key_b".to_owned(), 5.0),
        ("key_d".to_owned(), 1.5),
    ]);
    store.set_spend(30, &spend).unwrap();
    assert_order(
        &store,
        KeySortColumn::Spend,
        ["key_c", "key_e", "key_d", "key_a", "key_b"],
    );
}

#[test]
fn paging_through_any_sort_returns_every_key_exactly_once_in_order() {
    let (_dir, store) = store();
    for column in [
        KeySortColumn::Name,
        KeySortColumn::Owner,
        KeySortColumn::Created,
        KeySortColumn::LastUsed,
        KeySortColumn::Project,
        KeySortColumn::Spend,
    ] {
        for descending in [false, true] {
            let whole = ids(&store, &query(column, descending));
            let mut paged = Vec::new();
            for offset in (0..6).step_by(2) {
                let mut page = query(column, descending);
                page.offset = offset;
                page.limit = 2;
                paged.extend(ids(&store, &page));
            }
            assert_eq!(paged, whole, "{column:?} descending={descending}");
        }
    }
}

#[test]
fn a_project_filter_keeps_the_sort() {
    let (_dir, store) = store();
    let mut only_alpha = query(KeySortColumn::Created, true);
    only_alpha.project_id = Some("proj_1".into());
    assert_eq!(
        ids(&store, &only_alpha),
        ["key_d", "key_b", "key_e", "key_a"]
    );
}

#[test]
fn a_rare_search_and_a_common_one_sort_alike() {
    let (_dir, store) = store();
    for descending in [false, true] {
        let mut rare = query(KeySortColumn::Name, descending);
        rare.text = Some("APPLE".into());
        let mut expected = vec!["key_a", "key_c", "key_e"];
        if descending {
            expected.reverse();
        }
        assert_eq!(ids(&store, &rare), expected, "three matches are scanned");
        let mut common = query(KeySortColumn::Name, descending);
        common.text = Some("key_".into());
        common.limit = 1;
        let first = ids(&store, &query(KeySortColumn::Name, descending))[0].clone();
        assert_eq!(ids(&store, &common), [first], "five matches walk the index");
    }
}
