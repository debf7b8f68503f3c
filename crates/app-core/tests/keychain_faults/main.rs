//! Keychain faults: no Secret Service at all, a locked keychain, an entry deleted behind
//! Keywarden's back. Each must leave the app usable (the demo always works), say what to do, and
//! never fall back to keeping a key anywhere else.
//!
//! The first group uses stand-in stores and runs everywhere. The second group (Linux only) talks
//! to a real gnome-keyring and is ignored by plain `cargo test`; `make test` runs it in a throwaway desktop
//! session (from the workspace root):
//! `scripts/desktop-session.sh cargo test -p app-core --test keychain_faults -- --ignored`.
//!
//! This file holds the shared fixtures (the remote organization "Acme", its key on the clipboard,
//! an organization's status); the groups are `stand_in_stores.rs` and `real_keyring.rs`, and
//! `keyring_session.rs` drives the session's real keyring from outside for the second.

#[path = "../support/mod.rs"]
mod support;

#[cfg(target_os = "linux")]
mod keyring_session;
#[cfg(target_os = "linux")]
mod real_keyring;
mod stand_in_stores;

use app_core::clipboard::{Clipboard, MemoryClipboard};
use app_core::{KeySource, Keywarden, NewOrganization, OrgId, OrgStatus, DEMO_ORG_ID};
use fake_admin_api::{FakeOptions, FakeServer};
use secrecy::{ExposeSecret, SecretString};

const REMOTE_KEY: &str = "sk-admin-KeychainFaultsRemoteKey0123456789";

#[allow(clippy::expect_used)]
async fn remote() -> FakeServer {
    FakeServer::start(FakeOptions {
        projects: 2,
        keys_per_project: 1,
        admin_key: Some(REMOTE_KEY.into()),
        ..FakeOptions::default()
    })
    .await
    .expect("remote fake server")
}

fn acme(server: &FakeServer) -> NewOrganization {
    NewOrganization {
        label: "Acme".into(),
        base_url: Some(server.base_url()),
        source: KeySource::Clipboard,
    }
}

#[allow(clippy::expect_used)]
fn copy(clipboard: &MemoryClipboard, text: &str) {
    clipboard
        .write_secret(&SecretString::from(text))
        .expect("the memory clipboard cannot fail");
}

#[allow(clippy::expect_used)]
fn clipboard_text(clipboard: &MemoryClipboard) -> Option<String> {
    let text = clipboard
        .read_text()
        .expect("the memory clipboard cannot fail");
    text.map(|t| t.expose_secret().to_owned())
}

fn demo() -> OrgId {
    OrgId::new(DEMO_ORG_ID)
}

fn status_of(keywarden: &Keywarden, id: &OrgId) -> Option<OrgStatus> {
    let orgs = keywarden.list_organizations();
    orgs.into_iter().find(|o| &o.id == id).map(|o| o.status)
}
