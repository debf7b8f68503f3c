//! The processes behind a WebDriver session, found in tauri-driver's process tree: the app, so a
//! test can kill it the way a crash or a power cut would (SIGKILL: no handler, no clean-up
//! runs) or signal it the way a logout or a terminal would, and WebKitWebDriver, so ending a
//! session leaves nothing running.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::driver::HarnessError;
use crate::{paths, Window};

/// The parent pid and state letter of a process, from `/proc/<pid>/stat`.
fn stat(pid: u32) -> Option<(u32, char)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &text[text.rfind(')')? + 2..];
    let mut fields = after_name.split_whitespace();
    let state = fields.next()?.chars().next()?;
    let parent = fields.next()?.parse().ok()?;
    Some((parent, state))
}

fn is_descendant(mut pid: u32, ancestor: u32) -> bool {
    for _ in 0..64 {
        match stat(pid) {
            Some((parent, _)) if parent == ancestor => return true,
            Some((parent, _)) if parent > 1 => pid = parent,
            _ => return false,
        }
    }
    false
}

fn exe(pid: u32) -> Option<PathBuf> {
    std::fs::read_link(format!("/proc/{pid}/exe")).ok()
}

/// The live processes below `ancestor` that run `binary`.
pub fn find(ancestor: u32, binary: &Path) -> Vec<u32> {
    let binary = binary
        .canonicalize()
        .unwrap_or_else(|_| binary.to_path_buf());
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| exe(*pid).is_some_and(|path| path == binary))
        .filter(|pid| stat(*pid).is_some_and(|(_, state)| state != 'Z'))
        .filter(|pid| is_descendant(*pid, ancestor))
        .collect()
}

/// Every live process below `ancestor` (children first found, in /proc order).
pub fn descendants(ancestor: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| stat(*pid).is_some_and(|(_, state)| state != 'Z'))
        .filter(|pid| is_descendant(*pid, ancestor))
        .collect()
}

