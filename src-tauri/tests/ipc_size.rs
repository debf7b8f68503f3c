//! No IPC response grows with the organization: against the fake Admin API seeded with 2,000
//! projects of 50 keys each (100,000 keys), a refresh is followed by every query the window
//! makes — first and last page, the largest page, a search, every sort, the project list, the
//! status, the organizations — and each response, serialized exactly as the command returns it,
//! must stay within 256 KB. A size cap, not a timing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::sync::Arc;
use std::time::Duration;

use app_core::clipboard::{Clipboard, MemoryClipboard};
use app_core::{ConfigStore, KeySource, Keywarden, MemoryStore, NewOrganization, StartOptions};
use fake_admin_api::{FakeOptions, FakeServer};
use keywarden_lib::dto::{
    InventoryStatusDto, KeyPageDto, KeyQueryDto, KeySortDto, OrganizationDto, ProjectPageDto,
    ProjectQueryDto,
};
use secrecy::SecretString;
use serde::Serialize;

const MAX_RESPONSE_BYTES: usize = 256 * 1024;
const PROJECTS: usize = 2_000;
const KEYS_PER_PROJECT: usize = 50;

fn key_query(column: &str, descending: bool, text: Option<&str>, offset: i64) -> KeyQueryDto {
    KeyQueryDto {
        filter: None,
        project_id: None,
        text: text.map(str::to_owned),
        sort: KeySortDto {
            column: column.into(),
            descending,
        },
        offset,
        limit: 400,
        usage_days: None,
    }
}

fn size_of(what: &str, response: &impl Serialize, sizes: &mut Vec<(String, usize)>) {
    let bytes = serde_json::to_vec(response).unwrap().len();
    println!("{what}: {bytes} bytes");
    sizes.push((what.to_owned(), bytes));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_query_response_stays_under_256_kb_at_100_000_keys() {
    let server = FakeServer::start(FakeOptions {
        projects: PROJECTS,
        keys_per_project: KEYS_PER_PROJECT,
        ..FakeOptions::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let clipboard = Arc::new(MemoryClipboard::new());
    let keywarden = Keywarden::start(StartOptions {
        demo: true,
        secret_store: Arc::new(MemoryStore::new()),
        clipboard: clipboard.clone(),
        config_store: ConfigStore::new(dir.path().join("config.json")),
        client_options: openai_admin::ClientOptions {
            timeout: Duration::from_secs(60),
            ..openai_admin::ClientOptions::default()
        },
        reconcile_delay: Duration::ZERO,
        cache_dir: Some(dir.path().join("cache")),
        environment_key: app_core::EnvironmentKey::default(),
        host_confirmation: std::sync::Arc::new(app_core::DeclineOtherHosts),
        vault_tools: app_core::vault_handoff::VaultTools::from_environment(),
    })
    .await
    .unwrap();
    clipboard
        .write_secret(&SecretString::from(server.admin_key()))
        .unwrap();
    let added = keywarden
        .add_organization(NewOrganization {
            label: "Large".into(),
            base_url: Some(server.base_url()),
            source: KeySource::Clipboard,
        })
        .await
        .unwrap();
    let org = keywarden.org(&added.org.id).unwrap();

    let mut sizes = Vec::new();
    let refreshed = org.refresh_inventory(|_| {}).await.unwrap();
    // Every project's keys, and the seed's embeddings-only key.
    assert_eq!(
        refreshed.key_count,
        (PROJECTS * KEYS_PER_PROJECT) as u64 + 1
    );
    size_of(
        "refresh_inventory",
        &InventoryStatusDto::from(refreshed),
        &mut sizes,
    );

    let total = (PROJECTS * KEYS_PER_PROJECT) as i64;
    let last = (total - 1) / 400 * 400;
    let pages = [
        ("query_keys first page", key_query("name", false, None, 0)),
        ("query_keys last page", key_query("name", false, None, last)),
        (
            "query_keys a search",
            key_query("name", false, Some("e"), 0),
        ),
    ];
    for (what, query) in pages {
        let page = org.query_keys(query.try_into().unwrap()).await.unwrap();
        assert_eq!(page.rows.len(), 400, "{what} is a full page");
        size_of(what, &KeyPageDto::from(page), &mut sizes);
    }
    // A page with usage holds at most MAX_USAGE_ROWS rows: the longest rows, each with 30 days
    // of the largest counts there are, still fit.
    let page = org
        .query_keys(key_query("name", false, None, 0).try_into().unwrap())
        .await
        .unwrap();
    let mut with_usage = KeyPageDto::from(page);
    with_usage
        .rows
        .truncate(app_core::org::MAX_USAGE_ROWS as usize);
    for row in &mut with_usage.rows {
        row.daily_requests = Some(vec![u64::MAX; 30]);
    }
    size_of("query_keys with 30 days of usage", &with_usage, &mut sizes);
    for column in ["name", "owner", "created", "lastUsed", "project", "spend"] {
        for descending in [false, true] {
            let query = key_query(column, descending, None, 0);
            let page = org.query_keys(query.try_into().unwrap()).await.unwrap();
            let what = format!("query_keys by {column} (descending: {descending})");
            size_of(&what, &KeyPageDto::from(page), &mut sizes);
        }
    }
    let projects = ProjectQueryDto {
        text: None,
        include_archived: true,
        offset: 0,
        limit: 400,
    };
    let page = org
        .query_projects(projects.try_into().unwrap())
        .await
        .unwrap();
    assert_eq!(page.rows.len(), 400);
    size_of("query_projects", &ProjectPageDto::from(page), &mut sizes);
    let status = org.inventory_status().await.unwrap();
    size_of(
        "inventory_status",
        &InventoryStatusDto::from(status),
        &mut sizes,
    );
    let orgs = keywarden.list_organizations();
    let orgs: Vec<OrganizationDto> = orgs.into_iter().map(OrganizationDto::from).collect();
    size_of("list_organizations", &orgs, &mut sizes);
    let over: Vec<_> = sizes
        .iter()
        .filter(|(_, bytes)| *bytes > MAX_RESPONSE_BYTES)
        .collect();
    assert!(over.is_empty(), "responses over 256 KB: {over:?}");
}
