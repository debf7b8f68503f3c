//! Starting a window the way the benchmark measures it: through tauri-driver (as the E2E suites
//! do, so both windows carry the same automation), behind a two-line shell wrapper that writes
//! the process id and the wall-clock time of the spawn and then execs the program (same pid).
//! Also the memory of a running window: the PSS of its process and every descendant (the
//! WebKit web and network processes), from `/proc/<pid>/smaps_rollup`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use keywarden_e2e::driver::HarnessError;
use keywarden_e2e::Window;

/// A window under measurement.
pub struct Launched {
    /// The WebDriver session on it.
    pub window: Window,
    /// The program's process id.
    pub pid: u32,
    /// When the process was spawned, Unix epoch milliseconds.
    pub spawned_at_ms: f64,
}

/// Launches `program` in a fresh WebDriver session; page-side waits may take `limit`.
pub async fn launch(
    program: &Path,
    work: &Path,
    limit: Duration,
) -> Result<Launched, HarnessError> {
    let serial = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_nanos();
    let stamp = work.join(format!("spawn-{serial}.txt"));
    let wrapper = work.join(format!("launch-{serial}.sh"));
    let quoted = |path: &Path| -> Result<String, HarnessError> {
        let text = path.display().to_string();
        if text.contains('\'') {
            return Err(format!("paths with quotes are not supported: {text}").into());
        }
        Ok(format!("'{text}'"))
    };
    let script = format!(
        "#!/bin/sh\necho \"$$ $(date +%s%N)\" > {}\nexec {} \"$@\"\n",
        quoted(&stamp)?,
        quoted(program)?
    );
    std::fs::write(&wrapper, script)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755))?;
    }
    let mut window = Window::open_application(&wrapper).await?;
    window.set_wait_limit(limit);
    let written = std::fs::read_to_string(&stamp)?;
    let mut fields = written.split_whitespace();
    let pid = fields.next().ok_or("no pid")?.parse()?;
    let nanos: f64 = fields.next().ok_or("no spawn time")?.parse()?;
    Ok(Launched {
        window,
        pid,
        spawned_at_ms: nanos / 1e6,
    })
}

/// Ends a launch: closes the session (which ends the program); if that does not finish within
/// a minute, the program is killed by its id.
pub async fn close(launched: Launched) {
    let pid = launched.pid;
    let closed = tokio::time::timeout(Duration::from_secs(60), launched.window.close()).await;
    if !matches!(closed, Ok(Ok(()))) {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    }
}

/// The PSS of `root` and all its descendants, in bytes, and how many processes that was.
pub fn tree_pss(root: u32) -> std::io::Result<(u64, usize)> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for entry in std::fs::read_dir("/proc")?.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        if let Some(parent) = parent_of(pid) {
            children.entry(parent).or_default().push(pid);
        }
    }
    let (mut total, mut count, mut queue) = (0, 0, vec![root]);
    while let Some(pid) = queue.pop() {
        if let Some(pss) = pss_kib(pid) {
            total += pss * 1024;
            count += 1;
        }
        queue.extend(children.get(&pid).into_iter().flatten());
    }
    Ok((total, count))
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(PathBuf::from(format!("/proc/{pid}/stat"))).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(1)?.parse().ok()
}

fn pss_kib(pid: u32) -> Option<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let line = rollup.lines().find(|line| line.starts_with("Pss:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