/// Sends SIGKILL to `pid` and waits until it has died (gone, or a zombie awaiting its parent).
pub fn kill_hard(pid: u32) -> Result<(), HarnessError> {
    let status = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()?;
    if !status.success() {
        return Err(format!("kill -KILL {pid} failed ({status})").into());
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        match stat(pid) {
            None | Some((_, 'Z')) => return Ok(()),
            Some(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    Err(format!("process {pid} did not die within 10 s of SIGKILL").into())
}

/// Ends every process below `ancestor`: waits up to `grace` for the app (`binary`) to exit by
/// itself, then kills what is left (WebKitWebDriver, and the app if it is still running).
pub fn stop_all(ancestor: u32, binary: &Path, grace: Duration) {
    let deadline = Instant::now() + grace;
    while Instant::now() < deadline && !find(ancestor, binary).is_empty() {
        std::thread::sleep(Duration::from_millis(100));
    }
    for pid in descendants(ancestor) {
        let _ = kill_hard(pid);
    }
}

/// Waits up to `limit` for `pid` to end (gone, or a zombie awaiting its parent); returns
/// whether it did.
pub fn wait_exit(pid: u32, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if matches!(stat(pid), None | Some((_, 'Z'))) {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// How long a launch may take to show its window before the test fails instead of waiting.
const LAUNCH_LIMIT: Duration = Duration::from_secs(180);

/// Why a launch did not give a session.
#[derive(Debug)]
pub(crate) enum Launch {
    /// The drivers failed before the app ever ran (a port, WebKitWebDriver), or the port
    /// WebKitWebDriver chose for the app was taken: worth starting them again.
    DriversFailed(String),
    /// The app ran and the session still did not open: the app's failure, reported as is.
    AppFailed(String),
}

impl std::fmt::Display for Launch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Launch::DriversFailed(message) | Launch::AppFailed(message) => f.write_str(message),
        }
    }
}

/// The last lines of the log the drivers and the app write to.
fn log_tail(stderr_log: &Path) -> String {
    let log = std::fs::read_to_string(stderr_log).unwrap_or_default();
    let tail: Vec<&str> = log.lines().rev().take(15).collect();
    tail.into_iter().rev().collect::<Vec<_>>().join("\n")
}

/// What WebKit prints when the port WebKitWebDriver picked for the app (by binding port 0 and
/// letting it go) was taken by another process before the app could bind it. WebKitWebDriver
/// then waits for a browser that can never answer: the drivers' failure, not the app's.
const INSPECTOR_PORT_TAKEN: &str = "Failed to start remote inspector server";

fn inspector_port_taken(stderr_log: &Path) -> bool {
    std::fs::read_to_string(stderr_log).is_ok_and(|log| log.contains(INSPECTOR_PORT_TAKEN))
}

/// Waits for `session` while watching the launch: if the app started and exited before the
/// session opened (WebKitWebDriver would wait for it forever), or the window has not come
/// within `LAUNCH_LIMIT`, fails with the end of the app's log. A session that failed before
/// the app was ever seen running, or an app that could not bind the automation port
/// WebKitWebDriver gave it, is the drivers' failure.
pub(crate) async fn launched<T>(
    session: impl std::future::Future<Output = Result<T, HarnessError>>,
    driver_pid: u32,
    application: &Path,
    stderr_log: &Path,
) -> Result<T, Launch> {
    let started = Instant::now();
    let seen = std::cell::Cell::new(false);
    let watch = async {
        loop {
            tokio::time::sleep(Duration::from_millis(250)).await;
            let running = !find(driver_pid, application).is_empty();
            if seen.get() && !running {
                return Launch::AppFailed(format!(
                    "the app exited before its window opened; its log ends:\n{}",
                    log_tail(stderr_log)
                ));
            }
            seen.set(seen.get() || running);
            if inspector_port_taken(stderr_log) {
                return Launch::DriversFailed(format!(
                    "{INSPECTOR_PORT_TAKEN}: another process took the port WebKitWebDriver \
                     chose for the app's automation; its log ends:\n{}",
                    log_tail(stderr_log)
                ));
            }
            if started.elapsed() > LAUNCH_LIMIT {
                return Launch::AppFailed(format!(
                    "the app window did not open within 180 s; its log ends:\n{}",
                    log_tail(stderr_log)
                ));
            }
        }
    };
    tokio::select! {
        opened = session => opened.map_err(|error| {
            let ran = seen.get() || !find(driver_pid, application).is_empty();
            let message = format!("{error}; the log ends:\n{}", log_tail(stderr_log));
            if ran && !inspector_port_taken(stderr_log) {
                Launch::AppFailed(message)
            } else {
                Launch::DriversFailed(message)
            }
        }),
        failure = watch => Err(failure),
    }
}

impl Window {
    /// The pid of the app process behind this session.
    pub fn app_pid(&self) -> Result<u32, HarnessError> {
        let found = find(self.driver_pid(), &paths::app_binary());
        let [pid] = found[..] else {
            return Err(format!("expected one app process, found {found:?}").into());
        };
        Ok(pid)
    }

    /// Sends `signal` (`TERM`, `INT`, `HUP`, …) to the app process, as a logout, Ctrl+C or a
    /// closed terminal would; returns its pid.
    pub fn signal_app(&self, signal: &str) -> Result<u32, HarnessError> {
        let pid = self.app_pid()?;
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()?;
        if !status.success() {
            return Err(format!("kill -{signal} {pid} failed ({status})").into());
        }
        Ok(pid)
    }

    /// Kills the app process with SIGKILL, as a crash would, and returns once it has died (its
    /// files and D-Bus connection closed), so the next launch never meets a dying instance; the
    /// session is unusable after.
    pub fn kill_app(&self) -> Result<u32, HarnessError> {
        let found = find(self.driver_pid(), &paths::app_binary());
        let [pid] = found[..] else {
            return Err(format!("expected one app process, found {found:?}").into());
        };
        kill_hard(pid)?;
        if !wait_exit(pid, Duration::from_secs(60)) {
            return Err(format!("the app (pid {pid}) was still running 60 s after SIGKILL").into());
        }
        Ok(pid)
    }
}
