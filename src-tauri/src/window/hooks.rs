//! Test and measurement hooks: scripts the E2E suites and `make bench-window` have the main
//! window run before the page (an IPC and console recorder for the leak sweeps, a paint probe for
//! the benchmark). They exist only in builds with the `e2e-hooks` feature, which the E2E build
//! and the benchmark turn on; `make run`, `make bundle` and every release are built without it,
//! and there the variables are ignored and the scripts are not even in the binary.

/// Set to record every IPC response in the page (`window.__KEYWARDEN_IPC__`) for leak sweeps.
pub const RECORD_IPC_ENV: &str = "KEYWARDEN_RECORD_IPC";

/// Set to a CSS selector to record when the first element matching it has been painted, for the
/// window benchmark (`make bench-window`). Measurement only: nothing in the app reads it.
pub const PAINT_PROBE_ENV: &str = "KEYWARDEN_PAINT_PROBE";

/// The scripts the hook variables of this process ask for; always empty without `e2e-hooks`.
pub fn initialization_scripts_from_env() -> Vec<String> {
    initialization_scripts(|name| {
        std::env::var_os(name).map(|value| value.to_string_lossy().into_owned())
    })
}

/// The scripts the hook variables (read through `var`) ask for; always empty without
/// `e2e-hooks`.
#[cfg(not(feature = "e2e-hooks"))]
pub fn initialization_scripts(_var: impl Fn(&str) -> Option<String>) -> Vec<String> {
    Vec::new()
}

/// The scripts the hook variables (read through `var`) ask for: the recorder when
/// [`RECORD_IPC_ENV`] is set, the paint probe when [`PAINT_PROBE_ENV`] holds a selector.
#[cfg(feature = "e2e-hooks")]
pub fn initialization_scripts(var: impl Fn(&str) -> Option<String>) -> Vec<String> {
    let mut scripts = Vec::new();
    if var(RECORD_IPC_ENV).is_some() {
        scripts.push(enabled::RECORDING_SCRIPT.to_owned());
    }
    if let Some(selector) = var(PAINT_PROBE_ENV).filter(|s| !s.is_empty()) {
        scripts.push(enabled::paint_probe_script(&selector));
    }
    scripts
}

#[cfg(feature = "e2e-hooks")]
mod enabled {
    /// The recorder: IPC payloads (filled by `ui/src/api.ts`) and console output.
    pub const RECORDING_SCRIPT: &str = r#"
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

    /// The benchmark's probe: once an element matches, the frame after it is awaited (a task
    /// queued from `requestAnimationFrame` runs after that frame's paint) and its time is kept in
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
    pub fn paint_probe_script(selector: &str) -> String {
        let literal = serde_json::Value::from(selector).to_string();
        PAINT_PROBE_SCRIPT.replace("__SELECTOR__", &literal)
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
    }
}
