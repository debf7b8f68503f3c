//! `pass`, the standard Unix password manager: `pass insert --multiline -- <path>` with the
//! secret on stdin.
//!
//! On a stdin that is not a terminal, `pass insert` overwrites an existing entry without asking,
//! so Keywarden looks for the entry's file in the store first and refuses. Reading the entry back
//! would need the user's GnuPG passphrase, so success is confirmed by the encrypted file being
//! there afterwards.

use std::path::PathBuf;

use secrecy::SecretString;

use super::{EntryPath, VaultError, VaultTools};

/// How to install `pass`.
pub(super) const INSTALL: &str = "sudo apt install pass, then pass init <your GnuPG key id>";

/// Stores `secret` as `path` in the password store; returns the entry path.
pub(super) async fn store(
    tools: &VaultTools,
    secret: &SecretString,
    path: &EntryPath,
) -> Result<String, VaultError> {
    let program = tools.require("pass", INSTALL)?;
    let store = store_folder(tools)?;
    if !store.join(".gpg-id").is_file() {
        return Err(VaultError::NotReady {
            what: format!("the password store {} is not set up", store.display()),
            fix: "run “pass init <your GnuPG key id>” in a terminal first".to_owned(),
        });
    }
    let entry_file = entry_file(&store, path);
    let location = path.to_string();
    if entry_file.exists() {
        return Err(VaultError::EntryExists {
            location: format!("pass entry {location}"),
        });
    }
    let output = tools
        .command("pass", &program)
        .arg("insert")
        .arg("--multiline")
        .arg("--")
        .arg(path.as_str())
        .stdin_line(secret)
        .run()
        .await?;
    if !output.success {
        if output.says("no public key") || output.says("unusable public key") {
            return Err(VaultError::NotReady {
                what: "GnuPG could not encrypt for the key the password store uses".to_owned(),
                fix: "check “pass init” names a GnuPG key you have (gpg --list-keys)".to_owned(),
            });
        }
        return Err(VaultError::ToolFailed {
            tool: "pass",
            detail: output.detail(),
        });
    }
    let written = std::fs::metadata(&entry_file).is_ok_and(|file| file.len() > 0);
    if !written {
        return Err(VaultError::NotStored {
            tool: "pass",
            location,
        });
    }
    Ok(location)
}

/// `$PASSWORD_STORE_DIR`, or `~/.password-store`.
fn store_folder(tools: &VaultTools) -> Result<PathBuf, VaultError> {
    if let Some(folder) = tools.var("PASSWORD_STORE_DIR") {
        return Ok(PathBuf::from(folder));
    }
    let home = tools.var("HOME").ok_or_else(|| VaultError::NotReady {
        what: "the password store cannot be found (HOME is not set)".to_owned(),
        fix: "set PASSWORD_STORE_DIR to your password store".to_owned(),
    })?;
    Ok(PathBuf::from(home).join(".password-store"))
}

fn entry_file(store: &std::path::Path, path: &EntryPath) -> PathBuf {
    let mut file = store.to_path_buf();
    for folder in path.folders() {
        file.push(folder);
    }
    file.push(format!("{}.gpg", path.name()));
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_a_gpg_file_under_its_folders() {
        let path = EntryPath::parse("OpenAI/Acme/ci deploy").unwrap();
        let file = entry_file(std::path::Path::new("/store"), &path);
        assert_eq!(file, PathBuf::from("/store/OpenAI/Acme/ci deploy.gpg"));
    }
}
