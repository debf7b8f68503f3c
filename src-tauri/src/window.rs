//! The main window, built with its guards: it may only show Keywarden's own pages (navigation
//! elsewhere is refused) and may never open new windows.

use tauri::webview::NewWindowResponse;
use tauri::{App, Url, WebviewWindow, WebviewWindowBuilder};

/// Set to record every IPC response in the page (`window.__KEYWARDEN_IPC__`) for leak sweeps.
pub const RECORD_IPC_ENV: &str = "KEYWARDEN_RECORD_IPC";

/// Test builds' recorder: IPC payloads (filled by `ui/src/api.ts`) and console output.
const RECORDING_SCRIPT: &str = r#"
window.__KEYWARDEN_IPC__ = [];
window.__KEYWARDEN_CONSOLE__ = [];
for (const level of ["log", "info", "warn", "error", "debug"]) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    window.__KEYWARDEN_CONSOLE__.push([level, args.map((a) => String(a)).join(" ")]);
    original(...args);
  };
}
window.addEventListener("error", (e) => window.__KEYWARDEN_CONSOLE__.push(["error", String(e.message)]));
"#;

/// Set to a CSS selector to record when the first element matching it has been painted, for the
/// window benchmark (`make bench-window`). Measurement only: nothing in the app reads it.
pub const PAINT_PROBE_ENV: &str = "KEYWARDEN_PAINT_PROBE";

/// The benchmark's probe: once an element matches, the frame after it is awaited (a task queued
/// from `requestAnimationFrame` runs after that frame's paint) and its time is kept in
/// `window.__PAINT_PROBE__.firstContent` (milliseconds since the page's time origin).
const PAINT_PROBE_SCRIPT: &str = r#"
(() => {
  const probe = { selector: __SELECTOR__, firstContent: null };
  window.__PAINT_PROBE__ = probe;
  const observer = new MutationObserver(() => {
    if (!document.querySelector(probe.selector)) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { probe.firstContent = performance.now(); }, 0));
  });
  observer.observe(document, { childList: true, subtree: true });
})();
"#;

/// The paint probe for `selector`, which goes into the script as a JSON string literal.
fn paint_probe_script(selector: &str) -> String {
    let literal = serde_json::Value::from(selector).to_string();
    PAINT_PROBE_SCRIPT.replace("__SELECTOR__", &literal)
}

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
    if std::env::var_os(RECORD_IPC_ENV).is_some() {
        builder = builder.initialization_script(RECORDING_SCRIPT);
    }
    if let Some(selector) = std::env::var(PAINT_PROBE_ENV)
        .ok()
        .filter(|s| !s.is_empty())
    {
        builder = builder.initialization_script(paint_probe_script(&selector));
    }
    builder.build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paint_probe_takes_its_selector_as_a_string_literal_only() {
        let script = paint_probe_script(r#"a[title="x"]"); alert(1); //"#);
        assert!(script.contains(r#"selector: "a[title=\"x\"]\"); alert(1); //", firstContent"#));
        assert!(!script.contains("__SELECTOR__"));
    }

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
