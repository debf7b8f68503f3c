//! The desktop shell: wires app-core into a Tauri window. Wiring only; no logic lives here.

pub mod commands;
pub mod dto;
pub mod error;
pub mod logging;
pub mod window;

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
        client_options: client_options(),
        reconcile_delay: app_core::key_lifecycle::DEFAULT_RECONCILE_DELAY,
    })
    .await
}

/// Client timeouts; `KEYWARDEN_REQUEST_TIMEOUT_SECS` shortens them (used by the fault tests).
fn client_options() -> openai_admin::ClientOptions {
    let mut options = openai_admin::ClientOptions::default();
    let seconds = std::env::var("KEYWARDEN_REQUEST_TIMEOUT_SECS").ok();
    if let Some(seconds) = seconds
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|s| *s > 0)
    {
        options.timeout = std::time::Duration::from_secs(seconds);
        options.connect_timeout = options.connect_timeout.min(options.timeout);
    }
    options
}

/// Builds and runs the app.
pub fn run() {
    let log_dir = logging::default_log_dir();
    let _log_guard = match log_dir.as_deref().map(logging::init) {
        Some(Ok(guard)) => Some(guard),
        Some(Err(error)) => {
            eprintln!("Keywarden could not open its log file: {error}");
            None
        }
        None => None,
    };
    let app = tauri::Builder::default()
        .manage(commands::session::CloseWatch::default())
        .manage(commands::about::LogLocation(log_dir))
        .setup(|app| {
            let keywarden = tauri::async_runtime::block_on(start_service())?;
            app.manage(AppState { keywarden });
            window::build_main_window(app)?;
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
            commands::keys::create_key,
            commands::keys::add_key_to_service_account,
            commands::keys::list_service_accounts,
            commands::keys::copy_new_key,
            commands::keys::acknowledge_new_key,
            commands::keys::pending_new_keys,
            commands::keys::lost_new_keys,
            commands::keys::dismiss_lost_key,
            commands::keys::revoke_preview,
            commands::keys::revoke_key,
            commands::keys::revoke_orphan,
            commands::keys::list_activity,
            commands::keys::copy_text,
            commands::session::quit_app,
            commands::session::watch_close_requests,
            commands::about::about,
            commands::about::export_logs,
            commands::organizations::cancel_refresh,
            commands::keys::key_costs,
        ])
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                let pending = window
                    .state::<AppState>()
                    .keywarden
                    .pending_new_keys()
                    .len();
                if pending > 0
                    && window
                        .state::<commands::session::CloseWatch>()
                        .notify(pending)
                {
                    api.prevent_close();
                }
            }
        })
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        Err(error) => {
            tracing::error!(%error, "Keywarden could not start");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            if let Some(state) = handle.try_state::<AppState>() {
                state.keywarden.wipe_secrets();
            }
        }
    });
}
