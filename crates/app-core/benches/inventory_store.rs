//! How fast the inventory cache writes a refresh and answers the window's queries, at 5,000
//! keys (100 projects × 50) and 100,000 keys (2,000 × 50). Run with `cargo bench -p app-core`.
//!
//! Each figure is the median of several runs on a real file in a temporary folder; the table
//! prints both sizes side by side. Nothing is asserted: speed is reported, not tested.

#![allow(clippy::print_stdout)]

use std::collections::BTreeMap;
use std::error::Error;
use std::hint::black_box;
use std::time::{Duration, Instant};

use app_core::hygiene::{HygieneRule, HygieneThresholds};
use app_core::inventory_store::{
    InventorySnapshot, InventoryStore, KeyQuery, KeySort, KeySortColumn, PermissionSource,
    ProjectQuery, ProjectSnapshot, RecordedPermissions,
};
use app_core::key_export::{render, ExportFormat};
use chrono::{DateTime, Utc};
use openai_admin::{
    ApiKeyId, ApiKeyOwner, OwnerKind, OwnerProjectAccess, OwnerServiceAccount, OwnerUser, Project,
    ProjectApiKey, ProjectId, ProjectStatus, ServiceAccount, ServiceAccountId, UserId,
};

const WORDS: [&str; 12] = [
    "deploy",
    "ci",
    "backend",
    "staging",
    "prod",
    "etl",
    "notebook",
    "agent",
    "search",
    "billing",
    "mobile",
    "analytics",
];
const PEOPLE: [&str; 10] = [
    "Ada Lovelace",
    "Grace Hopper",
    "Alan Turing",
    "Edsger Dijkstra",
    "Barbara Liskov",
    "Donald Knuth",
    "Frances Allen",
    "Ken Thompson",
    "Radia Perlman",
    "John McCarthy",
];

/// A small deterministic generator, so every run measures the same inventory.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (self.0 >> 33) % below
    }
}

fn at(seconds: u64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_600_000_000 + seconds as i64, 0).unwrap_or_default()
}

fn key(dice: &mut Dice, project: usize, n: usize) -> ProjectApiKey {
    let word = WORDS[dice.roll(WORDS.len() as u64) as usize];
    let person = dice.roll(200);
    let owner = if dice.roll(4) == 0 {
        ApiKeyOwner {
            kind: Some(OwnerKind::ServiceAccount),
            user: None,
            service_account: Some(OwnerServiceAccount {
                id: ServiceAccountId::new(format!("svc_acct_{project}_{}", n % 3)),
                name: Some(format!("{word}-bot")),
                role: Some("member".into()),
                created_at: None,
            }),
        }
    } else {
        let name = PEOPLE[(person % 10) as usize];
        ApiKeyOwner {
            kind: Some(OwnerKind::User),
            user: Some(OwnerUser {
                id: UserId::new(format!("user_{person:04}")),
                name: Some(format!("{name} {person}")),
                email: Some(format!("user{person}@example.com")),
                role: Some("member".into()),
                created_at: None,
            }),
            service_account: None,
        }
    };
    ProjectApiKey {
        id: ApiKeyId::new(format!("key_{:016x}", dice.roll(u64::MAX))),
        name: Some(format!("{word} {n}")),
        redacted_value: format!("sk-proj-{:03x}...{:03x}", dice.roll(4096), dice.roll(4096)),
        created_at: at(dice.roll(100_000_000)),
        last_used_at: (dice.roll(3) > 0).then(|| at(100_000_000 + dice.roll(10_000_000))),
        expires_at: (dice.roll(3) == 0).then(|| at(105_000_000 + dice.roll(10_000_000))),
        owner_project_access: Some(OwnerProjectAccess::Active),
        owner,
    }
}

