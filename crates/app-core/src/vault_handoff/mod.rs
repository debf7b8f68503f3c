//! Handing a new key straight to the user's password manager, so it never has to touch the
//! clipboard.
//!
//! Keywarden holds the secret in Rust; here it goes to the vault's own tool **on stdin**
//! (`pass`, `keepassxc-cli`, `op`, `bw`) or through an in-process API (the Secret Service on
//! Linux, the macOS Keychain and Windows Credential Manager through `keyring`). It never appears
//! in a command line, an environment variable, a temporary file or a log, and a vault whose tool
//! would need it in argv is not offered. Each destination refuses to overwrite an existing entry
//! and, where the vault allows it, reads the entry back before reporting success.
//!
//! Which vaults exist on this machine is [`offers`]; sending is [`send`]. The reveal vault
//! (`key_lifecycle`) calls [`send`] and remembers where the key went.

mod bitwarden;
mod entry_path;
mod error;
mod keepassxc;
mod one_password;
#[cfg(any(target_os = "macos", target_os = "windows"))]
mod os_keychain;
mod pass;
#[cfg(target_os = "linux")]
mod secret_service;
mod tool_run;
mod vault_tools;

use std::path::PathBuf;

use secrecy::SecretString;
use serde::{Deserialize, Serialize};

pub use entry_path::{EntryPath, MAX_ENTRY_PATH_CHARS};
pub use error::VaultError;
pub use vault_tools::{VaultTools, TOOL_TIME_LIMIT};

/// A kind of password manager Keywarden can hand a key to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum VaultKind {
    /// `pass`, the standard Unix password manager (GnuPG-encrypted files).
    Pass,
    /// A KeePassXC database, through `keepassxc-cli`.
    KeepassXc,
    /// The freedesktop Secret Service (GNOME Keyring, KWallet), in-process.
    SecretService,
    /// 1Password, through its CLI `op`.
    OnePassword,
    /// Bitwarden, through its CLI `bw`.
    Bitwarden,
    /// The macOS Keychain or Windows Credential Manager, in-process.
    OsKeychain,
}

impl VaultKind {
    /// Every kind, in the order they are offered.
    pub const ALL: [VaultKind; 6] = [
        VaultKind::Pass,
        VaultKind::KeepassXc,
        VaultKind::SecretService,
        VaultKind::OnePassword,
        VaultKind::Bitwarden,
        VaultKind::OsKeychain,
    ];

    /// The name people know it by.
    pub fn label(self) -> &'static str {
        match self {
            VaultKind::Pass => "pass",
            VaultKind::KeepassXc => "KeePassXC",
            VaultKind::SecretService => "Secret Service (GNOME Keyring, KWallet)",
            VaultKind::OnePassword => "1Password",
            VaultKind::Bitwarden => "Bitwarden",
            VaultKind::OsKeychain if cfg!(target_os = "macos") => "macOS Keychain",
            VaultKind::OsKeychain => "Windows Credential Manager",
        }
    }
}

/// A vault as offered in the reveal dialog: whether it can be used here, and what it asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultOffer {
    /// The kind of vault.
    pub kind: VaultKind,
    /// Its name.
    pub label: &'static str,
    /// Whether it can be used on this machine now.
    pub available: bool,
    /// Why not, and how to get it, when it cannot.
    pub unavailable_reason: Option<String>,
    /// Whether a database file must be chosen (KeePassXC).
    pub needs_database: bool,
    /// Whether the vault's password must be typed (KeePassXC).
    pub needs_password: bool,
    /// Whether a session token may be given (Bitwarden's `BW_SESSION`).
    pub accepts_session: bool,
}

/// Where to put a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    /// The vault.
    pub kind: VaultKind,
    /// The entry's path (folders and name; the title in 1Password and Bitwarden).
    pub entry: EntryPath,
    /// The KeePassXC database file.
    pub database: Option<PathBuf>,
    /// The Secret Service collection's label (the default collection when `None`), or the
    /// 1Password vault's name.
    pub container: Option<String>,
}

/// What unlocks the vault for this one hand-off; dropped (wiped) right after.
#[derive(Debug, Default)]
pub struct VaultUnlock {
    /// The KeePassXC database password.
    pub password: Option<SecretString>,
    /// A Bitwarden session token (`bw unlock --raw`).
    pub session: Option<SecretString>,
}

/// What is known about the key being stored, for the entry's notes and attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFacts {
    /// The organization's id.
    pub org_id: String,
    /// The organization's name.
    pub org_name: String,
    /// The project's id.
    pub project_id: String,
    /// The key's id.
    pub key_id: String,
}

impl KeyFacts {
    /// A one-line note for the vault entry (no secret).
    pub(crate) fn note(&self) -> String {
        format!(
            "OpenAI API key {} of project {} in {} ({}), stored by Keywarden",
            self.key_id, self.project_id, self.org_name, self.org_id
        )
    }
}

