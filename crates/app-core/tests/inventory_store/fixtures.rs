//! Building inventories to write, and reading pages back as ids.

use app_core::inventory_store::{
    InventorySnapshot, InventoryStore, KeyQuery, KeySort, KeySortColumn, ProjectSnapshot,
};
use chrono::{DateTime, Utc};
use openai_admin::{
    ApiKeyId, ApiKeyOwner, OwnerKind, OwnerProjectAccess, OwnerServiceAccount, OwnerUser, Project,
    ProjectApiKey, ProjectId, ProjectStatus, ServiceAccount, ServiceAccountId, UserId,
};
use tempfile::TempDir;

pub fn time(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap()
}

pub fn project(id: &str, name: &str) -> Project {
    Project {
        id: ProjectId::new(id),
        name: Some(name.to_owned()),
        created_at: time(1_700_000_000),
        archived_at: None,
        status: Some(ProjectStatus::Active),
        external_key_id: None,
        residency: None,
    }
}

pub fn archived(id: &str, name: &str) -> Project {
    Project {
        archived_at: Some(time(1_710_000_000)),
        status: Some(ProjectStatus::Archived),
        ..project(id, name)
    }
}

/// A key owned by a user called `owner` (`<owner>@example.com`).
pub fn user_key(id: &str, name: &str, owner: &str) -> ProjectApiKey {
    ProjectApiKey {
        id: ApiKeyId::new(id),
        name: Some(name.to_owned()),
        redacted_value: format!("sk-proj-{}...x7Q", &id[id.len().saturating_sub(3)..]),
        created_at: time(1_700_000_000),
        last_used_at: None,
        expires_at: None,
        owner_project_access: Some(OwnerProjectAccess::Active),
        owner: ApiKeyOwner {
            kind: Some(OwnerKind::User),
            user: Some(OwnerUser {
                id: UserId::new(format!("user_{owner}")),
                name: Some(owner.to_owned()),
                email: Some(format!("{}@example.com", owner.to_lowercase())),
                role: Some("owner".into()),
                created_at: Some(time(1_600_000_000)),
            }),
            service_account: None,
        },
    }
}

pub fn service_account_key(id: &str, name: &str, account: &str) -> ProjectApiKey {
    ProjectApiKey {
        owner: ApiKeyOwner {
            kind: Some(OwnerKind::ServiceAccount),
            user: None,
            service_account: Some(OwnerServiceAccount {
                id: ServiceAccountId::new(format!("svc_{account}")),
                name: Some(account.to_owned()),
                role: Some("member".into()),
                created_at: None,
            }),
        },
        owner_project_access: None,
        ..user_key(id, name, "nobody")
    }
}

pub fn service_accounts(n: usize) -> Vec<ServiceAccount> {
    (0..n)
        .map(|i| ServiceAccount {
            id: ServiceAccountId::new(format!("svc_{i}")),
            name: Some(format!("bot {i}")),
            role: None,
            created_at: None,
        })
        .collect()
}

pub fn entry(project: Project, keys: Vec<ProjectApiKey>) -> ProjectSnapshot {
    ProjectSnapshot {
        project,
        keys: Ok(keys),
        service_accounts: Ok(service_accounts(1)),
    }
}

pub fn snapshot(projects: Vec<ProjectSnapshot>) -> InventorySnapshot {
    InventorySnapshot {
        refreshed_at: time(1_720_000_000),
        projects,
    }
}

/// A store in its own temporary folder (`<tmp>/cache/org.sqlite3`).
pub fn open_temp() -> (TempDir, InventoryStore) {
    let dir = tempfile::tempdir().unwrap();
    let opened = InventoryStore::open(&dir.path().join("cache").join("org.sqlite3")).unwrap();
    assert_eq!(opened.notice, None);
    (dir, opened.store)
}

/// A store holding `snapshot`.
pub fn filled(snapshot: &InventorySnapshot) -> (TempDir, InventoryStore) {
    let (dir, store) = open_temp();
    store.replace_inventory(snapshot).unwrap();
    (dir, store)
}

pub fn query(column: KeySortColumn, descending: bool) -> KeyQuery {
    KeyQuery {
        sort: KeySort { column, descending },
        limit: 400,
        ..KeyQuery::default()
    }
}

pub fn searched(text: &str) -> KeyQuery {
    KeyQuery {
        text: Some(text.to_owned()),
        limit: 400,
        ..KeyQuery::default()
    }
}

/// The ids of the page `query` returns.
pub fn ids(store: &InventoryStore, query: &KeyQuery) -> Vec<String> {
    let page = store.query_keys(query).unwrap();
    page.rows.into_iter().map(|row| row.id).collect()
}
