//! The checks that nothing changed: a snapshot of everything a refused row must leave as it was
//! (the keychain, the settings folder, the clipboard, the organizations, both fake servers'
//! objects, the held new keys), and the requests both fake servers have received.

use std::collections::BTreeMap;

use app_core::clipboard::Clipboard;
use fake_admin_api::FakeServer;
use secrecy::ExposeSecret;

use crate::bench::Bench;

impl Bench {
    pub fn snapshot(&self) -> Snapshot {
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(self.dir.path()).into_iter().flatten() {
            let Ok(entry) = entry else { continue };
            let name = entry.file_name().to_string_lossy().into_owned();
            files.insert(name, std::fs::read(entry.path()).unwrap_or_default());
        }
        let text = self.clipboard.read_text().ok().flatten();
        Snapshot {
            secrets: self.store.entries().clone(),
            files,
            clipboard_kind: format!("{:?}", self.clipboard),
            clipboard_text: text.map(|t| t.expose_secret().to_owned()),
            orgs: self
                .keywarden
                .list_organizations()
                .into_iter()
                .map(|o| format!("{} {} {:?}", o.id, o.label, o.status))
                .collect(),
            demo: Objects::of(self.demo_server()),
            remote: Objects::of(&self.remote),
            pending_reveals: self.keywarden.pending_new_keys().len(),
        }
    }

    /// Every request either server has received, as `demo GET /v1/…` or `remote POST /v1/…`.
    pub fn requests(&self) -> Vec<String> {
        let tagged = |tag: &str, server: &FakeServer| -> Vec<String> {
            let requests = server.requests();
            let lines = requests
                .iter()
                .map(|r| format!("{tag} {} {}", r.method, r.path));
            lines.collect()
        };
        let mut all = tagged("demo", self.demo_server());
        all.extend(tagged("remote", &self.remote));
        all
    }
}

/// The objects of a fake organization, by id.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Objects {
    projects: Vec<String>,
    service_accounts: Vec<String>,
    api_keys: Vec<String>,
    admin_keys: Vec<String>,
}

impl Objects {
    fn of(server: &FakeServer) -> Self {
        let state = server.state();
        Objects {
            projects: state.projects.iter().map(|p| p.id.clone()).collect(),
            service_accounts: state
                .service_accounts
                .iter()
                .map(|s| s.account.id.clone())
                .collect(),
            api_keys: state.api_keys.iter().map(|k| k.key.id.clone()).collect(),
            admin_keys: state.admin_keys.iter().map(|k| k.key.id.clone()).collect(),
        }
    }
}

/// Everything a refused input must leave as it was.
pub struct Snapshot {
    secrets: BTreeMap<String, String>,
    files: BTreeMap<String, Vec<u8>>,
    clipboard_kind: String,
    clipboard_text: Option<String>,
    orgs: Vec<String>,
    demo: Objects,
    remote: Objects,
    pending_reveals: usize,
}

impl Snapshot {
    /// Whether the clipboard holds no text.
    pub fn clipboard_is_empty(&self) -> bool {
        self.clipboard_text.is_none()
    }

    /// What differs from `before`, by name (never by content: the clipboard may hold a key).
    pub fn changes_since(&self, before: &Snapshot) -> Vec<&'static str> {
        let mut changed = Vec::new();
        if self.secrets != before.secrets {
            changed.push("the keychain");
        }
        if self.files != before.files {
            changed.push("the settings folder");
        }
        if self.clipboard_kind != before.clipboard_kind
            || self.clipboard_text != before.clipboard_text
        {
            changed.push("the clipboard");
        }
        if self.orgs != before.orgs {
            changed.push("the organizations");
        }
        if self.demo != before.demo {
            changed.push("the demo server's objects");
        }
        if self.remote != before.remote {
            changed.push("the remote server's objects");
        }
        if self.pending_reveals != before.pending_reveals {
            changed.push("the held new keys");
        }
        changed
    }
}
