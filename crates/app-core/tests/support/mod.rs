//! Shared set-up for app-core integration tests: a Keywarden with in-memory secrets and
//! clipboard, settings in a temporary folder, and fast-failing clients.

#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

pub mod lifecycle;

use std::sync::Arc;
use std::time::Duration;

use app_core::clipboard::MemoryClipboard;
use app_core::{
    ConfigStore, Keywarden, MemoryStore, Org, OrgId, SecretStore, StartOptions, DEMO_ORG_ID,
};
use openai_admin::ClientOptions;

/// A Keywarden and the stand-ins it was built with.
pub struct Harness {
    pub keywarden: Keywarden,
    pub store: Arc<MemoryStore>,
    pub clipboard: Arc<MemoryClipboard>,
    pub dir: tempfile::TempDir,
}

impl Harness {
    pub fn config_path(&self) -> std::path::PathBuf {
        self.dir.path().join("config.json")
    }

    pub fn config_text(&self) -> String {
        std::fs::read_to_string(self.config_path()).unwrap_or_default()
    }

    /// Starts a second Keywarden over the same settings folder and secret store (a restart).
    pub async fn restart(self) -> Harness {
        let keywarden = start_with(&self.dir, self.store.clone(), self.clipboard.clone()).await;
        Harness { keywarden, ..self }
    }
}

/// The demo organization of a started Keywarden.
pub fn demo_org(keywarden: &Keywarden) -> Org {
    keywarden
        .org(&OrgId::new(DEMO_ORG_ID))
        .expect("the demo organization is listed")
}

pub fn fast_client_options() -> ClientOptions {
    ClientOptions {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(5),
        max_retries: 0,
        ..ClientOptions::default()
    }
}

pub async fn start_with(
    dir: &tempfile::TempDir,
    store: Arc<dyn SecretStore>,
    clipboard: Arc<MemoryClipboard>,
) -> Keywarden {
    start_with_cache(dir, store, clipboard, Some(dir.path().join("cache"))).await
}

/// Starts Keywarden with its inventory caches in `cache_dir` (`None`: in memory).
pub async fn start_with_cache(
    dir: &tempfile::TempDir,
    store: Arc<dyn SecretStore>,
    clipboard: Arc<MemoryClipboard>,
    cache_dir: Option<std::path::PathBuf>,
) -> Keywarden {
    start_trusting(
        dir,
        store,
        clipboard,
        cache_dir,
        app_core::EnvironmentKey::default(),
        Arc::new(app_core::DeclineOtherHosts),
    )
    .await
}

/// Starts Keywarden with a key held from the environment and a stand-in for the question asked
/// before an admin key goes to a host other than OpenAI or this machine.
pub async fn start_trusting(
    dir: &tempfile::TempDir,
    store: Arc<dyn SecretStore>,
    clipboard: Arc<MemoryClipboard>,
    cache_dir: Option<std::path::PathBuf>,
    environment_key: app_core::EnvironmentKey,
    host_confirmation: Arc<dyn app_core::HostConfirmation>,
) -> Keywarden {
    let vault_tools = app_core::vault_handoff::VaultTools::from_environment();
    let trust = (environment_key, host_confirmation);
    start_full(dir, store, clipboard, cache_dir, trust, vault_tools).await
}

/// Starts Keywarden with everything given: the start-up admin key and host question (`trust`)
/// and where the vault tools are found.
pub async fn start_full(
    dir: &tempfile::TempDir,
    store: Arc<dyn SecretStore>,
    clipboard: Arc<MemoryClipboard>,
    cache_dir: Option<std::path::PathBuf>,
    trust: (
        app_core::EnvironmentKey,
        Arc<dyn app_core::HostConfirmation>,
    ),
    vault_tools: app_core::vault_handoff::VaultTools,
) -> Keywarden {
    let (environment_key, host_confirmation) = trust;
    let keywarden = Keywarden::start(StartOptions {
        demo: true,
        secret_store: store,
        clipboard,
        config_store: ConfigStore::new(dir.path().join("config.json")),
        client_options: fast_client_options(),
        reconcile_delay: Duration::from_millis(50),
        cache_dir,
        environment_key,
        host_confirmation,
        vault_tools,
    })
    .await
    .expect("keywarden starts");
    // The demo server keeps no request unless asked; these tests ask (from here on).
    if let Some(demo) = keywarden.demo() {
        demo.server().record_requests(true);
    }
    keywarden
}

/// Adds a remote organization served by `server`, its admin key read from the clipboard.
pub async fn add_remote(h: &Harness, label: &str, server: &fake_admin_api::FakeServer) -> Org {
    use app_core::clipboard::Clipboard;
    let key = secrecy::SecretString::from(server.admin_key());
    h.clipboard.write_secret(&key).expect("clipboard");
    let added = h
        .keywarden
        .add_organization(app_core::NewOrganization {
            label: label.into(),
            base_url: Some(server.base_url()),
            source: app_core::KeySource::Clipboard,
        })
        .await
        .expect("the organization is added");
    h.keywarden.org(&added.org.id).expect("listed")
}

pub async fn harness() -> Harness {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Arc::new(MemoryStore::new());
    let clipboard = Arc::new(MemoryClipboard::new());
    let keywarden = start_with(&dir, store.clone(), clipboard.clone()).await;
    Harness {
        keywarden,
        store,
        clipboard,
        dir,
    }
}

/// A harness whose vault tools are `vault_tools` (e.g. pointed at a throwaway password store).
pub async fn harness_with_vault_tools(vault_tools: app_core::vault_handoff::VaultTools) -> Harness {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Arc::new(MemoryStore::new());
    let clipboard = Arc::new(MemoryClipboard::new());
    let trust = (
        app_core::EnvironmentKey::default(),
        Arc::new(app_core::DeclineOtherHosts) as Arc<dyn app_core::HostConfirmation>,
    );
    let cache = Some(dir.path().join("cache"));
    let keywarden = start_full(
        &dir,
        store.clone(),
        clipboard.clone(),
        cache,
        trust,
        vault_tools,
    )
    .await;
    Harness {
        keywarden,
        store,
        clipboard,
        dir,
    }
}
