//! The desktop shell: wires app-core into a Tauri window. Wiring only; no logic lives here.

pub mod commands;
pub mod dto;
pub mod error;

use std::sync::Arc;

use app_core::{KeyringStore, Keywarden, StartOptions};
use tauri::Manager;

/// Everything the commands share: the one Keywarden service.
pub struct AppState {
    /// The service the commands delegate to.
    pub keywarden: Keywarden,
}

/// Starts the service the window talks to.
pub async fn start_service() -> Result<Keywarden, app_core::Error> {
    let secret_store = Arc::new(KeyringStore::new(app_core::secret_store::default_service()));
    Keywarden::start(StartOptions {
        demo: true,
        secret_store,
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
            commands::list_organizations,
            commands::list_projects,
            commands::list_keys,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        tracing::error!(%error, "Keywarden stopped with an error");
        std::process::exit(1);
    }
}
