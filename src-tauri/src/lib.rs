//! The desktop shell: wires app-core into a Tauri window. Wiring only; no logic lives here.

pub mod commands;
pub mod dto;
pub mod error;
pub mod file_dialog;
pub mod host_prompt;
pub mod input;
pub mod logging;
pub mod private_files;
pub mod quit_signals;
pub mod single_instance;
pub mod state;
pub mod window;

use std::sync::Arc;

use app_core::clipboard::SystemClipboard;
use app_core::{
    ConfigStore, EnvironmentKey, HostConfirmation, KeyringStore, Keywarden, StartOptions,
};
use tauri::Manager;

pub use state::AppState;

/// Starts the service the window talks to, with the OS keychain, the system clipboard and the
/// inventory caches in the app's data folder; `environment_key` was taken at start-up and
/// `host_confirmation` asks before an admin key goes to a host other than OpenAI.
pub async fn start_service(
    environment_key: EnvironmentKey,
    host_confirmation: Arc<dyn HostConfirmation>,
) -> Result<Keywarden, app_core::Error> {
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
        cache_dir: ConfigStore::default_cache_dir(),
        environment_key,
        host_confirmation,
        vault_tools: app_core::vault_handoff::VaultTools::from_environment(),
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
    // First, while this is the only thread (nothing has started one yet: no logger, no async
    // runtime, no webview), so removing the variable races no reader: the admin key from
    // OPENAI_ADMIN_KEY is held in memory, bound to OpenAI, and gone from the environment the
    // webview's processes (and anything started later) would inherit.
    let environment_key = EnvironmentKey::take_from_environment();
    private_files::restrict_new_files();
    let log_dir = logging::default_log_dir();
    let _log_guard = match log_dir.as_deref().map(logging::init) {
        Some(Ok(guard)) => Some(guard),
        Some(Err(error)) => {
            eprintln!("Keywarden could not open its log file: {error}");
            None
        }
        None => None,
    };
    let settings_file = ConfigStore::default_location().map(|store| store.path().to_path_buf());
    let app = tauri::Builder::default()
        .plugin(single_instance::plugin(settings_file.as_deref()))
        // Rust-only: no capability grants the webview any of its commands (see lockdown tests).
        .plugin(tauri_plugin_clipboard_manager::init())
        .manage(commands::session::CloseWatch::default())
        .manage(commands::about::LogLocation(log_dir))
        .setup(move |app| {
            let prompt = Arc::new(host_prompt::NativeHostPrompt::new(app.handle().clone()));
            app.manage(AppState::starting(start_service(environment_key, prompt)));
            window::build_main_window(app)?;
            quit_signals::listen(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::organizations::list_organizations,
            commands::organizations::startup_notices,
            commands::organizations::key_sources,
            commands::organizations::add_organization,
            commands::organizations::replace_admin_key,
            commands::organizations::rename_organization,
            commands::organizations::remove_organization,
            commands::inventory::inventory_status,
            commands::inventory::query_projects,
            commands::inventory::query_keys,
            commands::inventory::refresh_inventory,
            commands::inventory::cancel_refresh,
            commands::organizations::admin_key_health,
            commands::organizations::rotate_admin_key,
            commands::keys::create_key,
            commands::keys::add_key_to_service_account,
            commands::policy::update_key_policy,
            commands::policy::key_policy_default,
            commands::policy::set_key_policy_default,
            commands::policy::hygiene_report,
            commands::policy::set_hygiene_thresholds,
            commands::keys::list_service_accounts,
            commands::keys::copy_new_key,
            commands::keys::acknowledge_new_key,
            commands::keys::pending_new_keys,
            commands::keys::lost_new_keys,
            commands::keys::dismiss_lost_key,
            commands::keys::revoke_preview,
            commands::keys::revoke_key,
            commands::keys::revoke_key_alone,
            commands::keys::revoke_orphan,
            commands::rotation::plan_key_rotation,
            commands::rotation::start_key_rotation,
            commands::rotation::key_rotation_status,
            commands::rotation::finish_key_rotation,
            commands::rotation::abandon_key_rotation,
            commands::rotation::list_key_rotations,
            commands::keys::list_activity,
            commands::keys::copy_text,
            commands::vault::vault_setup,
            commands::vault::send_new_key_to_vault,
            commands::vault::choose_vault_database,
            commands::export::export_keys,
            commands::session::quit_app,
            commands::session::watch_close_requests,
            commands::about::about,
            commands::about::export_logs,
            commands::insight::refresh_usage,
            commands::insight::key_insight,
            commands::insight::key_timeline,
            commands::insight::spend_by_project,
        ])
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                let loaded = window.state::<AppState>().loaded();
                let pending = loaded.map_or(0, |keywarden| keywarden.pending_new_keys().len());
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
            if let Some(keywarden) = handle.try_state::<AppState>().and_then(|s| s.loaded()) {
                keywarden.wipe_secrets();
            }
        }
    });
}
