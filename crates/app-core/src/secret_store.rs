//! Where admin keys rest: the OS keychain, and nowhere else.
//!
//! [`SecretStore`] is the only way app-core persists a secret. The production implementation is
//! [`KeyringStore`] (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows);
//! [`MemoryStore`] exists for unit tests. There is deliberately no file-backed implementation: when
//! the keychain is unavailable the caller gets an actionable error, never a plaintext fallback.

use std::collections::HashMap;
use std::sync::Mutex;

use secrecy::{ExposeSecret, SecretString};

/// The keychain service name used by release builds.
pub const RELEASE_SERVICE: &str = "app.keywarden.desktop";
/// The keychain service name used by debug builds, so development never touches real entries.
pub const DEV_SERVICE: &str = "app.keywarden.desktop.dev";

/// The service name for this build kind.
pub fn default_service() -> &'static str {
    if cfg!(debug_assertions) {
        DEV_SERVICE
    } else {
        RELEASE_SERVICE
    }
}

/// Why the keychain could not be used, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretStoreError {
    /// No keychain service is reachable (on Linux: no Secret Service on the session bus).
    #[error(
        "no keychain is available ({detail}); install and unlock gnome-keyring or KeePassXC's \
         Secret Service, then try again"
    )]
    Unavailable {
        /// What the platform reported, without secrets.
        detail: String,
    },
    /// The keychain exists but is locked or refused access.
    #[error("the keychain is locked or refused access ({detail}); unlock it and try again")]
    Locked {
        /// What the platform reported, without secrets.
        detail: String,
    },
    /// The entry is not in the keychain (for example, removed outside Keywarden).
    #[error("the keychain has no entry for this organization")]
    Missing,
    /// The keychain rejected the entry or failed in another way.
    #[error("the keychain failed: {detail}")]
    Failed {
        /// What the platform reported, without secrets.
        detail: String,
    },
}

/// A place that keeps secrets by account name.
pub trait SecretStore: Send + Sync {
    /// Stores (or replaces) the secret for `account`.
    fn set(&self, account: &str, secret: &SecretString) -> Result<(), SecretStoreError>;
    /// Reads the secret for `account`; [`SecretStoreError::Missing`] when there is none.
    fn get(&self, account: &str) -> Result<SecretString, SecretStoreError>;
    /// Deletes the secret for `account`; deleting a missing entry succeeds.
    fn delete(&self, account: &str) -> Result<(), SecretStoreError>;
}

/// The OS keychain, through the `keyring` crate.
#[derive(Debug, Clone)]
pub struct KeyringStore {
    service: String,
}

impl KeyringStore {
    /// A store whose entries live under `service`.
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    /// The service name entries are stored under.
    pub fn service(&self) -> &str {
        &self.service
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry, SecretStoreError> {
        keyring::Entry::new(&self.service, account).map_err(map_keyring_error)
    }
}

impl SecretStore for KeyringStore {
    fn set(&self, account: &str, secret: &SecretString) -> Result<(), SecretStoreError> {
        self.entry(account)?
            .set_password(secret.expose_secret())
            .map_err(map_keyring_error)
    }

    fn get(&self, account: &str) -> Result<SecretString, SecretStoreError> {
        self.entry(account)?
            .get_password()
            .map(SecretString::from)
            .map_err(map_keyring_error)
    }

    fn delete(&self, account: &str) -> Result<(), SecretStoreError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(map_keyring_error(error)),
        }
    }
}

/// Maps a keyring failure to a situation with a remedy. Keyring errors never carry the secret.
fn map_keyring_error(error: keyring::Error) -> SecretStoreError {
    match error {
        keyring::Error::NoEntry => SecretStoreError::Missing,
        // Secret Service reports writing to a locked collection as a plain D-Bus error.
        keyring::Error::PlatformFailure(inner) if inner.to_string().contains("locked") => {
            SecretStoreError::Locked {
                detail: inner.to_string(),
            }
        }
        keyring::Error::PlatformFailure(inner) => SecretStoreError::Unavailable {
            detail: inner.to_string(),
        },
        keyring::Error::NoStorageAccess(inner) => SecretStoreError::Locked {
            detail: inner.to_string(),
        },
        other => SecretStoreError::Failed {
            detail: other.to_string(),
        },
    }
}

/// An in-memory store for unit tests. It never touches disk.
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, SecretString>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, SecretString>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl std::fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryStore")
            .field("entries", &self.entries().len())
            .finish()
    }
}

impl SecretStore for MemoryStore {
    fn set(&self, account: &str, secret: &SecretString) -> Result<(), SecretStoreError> {
        self.entries().insert(account.to_owned(), secret.clone());
        Ok(())
    }

    fn get(&self, account: &str) -> Result<SecretString, SecretStoreError> {
        self.entries()
            .get(account)
            .cloned()
            .ok_or(SecretStoreError::Missing)
    }

    fn delete(&self, account: &str) -> Result<(), SecretStoreError> {
        self.entries().remove(account);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_round_trips_and_deletes() {
        let store = MemoryStore::new();
        store
            .set("org", &SecretString::from("sk-admin-abc"))
            .unwrap();
        assert_eq!(store.get("org").unwrap().expose_secret(), "sk-admin-abc");
        store.delete("org").unwrap();
        assert_eq!(store.get("org").unwrap_err(), SecretStoreError::Missing);
        store.delete("org").unwrap();
    }

    #[test]
    fn memory_store_debug_shows_no_secret() {
        let store = MemoryStore::new();
        store
            .set("org", &SecretString::from("sk-admin-sentinel"))
            .unwrap();
        assert!(!format!("{store:?}").contains("sentinel"));
    }

    #[test]
    fn missing_secret_service_maps_to_an_actionable_error() {
        let error = map_keyring_error(keyring::Error::PlatformFailure("no bus".into()));
        let message = error.to_string();
        assert!(message.contains("gnome-keyring"), "{message}");
        assert!(matches!(error, SecretStoreError::Unavailable { .. }));
    }

    #[test]
    fn a_locked_collection_refusing_a_write_maps_to_locked() {
        let failure = "DBus error: Cannot create an item in a locked collection";
        let error = map_keyring_error(keyring::Error::PlatformFailure(failure.into()));
        assert!(
            matches!(error, SecretStoreError::Locked { .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains("unlock it"), "{error}");
    }

    #[test]
    fn debug_builds_use_a_separate_keychain_service() {
        assert_eq!(default_service(), DEV_SERVICE);
        assert_ne!(DEV_SERVICE, RELEASE_SERVICE);
    }
}