fn inventory(projects: usize, keys_per_project: usize) -> InventorySnapshot {
    let mut dice = Dice(42);
    let projects = (0..projects)
        .map(|p| ProjectSnapshot {
            project: Project {
                id: ProjectId::new(format!("proj_{p:05}")),
                name: Some(format!("{} {p}", WORDS[p % WORDS.len()])),
                created_at: at(p as u64),
                archived_at: None,
                status: Some(ProjectStatus::Active),
                external_key_id: None,
                residency: None,
            },
            keys: Ok((0..keys_per_project)
                .map(|n| key(&mut dice, p, n))
                .collect()),
            service_accounts: Ok((0..3)
                .map(|n| ServiceAccount {
                    id: ServiceAccountId::new(format!("svc_acct_{p}_{n}")),
                    name: None,
                    role: None,
                    created_at: None,
                })
                .collect()),
        })
        .collect();
    InventorySnapshot {
        refreshed_at: at(0),
        projects,
    }
}

/// One cell of the table.
enum Figure {
    /// A median time.
    Time(Duration),
    /// A file size in bytes.
    Bytes(u64),
}

impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Figure::Time(time) => format!("{:.2} ms", time.as_secs_f64() * 1_000.0),
            Figure::Bytes(bytes) => format!("{:.1} MB", *bytes as f64 / 1_000_000.0),
        };
        f.pad(&text)
    }
}

/// The median time of `runs` runs of `work`.
fn median<T>(
    runs: usize,
    mut work: impl FnMut() -> Result<T, Box<dyn Error>>,
) -> Result<Figure, Box<dyn Error>> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        black_box(work()?);
        times.push(started.elapsed());
    }
    times.sort();
    Ok(Figure::Time(times[times.len() / 2]))
}

fn page(text: Option<&str>, column: KeySortColumn, descending: bool) -> KeyQuery {
    KeyQuery {
        text: text.map(str::to_owned),
        sort: KeySort { column, descending },
        limit: 100,
        ..KeyQuery::default()
    }
}

/// Every measured operation at one size, in table order.
fn measure(projects: usize, keys: usize) -> Result<Vec<(&'static str, Figure)>, Box<dyn Error>> {
    let snapshot = inventory(projects, keys);
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("cache").join("org.sqlite3");
    let store = InventoryStore::open(&path)?.store;
    let write_runs = if projects * keys > 10_000 { 5 } else { 11 };
    let mut rows = vec![(
        "write a whole refresh",
        median(write_runs, || Ok(store.replace_inventory(&snapshot)?))?,
    )];
    let mut dice = Dice(7);
    let spend: BTreeMap<String, f64> = snapshot
        .projects
        .iter()
        .flat_map(|p| p.keys.iter().flatten())
        .filter_map(|key| {
            let cents = dice.roll(20_000);
            (cents < 10_000).then(|| (key.id.to_string(), cents as f64 / 100.0))
        })
        .collect();
    rows.push((
        "record spend per key",
        median(5, || Ok(store.set_spend(30, &spend)?))?,
    ));
    let middle = format!("proj_{:05}", projects / 2);
    let changed: Vec<ProjectApiKey> = match &snapshot.projects[projects / 2].keys {
        Ok(keys) => keys.clone(),
        Err(_) => Vec::new(),
    };
    rows.push((
        "replace one project's keys",
        median(11, || Ok(store.replace_project_keys(&middle, &changed)?))?,
    ));
    let by_project = KeyQuery {
        project_id: Some(middle.clone()),
        ..page(None, KeySortColumn::Name, false)
    };
    let queries = [
        ("first page of one project", by_project),
        (
            "first page, all keys by name",
            page(None, KeySortColumn::Name, false),
        ),
        (
            "search one letter (\"e\")",
            page(Some("e"), KeySortColumn::Name, false),
        ),
        (
            "search three letters (\"bil\")",
            page(Some("bil"), KeySortColumn::Name, false),
        ),
        (
            "search, no match (\"zzq\")",
            page(Some("zzq"), KeySortColumn::Name, false),
        ),
        (
            "sort by last used, newest first",
            page(None, KeySortColumn::LastUsed, true),
        ),
        (
            "sort by spend, highest first",
            page(None, KeySortColumn::Spend, true),
        ),
        (
            "search \"e\", sort by last used",
            page(Some("e"), KeySortColumn::LastUsed, true),
        ),
        (
            "page at offset 4,900 by owner",
            KeyQuery {
                offset: 4_900,
                ..page(None, KeySortColumn::Owner, false)
            },
        ),
    ];
    for (name, query) in queries {
        rows.push((name, median(21, || Ok(store.query_keys(&query)?))?));
    }
    rows.extend(key_policy_figures(&store, &snapshot)?);
    rows.extend(export_figures(&store)?);
    rows.push((
        "first page of projects",
        median(21, || Ok(store.query_projects(&ProjectQuery::default())?))?,
    ));
    rows.push(("status", median(21, || Ok(store.status()?))?));
    drop(store);
    rows.push((
        "open an existing file (with check)",
        median(5, || Ok(InventoryStore::open(&path)?.store))?,
    ));
    rows.push(("file size", Figure::Bytes(std::fs::metadata(&path)?.len())));
    Ok(rows)
}

