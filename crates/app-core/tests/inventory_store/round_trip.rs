//! What a refresh writes is what the queries read back, across reopening too.

use app_core::inventory_store::{
    InventoryStore, KeyOwnerKind, KeyQuery, KeyRow, ProjectQuery, StoreError, StoreStatus,
};
use openai_admin::{ApiKeyOwner, ProjectApiKey};

use crate::fixtures::*;

fn three_owners() -> Vec<ProjectApiKey> {
    let mut nobody = user_key("key_c", "Orphan", "x");
    nobody.owner = ApiKeyOwner::default();
    nobody.owner_project_access = None;
    let mut used = user_key("key_a", "Deploy", "Ada");
    used.last_used_at = Some(time(1_719_000_123));
    vec![
        used,
        service_account_key("key_b", "CI", "deploy-bot"),
        nobody,
    ]
}

#[test]
fn a_refresh_reads_back_every_field_of_every_kind_of_owner() {
    let (_dir, store) = filled(&snapshot(vec![entry(
        project("proj_1", "Web"),
        three_owners(),
    )]));
    let rows = store.query_keys(&KeyQuery::default()).unwrap().rows;
    let expected = vec![
        KeyRow {
            id: "key_b".into(),
            name: "CI".into(),
            redacted_value: "sk-proj-y_b...x7Q".into(),
            owner_kind: KeyOwnerKind::ServiceAccount,
            owner_id: Some("svc_deploy-bot".into()),
            owner_name: "deploy-bot".into(),
            owner_email: None,
            created_at: time(1_700_000_000),
            last_used_at: None,
            owner_access: None,
            project_id: "proj_1".into(),
            project_name: "Web".into(),
            project_archived: false,
            spend_usd: None,
            expires_at: None,
            permissions: None,
        },
        KeyRow {
            id: "key_a".into(),
            name: "Deploy".into(),
            redacted_value: "sk-proj-y_a...x7Q".into(),
            owner_kind: KeyOwnerKind::User,
            owner_id: Some("user_Ada".into()),
            owner_name: "Ada".into(),
            owner_email: Some("ada@example.com".into()),
            created_at: time(1_700_000_000),
            last_used_at: Some(time(1_719_000_123)),
            owner_access: Some("active".into()),
            project_id: "proj_1".into(),
            project_name: "Web".into(),
            project_archived: false,
            spend_usd: None,
            expires_at: None,
            permissions: None,
        },
        KeyRow {
            id: "key_c".into(),
            name: "Orphan".into(),
            redacted_value: "sk-proj-y_c...x7Q".into(),
            owner_kind: KeyOwnerKind::Unknown,
            owner_id: None,
            owner_name: String::new(),
            owner_email: None,
            created_at: time(1_700_000_000),
            last_used_at: None,
            owner_access: None,
            project_id: "proj_1".into(),
            project_name: "Web".into(),
            project_archived: false,
            spend_usd: None,
            expires_at: None,
            permissions: None,
        },
    ];
    assert_eq!(rows, expected);
}

#[test]
fn a_new_store_was_never_refreshed_and_holds_nothing() {
    let (_dir, store) = open_temp();
    let status = store.status().unwrap();
    assert_eq!(
        status,
        StoreStatus {
            refreshed_at: None,
            project_count: 0,
            key_count: 0,
            spend_days: None,
            usage_read_at: None,
        }
    );
    assert_eq!(store.query_keys(&KeyQuery::default()).unwrap().total, 0);
    assert!(store
        .query_projects(&ProjectQuery::default())
        .unwrap()
        .rows
        .is_empty());
}

#[test]
fn the_status_counts_projects_and_keys_and_keeps_the_refresh_time() {
    let (_dir, store) = filled(&snapshot(vec![
        entry(project("proj_1", "Web"), three_owners()),
        entry(
            archived("proj_2", "Old"),
            vec![user_key("key_d", "D", "Bo")],
        ),
    ]));
    let status = store.status().unwrap();
    assert_eq!(status.refreshed_at, Some(time(1_720_000_000)));
    assert_eq!((status.project_count, status.key_count), (2, 4));
}

