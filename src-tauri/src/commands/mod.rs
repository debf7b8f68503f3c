//! The commands the webview may call. Each one converts DTOs, makes one app-core call, and
//! converts back; nothing here returns or emits a secret. Admin keys are read by Rust from the
//! clipboard or the environment, never passed in.

pub mod about;
pub mod export;
pub mod insight;
pub mod inventory;
pub mod keys;
pub mod organizations;
pub mod policy;
pub mod rotation;
pub mod session;
pub mod vault;

include!("names.rs");
