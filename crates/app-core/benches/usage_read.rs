//! How long reading an organization's usage of every kind takes, and how much memory it adds,
//! at 5,000 keys (100 projects × 50) and 100,000 keys (2,000 × 50), against the fake Admin API
//! on loopback. Run with `cargo bench -p app-core --bench usage_read`.
//!
//! A read is 9 organization-wide reports (8 usage kinds and costs), 30 daily buckets each,
//! staged in the cache file a bucket at a time. Goals: the read itself under 60 s at 100,000
//! keys and under 250 MB of added peak memory (the fake server's own state is measured before
//! the read starts). Nothing is asserted: the figures are reported as measured.

#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use app_core::clipboard::{Clipboard, MemoryClipboard};
use app_core::{ConfigStore, KeySource, Keywarden, MemoryStore, NewOrganization, StartOptions};
use fake_admin_api::{FakeOptions, FakeServer};
use openai_admin::ClientOptions;

/// The process's resident memory now and at its peak, in MB (Linux; 0 elsewhere).
fn memory_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Forgets the peak so far (Linux: writing 5 to clear_refs resets VmHWM).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

async fn measure(projects: usize) -> (Duration, f64, usize, usize) {
    let server = FakeServer::start(FakeOptions {
        projects,
        keys_per_project: 50,
        ..FakeOptions::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let clipboard = Arc::new(MemoryClipboard::new());
    let keywarden = Keywarden::start(StartOptions {
        demo: false,
        secret_store: Arc::new(MemoryStore::new()),
        clipboard: clipboard.clone(),
        config_store: ConfigStore::new(dir.path().join("config.json")),
        client_options: ClientOptions {
            timeout: Duration::from_secs(600),
            ..ClientOptions::default()
        },
        reconcile_delay: Duration::from_millis(50),
        cache_dir: Some(dir.path().join("cache")),
        environment_key: app_core::EnvironmentKey::default(),
        host_confirmation: Arc::new(app_core::DeclineOtherHosts),
        vault_tools: app_core::vault_handoff::VaultTools::from_environment(),
    })
    .await
    .unwrap();
    clipboard
        .write_secret(&secrecy::SecretString::from(server.admin_key()))
        .unwrap();
    let added = keywarden
        .add_organization(NewOrganization {
            label: "Bench".into(),
            base_url: Some(server.base_url()),
            source: KeySource::Clipboard,
        })
        .await
        .unwrap();
    let org = keywarden.org(&added.org.id).unwrap();
    org.refresh_inventory(|_| {}).await.unwrap();
    let (before, _) = memory_mb();
    reset_peak();
    let started = Instant::now();
    let read = org.refresh_usage(|_| ()).await.unwrap();
    let took = started.elapsed();
    let (_, peak) = memory_mb();
    for (what, why) in &read.unavailable {
        println!("{projects} projects: {what} could not be read: {why}");
    }
    (
        took,
        (peak - before).max(0.0),
        read.keys_with_usage,
        read.unavailable.len(),
    )
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let small = runtime.block_on(measure(100));
    let large = runtime.block_on(measure(2_000));
    println!("\nusage read of every kind, 30 days (9 reports), cache on disk");
    println!(
        "{:<34} {:>14} {:>14} {:>12}",
        "", "5,000 keys", "100,000 keys", "goal"
    );
    println!(
        "{:<34} {:>12.1} s {:>12.1} s {:>12}",
        "time to read and store",
        small.0.as_secs_f64(),
        large.0.as_secs_f64(),
        "< 60 s"
    );
    println!(
        "{:<34} {:>11.0} MB {:>11.0} MB {:>12}",
        "peak memory added by the read", small.1, large.1, "< 250 MB"
    );
    println!(
        "{:<34} {:>14} {:>14} {:>12}",
        "keys with usage", small.2, large.2, ""
    );
    println!(
        "{:<34} {:>14} {:>14} {:>12}",
        "reports that could not be read", small.3, large.3, "0"
    );
    println!("baseline: none (first usage read); the fake server runs in this process");
}
