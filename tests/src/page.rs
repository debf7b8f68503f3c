//! Page-side steps: every wait and read a test needs happens in one script run inside the page
//! (so a re-render can never leave the test holding a stale element), plus killing the app the
//! way a crash would.

use crate::driver::{HarnessError, WAIT};
use crate::{paths, Window};

impl Window {
    /// Waits, in one page-side step, until `css` matches an element that is not `aria-disabled`.
    pub(crate) async fn wait_until_armed(&self, css: &str) -> Result<(), HarnessError> {
        let script = "const [css, limit, done] = arguments; const end = Date.now() + limit; \
             const poll = () => { const e = document.querySelector(css); \
               if (e && e.getAttribute('aria-disabled') !== 'true') return done(true); \
               if (Date.now() > end) return done(false); setTimeout(poll, 50); }; poll();";
        let limit = serde_json::json!(WAIT.as_millis() as u64);
        let ready = self
            .client()
            .execute_async(script, vec![serde_json::json!(css), limit])
            .await?;
        if ready != serde_json::Value::Bool(true) {
            return Err(format!("`{css}` did not appear enabled within {WAIT:?}").into());
        }
        Ok(())
    }

    /// Runs `body` as an async function in the page with `args` (as `args`), in one WebDriver
    /// step, and returns its result. In scope: `waitFor(check, ms)`, `invoke(command, args)` (a
    /// Rust command, as the page may call it), `opened(testId)` (the open dialog with that test
    /// id), `rect(css)`, `focused()` (the test id of the focused element) and `sleep(ms)`. A
    /// thrown error comes back as an `Err`.
    pub async fn page(
        &self,
        body: &str,
        args: Vec<serde_json::Value>,
    ) -> Result<serde_json::Value, HarnessError> {
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
        let mut result = self.client().execute_async(&script, args).await?;
        match result.get_mut("ok") {
            Some(value) => Ok(value.take()),
            None => Err(format!("page script failed: {}", result["error"]).into()),
        }
    }

    /// Kills the app process with SIGKILL, as a crash would; the session is unusable after.
    pub fn kill_app(&self) -> Result<u32, HarnessError> {
        let found = crate::app_process::find(self.driver_pid(), &paths::app_binary());
        let [pid] = found[..] else {
            return Err(format!("expected one app process, found {found:?}").into());
        };
        crate::app_process::kill_hard(pid)?;
        Ok(pid)
    }
}
