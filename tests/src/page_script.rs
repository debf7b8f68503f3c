//! A test's own page-side step: for checks the named steps of `page_step.js` do not cover (arming
//! timings, stray-input watchers, commands called as the page would), a suite writes the body of
//! one async function that waits and reads inside the page and returns what it found, in a single
//! WebDriver script, like every other step.

use serde_json::Value;

use crate::driver::HarnessError;
use crate::Window;

impl Window {
    /// Runs `body` as an async function in the page with `args` (as `args`), in one WebDriver
    /// step, and returns its result. In scope: `waitFor(check, ms)`, `invoke(command, args)` (a
    /// Rust command, as the page may call it), `opened(testId)` (the open dialog with that test
    /// id), `rect(css)`, `focused()` (the test id of the focused element) and `sleep(ms)`. A
    /// thrown error comes back as an `Err`.
    pub async fn page(&self, body: &str, args: Vec<Value>) -> Result<Value, HarnessError> {
        let script = format!(
            "const done = arguments[arguments.length - 1]; \
             const args = [...arguments].slice(0, -1); \
             const waitFor = async (check, ms) => {{ const end = Date.now() + ms; \
               for (;;) {{ const value = await check(); if (value) return value; \
                 if (Date.now() > end) throw new Error('timed out: ' + check); \
                 await new Promise((r) => setTimeout(r, 40)); }} }}; \
             const invoke = (cmd, a) => window.__TAURI_INTERNALS__.invoke(cmd, a ?? {{}}); \
             const opened = (id) => document.querySelector(`dialog[open][data-testid=${{id}}]`); \
             const rect = (s) => {{ const e = document.querySelector(s); if (!e) return null; \
               const r = e.getBoundingClientRect(); \
               return {{ x: r.x, y: r.y, width: r.width, height: r.height }}; }}; \
             const focused = () => document.activeElement?.dataset?.testid ?? null; \
             const sleep = (ms) => new Promise((r) => setTimeout(r, ms)); \
             (async () => {{ {body} }})().then((value) => done({{ ok: value ?? null }}), \
               (error) => done({{ error: String(error && error.message || error) }}));"
        );
        let mut result = self.run_async(&script, args).await?;
        match result.get_mut("ok") {
            Some(value) => Ok(value.take()),
            None => Err(format!("page script failed: {}", result["error"]).into()),
        }
    }
}
