//! The bench of the vault hand-off tests: a key minted by the fake server and held by a
//! lifecycle, the minted value to compare against, throwaway vault homes, and a watch over every
//! process the test starts.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use app_core::key_lifecycle::{KeyLifecycle, OwningOrg, RevealId};
use app_core::vault_handoff::{Destination, EntryPath, Stored, VaultKind, VaultTools, VaultUnlock};
use fake_admin_api::FakeServer;

use crate::support::lifecycle::held_key;

static NEXT_ORG: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);

/// A key held by a lifecycle, as after *Create key*, and the value the server minted.
pub struct HeldKey {
    pub keys: KeyLifecycle,
    pub reveal_id: RevealId,
    pub minted: String,
    pub org: OwningOrg,
    _server: FakeServer,
}

impl HeldKey {
    pub async fn mint() -> Self {
        let (server, keys, reveal_id, minted) = held_key("req-vault").await;
        Self {
            keys,
            reveal_id,
            minted,
            org: OwningOrg {
                // Fake servers mint the same key ids; a vault shared by tests tells them apart
                // by organization.
                id: format!("org-vaulttest-{}", NEXT_ORG.fetch_add(1, Ordering::Relaxed)),
                name: "Vault Test".into(),
            },
            _server: server,
        }
    }

    /// Sends the held key, as the reveal dialog's *Send to vault* does.
    pub async fn send(
        &self,
        tools: &VaultTools,
        destination: &Destination,
        unlock: VaultUnlock,
    ) -> Result<Stored, app_core::key_lifecycle::LifecycleError> {
        self.keys
            .send_to_vault(&self.reveal_id, &self.org, tools, destination, unlock)
            .await
    }

    /// Sends the held key to `path` in a vault of `kind` (no password, no session) and expects a
    /// refusal that keeps the key held.
    pub async fn refused(
        &self,
        tools: &VaultTools,
        kind: VaultKind,
        path: &str,
    ) -> app_core::key_lifecycle::LifecycleError {
        let target = destination(kind, path);
        self.refused_with(tools, &target, VaultUnlock::default())
            .await
    }

    /// Sends the held key to `destination` with `unlock` and expects a refusal that keeps the
    /// key held.
    pub async fn refused_with(
        &self,
        tools: &VaultTools,
        destination: &Destination,
        unlock: VaultUnlock,
    ) -> app_core::key_lifecycle::LifecycleError {
        let error = self
            .send(tools, destination, unlock)
            .await
            .expect_err("the send is refused");
        assert!(self.still_held(), "a refused send keeps the key");
        error
    }

    /// Whether the lifecycle still holds the key (a failed send must leave it held).
    pub fn still_held(&self) -> bool {
        self.keys.masked(&self.reveal_id).is_ok()
    }
}

/// A destination of `kind` at `path`.
pub fn destination(kind: VaultKind, path: &str) -> Destination {
    Destination {
        kind,
        entry: EntryPath::parse(path).unwrap(),
        database: None,
        container: None,
    }
}

/// The tools on this machine's `PATH` with `extra` folders in front, stopped after `limit`.
pub fn tools_with(extra: &[&Path], limit: Duration) -> VaultTools {
    let mut folders: Vec<PathBuf> = extra.iter().map(|p| p.to_path_buf()).collect();
    folders.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    VaultTools::new(std::env::join_paths(folders).unwrap(), limit)
}

/// Fails with the package to install when a tool the suite needs is missing.
pub fn require(program: &str, package: &str) {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .output()
        .is_ok_and(|out| out.status.success());
    assert!(
        found,
        "{program} is needed: install the Debian package {package} (make test does)"
    );
}

/// What every process started by this test process looked like while it ran.
#[derive(Default)]
pub struct Seen {
    pub cmdlines: BTreeSet<Vec<u8>>,
    pub environs: BTreeSet<Vec<u8>>,
}

impl Seen {
    /// Whether any command line or environment contained `needle`.
    pub fn contains(&self, needle: &str) -> bool {
        let needle = needle.as_bytes();
        self.cmdlines
            .iter()
            .chain(self.environs.iter())
            .any(|seen| seen.windows(needle.len()).any(|window| window == needle))
    }

    /// Whether a command line mentioned `program`.
    pub fn ran(&self, program: &str) -> bool {
        self.cmdlines
            .iter()
            .any(|line| String::from_utf8_lossy(line).contains(program))
    }
}

/// Reads `/proc/<pid>/cmdline` and `/proc/<pid>/environ` of every descendant of this process,
/// over and over, until stopped: a secret in argv or the environment of any child Keywarden
/// started (or of its children, such as `pass` → `gpg`) is seen.
pub struct ChildWatch {
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<Seen>,
}

impl ChildWatch {
    pub fn start() -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let thread = std::thread::spawn(move || {
            let me = std::process::id();
            let mut seen = Seen::default();
            while !stopping.load(Ordering::Relaxed) {
                for pid in descendants(me) {
                    let dir = PathBuf::from(format!("/proc/{pid}"));
                    if let Ok(line) = std::fs::read(dir.join("cmdline")) {
                        seen.cmdlines.insert(line);
                    }
                    if let Ok(environ) = std::fs::read(dir.join("environ")) {
                        seen.environs.insert(environ);
                    }
                }
            }
            seen
        });
        Self { stop, thread }
    }

    pub fn finish(self) -> Seen {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap()
    }
}

fn descendants(root: u32) -> Vec<u32> {
    let mut parents: HashMap<u32, u32> = HashMap::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // The command name is in parentheses and may contain spaces: fields follow the last ')'.
        let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
        if let Some(ppid) = after.split_whitespace().nth(1).and_then(|p| p.parse().ok()) {
            parents.insert(pid, ppid);
        }
    }
    parents
        .keys()
        .copied()
        .filter(|&pid| {
            let mut at = pid;
            for _ in 0..64 {
                match parents.get(&at) {
                    Some(&parent) if parent == root => return true,
                    Some(&parent) if parent > 1 => at = parent,
                    _ => return false,
                }
            }
            false
        })
        .collect()
}
