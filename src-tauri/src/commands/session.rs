//! Quitting safely: closing the window while a new key is unacknowledged asks the page to
//! confirm first, and quitting wipes every held secret and clears a copied one.

use std::sync::Mutex;

use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::dto::CloseRequestDto;
use crate::AppState;

/// Where to tell the page that the user tried to close the window with keys unacknowledged.
#[derive(Default)]
pub struct CloseWatch(Mutex<Option<Channel<CloseRequestDto>>>);

impl CloseWatch {
    /// Tells the page; returns false when no page is listening (then the window just closes).
    pub fn notify(&self, pending: usize) -> bool {
        let watcher = self.0.lock().unwrap_or_else(|e| e.into_inner());
        watcher
            .as_ref()
            .is_some_and(|channel| channel.send(CloseRequestDto(pending)).is_ok())
    }
}

/// The page asks to be told about close attempts while new keys are unacknowledged.
#[tauri::command]
pub fn watch_close_requests(watch: State<'_, CloseWatch>, on_close: Channel<CloseRequestDto>) {
    *watch.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(on_close);
}

/// Wipes held secrets, clears a copied one, and quits.
#[tauri::command]
pub fn quit_app(app: AppHandle, state: State<'_, AppState>) {
    if let Some(keywarden) = state.loaded() {
        keywarden.wipe_secrets();
    }
    app.exit(0);
}
