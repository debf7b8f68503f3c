//! Keywarden's use cases, independent of any UI toolkit.
//!
//! This crate owns the organizations, their admin keys (through [`SecretStore`]), and every
//! operation the desktop shell exposes. It depends on no webview code, so it builds and tests on
//! a machine without WebKit.

pub mod demo;
mod error;
pub mod keywarden;
pub mod organizations;
pub mod secret_store;

pub use error::Error;
pub use keywarden::{Keywarden, StartOptions, DEMO_ORG_ID};
pub use organizations::{OrgId, OrgKind, Organization};
pub use secret_store::{KeyringStore, MemoryStore, SecretStore, SecretStoreError};
