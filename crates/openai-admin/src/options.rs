//! Tunables of a [`Client`](crate::Client): timeouts, retries, the pagination guard, the cap on
//! response bodies, and the retry-sleep seam.

use std::sync::Arc;
use std::time::Duration;

use crate::retry::{Sleeper, TokioSleeper};

/// Options for [`Client::new`](crate::Client::new). Start from `Default` and override fields.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Maximum time to establish a connection (default 10 s).
    pub connect_timeout: Duration,
    /// Maximum time for one attempt, from connecting to the end of the body (default 30 s).
    pub timeout: Duration,
    /// Automatic retries of idempotent requests (GET, DELETE) after a retryable failure
    /// (default 2). POST requests are never retried.
    pub max_retries: u32,
    /// Maximum pages a listing fetches before it stops with [`ErrorKind::Pagination`]
    /// (default 1000).
    ///
    /// [`ErrorKind::Pagination`]: crate::ErrorKind::Pagination
    pub max_pages: usize,
    /// The largest response body read (default [`DEFAULT_MAX_RESPONSE_BYTES`], 32 MiB); a larger
    /// one fails with [`ErrorKind::ResponseTooLarge`] without being read further.
    ///
    /// [`ErrorKind::ResponseTooLarge`]: crate::ErrorKind::ResponseTooLarge
    pub max_response_bytes: usize,
    /// How the client waits between retries; tests substitute a recording sleeper.
    pub sleeper: Arc<dyn Sleeper>,
}

/// The default cap on a response body: 32 MiB, far above any page the Admin API sends.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_retries: 2,
            max_pages: 1000,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            sleeper: Arc::new(TokioSleeper),
        }
    }
}
