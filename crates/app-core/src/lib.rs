//! Keywarden's use cases, independent of any UI toolkit.
//!
//! This crate owns the organizations, their admin keys (through [`SecretStore`]), the settings
//! file, and every operation the desktop shell exposes. It depends on no webview code, so it
//! builds and tests on a machine without WebKit.

pub mod admin_key_health;
pub mod admin_key_input;
pub mod clipboard;
pub mod config;
pub mod demo;
mod error;
pub mod insights;
pub mod inventory;
pub mod key_actions;
pub mod key_lifecycle;
pub mod keywarden;
mod lost_keys;
pub mod org_setup;
pub mod organizations;
pub mod secret_store;

pub use admin_key_input::KeySource;
pub use config::{Config, ConfigStore};
pub use error::Error;
pub use keywarden::{Keywarden, StartOptions, DEMO_ORG_ID};
pub use org_setup::{AdminKeyAccepted, NewOrganization};
pub use organizations::{OrgId, OrgKind, OrgStatus, Organization};
pub use secret_store::{KeyringStore, MemoryStore, SecretStore, SecretStoreError};
