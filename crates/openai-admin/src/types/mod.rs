//! Wire types of the Admin API, one file per resource.
//!
//! Decoding is lenient by design: unknown fields are ignored, every enum is open, and fields the
//! spec calls required but real responses omit are `Option` with a default. Only identity
//! fields (`id`, mostly `created_at`) are strictly required.

pub(crate) mod lenient;
pub(crate) mod open_enum;
pub(crate) mod wire;

mod admin_api_keys;
mod api_keys;
mod audit_logs;
mod ids;
mod list;
mod projects;
mod service_accounts;
mod usage;
mod usage_counts;
mod usage_kind;
mod users;

pub use admin_api_keys::*;
pub use api_keys::*;
pub use audit_logs::*;
pub use ids::*;
pub use list::*;
pub use projects::*;
pub use service_accounts::*;
pub use usage::*;
pub use usage_counts::UsageCounts;
pub use usage_kind::UsageKind;
pub use users::*;
