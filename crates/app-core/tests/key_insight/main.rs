//! What keys do, cost and went through: usage of every kind read per key and day from the fake
//! Admin API, a key's detail, spend by project, the audit timeline, and each bad answer.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

mod audit_timeline;
mod spend;
mod usage_read;

use app_core::inventory_store::KeyQuery;
use app_core::Org;
use fake_admin_api::{FakeOptions, FakeServer};

/// The seeded key that only makes embeddings requests.
pub const INDEXER: &str = fake_admin_api::seed::EMBEDDINGS_INDEXER;

/// A small organization served by the fake, added and refreshed.
pub async fn refreshed_org(h: &support::Harness) -> (FakeServer, Org) {
    let server = FakeServer::start(FakeOptions {
        projects: 3,
        keys_per_project: 4,
        ..FakeOptions::default()
    })
    .await
    .expect("the fake starts");
    let org = support::add_remote(h, "Acme", &server).await;
    org.refresh_inventory(|_| {}).await.expect("refreshed");
    (server, org)
}

/// The id of the key named `name` on the server.
pub fn key_named(server: &FakeServer, name: &str) -> String {
    let state = server.state();
    state
        .projects(true)
        .iter()
        .flat_map(|p| state.api_keys(&p.id))
        .find(|k| k.name == name)
        .unwrap_or_else(|| panic!("no key named {name}"))
        .id
}

/// Every cached key id, in name order.
pub async fn all_key_ids(org: &Org) -> Vec<String> {
    let query = KeyQuery {
        limit: 400,
        ..KeyQuery::default()
    };
    let page = org.query_keys(query).await.expect("keys");
    page.rows.into_iter().map(|r| r.id).collect()
}
