//! Driving the session's real gnome-keyring from outside Keywarden: `secret-tool` to list and
//! clear entries, `busctl` to lock the login collection and read whether it is locked, a fresh
//! `gnome-keyring-daemon` to unlock it again, and the limits that keep a hung keychain or a leaked
//! key from going unnoticed.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The password `scripts/desktop-session.sh` unlocks the test keyring with.
const KEYRING_PASSWORD: &str = "keywarden-test";
const LOGIN_COLLECTION: &str = "/org/freedesktop/secrets/collection/login";
/// No call to the real keychain may take longer than this.
pub const HANG_LIMIT: Duration = Duration::from_secs(10);

/// Runs a command under `timeout`, returning its status and stdout + stderr.
#[allow(clippy::expect_used)]
pub fn run(program: &str, args: &[&str], stdin: Option<&str>) -> (bool, String) {
    use std::io::Write;
    let limit = HANG_LIMIT.as_secs().to_string();
    let mut child = Command::new("timeout")
        .arg(&limit)
        .arg(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} cannot run: {e}"));
    if let Some(mut pipe) = child.stdin.take() {
        if let Some(text) = stdin {
            pipe.write_all(text.as_bytes()).expect("stdin");
        }
    }
    let output = child.wait_with_output().expect("output");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

/// What `secret-tool search --all service <service>` lists (attributes, and secrets of
/// unlocked items).
pub fn secret_tool_search(service: &str) -> String {
    run(
        "secret-tool",
        &["search", "--all", "service", service],
        None,
    )
    .1
}

/// Whether the login collection is locked, as the daemon answers now: `None` when no daemon
/// answers (one is being replaced), which is neither.
pub fn login_collection_state() -> Option<bool> {
    let (_, text) = run(
        "busctl",
        &[
            "--user",
            "get-property",
            "org.freedesktop.secrets",
            LOGIN_COLLECTION,
            "org.freedesktop.Secret.Collection",
            "Locked",
        ],
        None,
    );
    match text.trim() {
        "b true" => Some(true),
        "b false" => Some(false),
        _ => None,
    }
}

/// Whether the login collection is locked (a daemon that does not answer counts as locked:
/// nothing can be read from it).
pub fn login_collection_locked() -> bool {
    login_collection_state() != Some(false)
}

/// Locks the login collection through the Secret Service `Lock` method (which needs no prompt).
pub fn lock_login_collection() -> String {
    let (_, text) = run(
        "busctl",
        &[
            "--user",
            "call",
            "org.freedesktop.secrets",
            "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service",
            "Lock",
            "ao",
            "1",
            LOGIN_COLLECTION,
        ],
        None,
    );
    text
}

/// Unlocks the login collection again when dropped, even if the test failed.
///
/// The Secret Service `Unlock` method would need a prompter, so a fresh daemon replaces the
/// running one and unlocks the keyring with the session's password, as the session script did.
pub struct UnlockWhenDone;

impl UnlockWhenDone {
    pub fn unlock() -> (bool, String) {
        let password = std::env::var("KEYWARDEN_TEST_KEYRING_PASSWORD")
            .unwrap_or_else(|_| KEYRING_PASSWORD.to_owned());
        let args = [
            "--replace",
            "--unlock",
            "--components=secrets",
            "--daemonize",
        ];
        let result = run("gnome-keyring-daemon", &args, Some(&password));
        // The old daemon hands the bus name over to the new one; only the new one's own
        // "unlocked" answer means the keyring can be read (a busy machine takes a while).
        for _ in 0..200 {
            if login_collection_state() == Some(false) {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        result
    }
}

impl Drop for UnlockWhenDone {
    fn drop(&mut self) {
        let (ok, text) = Self::unlock();
        if !ok || login_collection_locked() {
            eprintln!("could not unlock the test keyring again: {text}");
        }
    }
}

/// Runs `work` on its own thread and fails if it takes longer than [`HANG_LIMIT`], so a keychain
/// that waits for an unlock prompt nobody can answer fails the test instead of hanging it.
pub fn within_limit<T: Send + 'static>(what: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(work());
    });
    match result.recv_timeout(HANG_LIMIT) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what} hung for more than {HANG_LIMIT:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what} panicked"),
    }
}

/// Files under `root` whose bytes contain `needle` (symlinks and huge files skipped).
pub fn files_containing(root: &Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() && entry.metadata().is_ok_and(|m| m.len() < 16 << 20) {
                let bytes = std::fs::read(&path).unwrap_or_default();
                if bytes
                    .windows(needle.len())
                    .any(|window| window == needle.as_bytes())
                {
                    found.push(path.display().to_string());
                }
            }
        }
    }
    found
}
