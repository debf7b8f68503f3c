//! A WebDriver session on the real Keywarden window: starting and stopping it, and whole-page
//! reads. Waits, reads of elements and input live in `page` and `input`; every one of them is a
//! single page-side step, so nothing here ever holds an element handle.

use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::Duration;

use fantoccini::error::CmdError;
use fantoccini::wd::TimeoutConfiguration;
use fantoccini::Client;

use crate::paths;

/// The error type of the harness: a message saying what failed.
pub type HarnessError = Box<dyn std::error::Error + Send + Sync>;

/// How long a page-side wait may take by default. Waits end as soon as their condition holds, so
/// this ceiling costs nothing when things work; it is long so a busy machine never trips it.
pub const WAIT: Duration = Duration::from_secs(120);

/// WebDriver's own limit for one script: above any page-side limit a caller may set, so the
/// page's clearer message always comes first.
const SCRIPT_LIMIT: Duration = Duration::from_secs(30 * 60);

/// A running app window driven over WebDriver. Dropping it stops tauri-driver (and the app).
pub struct Window {
    client: Client,
    driver: Child,
    config_dir: PathBuf,
    application: PathBuf,
    pub(crate) wait: Duration,
}

impl Window {
    /// Builds the app if needed, starts tauri-driver and opens a session on a fresh window.
    pub async fn open() -> Result<Self, HarnessError> {
        build_app()?;
        Self::open_application(&paths::app_binary()).await
    }

    /// Starts tauri-driver and opens a session on the window of `application` (the app, a
    /// wrapper that execs it, or another Tauri program such as the bare benchmark window).
    pub async fn open_application(application: &std::path::Path) -> Result<Self, HarnessError> {
        let config_dir = match std::env::var_os("KEYWARDEN_CONFIG_DIR") {
            Some(dir) => PathBuf::from(dir),
            None => {
                let dir = std::env::temp_dir().join(format!(
                    "keywarden-e2e-{}-{}",
                    std::process::id(),
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |t| t.subsec_nanos())
                ));
                std::fs::create_dir_all(&dir)?;
                std::env::set_var("KEYWARDEN_CONFIG_DIR", &dir);
                dir
            }
        };
        let stderr_log = config_dir.join("app-stderr.log");
        let crate::driver_start::Started { client, driver } =
            crate::driver_start::start(application, &stderr_log).await?;
        let timeouts = TimeoutConfiguration::new(Some(SCRIPT_LIMIT), None, Some(Duration::ZERO));
        resend(|| client.update_timeouts(timeouts.clone()))
            .await
            .map_err(|e| format!("cannot set the session's script limit: {e}"))?;
        Ok(Self {
            client,
            driver,
            config_dir,
            application: application.to_path_buf(),
            wait: WAIT,
        })
    }

    /// The settings folder this app instance uses (fresh per test process unless the test set
    /// `KEYWARDEN_CONFIG_DIR` itself).
    pub fn config_dir(&self) -> &std::path::Path {
        &self.config_dir
    }

    /// The pid of tauri-driver; the app runs below it.
    pub fn driver_pid(&self) -> u32 {
        self.driver.id()
    }

    /// The program the session drives (the app binary unless a test chose another).
    pub fn application(&self) -> &std::path::Path {
        &self.application
    }

    /// The WebDriver client, for anything the helpers here don't cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// How long each page-side wait may take before it fails (default [`WAIT`]).
    pub fn wait_limit(&self) -> Duration {
        self.wait
    }

    /// Changes how long page-side waits may take (benchmarks allow minutes).
    pub fn set_wait_limit(&mut self, limit: Duration) {
        self.wait = limit;
    }

    /// Runs a script in the page and returns its value (one step; hold no element across it).
    pub async fn run(
        &self,
        script: &str,
        args: Vec<serde_json::Value>,
    ) -> Result<serde_json::Value, HarnessError> {
        Ok(resend(|| self.client.execute(script, args.clone())).await?)
    }

    /// Every IPC payload the page sent and received, as JSON (`null` unless the app was built
    /// with the `e2e-hooks` recorder).
    pub async fn recorded_ipc(&self) -> Result<String, HarnessError> {
        let script = "return JSON.stringify(window.__KEYWARDEN_IPC__ || null)";
        let ipc = self.run(script, vec![]).await?;
        Ok(ipc.as_str().unwrap_or_default().to_owned())
    }

    /// Runs an async script in the page (its last argument is the callback) and returns what it
    /// passed to the callback.
    pub async fn run_async(
        &self,
        script: &str,
        args: Vec<serde_json::Value>,
    ) -> Result<serde_json::Value, HarnessError> {
        Ok(resend(|| self.client.execute_async(script, args.clone())).await?)
    }

    /// Saves a screenshot as `target/e2e/<name>.png` once the page has painted.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf, HarnessError> {
        self.run_async(
            "const done = arguments[0]; \
             requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        )
        .await?;
        let png = resend(|| self.client.screenshot()).await?;
        let dir = paths::screenshot_dir();
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Ends the session and stops the app and tauri-driver.
    pub async fn close(mut self) -> Result<(), HarnessError> {
        let closed = self.client.clone().close().await;
        crate::app_process::stop_all(self.driver.id(), &self.application, Duration::from_secs(5));
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        closed.map_err(|e| format!("closing the session failed: {e}"))?;
        Ok(())
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        crate::app_process::stop_all(self.driver.id(), &self.application, Duration::ZERO);
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// How often a command lost between tauri-driver and WebKitWebDriver is sent again.
const RESENDS: usize = 3;

/// Runs a WebDriver command, again if tauri-driver lost it on the way. tauri-driver forwards
/// over pooled connections without retrying; when WebKitWebDriver has closed an idle one, the
/// next command fails before WebKitWebDriver ever sees it (more often on a loaded machine).
pub(crate) async fn resend<T, F, Fut>(mut command: F) -> Result<T, CmdError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, CmdError>>,
{
    let mut attempt = 0;
    loop {
        match command().await {
            Err(CmdError::FailedC(_) | CmdError::Lost(_)) if attempt < RESENDS => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            done => return done,
        }
    }
}

/// Builds the app binary (a no-op when it is up to date), unless `KEYWARDEN_APP_BIN` names one.
fn build_app() -> Result<(), HarnessError> {
    if std::env::var_os("KEYWARDEN_APP_BIN").is_some() {
        return Ok(());
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "-p", "keywarden"])
        .current_dir(paths::workspace_root())
        .status()?;
    if !status.success() {
        return Err(format!("building the app failed ({status})").into());
    }
    Ok(())
}
