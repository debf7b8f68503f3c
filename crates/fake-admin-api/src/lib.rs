//! Stateful fake of the OpenAI Administration API.
//!
//! It serves the key-management subset of `/v1/organization/...` on 127.0.0.1 with seeded,
//! deterministic data, so the client, the app and the demo organization can run without the real
//! API. Faults (rate limits, broken bodies, dropped connections, schema drift) can be injected per
//! request to test how callers cope.
//!
//! ```no_run
//! use fake_admin_api::{FakeOptions, FakeServer, Fault, FaultRule, RetryAfter};
//!
//! # async fn demo() -> std::io::Result<()> {
//! let server = FakeServer::start(FakeOptions::default()).await?;
//! let (base_url, admin_key) = (server.base_url(), server.admin_key());
//! server.inject(
//!     FaultRule::new(Fault::Status { status: 429, retry_after: Some(RetryAfter::Seconds(1)) })
//!         .on_path("/api_keys")
//!         .times(2),
//! );
//! let first_project = server.state().projects(false)[0].id.clone();
//! # let _ = (base_url, admin_key, first_project);
//! server.shutdown().await;
//! # Ok(())
//! # }
//! ```

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
pub use server::{
    FakeOptions, FakeServer, MAX_RECORDED_BODY, MAX_RECORDED_BYTES, MAX_RECORDED_REQUESTS,
};
pub use state::{redact, ExpiryPolicies, KeyPolicy, State};
