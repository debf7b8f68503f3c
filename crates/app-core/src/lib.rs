//! Keywarden's use cases, independent of any UI toolkit.
//!
//! [`Keywarden`] is the registry of organizations; [`Org`] is the handle to one of them, and its
//! methods are the use cases the desktop shell exposes (one file each under `org/`). The crate
//! owns the admin keys (through [`SecretStore`]), the settings file and the inventory caches. It
//! depends on no webview code, so it builds and tests on a machine without WebKit.

pub mod admin_key_health;
pub mod admin_key_input;
mod admin_key_intake;
pub mod clipboard;
pub mod config;
pub mod demo;
mod error;
mod error_summary;
pub mod folders;
pub mod hygiene;
pub mod inventory_store;
pub mod key_destination;
pub mod key_export;
pub mod key_lifecycle;
pub mod key_policy;
pub mod key_rotation;
pub mod key_usage;
mod keywarden;
mod lost_keys;
pub mod org;
mod org_setup;
pub mod organizations;
mod preferences;
mod record_file;
mod rotations_in_progress;
pub mod secret_fingerprint;
pub mod secret_store;
mod services;
pub mod vault_handoff;

pub use admin_key_input::KeySource;
pub use config::{Config, ConfigStore};
pub use error::Error;
pub use key_destination::{DeclineOtherHosts, EnvironmentKey, HostConfirmation};
pub use keywarden::{Keywarden, StartOptions, DEMO_ORG_ID};
pub use org::Org;
pub use org_setup::{AdminKeyAccepted, NewOrganization};
pub use organizations::{OrgId, OrgKind, OrgStatus, Organization};
pub use rotations_in_progress::RotationInProgress;
pub use secret_store::{KeyringStore, MemoryStore, SecretStore, SecretStoreError};
