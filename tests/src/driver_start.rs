//! Starting tauri-driver and the session on the app's window.
//!
//! tauri-driver needs two ports (its own and WebKitWebDriver's). They are chosen outside the
//! kernel's ephemeral range, so no other process — a fake server, a test running beside, an
//! outgoing connection — can be given one between the moment it is found free and the moment
//! tauri-driver binds it. If the session still cannot be opened *before the app ever ran* (the
//! drivers, not the app, failed), tauri-driver is started again on other ports; a failure once
//! the app has run is the app's and is reported at once.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::error::NewSessionError;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;

use crate::app_process::{self, Launch};
use crate::driver::HarnessError;
use crate::paths;

/// How long tauri-driver may take to come up.
const DRIVER_START: Duration = Duration::from_secs(60);

/// How many times tauri-driver is started when the drivers (never the app) fail.
const DRIVER_STARTS: usize = 3;

/// How often a session request lost between tauri-driver and WebKitWebDriver is sent again.
const RESENDS: usize = 3;

/// Ports below the kernel's ephemeral range (32768–60999 by default) and above the well-known
/// services a desktop runs.
const PORT_RANGE: std::ops::Range<u16> = 20_000..32_000;

/// A running tauri-driver whose session is open on the app.
pub(crate) struct Started {
    pub(crate) client: Client,
    pub(crate) driver: Child,
}

/// Starts tauri-driver on `application` and opens a session, starting the drivers again (on
/// other ports) when they failed before the app ran. Their output goes to `stderr_log`.
pub(crate) async fn start(application: &Path, stderr_log: &Path) -> Result<Started, HarnessError> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let port = unused_port(&[])?;
        let native_port = unused_port(&[port])?;
        let mut driver = DriverGuard(Some(spawn_driver(port, native_port, stderr_log)?));
        let opened = match wait_for_status(port).await {
            Ok(()) => {
                let pid = driver.0.as_ref().map_or(0, Child::id);
                app_process::launched(new_session(port, application), pid, application, stderr_log)
                    .await
            }
            Err(message) => Err(Launch::DriversFailed(message)),
        };
        match opened {
            Ok(client) => {
                let driver = driver.0.take().ok_or("tauri-driver vanished")?;
                return Ok(Started { client, driver });
            }
            Err(Launch::DriversFailed(message)) if attempt < DRIVER_STARTS => {
                eprintln!(
                    "the drivers failed, not the app ({message}); starting tauri-driver again \
                     on other ports"
                );
            }
            Err(failure) => return Err(failure.to_string().into()),
        }
    }
}

fn spawn_driver(port: u16, native_port: u16, stderr_log: &Path) -> Result<Child, HarnessError> {
    Command::new(paths::tauri_driver())
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::from(std::fs::File::create(stderr_log)?))
        .spawn()
        .map_err(|e| {
            format!("cannot start tauri-driver ({e}); run `make test` to install it").into()
        })
}

/// Kills tauri-driver (and so WebKitWebDriver) unless the session was handed on.
struct DriverGuard(Option<Child>);

impl Drop for DriverGuard {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let pid = child.id();
            let descendants = app_process::descendants(pid);
            for descendant in &descendants {
                let _ = app_process::kill_hard(*descendant);
            }
            let _ = child.kill();
            let _ = child.wait();
            // A dying app still holds the single-instance name and the log; the next start
            // must not meet it.
            for descendant in descendants {
                app_process::wait_exit(descendant, Duration::from_secs(60));
            }
        }
    }
}

/// A port in [`PORT_RANGE`] that is free now and not in `taken`.
fn unused_port(taken: &[u16]) -> Result<u16, HarnessError> {
    let span = u64::from(PORT_RANGE.end - PORT_RANGE.start);
    for tried in 0..200u64 {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(tried);
        let offset = u16::try_from(hasher.finish() % span).unwrap_or(0);
        let port = PORT_RANGE.start + offset;
        if !taken.contains(&port) && TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return Ok(port);
        }
    }
    Err(format!(
        "no free port between {} and {}",
        PORT_RANGE.start, PORT_RANGE.end
    )
    .into())
}

/// Opens the WebDriver session, sending the request again if tauri-driver lost it.
async fn new_session(port: u16, application: &Path) -> Result<Client, HarnessError> {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": application }),
    );
    let mut attempt = 0;
    loop {
        let opened = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        match opened {
            Err(NewSessionError::FailedC(_) | NewSessionError::Lost(_)) if attempt < RESENDS => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            opened => {
                return opened
                    .map_err(|e| format!("cannot open a WebDriver session on the app: {e}").into())
            }
        }
    }
}

async fn wait_for_status(port: u16) -> Result<(), String> {
    let deadline = Instant::now() + DRIVER_START;
    while Instant::now() < deadline {
        if status_is_ok(port).await {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!(
        "tauri-driver did not become ready on port {port} within {DRIVER_START:?}"
    ))
}

/// Asks `/status` and reads just the status line. No `Connection: close`: tauri-driver would
/// pass it on, and the connection WebKitWebDriver then closes could be the pooled one its next
/// command (the new session) is sent on.
async fn status_is_ok(port: u16) -> bool {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let Ok(mut stream) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await else {
        return false;
    };
    let request = format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    if stream.write_all(request.as_bytes()).await.is_err() {
        return false;
    }
    let mut response = Vec::new();
    let mut chunk = [0u8; 256];
    while response.len() < 12 {
        match tokio::time::timeout(Duration::from_secs(5), stream.read(&mut chunk)).await {
            Ok(Ok(read)) if read > 0 => response.extend_from_slice(&chunk[..read]),
            _ => return false,
        }
    }
    response.starts_with(b"HTTP/1.1 200")
}
