//! Spend per key: unknown until costs are recorded, then attached to every key, across
//! refreshes and project changes.

use std::collections::{BTreeMap, HashMap};

use app_core::inventory_store::{KeyQuery, StoreError};

use crate::fixtures::*;

fn spend_of(store: &app_core::inventory_store::InventoryStore) -> Vec<(String, Option<f64>)> {
    let rows = store.query_keys(&KeyQuery::default()).unwrap().rows;
    rows.into_iter()
        .map(|row| (row.id, row.spend_usd))
        .collect()
}

fn inventory() -> app_core::inventory_store::InventorySnapshot {
    snapshot(vec![entry(
        project("proj_1", "Web"),
        vec![user_key("key_a", "A", "Ada"), user_key("key_b", "B", "Bo")],
    )])
}

#[test]
fn spend_is_unknown_until_costs_are_recorded_then_zero_for_keys_that_spent_nothing() {
    let (_dir, store) = filled(&inventory());
    assert_eq!(
        spend_of(&store),
        [("key_a".into(), None), ("key_b".into(), None)]
    );
    store
        .set_spend(30, &HashMap::from([("key_a".to_owned(), 12.5)]))
        .unwrap();
    assert_eq!(
        spend_of(&store),
        [("key_a".into(), Some(12.5)), ("key_b".into(), Some(0.0))]
    );
    assert_eq!(store.status().unwrap().spend_days, Some(30));
}

#[test]
fn spend_stays_attached_across_a_refresh_and_a_project_change() {
    let (_dir, store) = filled(&inventory());
    store
        .set_spend(7, &BTreeMap::from([("key_b".to_owned(), 3.25)]))
        .unwrap();
    store.replace_inventory(&inventory()).unwrap();
    assert_eq!(spend_of(&store)[1], ("key_b".into(), Some(3.25)));
    store
        .replace_project_keys(
            "proj_1",
            &[user_key("key_b", "B", "Bo"), user_key("key_c", "C", "Cy")],
        )
        .unwrap();
    assert_eq!(
        spend_of(&store),
        [("key_b".into(), Some(3.25)), ("key_c".into(), Some(0.0))]
    );
}

#[test]
fn newer_spend_replaces_the_older_entirely() {
    let (_dir, store) = filled(&inventory());
    store
        .set_spend(
            30,
            &BTreeMap::from([("key_a".to_owned(), 1.0), ("key_b".to_owned(), 2.0)]),
        )
        .unwrap();
    store
        .set_spend(1, &BTreeMap::from([("key_b".to_owned(), 0.5)]))
        .unwrap();
    assert_eq!(
        spend_of(&store),
        [("key_a".into(), Some(0.0)), ("key_b".into(), Some(0.5))]
    );
    assert_eq!(store.status().unwrap().spend_days, Some(1));
}

#[test]
fn an_amount_that_is_not_a_number_or_a_period_of_zero_days_is_refused_and_changes_nothing() {
    let (_dir, store) = filled(&inventory());
    store
        .set_spend(30, &BTreeMap::from([("key_a".to_owned(), 1.0)]))
        .unwrap();
    let bad = BTreeMap::from([("key_a".to_owned(), f64::NAN), ("key_b".to_owned(), 2.0)]);
    let error = store.set_spend(30, &bad).unwrap_err();
    assert!(matches!(error, StoreError::InvalidInput(_)), "{error:?}");
    let infinite = BTreeMap::from([("key_a".to_owned(), f64::INFINITY)]);
    assert!(store.set_spend(30, &infinite).is_err());
    let error = store.set_spend(0, &BTreeMap::new()).unwrap_err();
    assert!(matches!(error, StoreError::InvalidInput(_)), "{error:?}");
    assert_eq!(spend_of(&store)[0], ("key_a".into(), Some(1.0)));
    assert_eq!(store.status().unwrap().spend_days, Some(30));
}
