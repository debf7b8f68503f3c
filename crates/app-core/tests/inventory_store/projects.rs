//! The sidebar's projects: list order (archived last), counts, archived ones, search, and per-project errors.

use app_core::inventory_store::{InventoryStore, KeyQuery, ProjectQuery, ProjectRow};
use tempfile::TempDir;

use crate::fixtures::*;

/// Four projects in API order: two active, one archived, one whose listings failed.
fn store() -> (TempDir, InventoryStore) {
    let mut broken = entry(project("proj_broken", "Payments"), vec![]);
    broken.keys = Err("the keys of Payments could not be listed: server error 500".into());
    broken.service_accounts = Err("forbidden".into());
    let mut old = entry(
        archived("proj_old", "Legacy_100%"),
        vec![user_key("key_o", "O", "Ada")],
    );
    old.service_accounts = Ok(vec![]);
    filled(&snapshot(vec![
        entry(
            project("proj_z", "Zeta"),
            vec![user_key("key_1", "A", "Ada"), user_key("key_2", "B", "Bo")],
        ),
        old,
        broken,
        ProjectSnapshot {
            service_accounts: Ok(service_accounts(3)),
            ..entry(
                project("proj_a", "Alpha"),
                vec![user_key("key_3", "C", "Cy")],
            )
        },
    ]))
}

use app_core::inventory_store::ProjectSnapshot;

fn ids(rows: &[ProjectRow]) -> Vec<&str> {
    rows.iter().map(|row| row.id.as_str()).collect()
}

#[test]
fn active_projects_come_in_the_apis_list_order_then_archived_ones_with_their_counts() {
    let (_dir, store) = store();
    let page = store.query_projects(&ProjectQuery::default()).unwrap();
    assert_eq!((page.total, page.archived_total), (4, 1));
    assert_eq!(
        ids(&page.rows),
        ["proj_z", "proj_broken", "proj_a", "proj_old"]
    );
    let counts: Vec<_> = page
        .rows
        .iter()
        .map(|row| (row.key_count, row.service_account_count))
        .collect();
    assert_eq!(
        counts,
        [(2, Some(1)), (0, None), (1, Some(3)), (1, Some(0))]
    );
}

#[test]
fn a_project_whose_listings_failed_keeps_its_errors() {
    let (_dir, store) = store();
    let broken = store.project("proj_broken").unwrap().unwrap();
    assert_eq!(
        broken.error.as_deref(),
        Some("the keys of Payments could not be listed: server error 500")
    );
    assert_eq!(broken.service_accounts_error.as_deref(), Some("forbidden"));
    assert_eq!(broken.key_count, 0);
    assert_eq!(store.project("proj_z").unwrap().unwrap().error, None);
}

#[test]
fn an_archived_project_reads_archived_with_its_archive_time() {
    let (_dir, store) = store();
    let old = store.project("proj_old").unwrap().unwrap();
    assert_eq!(old.status, "archived");
    assert_eq!(old.archived_at, Some(time(1_710_000_000)));
    assert_eq!(old.created_at, time(1_700_000_000));
    assert_eq!(store.project("proj_z").unwrap().unwrap().status, "active");
}

#[test]
fn archived_projects_can_be_left_out_and_are_still_counted() {
    let (_dir, store) = store();
    let query = ProjectQuery {
        include_archived: false,
        ..ProjectQuery::default()
    };
    let page = store.query_projects(&query).unwrap();
    assert_eq!((page.total, page.archived_total), (3, 1));
    assert_eq!(ids(&page.rows), ["proj_z", "proj_broken", "proj_a"]);
}

#[test]
fn projects_are_searched_by_name_or_id_case_insensitively_and_literally() {
    let (_dir, store) = store();
    let search = |text: &str, include_archived| {
        let query = ProjectQuery {
            text: Some(text.to_owned()),
            include_archived,
            ..ProjectQuery::default()
        };
        store.query_projects(&query).unwrap()
    };
    assert_eq!(ids(&search("ALPHA", true).rows), ["proj_a"]);
    assert_eq!(ids(&search("proj_bro", true).rows), ["proj_broken"]);
    assert_eq!(ids(&search("%", true).rows), ["proj_old"]);
    let hidden = search("legacy", false);
    assert_eq!(
        (hidden.total, hidden.archived_total, hidden.rows.len()),
        (0, 1, 0)
    );
    assert_eq!(search("'; DROP TABLE projects; --", true).total, 0);
    assert_eq!(store.status().unwrap().project_count, 4);
}

#[test]
fn an_unknown_project_is_none() {
    let (_dir, store) = store();
    assert_eq!(store.project("proj_404").unwrap(), None);
}

#[test]
fn projects_page_in_list_order() {
    let (_dir, store) = store();
    let query = ProjectQuery {
        offset: 1,
        limit: 2,
        ..ProjectQuery::default()
    };
    let page = store.query_projects(&query).unwrap();
    assert_eq!((page.total, page.offset), (4, 1));
    assert_eq!(ids(&page.rows), ["proj_broken", "proj_a"]);
}

#[test]
fn a_key_row_says_whether_its_project_is_archived() {
    let (_dir, store) = store();
    let rows = store.query_keys(&KeyQuery::default()).unwrap().rows;
    let archived: Vec<_> = rows
        .iter()
        .map(|row| (row.id.as_str(), row.project_archived))
        .collect();
    assert_eq!(
        archived,
        [
            ("key_1", false),
            ("key_2", false),
            ("key_3", false),
            ("key_o", true)
        ]
    );
    let search = KeyQuery {
        text: Some("legacy".into()),
        ..KeyQuery::default()
    };
    let found = store.query_keys(&search).unwrap().rows;
    assert_eq!(found.len(), 1);
    assert!(found[0].project_archived);
}

#[test]
fn a_memory_cache_finds_a_rare_match_as_a_file_does() {
    let store = InventoryStore::open_in_memory().unwrap();
    let mut old = entry(
        archived("proj_old", "Legacy"),
        vec![user_key("key_o", "O", "Ada")],
    );
    old.service_accounts = Ok(vec![]);
    let zeta = entry(
        project("proj_z", "Zeta"),
        vec![user_key("key_1", "A", "Ada"), user_key("key_2", "B", "Bo")],
    );
    store.replace_inventory(&snapshot(vec![zeta, old])).unwrap();
    let search = KeyQuery {
        text: Some("legacy".into()),
        ..KeyQuery::default()
    };
    let page = store.query_keys(&search).unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.rows[0].id, "key_o");
    assert!(page.rows[0].project_archived);
}
