//! The freedesktop Secret Service (GNOME Keyring, KWallet), spoken to in-process over D-Bus with
//! an encrypted session: no tool, no shell.
//!
//! The item carries the attributes `service=openai`, `org`, `project` and `key_id`, so any
//! Secret Service client (`secret-tool lookup service openai key_id …`) finds it, and it is
//! labelled with the entry path. An item with the same attributes is refused, not replaced; the
//! secret is read back before success is reported. An unlock prompt may be shown by the desktop;
//! it is dismissed after the tool time limit.

use std::collections::HashMap;

use dbus_secret_service::{Collection, EncryptionType, Error as SsError, SecretService};
use secrecy::{ExposeSecret, SecretString};

use super::{EntryPath, KeyFacts, VaultError, TOOL_TIME_LIMIT};

const TOOL: &str = "the Secret Service";

/// Stores `secret` in `collection` (by label; the default collection when `None`); returns
/// `collection › label`.
pub(super) fn store(
    secret: &SecretString,
    collection: Option<&str>,
    entry: &EntryPath,
    facts: &KeyFacts,
) -> Result<String, VaultError> {
    let service = SecretService::connect_with_max_prompt_timeout(
        EncryptionType::Dh,
        TOOL_TIME_LIMIT.as_secs(),
    )
    .map_err(not_running)?;
    let collection = find_collection(&service, collection)?;
    collection.ensure_unlocked().map_err(locked)?;
    let collection_label = collection
        .get_label()
        .unwrap_or_else(|_| "default".to_owned());
    let location = format!("{collection_label} › {entry}");
    let attributes = HashMap::from([
        ("service", "openai"),
        ("org", facts.org_id.as_str()),
        ("project", facts.project_id.as_str()),
        ("key_id", facts.key_id.as_str()),
    ]);
    let existing = collection
        .search_items(attributes.clone())
        .map_err(failed)?;
    if !existing.is_empty() {
        return Err(VaultError::EntryExists { location });
    }
    let item = collection
        .create_item(
            entry.as_str(),
            attributes,
            secret.expose_secret().as_bytes(),
            false,
            "text/plain",
        )
        .map_err(failed)?;
    let read_back = zeroize::Zeroizing::new(item.get_secret().map_err(failed)?);
    if read_back.as_slice() != secret.expose_secret().as_bytes() {
        return Err(VaultError::NotStored {
            tool: TOOL,
            location,
        });
    }
    Ok(location)
}

fn find_collection<'a>(
    service: &'a SecretService,
    label: Option<&str>,
) -> Result<Collection<'a>, VaultError> {
    let Some(label) = label.map(str::trim).filter(|label| !label.is_empty()) else {
        return service
            .get_default_collection()
            .map_err(|error| match error {
                SsError::NoResult => VaultError::NotReady {
                    what: "the Secret Service has no default collection".to_owned(),
                    fix: "name a collection, or create a default keyring in your desktop's \
                      password settings"
                        .to_owned(),
                },
                other => failed(other),
            });
    };
    for collection in service.get_all_collections().map_err(failed)? {
        if collection.get_label().is_ok_and(|found| found == label) {
            return Ok(collection);
        }
    }
    Err(VaultError::InvalidInput(format!(
        "the Secret Service has no collection named “{label}”"
    )))
}

fn not_running(error: SsError) -> VaultError {
    VaultError::NotReady {
        what: format!("no Secret Service answered ({error})"),
        fix: "start your desktop's keyring (GNOME Keyring or KWallet) or pick another vault"
            .to_owned(),
    }
}

fn locked(error: SsError) -> VaultError {
    match error {
        SsError::Prompt | SsError::Locked => VaultError::NotReady {
            what: "the collection is locked and was not unlocked".to_owned(),
            fix: "unlock it when your desktop asks, then send again".to_owned(),
        },
        other => failed(other),
    }
}

fn failed(error: SsError) -> VaultError {
    VaultError::ToolFailed {
        tool: TOOL,
        detail: super::error::tool_detail(error.to_string().as_bytes()),
    }
}
