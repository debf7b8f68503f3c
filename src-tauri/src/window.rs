//! The main window, built with its guards: it may only show Keywarden's own pages (navigation
//! elsewhere is refused) and may never open new windows.

pub mod hooks;

use tauri::webview::NewWindowResponse;
use tauri::{App, Url, WebviewWindow, WebviewWindowBuilder};

/// Whether a URL is one of the app's own pages (the bundled assets, or the dev server).
pub fn is_app_url(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => true,
        "http" | "https" => matches!(url.host_str(), Some("tauri.localhost")),
        _ => false,
    }
}

/// Builds the main window from its configuration, with navigation and new windows locked down.
pub fn build_main_window(app: &App) -> tauri::Result<WebviewWindow> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    let mut builder = WebviewWindowBuilder::from_config(app, &config)?
        .on_navigation(|url| {
            let allowed = is_app_url(url);
            if !allowed {
                tracing::warn!(
                    scheme = url.scheme(),
                    "blocked navigation away from the app"
                );
            }
            allowed
        })
        .on_new_window(|_, _| NewWindowResponse::Deny);
    for script in hooks::initialization_scripts_from_env() {
        builder = builder.initialization_script(script);
    }
    builder.build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_apps_own_pages_may_be_shown() {
        let allowed = [
            "tauri://localhost/index.html",
            "http://tauri.localhost/",
            "https://tauri.localhost/x",
        ];
        for url in allowed {
            assert!(is_app_url(&Url::parse(url).unwrap()), "{url}");
        }
        let refused = [
            "https://platform.openai.com/",
            "http://127.0.0.1:8080/",
            "file:///etc/passwd",
            "https://tauri.localhost.evil.example/",
            "javascript:alert(1)",
            "data:text/html,hi",
        ];
        for url in refused {
            assert!(!is_app_url(&Url::parse(url).unwrap()), "{url}");
        }
    }
}
