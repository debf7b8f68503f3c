//! The macOS Keychain or Windows Credential Manager, in-process through `keyring`: a generic
//! password with the service `OpenAI API key` and the entry path as its account, separate from
//! Keywarden's own entries (which hold admin keys under Keywarden's service name).
//!
//! An existing entry is refused; the password is read back before success is reported.

use keyring::Entry;
use secrecy::{ExposeSecret, SecretString};

use super::{EntryPath, VaultError};

/// The service name of the entries made here.
pub(super) const SERVICE: &str = "OpenAI API key";

const TOOL: &str = "the system keychain";

/// Stores `secret` under `entry`; returns `OpenAI API key › entry`.
pub(super) fn store(secret: &SecretString, entry: &EntryPath) -> Result<String, VaultError> {
    let location = format!("{SERVICE} › {entry}");
    let item = Entry::new(SERVICE, entry.as_str()).map_err(failed)?;
    match item.get_password() {
        Ok(_) => return Err(VaultError::EntryExists { location }),
        Err(keyring::Error::NoEntry) => {}
        Err(other) => return Err(failed(other)),
    }
    item.set_password(secret.expose_secret()).map_err(failed)?;
    let read_back = zeroize::Zeroizing::new(item.get_password().map_err(failed)?);
    if read_back.as_str() != secret.expose_secret() {
        return Err(VaultError::NotStored {
            tool: TOOL,
            location,
        });
    }
    Ok(location)
}

fn failed(error: keyring::Error) -> VaultError {
    VaultError::ToolFailed {
        tool: TOOL,
        detail: super::error::tool_detail(error.to_string().as_bytes()),
    }
}
