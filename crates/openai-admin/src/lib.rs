//! Typed client for the OpenAI Administration API (key management).
//!
//! This crate is the boundary between Keywarden and the network: it holds the admin key, decides
//! where it may be sent, and turns every response into typed values or an [`Error`] that never
//! contains a response body or a secret.
//!
//! ```no_run
//! # async fn run() -> Result<(), openai_admin::Error> {
//! use openai_admin::{ApiKeyListParams, Client, ClientOptions, ProjectListParams};
//! use secrecy::SecretString;
//!
//! let key = SecretString::from("sk-admin-...");
//! let client = Client::new("https://api.openai.com/v1", key, ClientOptions::default())?;
//! let params = ProjectListParams { include_archived: true, ..Default::default() };
//! for project in client.projects().list_all(&params).await? {
//!     let keys = client.project(&project.id).api_keys().list_all(&ApiKeyListParams::default());
//!     println!("{}: {} keys", project.id, keys.await?.len());
//! }
//! # Ok(())
//! # }
//! ```

mod api_error;
mod client;
mod decode;
mod endpoint;
mod error;
mod input;
mod inventory;
mod options;
mod pagination;
mod query;
mod resources;
mod retry;
mod transport;
pub mod types;

pub use api_error::{scrub_keys, ApiFailure};
pub use client::Client;
pub use decode::{DecodeCategory, DecodeFailure};
pub use error::{size_in_words, Error, ErrorKind, TransportFailure};
pub use input::{MAX_LIST_LIMIT, MAX_NAME_CHARS};
pub use inventory::{fetch_inventory, Inventory, InventoryOptions, Progress, ProjectInventory};
pub use options::{ClientOptions, DEFAULT_MAX_RESPONSE_BYTES};
pub use resources::*;
pub use retry::{Sleeper, TokioSleeper, MAX_RETRY_AFTER};
pub use types::*;
