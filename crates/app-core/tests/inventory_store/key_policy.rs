//! Expiry, recorded permissions and the hygiene conditions, against a real cache file.

use app_core::inventory_store::{
    InventoryStore, KeyFilter, KeyQuery, KeySortColumn, PermissionSource, RecordedPermissions,
    SCHEMA_VERSION,
};
use chrono::{DateTime, Duration, Utc};
use openai_admin::{OwnerProjectAccess, ProjectApiKey};

use super::fixtures::{
    entry, filled, ids, project, query, service_account_key, snapshot, time, user_key,
};

const NOW: i64 = 1_750_000_000;

fn now() -> DateTime<Utc> {
    time(NOW)
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

/// The last and first whole seconds a date can hold (what the client decodes extremes to).
fn end_of_time() -> DateTime<Utc> {
    time(DateTime::<Utc>::MAX_UTC.timestamp())
}

fn start_of_time() -> DateTime<Utc> {
    time(DateTime::<Utc>::MIN_UTC.timestamp())
}

fn expiring(id: &str, at: Option<DateTime<Utc>>) -> ProjectApiKey {
    ProjectApiKey {
        expires_at: at,
        ..user_key(id, id, "Ada")
    }
}

fn filtered(filter: KeyFilter) -> KeyQuery {
    KeyQuery {
        filter: Some(filter),
        limit: 400,
        ..query(KeySortColumn::Name, false)
    }
}

fn recorded(scopes: &[&str], at: DateTime<Utc>, source: PermissionSource) -> RecordedPermissions {
    RecordedPermissions {
        scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        set_at: at,
        source,
    }
}

#[test]
fn expiry_round_trips_even_at_the_ends_of_time_and_sorts_never_last() {
    let keys = vec![
        expiring("k_never", None),
        expiring("k_far", Some(end_of_time())),
        expiring("k_past", Some(start_of_time())),
        expiring("k_soon", Some(now() + days(3))),
    ];
    let (_dir, store) = filled(&snapshot(vec![entry(project("p", "Web"), keys)]));
    let ascending = ids(&store, &query(KeySortColumn::Expires, false));
    assert_eq!(ascending, ["k_past", "k_soon", "k_far", "k_never"]);
    let descending = ids(&store, &query(KeySortColumn::Expires, true));
    assert_eq!(descending, ["k_never", "k_far", "k_soon", "k_past"]);
    let rows = store
        .query_keys(&query(KeySortColumn::Expires, false))
        .unwrap()
        .rows;
    assert_eq!(rows[0].expires_at, Some(start_of_time()));
    assert_eq!(rows[2].expires_at, Some(end_of_time()));
    assert_eq!(rows[3].expires_at, None);
}

#[test]
fn expired_expiring_and_never_meet_at_exact_boundaries() {
    let keys = vec![
        expiring("k_now", Some(now())),
        expiring("k_1s", Some(now() + Duration::seconds(1))),
        expiring("k_14d", Some(now() + days(14))),
        expiring("k_15d", Some(now() + days(15))),
        expiring("k_never", None),
    ];
    let (_dir, store) = filled(&snapshot(vec![entry(project("p", "Web"), keys)]));
    assert_eq!(
        ids(&store, &filtered(KeyFilter::ExpiredBy(now()))),
        ["k_now"]
    );
    let window = KeyFilter::Expiring {
        now: now(),
        until: now() + days(14),
    };
    assert_eq!(ids(&store, &filtered(window)), ["k_14d", "k_1s"]);
    assert_eq!(ids(&store, &filtered(KeyFilter::NeverExpires)), ["k_never"]);
}

#[test]
fn never_used_and_idle_count_a_key_exactly_n_days_old_and_ignore_future_use() {
    let used = |id: &str, created: DateTime<Utc>, used: Option<DateTime<Utc>>| ProjectApiKey {
        created_at: created,
        last_used_at: used,
        ..user_key(id, id, "Ada")
    };
    let keys = vec![
        used("k_new_unused", now() - days(29), None),
        used("k_old_unused", now() - days(30), None),
        used("k_used_90d", now() - days(400), Some(now() - days(90))),
        used("k_used_89d", now() - days(400), Some(now() - days(89))),
        used("k_skewed", now() - days(400), Some(now() + days(2))),
    ];
    let (_dir, store) = filled(&snapshot(vec![entry(project("p", "Web"), keys)]));
    let never = KeyFilter::NeverUsedSince(now() - days(30));
    assert_eq!(ids(&store, &filtered(never)), ["k_old_unused"]);
    let idle = KeyFilter::IdleSince(now() - days(90));
    assert_eq!(ids(&store, &filtered(idle)), ["k_used_90d"]);
}

#[test]
fn a_filter_combines_with_search_and_project_and_counts_its_total() {
    let mut lost = expiring("k_lost", None);
    lost.owner_project_access = Some(OwnerProjectAccess::Inactive);
    let keys = vec![lost, expiring("k_kept", None)];
    let other = vec![{
        let mut k = expiring("k_lost_elsewhere", None);
        k.owner_project_access = Some(OwnerProjectAccess::Inactive);
        k
    }];
    let (_dir, store) = filled(&snapshot(vec![
        entry(project("p", "Web"), keys),
        entry(project("q", "Ops"), other),
    ]));
    let page = store
        .query_keys(&filtered(KeyFilter::OwnerLostAccess))
        .unwrap();
    assert_eq!(page.total, 2);
    let in_web = KeyQuery {
        project_id: Some("p".into()),
        ..filtered(KeyFilter::OwnerLostAccess)
    };
    assert_eq!(ids(&store, &in_web), ["k_lost"]);
    let searched = KeyQuery {
        text: Some("elsewhere".into()),
        ..filtered(KeyFilter::OwnerLostAccess)
    };
    assert_eq!(ids(&store, &searched), ["k_lost_elsewhere"]);
}

#[test]
fn recorded_permissions_survive_a_refresh_and_an_older_record_never_wins() {
    let keys = vec![
        service_account_key("k_bot", "bot", "deploy"),
        service_account_key("k_open", "open", "deploy"),
        user_key("k_user", "user", "Ada"),
    ];
    let inventory = snapshot(vec![entry(project("p", "Web"), keys)]);
    let (_dir, store) = filled(&inventory);
    let unrestricted = filtered(KeyFilter::UnrestrictedServiceAccount);
    assert_eq!(ids(&store, &unrestricted), ["k_bot", "k_open"]);
    let read_only = recorded(&["api.all.read"], now(), PermissionSource::Keywarden);
    store.record_permissions([("k_bot", &read_only)]).unwrap();
    let older = recorded(&[], now() - days(1), PermissionSource::AuditLog);
    store.record_permissions([("k_bot", &older)]).unwrap();
    store.replace_inventory(&inventory).unwrap();
    let rows = store
        .query_keys(&query(KeySortColumn::Name, false))
        .unwrap()
        .rows;
    let bot = rows.iter().find(|r| r.id == "k_bot").unwrap();
    assert_eq!(bot.permissions.as_ref(), Some(&read_only));
    assert!(rows
        .iter()
        .find(|r| r.id == "k_open")
        .unwrap()
        .permissions
        .is_none());
    assert_eq!(ids(&store, &unrestricted), ["k_open"]);
    let newer = recorded(&[], now() + days(1), PermissionSource::AuditLog);
    store.record_permissions([("k_bot", &newer)]).unwrap();
    assert_eq!(ids(&store, &unrestricted), ["k_bot", "k_open"]);
}

#[test]
fn hygiene_counts_every_condition_in_one_pass_and_the_urgent_ones_once_per_key() {
    let mut both = expiring("k_expired_and_lost", Some(now() - days(1)));
    both.owner_project_access = Some(OwnerProjectAccess::Inactive);
    let keys = vec![
        both,
        expiring("k_expired", Some(now() - days(2))),
        expiring("k_never", None),
        service_account_key("k_bot", "bot", "deploy"),
    ];
    let (_dir, store) = filled(&snapshot(vec![entry(project("p", "Web"), keys)]));
    let counts = store
        .hygiene_counts(&[
            (KeyFilter::ExpiredBy(now()), true),
            (KeyFilter::OwnerLostAccess, true),
            (KeyFilter::NeverExpires, false),
            (KeyFilter::UnrestrictedServiceAccount, false),
        ])
        .unwrap();
    let numbers: Vec<u64> = counts.counts.iter().map(|(_, n)| *n).collect();
    assert_eq!(numbers, [2, 1, 2, 1]);
    assert_eq!(counts.needing_attention, 2);
    assert_eq!(counts.total_keys, 4);
    let empty = InventoryStore::open_in_memory().unwrap();
    let none = empty
        .hygiene_counts(&[(KeyFilter::NeverExpires, true)])
        .unwrap();
    assert_eq!(
        (none.counts[0].1, none.needing_attention, none.total_keys),
        (0, 0, 0)
    );
}

#[test]
fn a_rebuild_for_another_schema_keeps_the_recorded_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.sqlite3");
    let store = InventoryStore::open(&path).unwrap().store;
    let set = recorded(&["api.files.read"], now(), PermissionSource::Keywarden);
    store.record_permissions([("k_bot", &set)]).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION - 1)
        .unwrap();
    drop(conn);
    let reopened = InventoryStore::open(&path).unwrap();
    assert!(reopened.notice.is_some(), "the file was rebuilt");
    let keys = vec![service_account_key("k_bot", "bot", "deploy")];
    let store = reopened.store;
    store
        .replace_inventory(&snapshot(vec![entry(project("p", "Web"), keys)]))
        .unwrap();
    let rows = store.query_keys(&KeyQuery::default()).unwrap().rows;
    assert_eq!(rows[0].permissions.as_ref(), Some(&set));
}