/// The key-policy operations: recording permissions (what the audit log gives a refresh), the
/// expiry sort, the hygiene counts of the organization view and a finding's first page.
fn key_policy_figures(
    store: &InventoryStore,
    snapshot: &InventorySnapshot,
) -> Result<Vec<(&'static str, Figure)>, Box<dyn Error>> {
    let now = at(110_000_000);
    let records: Vec<(String, RecordedPermissions)> = snapshot
        .projects
        .iter()
        .flat_map(|p| p.keys.iter().flatten())
        .take(20_000)
        .map(|key| {
            let record = RecordedPermissions {
                scopes: vec!["api.model.request".to_owned()],
                set_at: now,
                source: PermissionSource::AuditLog,
            };
            (key.id.to_string(), record)
        })
        .collect();
    let mut rows = vec![(
        "record 20,000 permissions (audit log)",
        median(5, || {
            Ok(store.record_permissions(records.iter().map(|(k, r)| (k.as_str(), r)))?)
        })?,
    )];
    rows.push((
        "sort by expiry, soonest first",
        median(21, || {
            Ok(store.query_keys(&page(None, KeySortColumn::Expires, false))?)
        })?,
    ));
    let thresholds = HygieneThresholds::default();
    let filters: Vec<_> = HygieneRule::ALL
        .iter()
        .map(|rule| (rule.filter(&thresholds, now), rule.is_urgent()))
        .collect();
    rows.push((
        "hygiene: count every rule",
        median(21, || Ok(store.hygiene_counts(&filters)?))?,
    ));
    let expired = KeyQuery {
        filter: Some(HygieneRule::Expired.filter(&thresholds, now)),
        ..page(None, KeySortColumn::Name, false)
    };
    rows.push((
        "hygiene: first page of a finding",
        median(21, || Ok(store.query_keys(&expired)?))?,
    ));
    Ok(rows)
}

/// Exporting every key (issue 13): reading them all in one transaction and rendering the file,
/// as the export command does before writing it.
fn export_figures(store: &InventoryStore) -> Result<Vec<(&'static str, Figure)>, Box<dyn Error>> {
    let everything = page(None, KeySortColumn::Project, false);
    let mut rows = Vec::new();
    for (name, format) in [
        ("export every key as CSV", ExportFormat::Csv),
        ("export every key as JSON", ExportFormat::Json),
    ] {
        let figure = median(5, || {
            let keys = store.all_keys(&everything)?;
            Ok(render(format, "Bench org", &keys).len())
        })?;
        rows.push((name, figure));
    }
    Ok(rows)
}

fn main() -> Result<(), Box<dyn Error>> {
    let small = measure(100, 50)?;
    let large = measure(2_000, 50)?;
    println!("\ninventory store, median per operation (100 keys per page)");
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        let one_minute = load.split_whitespace().next().unwrap_or("?");
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        println!("machine load {one_minute} on {cores} cores (figures grow with load)");
    }
    println!();
    println!(
        "{:<38} {:>14} {:>14}",
        "operation", "5,000 keys", "100,000 keys"
    );
    for ((name, a), (_, b)) in small.iter().zip(&large) {
        println!("{name:<38} {a:>14} {b:>14}");
    }
    println!(
        "\ngoal (key policy, issue 11): the hygiene counts and a finding's page answer \"instantly\"\n\
         at 100,000 keys, read as under 100 ms each, so the organization view never waits on them\n\
         goal (export, issue 13): every key of a 100,000-key organization exported in a few\n\
         seconds, without any row passing through the webview"
    );
    Ok(())
}
