//! Rotating a service-account key through app-core, against the fake Admin API over HTTP: the
//! new key is minted on the same service account with the same permissions and lifetime and
//! held for one reveal; both keys are watched by the server's timestamps; the old key is taken
//! out of service once the new one is used (or its name is typed); an abandon takes out the new
//! one instead. Every failing step leaves the rotation where it was; a rotation survives a
//! restart; a key revoked, a service account deleted or a clock hours off elsewhere are noticed
//! and explained; and the file that carries a rotation holds no secret.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

mod bad_input;
mod failing_steps;
mod happy_path;
mod restart;
mod skew;

use app_core::key_lifecycle::{CreateOutcome, CreatedKey};
use app_core::key_policy::{Expiry, KeyPolicy, Permissions};
use app_core::key_rotation::{KeyState, RotationPhase, RotationStatus};
use app_core::org::RotationStarted;
use app_core::{Error, Org};
use fake_admin_api::state::StoredApiKey;
use fake_admin_api::{FakeOptions, FakeServer};
use openai_admin::{ApiKeyId, ProjectId, ServiceAccountId};

/// A Keywarden with "Acme" added and refreshed, served by `server`; its first project.
struct Acme {
    h: support::Harness,
    server: FakeServer,
    org: Org,
    project: ProjectId,
}

async fn acme_with(options: FakeOptions) -> Acme {
    let server = FakeServer::start(options).await.expect("fake server");
    let h = support::harness().await;
    let org = support::add_remote(&h, "Acme", &server).await;
    org.refresh_inventory(|_| {}).await.expect("refreshed");
    let project = ProjectId::from(server.state().projects(false)[0].id.as_str());
    Acme {
        h,
        server,
        org,
        project,
    }
}

async fn acme() -> Acme {
    acme_with(FakeOptions {
        projects: 2,
        keys_per_project: 2,
        ..FakeOptions::default()
    })
    .await
}

/// A read-only key of a new service account named `name`, expiring in 90 days, minted through
/// Keywarden (so its permissions are recorded) and acknowledged.
async fn service_account_key(acme: &Acme, name: &str) -> CreatedKey {
    let policy = KeyPolicy {
        permissions: Permissions::ReadOnly,
        expiry: Expiry::Days(90),
    };
    let outcome = acme
        .org
        .create_key(&acme.project, name, &policy, &format!("create-{name}"))
        .await
        .expect("the key to rotate is created");
    let CreateOutcome::Created(key) = outcome else {
        panic!("expected a created key, got {outcome:?}");
    };
    acme.org
        .acknowledge_new_key(&key.reveal_id.to_string(), true)
        .unwrap();
    key
}

/// Starts rotating `key`; it must start.
async fn start(acme: &Acme, key: &ApiKeyId, request_id: &str) -> RotationStarted {
    acme.org
        .start_key_rotation(&acme.project, key, request_id)
        .await
        .unwrap_or_else(|e| panic!("the rotation of {key} did not start: {e}"))
}

async fn status(acme: &Acme, started: &RotationStarted) -> RotationStatus {
    let id = started.rotation.id.to_string();
    acme.org
        .key_rotation_status(&id)
        .await
        .unwrap_or_else(|e| panic!("no status: {e}"))
}

fn rotation_id(started: &RotationStarted) -> String {
    started.rotation.id.to_string()
}

fn new_key_id(started: &RotationStarted) -> ApiKeyId {
    started
        .rotation
        .new_key
        .as_ref()
        .expect("minted")
        .id
        .clone()
}

/// The fake's stored key, if it still exists.
fn stored(server: &FakeServer, key: &ApiKeyId) -> Option<StoredApiKey> {
    let state = server.state();
    state
        .api_keys
        .iter()
        .find(|k| k.key.id == key.as_str())
        .cloned()
}

/// Whether the key no longer works: deleted, or expiring by the next second of the server's
/// clock (a key taken out of service by expiring it "now").
fn out_of_service(server: &FakeServer, key: &ApiKeyId) -> bool {
    let clock = server.state().clock();
    stored(server, key).is_none_or(|k| k.key.expires_at.is_some_and(|t| t <= clock + 1))
}

/// The keys of `account` that still work.
fn working_keys(server: &FakeServer, account: &ServiceAccountId) -> Vec<String> {
    server.state().working_keys_of(account.as_str())
}

/// Revokes a key "elsewhere" (the dashboard can delete one key of a service account).
fn revoke_elsewhere(server: &FakeServer, key: &ApiKeyId) {
    server.with_state(|s| s.api_keys.retain(|k| k.key.id != key.as_str()));
}

fn message_of(result: Result<impl std::fmt::Debug, Error>) -> (Error, String) {
    let error = result.expect_err("the step is refused");
    let message = error.to_string();
    (error, message)
}

fn assert_watching(status: &RotationStatus) {
    assert_eq!(status.rotation.phase, RotationPhase::Watching, "{status:?}");
    assert_eq!(status.old_key.state, KeyState::Active, "{status:?}");
}

/// The local id of the organization labelled "Acme".
fn acme_id(h: &support::Harness) -> app_core::OrgId {
    let orgs = h.keywarden.list_organizations();
    orgs.into_iter()
        .find(|o| o.label == "Acme")
        .expect("Acme is listed")
        .id
}

/// The user stores the new key: copied from Rust, then acknowledged.
async fn store_new_key(acme: &Acme, started: &RotationStarted) {
    let reveal = started
        .created
        .as_ref()
        .expect("held")
        .reveal_id
        .to_string();
    acme.org.copy_new_key(&reveal).await.expect("copied");
    acme.org
        .acknowledge_new_key(&reveal, false)
        .expect("stored");
}
