//! A WebDriver session on the real Keywarden window.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

use crate::paths;

/// The error type of the harness: a message saying what failed.
pub type HarnessError = Box<dyn std::error::Error + Send + Sync>;

/// How long to wait for the window to show something.
pub const WAIT: Duration = Duration::from_secs(20);

/// A running app window driven over WebDriver. Dropping it stops tauri-driver (and the app).
pub struct Window {
    client: Client,
    driver: Child,
    config_dir: PathBuf,
}

impl Window {
    /// Builds the app if needed, starts tauri-driver and opens a session on a fresh window.
    pub async fn open() -> Result<Self, HarnessError> {
        build_app()?;
        let config_dir = match std::env::var_os("KEYWARDEN_CONFIG_DIR") {
            Some(dir) => PathBuf::from(dir),
            None => {
                let dir = std::env::temp_dir().join(format!(
                    "keywarden-e2e-{}-{}",
                    std::process::id(),
                    free_port()?
                ));
                std::fs::create_dir_all(&dir)?;
                std::env::set_var("KEYWARDEN_CONFIG_DIR", &dir);
                dir
            }
        };
        let port = free_port()?;
        let stderr_log = config_dir.join("app-stderr.log");
        let native_port = free_port()?;
        let driver = Command::new(paths::tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::from(std::fs::File::create(&stderr_log)?))
            .spawn()
            .map_err(|e| {
                format!("cannot start tauri-driver ({e}); run `make test` to install it")
            })?;
        let mut window_driver = DriverGuard(Some(driver));
        wait_for_status(port).await?;
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": paths::app_binary() }),
        );
        let client = connect(port, capabilities).await?;
        let driver = window_driver.0.take().ok_or("driver vanished")?;
        Ok(Self {
            client,
            driver,
            config_dir,
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

    /// The WebDriver client, for anything the helpers here don't cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Waits until an element matches `css`, then returns it.
    pub async fn wait_for(&self, css: &str) -> Result<Element, HarnessError> {
        let found = self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| format!("`{css}` did not appear within {WAIT:?}: {e}"))?;
        Ok(found)
    }

    /// Clicks the element matching `css`, finding it again if the page re-rendered it meanwhile.
    /// An armed button (`aria-disabled` while its dialog guards against stray input) is clicked
    /// once it has armed, as a person would.
    pub async fn click(&self, css: &str) -> Result<(), HarnessError> {
        self.wait_until_armed(css).await?;
        self.retry(
            css,
            |element| async move { element.click().await.map(drop) },
        )
        .await
    }

    /// Types into the element matching `css`, finding it again if it was re-rendered.
    pub async fn type_into(&self, css: &str, text: &str) -> Result<(), HarnessError> {
        self.retry(css, |element| async move { element.send_keys(text).await })
            .await
    }

    async fn retry<F, Fut>(&self, css: &str, act: F) -> Result<(), HarnessError>
    where
        F: Fn(Element) -> Fut,
        Fut: std::future::Future<Output = Result<(), fantoccini::error::CmdError>>,
    {
        let mut last = None;
        for _ in 0..10 {
            let element = self.wait_for(css).await?;
            match act(element).await {
                Ok(()) => return Ok(()),
                Err(error) => {
                    last = Some(error.to_string());
                    tokio::time::sleep(Duration::from_millis(150)).await;
                }
            }
        }
        Err(format!(
            "`{css}` kept changing under the pointer: {}",
            last.unwrap_or_default()
        )
        .into())
    }

    /// The text of every element matching `css`, read in one step (so a re-render between
    /// finding and reading can't make an element stale).
    pub async fn texts(&self, css: &str) -> Result<Vec<String>, HarnessError> {
        self.read_all(css, "(e) => e.textContent ?? ''").await
    }

    /// One attribute of every element matching `css`, read in one step.
    pub async fn attributes(&self, css: &str, name: &str) -> Result<Vec<String>, HarnessError> {
        let name = serde_json::to_string(name)?;
        self.read_all(css, &format!("(e) => e.getAttribute({name}) ?? ''"))
            .await
    }

    async fn read_all(&self, css: &str, read: &str) -> Result<Vec<String>, HarnessError> {
        let script = format!("return [...document.querySelectorAll(arguments[0])].map({read});");
        let found = self
            .client
            .execute(&script, vec![serde_json::json!(css)])
            .await?;
        Ok(serde_json::from_value(found)?)
    }

    /// Every element matching `css` right now.
    pub async fn all(&self, css: &str) -> Result<Vec<Element>, HarnessError> {
        Ok(self.client.find_all(Locator::Css(css)).await?)
    }

    /// The page source as the webview has it now.
    pub async fn source(&self) -> Result<String, HarnessError> {
        Ok(self.client.source().await?)
    }

    /// Saves a screenshot as `target/e2e/<name>.png` once the page has painted.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf, HarnessError> {
        self.client
            .execute_async(
                "const done = arguments[0]; \
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await?;
        let png = self.client.screenshot().await?;
        let dir = paths::screenshot_dir();
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Ends the session and stops the app and tauri-driver.
    pub async fn close(mut self) -> Result<(), HarnessError> {
        let closed = self.client.clone().close().await;
        let app = paths::app_binary();
        crate::app_process::stop_all(self.driver.id(), &app, Duration::from_secs(5));
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        closed.map_err(|e| format!("closing the session failed: {e}"))?;
        Ok(())
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        crate::app_process::stop_all(self.driver.id(), &paths::app_binary(), Duration::ZERO);
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

struct DriverGuard(Option<Child>);

impl Drop for DriverGuard {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
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

/// Opens the session. tauri-driver answers `/status` before WebKitWebDriver behind it is ready
/// (it then drops the request), so a failed attempt is retried a few times.
async fn connect(
    port: u16,
    capabilities: serde_json::Map<String, serde_json::Value>,
) -> Result<Client, HarnessError> {
    let mut last = String::new();
    for _ in 0..5 {
        let attempt = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        match attempt {
            Ok(client) => return Ok(client),
            Err(error) => last = error.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    Err(format!("cannot open a WebDriver session on the app: {last}").into())
}

fn free_port() -> Result<u16, HarnessError> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

async fn wait_for_status(port: u16) -> Result<(), HarnessError> {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if let Ok(mut stream) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            let request = format!(
                "GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
            );
            if stream.write_all(request.as_bytes()).await.is_ok() {
                let mut response = Vec::new();
                let _ = stream.read_to_end(&mut response).await;
                if response.starts_with(b"HTTP/1.1 200") {
                    return Ok(());
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("tauri-driver did not become ready on port {port} within {WAIT:?}").into())
}
