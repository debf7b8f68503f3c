//! Bitwarden, through its CLI: `bw create item` with the item as base64-encoded JSON on stdin
//! (what `bw encode` would produce), never as the argument `bw` also accepts.
//!
//! The session token the user gives (`bw unlock --raw`) reaches `bw` as `BW_SESSION` in its own
//! environment only. A login item with the same name is refused.

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::tool_run::{ToolCommand, ToolOutput};
use super::{EntryPath, KeyFacts, VaultError, VaultTools};

/// How to get `bw`.
pub(super) const INSTALL: &str =
    "install the Bitwarden CLI from bitwarden.com/download, then bw login and bw unlock";

const TOOL: &str = "bw";

#[derive(Serialize)]
struct Item<'a> {
    #[serde(rename = "type")]
    kind: u8,
    name: &'a str,
    notes: &'a str,
    login: Login<'a>,
}

#[derive(Serialize)]
struct Login<'a> {
    username: &'a str,
    password: &'a str,
}

#[derive(Deserialize)]
struct Listed {
    name: String,
}

#[derive(Deserialize)]
struct Created {
    id: String,
}

/// Creates a login item named `entry`; returns `item <id>`.
pub(super) async fn store(
    tools: &VaultTools,
    secret: &SecretString,
    session: Option<SecretString>,
    entry: &EntryPath,
    facts: &KeyFacts,
) -> Result<String, VaultError> {
    let program = tools.require(TOOL, INSTALL)?;
    let session = session.filter(|token| !token.expose_secret().trim().is_empty());
    let command = || {
        let command = tools.command(TOOL, &program);
        match &session {
            Some(token) => command.bw_session(token.clone()),
            None => command,
        }
    };

    let listed = with_args(command(), &["list", "items", "--search", entry.as_str()])
        .run()
        .await?;
    refuse_locked(&listed)?;
    if !listed.success {
        return Err(failed(&listed));
    }
    let items: Vec<Listed> =
        serde_json::from_slice(&listed.stdout).map_err(|_| VaultError::ToolFailed {
            tool: TOOL,
            detail: "its list of items could not be read".to_owned(),
        })?;
    if items.iter().any(|item| item.name == entry.as_str()) {
        return Err(VaultError::EntryExists {
            location: format!("the Bitwarden item “{entry}”"),
        });
    }

    let note = facts.note();
    let item = Item {
        kind: 1,
        name: entry.as_str(),
        notes: &note,
        login: Login {
            username: &facts.key_id,
            password: secret.expose_secret(),
        },
    };
    let mut json = Zeroizing::new(Vec::with_capacity(1024));
    serde_json::to_writer(&mut *json, &item).map_err(|error| VaultError::ToolFailed {
        tool: TOOL,
        detail: format!("the item could not be written: {error}"),
    })?;
    let encoded = base64(&json);
    let created = with_args(command(), &["create", "item"])
        .stdin_bytes(&encoded)
        .run()
        .await?;
    refuse_locked(&created)?;
    if !created.success {
        return Err(failed(&created));
    }
    let answer: Created =
        serde_json::from_slice(&created.stdout).map_err(|_| VaultError::NotStored {
            tool: TOOL,
            location: format!("the Bitwarden item “{entry}”"),
        })?;
    Ok(format!("item {}", answer.id))
}

fn with_args(mut command: ToolCommand, args: &[&str]) -> ToolCommand {
    for arg in args {
        command = command.arg(arg);
    }
    command
}

fn refuse_locked(output: &ToolOutput) -> Result<(), VaultError> {
    if output.says("not logged in") || output.says("vault is locked") {
        return Err(VaultError::NotReady {
            what: "the Bitwarden vault is locked or logged out".to_owned(),
            fix: "run “bw unlock --raw” in a terminal and paste its session token here".to_owned(),
        });
    }
    Ok(())
}

fn failed(output: &ToolOutput) -> VaultError {
    VaultError::ToolFailed {
        tool: TOOL,
        detail: output.detail(),
    }
}

/// Standard base64 with padding, into a buffer that is wiped when dropped.
fn base64(bytes: &[u8]) -> Zeroizing<Vec<u8>> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Zeroizing::new(Vec::with_capacity(bytes.len().div_ceil(3) * 4));
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].iter().enumerate() {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> shift) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(&base64(b"")[..], b"");
        assert_eq!(&base64(b"f")[..], b"Zg==");
        assert_eq!(&base64(b"fo")[..], b"Zm8=");
        assert_eq!(&base64(b"foo")[..], b"Zm9v");
        assert_eq!(&base64(b"{\"a\":\"sk-?>\"}")[..], b"eyJhIjoic2stPz4ifQ==");
    }
}
