//! Searching the places a secret could leak to: files under a folder, and captured text.

use std::path::Path;

use fake_admin_api::FakeServer;

/// How much was searched and what was found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Sweep {
    /// Places (files or captured texts) searched.
    pub places: usize,
    /// Bytes searched.
    pub bytes: u64,
    /// `place: secret-label` for every hit.
    pub hits: Vec<String>,
}

/// Every key value `server` minted and its admin key, each with a label for a sweep's findings.
pub fn fake_secrets(server: &FakeServer) -> Vec<(String, String)> {
    let minted = server.state().minted_values().into_iter().enumerate();
    let mut secrets: Vec<(String, String)> = minted
        .map(|(i, value)| (format!("minted value {i}"), value))
        .collect();
    secrets.push(("admin key".into(), server.admin_key()));
    secrets
}

/// Searches what a window session left — its page sources, the IPC payloads it recorded, its
/// config folder — for every secret of `server`.
pub fn sweep_session(
    server: &FakeServer,
    sources: &[String],
    ipc: &str,
    config_dir: &Path,
) -> Sweep {
    let secrets = fake_secrets(server);
    let mut sweep = Sweep::default();
    for (i, source) in sources.iter().enumerate() {
        sweep.text(&format!("page source {i}"), source.as_bytes(), &secrets);
    }
    sweep.text("IPC payloads", ipc.as_bytes(), &secrets);
    sweep.folder(config_dir, &secrets);
    sweep
}

impl Sweep {
    /// Searches one captured text (a page source, an IPC payload, a log) for every secret.
    pub fn text(&mut self, place: &str, text: &[u8], secrets: &[(String, String)]) {
        self.places += 1;
        self.bytes += text.len() as u64;
        for (label, secret) in secrets {
            if !secret.is_empty() && contains(text, secret.as_bytes()) {
                self.hits.push(format!("{place}: {label}"));
            }
        }
    }

    /// Searches every regular file under `root` (following no links) for every secret.
    pub fn folder(&mut self, root: &Path, secrets: &[(String, String)]) {
        let Ok(entries) = std::fs::read_dir(root) else {
            return;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            if kind.is_dir() {
                self.folder(&path, secrets);
            } else if kind.is_file() {
                if let Ok(bytes) = std::fs::read(&path) {
                    self.text(&path.display().to_string(), &bytes, secrets);
                }
            }
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.len() <= haystack.len() && haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seeded_leak_is_found_and_a_clean_text_is_not() {
        let secrets = vec![("admin key".to_owned(), "sk-admin-SEEDED".to_owned())];
        let mut sweep = Sweep::default();
        sweep.text("clean", b"nothing here", &secrets);
        assert!(sweep.hits.is_empty());
        sweep.text("leaky", b"<td>sk-admin-SEEDED</td>", &secrets);
        assert_eq!(sweep.hits, ["leaky: admin key"]);
        assert_eq!(sweep.places, 2);
    }

    #[test]
    fn files_in_nested_folders_are_searched() {
        let dir = std::env::temp_dir().join(format!("kw-sweep-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("a/b")).unwrap();
        std::fs::write(dir.join("a/b/c.db"), b"xx sk-admin-SEEDED xx").unwrap();
        let mut sweep = Sweep::default();
        sweep.folder(&dir, &[("k".into(), "sk-admin-SEEDED".into())]);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(sweep.hits.len(), 1);
    }
}
