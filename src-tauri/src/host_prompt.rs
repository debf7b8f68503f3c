//! The native question before an admin key goes to a host that is neither OpenAI nor this
//! machine. It is asked by Rust in a system dialog over the main window, so a script in the
//! page can neither answer it nor skip it.

use app_core::HostConfirmation;
use tauri::{AppHandle, Manager};

/// Asks in a native dialog, modal to the main window.
pub struct NativeHostPrompt {
    app: AppHandle,
}

impl NativeHostPrompt {
    /// A prompt over `app`'s main window.
    pub fn new(app: AppHandle) -> Self {
        Self { app }
    }
}

impl HostConfirmation for NativeHostPrompt {
    fn allow_admin_key_to(&self, host: &str, label: &str) -> bool {
        let description = format!(
            "Keywarden is about to send the admin key for “{label}” to {host}.\n\n\
             This host is not OpenAI (api.openai.com). Whoever runs it can use the key to manage \
             every project of the organization. Send it only if you trust {host} (for example, \
             your company's own gateway to OpenAI)."
        );
        let (answer, answered) = std::sync::mpsc::channel();
        let app = self.app.clone();
        let host = host.to_owned();
        let shown = self.app.run_on_main_thread(move || {
            let mut dialog = rfd::AsyncMessageDialog::new()
                .set_level(rfd::MessageLevel::Warning)
                .set_title(format!("Send the admin key to {host}?"))
                .set_description(description)
                .set_buttons(rfd::MessageButtons::OkCancelCustom(
                    format!("Send to {host}"),
                    "Cancel".into(),
                ));
            if let Some(window) = app.get_webview_window("main") {
                dialog = dialog.set_parent(&window);
            }
            let pending = dialog.show();
            std::thread::spawn(move || {
                let result = tauri::async_runtime::block_on(pending);
                // rfd on Linux answers Ok/Cancel for custom labels; elsewhere Custom(label).
                let allowed = match result {
                    rfd::MessageDialogResult::Ok => true,
                    rfd::MessageDialogResult::Custom(label) => label.starts_with("Send to "),
                    _ => false,
                };
                let _ = answer.send(allowed);
            });
        });
        shown.is_ok() && answered.recv().unwrap_or(false)
    }
}
