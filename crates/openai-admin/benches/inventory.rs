//! Fan-out benchmark: `fetch_inventory` at bounded concurrency against the same requests sent
//! one by one, on the fake server with 200 projects × 12 keys and 40 ms per-request latency.
//!
//! Prints the figures side by side with two lower bounds; it asserts nothing.
//!
//! - ideal at concurrency c = (project-list pages + ceil(projects / c)) × latency: the time
//!   when the project list is read page by page and then c projects are always in flight, each
//!   listing its keys and service accounts at once. This is the goal the fan-out is held to.
//! - request depth = (project-list pages + 1) × latency: the longest chain of dependent
//!   requests, reachable only with unbounded concurrency.
#![allow(clippy::print_stdout)]

use std::error::Error;
use std::time::{Duration, Instant};

use fake_admin_api::{FakeOptions, FakeServer};
use openai_admin::{
    fetch_inventory, ApiKeyListParams, Client, ClientOptions, InventoryOptions, ProjectListParams,
    ServiceAccountListParams,
};
use secrecy::SecretString;

const PROJECTS: usize = 200;
const KEYS_PER_PROJECT: usize = 12;
const LATENCY: Duration = Duration::from_millis(40);
const PAGE: u32 = 100;

async fn sequential(client: &Client) -> Result<usize, openai_admin::Error> {
    let params = ProjectListParams {
        include_archived: true,
        limit: Some(PAGE),
        after: None,
    };
    let projects = client.projects().list_all(&params).await?;
    let mut keys = 0;
    for project in &projects {
        let scope = client.project(&project.id);
        let key_params = ApiKeyListParams {
            limit: Some(PAGE),
            ..Default::default()
        };
        keys += scope.api_keys().list_all(&key_params).await?.len();
        if !project.is_archived() {
            let account_params = ServiceAccountListParams {
                limit: Some(PAGE),
                after: None,
            };
            scope.service_accounts().list_all(&account_params).await?;
        }
    }
    Ok(keys)
}

async fn concurrent(client: &Client, concurrency: usize) -> Result<usize, openai_admin::Error> {
    let options = InventoryOptions {
        concurrency,
        ..InventoryOptions::default()
    };
    let inventory = fetch_inventory(client, options, |_| {}).await?;
    Ok(inventory
        .projects
        .iter()
        .map(|p| p.keys.as_ref().map_or(0, Vec::len))
        .sum())
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

async fn bench() -> Result<(), Box<dyn Error>> {
    let fake = FakeOptions {
        projects: PROJECTS,
        keys_per_project: KEYS_PER_PROJECT,
        now: Some(1_750_000_000),
        ..FakeOptions::default()
    };
    let server = FakeServer::start(fake).await?;
    server.set_latency(LATENCY);
    let client = Client::new(
        &server.base_url(),
        SecretString::from(server.admin_key()),
        ClientOptions::default(),
    )?;

    let started = Instant::now();
    let keys_seq = sequential(&client).await?;
    let seq = started.elapsed();
    let requests = server.requests().len();

    let mut rows = Vec::new();
    for concurrency in [8, 64] {
        let before = server.requests().len();
        let started = Instant::now();
        let keys = concurrent(&client, concurrency).await?;
        rows.push((
            concurrency,
            started.elapsed(),
            keys,
            server.requests().len() - before,
        ));
    }
    server.shutdown().await;

    let project_pages = PROJECTS.div_ceil(PAGE as usize);
    let fan_out = requests - project_pages;
    let depth = LATENCY * (project_pages + 1) as u32;
    println!(
        "fake: {PROJECTS} projects x {KEYS_PER_PROJECT} keys, latency {} ms",
        ms(LATENCY)
    );
    println!("requests per run: {requests} ({project_pages} project pages + {fan_out} per-project lists)");
    println!(
        "request depth ({} x latency): {:.0} ms",
        project_pages + 1,
        ms(depth)
    );
    println!();
    println!(
        "{:<16} {:>8} {:>6} {:>9} {:>8} {:>10} {:>9} {:>10} {:>9}",
        "run",
        "time ms",
        "keys",
        "requests",
        "vs seq",
        "ideal ms",
        "vs ideal",
        "depth ms",
        "vs depth"
    );
    println!(
        "{:<16} {:>8.0} {:>6} {:>9} {:>8} {:>10.0} {:>8.2}x {:>10.0} {:>8.2}x",
        "sequential",
        ms(seq),
        keys_seq,
        requests,
        "1.00x",
        ms(LATENCY * requests as u32),
        ms(seq) / ms(LATENCY * requests as u32),
        ms(depth),
        ms(seq) / ms(depth),
    );
    for (concurrency, time, keys, sent) in rows {
        let ideal = LATENCY * (project_pages + PROJECTS.div_ceil(concurrency)) as u32;
        println!(
            "{:<16} {:>8.0} {:>6} {:>9} {:>7.2}x {:>10.0} {:>8.2}x {:>10.0} {:>8.2}x",
            format!("concurrency {concurrency}"),
            ms(time),
            keys,
            sent,
            ms(seq) / ms(time),
            ms(ideal),
            ms(time) / ms(ideal),
            ms(depth),
            ms(time) / ms(depth),
        );
    }
    println!();
    println!(
        "ideal at concurrency c = (project pages + ceil(projects / c)) x latency; goal: <= 1.25x"
    );
    println!(
        "ideal of sequential = requests x latency; request depth = (project pages + 1) x latency"
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(bench())
}
