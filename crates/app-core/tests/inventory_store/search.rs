//! Text search: a literal, case-insensitive substring of the searchable fields, whatever the
//! text contains.

use app_core::inventory_store::{InventoryStore, KeyQuery};
use tempfile::TempDir;

use crate::fixtures::*;

/// Keys whose names hold the characters SQL treats specially.
fn store() -> (TempDir, InventoryStore) {
    filled(&snapshot(vec![
        entry(
            project("proj_web", "Web Frontend"),
            vec![
                user_key("key_pct", "100% coverage", "Ada"),
                user_key("key_und", "a_b", "Ada"),
                user_key("key_bsl", r"back\slash", "Ada"),
                user_key("key_apo", "O'Brien's", "Ada"),
                user_key("key_quo", r#"say "hi""#, "Ada"),
                user_key("key_plain", "abXb", "Ada"),
            ],
        ),
        entry(
            project("proj_ops", "Opérations"),
            vec![service_account_key("key_svc", "École", "deploy-bot")],
        ),
    ]))
}

#[test]
fn percent_underscore_and_backslash_match_only_themselves() {
    let (_dir, store) = store();
    assert_eq!(ids(&store, &searched("%")), ["key_pct"]);
    assert_eq!(ids(&store, &searched("a_b")), ["key_und"]);
    assert_eq!(ids(&store, &searched(r"\")), ["key_bsl"]);
    assert_eq!(ids(&store, &searched(r"k\s")), ["key_bsl"]);
}

#[test]
fn quotes_match_literally() {
    let (_dir, store) = store();
    assert_eq!(ids(&store, &searched("'")), ["key_apo"]);
    assert_eq!(ids(&store, &searched("o'brien's")), ["key_apo"]);
    assert_eq!(ids(&store, &searched("\"hi\"")), ["key_quo"]);
}

#[test]
fn sql_in_the_text_is_only_text_and_the_tables_survive() {
    let (_dir, store) = store();
    for text in [
        "'; DROP TABLE keys; --",
        "\"); DELETE FROM projects; --",
        "' OR 1=1 --",
    ] {
        let page = store.query_keys(&searched(text)).unwrap();
        assert_eq!((page.total, page.rows.len()), (0, 0), "{text}");
    }
    assert_eq!(store.query_keys(&KeyQuery::default()).unwrap().total, 7);
    assert_eq!(store.status().unwrap().project_count, 2);
}

#[test]
fn a_ten_thousand_character_text_finds_nothing_without_an_error() {
    let (_dir, store) = store();
    let page = store.query_keys(&searched(&"a".repeat(10_000))).unwrap();
    assert_eq!((page.total, page.rows.len()), (0, 0));
}

#[test]
fn matching_ignores_case_for_ascii_and_accented_letters() {
    let (_dir, store) = store();
    assert_eq!(ids(&store, &searched("100% COVERAGE")), ["key_pct"]);
    assert_eq!(ids(&store, &searched("éCOLE")), ["key_svc"]);
    assert_eq!(ids(&store, &searched("ÉCOLE")), ["key_svc"]);
    assert_eq!(ids(&store, &searched("OPÉR")), ["key_svc"]);
}

#[test]
fn the_redacted_value_owner_email_project_name_and_key_id_are_searched() {
    let (_dir, store) = store();
    assert_eq!(ids(&store, &searched("-pct...x7")), ["key_pct"]);
    assert_eq!(ids(&store, &searched("deploy-bot")), ["key_svc"]);
    assert_eq!(ids(&store, &searched("key_plain")), ["key_plain"]);
    assert_eq!(
        store
            .query_keys(&searched("ada@example.com"))
            .unwrap()
            .total,
        6
    );
    assert_eq!(store.query_keys(&searched("web front")).unwrap().total, 6);
}

#[test]
fn a_match_never_spans_two_fields() {
    let (_dir, store) = store();
    // "abXb" is followed by its redacted value "sk-proj-ain...": "xbsk" would only match across.
    assert_eq!(store.query_keys(&searched("xbsk")).unwrap().total, 0);
}

#[test]
fn an_empty_text_matches_every_key() {
    let (_dir, store) = store();
    assert_eq!(store.query_keys(&searched("")).unwrap().total, 7);
}

#[test]
fn text_and_project_filters_combine() {
    let (_dir, store) = store();
    let mut query = searched("a");
    query.project_id = Some("proj_ops".into());
    assert_eq!(ids(&store, &query), ["key_svc"]);
}
