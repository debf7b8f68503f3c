//! Stateful fake of the OpenAI Administration API.
//!
//! It serves the key-management subset of `/v1/organization/...` on 127.0.0.1 with seeded,
//! deterministic data, so the client, the app and the demo organization can run without the real
//! API. Faults (rate limits, broken bodies, dropped connections, schema drift) can be injected per
//! request to test how callers cope.

mod auth;
mod error;
pub mod faults;
pub mod model;
mod pagination;
mod prng;
mod query;
mod routes;
pub mod seed;
mod server;
pub mod state;
mod usage;

pub use error::ApiError;
pub use faults::{Fault, FaultRule, RecordedRequest, RetryAfter};
pub use server::{FakeOptions, FakeServer};
pub use state::{redact, State};