#[test]
fn reopening_the_file_shows_the_last_refresh_without_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.sqlite3");
    let inventory = snapshot(vec![entry(project("proj_1", "Web"), three_owners())]);
    let before = {
        let store = InventoryStore::open(&path).unwrap().store;
        store.replace_inventory(&inventory).unwrap();
        store.query_keys(&KeyQuery::default()).unwrap()
    };
    let reopened = InventoryStore::open(&path).unwrap();
    assert_eq!(reopened.notice, None);
    assert_eq!(
        reopened.store.query_keys(&KeyQuery::default()).unwrap(),
        before
    );
    assert_eq!(reopened.store.status().unwrap().key_count, 3);
}

#[test]
fn a_second_refresh_replaces_the_first_entirely() {
    let (_dir, store) = filled(&snapshot(vec![
        entry(project("proj_1", "Web"), three_owners()),
        entry(
            project("proj_2", "Gone"),
            vec![user_key("key_z", "Z", "Zed")],
        ),
    ]));
    let mut next = snapshot(vec![entry(
        project("proj_1", "Web renamed"),
        vec![user_key("key_new", "New", "Ada")],
    )]);
    next.refreshed_at = time(1_730_000_000);
    store.replace_inventory(&next).unwrap();
    let page = store.query_keys(&KeyQuery::default()).unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.rows[0].id, "key_new");
    assert_eq!(page.rows[0].project_name, "Web renamed");
    assert_eq!(store.project("proj_2").unwrap(), None);
    assert_eq!(
        store.status().unwrap().refreshed_at,
        Some(time(1_730_000_000))
    );
}

#[test]
fn replacing_one_projects_keys_updates_its_count_and_clears_its_error() {
    let mut failed = entry(project("proj_2", "Ops"), vec![]);
    failed.keys = Err("the keys could not be listed: 500".into());
    let (_dir, store) = filled(&snapshot(vec![
        entry(project("proj_1", "Web"), three_owners()),
        failed,
    ]));
    store
        .replace_project_keys(
            "proj_2",
            &[
                user_key("key_n", "New", "Ada"),
                user_key("key_m", "M", "Bo"),
            ],
        )
        .unwrap();
    let ops = store.project("proj_2").unwrap().unwrap();
    assert_eq!((ops.key_count, ops.error), (2, None));
    store.replace_project_keys("proj_1", &[]).unwrap();
    assert_eq!(store.project("proj_1").unwrap().unwrap().key_count, 0);
    let page = store.query_keys(&KeyQuery::default()).unwrap();
    assert_eq!(page.total, 2);
    assert!(page.rows.iter().all(|row| row.project_name == "Ops"));
    assert_eq!(store.status().unwrap().key_count, 2);
}

#[test]
fn replacing_the_keys_of_an_unknown_project_is_not_found_and_changes_nothing() {
    let (_dir, store) = filled(&snapshot(vec![entry(
        project("proj_1", "Web"),
        three_owners(),
    )]));
    let error = store
        .replace_project_keys("proj_404", &[user_key("key_n", "New", "Ada")])
        .unwrap_err();
    assert!(matches!(error, StoreError::NotFound(_)), "{error:?}");
    assert!(error.to_string().contains("refresh"), "{error}");
    assert_eq!(store.status().unwrap().key_count, 3);
}

#[test]
fn clearing_forgets_the_inventory_and_the_refresh_time() {
    let (_dir, store) = filled(&snapshot(vec![entry(
        project("proj_1", "Web"),
        three_owners(),
    )]));
    store.clear().unwrap();
    let status = store.status().unwrap();
    assert_eq!(
        (status.refreshed_at, status.project_count, status.key_count),
        (None, 0, 0)
    );
}

#[test]
fn queries_during_a_refresh_see_the_old_or_the_new_inventory_never_a_mix() {
    let small = snapshot(vec![entry(project("proj_1", "Web"), three_owners())]);
    let big = snapshot(
        (0..40)
            .map(|p| {
                let keys = (0..50)
                    .map(|k| user_key(&format!("key_{p}_{k}"), "K", "Ada"))
                    .collect();
                entry(project(&format!("proj_{p}"), "P"), keys)
            })
            .collect(),
    );
    let (_dir, store) = filled(&small);
    std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            for _ in 0..5 {
                store.replace_inventory(&big).unwrap();
                store.replace_inventory(&small).unwrap();
            }
        });
        while !writer.is_finished() {
            let page = store.query_keys(&KeyQuery::default()).unwrap();
            assert!(page.total == 3 || page.total == 2000, "{}", page.total);
            assert_eq!(page.rows.len() as u64, page.total.min(100));
        }
    });
}
