//! The organizations measured: the fake Admin API's own binary serving a seeded organization
//! on loopback, and the client-only time to fetch its whole inventory (the `openai-admin`
//! `inventory` example, the same fan-out the app uses, run as its own process).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use keywarden_e2e::driver::HarnessError;

/// A running fake organization. Dropping it stops the server.
pub struct FakeOrg {
    child: Child,
    /// The API base URL (`http://127.0.0.1:PORT/v1`).
    pub base_url: String,
    /// Its admin key (a fake one).
    pub admin_key: String,
}

impl Drop for FakeOrg {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `fake-admin-api --port 0 --projects N --keys-per-project K` and reads where it
/// listens and its admin key from its first two lines.
pub fn start(
    binary: &Path,
    projects: usize,
    keys_per_project: usize,
) -> Result<FakeOrg, HarnessError> {
    let mut child = Command::new(binary)
        .args(["--port", "0", "--projects", &projects.to_string()])
        .args(["--keys-per-project", &keys_per_project.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let stdout = child.stdout.take().ok_or("the fake server has no stdout")?;
    let mut org = FakeOrg {
        child,
        base_url: String::new(),
        admin_key: String::new(),
    };
    let mut lines = BufReader::new(stdout).lines();
    for _ in 0..2 {
        let line = lines
            .next()
            .ok_or("the fake server ended before announcing itself")??;
        if let Some(url) = line.strip_prefix("listening on ") {
            org.base_url = format!("{}/v1", url.trim());
        } else if let Some(key) = line.strip_prefix("admin key: ") {
            org.admin_key = key.trim().to_owned();
        }
    }
    if org.base_url.is_empty() || org.admin_key.is_empty() {
        return Err("the fake server did not say where it listens".into());
    }
    Ok(org)
}

/// Runs the client-only inventory example against `org` once; wall time in ms (process spawn
/// to exit, its JSON output discarded).
pub fn client_only_inventory(example: &Path, org: &FakeOrg) -> Result<f64, HarnessError> {
    let started = Instant::now();
    let status = Command::new(example)
        .args(["--base-url", &org.base_url])
        .env("OPENAI_ADMIN_KEY", &org.admin_key)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .status()
        .map_err(|e| format!("cannot run {}: {e}", example.display()))?;
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    if !status.success() {
        return Err(format!("the inventory example failed ({status})").into());
    }
    Ok(elapsed)
}
