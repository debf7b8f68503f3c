//! The desktop shell: wires app-core into a Tauri window. Wiring only; no logic lives here.

pub mod commands;
pub mod dto;
pub mod error;
pub mod logging;

use std::sync::Arc;

use app_core::clipboard::SystemClipboard;
use app_core::{ConfigStore, KeyringStore, Keywarden, StartOptions};
use tauri::Manager;

/// Everything the commands share: the one Keywarden service.
pub struct AppState {
    /// The service the commands delegate to.
    pub keywarden: Keywarden,
}

/// Starts the service the window talks to, with the OS keychain and the system clipboard.
pub async fn start_service() -> Result<Keywarden, app_core::Error> {
    let config_store = ConfigStore::default_location().ok_or_else(|| {
        app_core::Error::InvalidInput("this system has no home folder for settings".into())
    })?;
    Keywarden::start(StartOptions {
        demo: true,
        secret_store: Arc::new(KeyringStore::new(app_core::secret_store::default_service())),
        clipboard: Arc::new(SystemClipboard::new()),
        config_store,
        client_options: openai_admin::ClientOptions::default(),
    })
    .await
}

/// Builds and runs the app.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KEYWARDEN_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let result = tauri::Builder::default()
        .setup(|app| {
            let keywarden = tauri::async_runtime::block_on(start_service())?;
            app.manage(AppState { keywarden });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::browse::list_organizations,
            commands::browse::list_projects,
            commands::browse::list_keys,
            commands::organizations::startup_notices,
            commands::organizations::key_sources,
            commands::organizations::add_organization,
            commands::organizations::replace_admin_key,
            commands::organizations::rename_organization,
            commands::organizations::remove_organization,
            commands::organizations::get_inventory,
            commands::organizations::refresh_inventory,
            commands::organizations::admin_key_health,
            commands::organizations::rotate_admin_key,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        tracing::error!(%error, "Keywarden stopped with an error");
        std::process::exit(1);
    }
}
