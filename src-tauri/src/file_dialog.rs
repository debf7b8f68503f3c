//! Native file dialogs, shown by Rust over the main window: the page never names a file for
//! Rust to open or write on its own. `rfd` runs the dialog on the main thread; the answer comes
//! back through a channel.

use std::future::Future;
use std::path::PathBuf;

use rfd::{AsyncFileDialog, FileHandle};
use tauri::{AppHandle, Manager};

/// Asks for a KeePassXC database (`.kdbx`); `None` when cancelled or no dialog can be shown.
pub async fn open_database(app: &AppHandle) -> Option<PathBuf> {
    let dialog = AsyncFileDialog::new()
        .set_title("Choose your KeePassXC database")
        .add_filter("KeePassXC database", &["kdbx"]);
    ask(app, dialog, AsyncFileDialog::pick_file).await
}

/// Asks where to save an export, suggesting `file_name` in the user's documents folder; `None`
/// when cancelled. The native dialog asks before replacing an existing file.
pub async fn save_export(app: &AppHandle, file_name: &str) -> Option<PathBuf> {
    let mut dialog = AsyncFileDialog::new()
        .set_title("Export keys")
        .set_file_name(file_name);
    let folder = directories::UserDirs::new().map(|dirs| {
        dirs.document_dir()
            .map_or_else(|| dirs.home_dir().to_path_buf(), PathBuf::from)
    });
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    ask(app, dialog, AsyncFileDialog::save_file).await
}

/// Shows `dialog` with `show` (pick or save), modal to the main window, and waits for the file.
async fn ask<F>(
    app: &AppHandle,
    dialog: AsyncFileDialog,
    show: fn(AsyncFileDialog) -> F,
) -> Option<PathBuf>
where
    F: Future<Output = Option<FileHandle>> + Send + 'static,
{
    let (answer, answered) = tokio::sync::oneshot::channel();
    let handle = app.clone();
    let shown = app.run_on_main_thread(move || {
        let dialog = match handle.get_webview_window("main") {
            Some(window) => dialog.set_parent(&window),
            None => dialog,
        };
        let showing = show(dialog);
        tauri::async_runtime::spawn(async move {
            let chosen = showing.await.map(|file| file.path().to_path_buf());
            let _ = answer.send(chosen);
        });
    });
    if shown.is_err() {
        return None;
    }
    answered.await.ok().flatten()
}