/// Where a key went: shown to the user and kept in the activity log (never the value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stored {
    /// The vault.
    pub kind: VaultKind,
    /// The entry: a path, an item id or an `op://` reference.
    pub location: String,
}

/// The vaults this machine offers, each with whether it can be used.
pub fn offers(tools: &VaultTools) -> Vec<VaultOffer> {
    VaultKind::ALL
        .iter()
        .map(|&kind| {
            let unavailable_reason = unavailable_reason(kind, tools);
            VaultOffer {
                kind,
                label: kind.label(),
                available: unavailable_reason.is_none(),
                unavailable_reason,
                needs_database: kind == VaultKind::KeepassXc,
                needs_password: kind == VaultKind::KeepassXc,
                accepts_session: kind == VaultKind::Bitwarden,
            }
        })
        .collect()
}

fn unavailable_reason(kind: VaultKind, tools: &VaultTools) -> Option<String> {
    let tool = |program: &'static str, install: &'static str| {
        tools
            .find(program)
            .is_none()
            .then(|| format!("{program} is not installed ({install})"))
    };
    match kind {
        VaultKind::Pass => tool("pass", pass::INSTALL),
        VaultKind::KeepassXc => tool("keepassxc-cli", keepassxc::INSTALL),
        VaultKind::OnePassword => tool("op", one_password::INSTALL),
        VaultKind::Bitwarden => tool("bw", bitwarden::INSTALL),
        VaultKind::SecretService if cfg!(target_os = "linux") => None,
        VaultKind::SecretService => Some("the Secret Service exists only on Linux".to_owned()),
        VaultKind::OsKeychain if cfg!(any(target_os = "macos", target_os = "windows")) => None,
        VaultKind::OsKeychain => Some("on Linux, use the Secret Service instead".to_owned()),
    }
}

/// Stores `secret` at `destination`, refusing to overwrite an entry, and checks it arrived where
/// the vault allows reading it back.
pub async fn send(
    tools: &VaultTools,
    secret: &SecretString,
    destination: &Destination,
    unlock: VaultUnlock,
    facts: &KeyFacts,
) -> Result<Stored, VaultError> {
    let entry = &destination.entry;
    let location = match destination.kind {
        VaultKind::Pass => pass::store(tools, secret, entry).await?,
        VaultKind::KeepassXc => {
            let database = destination.database.as_deref().ok_or_else(|| {
                VaultError::InvalidInput("choose the KeePassXC database file".to_owned())
            })?;
            let password = unlock.password.ok_or_else(|| {
                VaultError::InvalidInput("type the KeePassXC database password".to_owned())
            })?;
            keepassxc::store(tools, secret, database, &password, entry, facts).await?
        }
        VaultKind::OnePassword => {
            let vault = destination.container.as_deref();
            one_password::store(tools, secret, vault, entry, facts).await?
        }
        VaultKind::Bitwarden => {
            bitwarden::store(tools, secret, unlock.session, entry, facts).await?
        }
        VaultKind::SecretService => secret_service_store(secret, destination, facts).await?,
        VaultKind::OsKeychain => os_keychain_store(secret, entry).await?,
    };
    Ok(Stored {
        kind: destination.kind,
        location,
    })
}

#[cfg(target_os = "linux")]
async fn secret_service_store(
    secret: &SecretString,
    destination: &Destination,
    facts: &KeyFacts,
) -> Result<String, VaultError> {
    let secret = secret.clone();
    let collection = destination.container.clone();
    let entry = destination.entry.clone();
    let facts = facts.clone();
    tokio::task::spawn_blocking(move || {
        secret_service::store(&secret, collection.as_deref(), &entry, &facts)
    })
    .await
    .map_err(|error| VaultError::ToolFailed {
        tool: "the Secret Service",
        detail: format!("the request was interrupted: {error}"),
    })?
}

#[cfg(not(target_os = "linux"))]
async fn secret_service_store(
    _: &SecretString,
    _: &Destination,
    _: &KeyFacts,
) -> Result<String, VaultError> {
    Err(VaultError::InvalidInput(
        "the Secret Service exists only on Linux".to_owned(),
    ))
}

#[cfg(any(target_os = "macos", target_os = "windows"))]
async fn os_keychain_store(secret: &SecretString, entry: &EntryPath) -> Result<String, VaultError> {
    let secret = secret.clone();
    let entry = entry.clone();
    tokio::task::spawn_blocking(move || os_keychain::store(&secret, &entry))
        .await
        .map_err(|error| VaultError::ToolFailed {
            tool: "the system keychain",
            detail: format!("the request was interrupted: {error}"),
        })?
}

#[cfg(not(any(target_os = "macos", target_os = "windows")))]
async fn os_keychain_store(_: &SecretString, _: &EntryPath) -> Result<String, VaultError> {
    Err(VaultError::InvalidInput(
        "on Linux, send the key to the Secret Service instead".to_owned(),
    ))
}
