//! The loopback HTTP server: accepts connections on 127.0.0.1, records requests when asked (with
//! when they were received and answered, bounded), applies latency and faults, hands requests to the router, and
//! stamps every response with a fresh `x-request-id`, as the real API does.
//!
//! It drives hyper directly (rather than `axum::serve`) so that faults can close a connection
//! without any response, which `axum::serve` cannot express.

mod connection;
mod key_policy;
mod request_log;
mod traffic;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::faults::{FaultBook, FaultRule, RecordedRequest};
use crate::prng::{hash_str, mix, Prng};
use crate::routes::{router, Shared};
use crate::seed;
use crate::state::{wall_clock, State};
use connection::accept_loop;
use request_log::RequestLog;
pub use request_log::{MAX_RECORDED_BODY, MAX_RECORDED_BYTES, MAX_RECORDED_REQUESTS};

/// How to start a fake server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeOptions {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Seed of the generated organization.
    pub seed: u64,
    /// Number of seeded projects.
    pub projects: usize,
    /// Number of seeded keys per project.
    pub keys_per_project: usize,
    /// The bootstrap admin key; generated when `None`.
    pub admin_key: Option<String>,
    /// Unix seconds that seeded timestamps are relative to; the current time when `None`.
    pub now: Option<i64>,
    /// The organization's key expiry policy: new keys must expire within this many days, and
    /// updates may not set a longer expiry. `None`: no policy.
    pub expiry_policy_max_days: Option<u32>,
    /// Whether to keep the requests it receives for [`FakeServer::requests`] (bounded; see
    /// [`MAX_RECORDED_REQUESTS`]). On for tests; the demo organization and the binary, which
    /// nobody asks, keep it off.
    pub record_requests: bool,
}

impl Default for FakeOptions {
    fn default() -> Self {
        Self {
            port: 0,
            seed: 7,
            projects: 5,
            keys_per_project: 4,
            admin_key: None,
            now: None,
            expiry_policy_max_days: None,
            record_requests: true,
        }
    }
}

struct Inner {
    shared: Shared,
    router: Router,
    faults: FaultBook,
    requests: Mutex<RequestLog>,
    latency_ms: AtomicU64,
    request_ids: Mutex<Prng>,
}

/// A running fake of the OpenAI Administration API.
pub struct FakeServer {
    addr: SocketAddr,
    admin_key: String,
    inner: Arc<Inner>,
    stop: watch::Sender<bool>,
    accept: Option<JoinHandle<()>>,
}

impl FakeServer {
    /// Seeds the organization and starts serving on 127.0.0.1.
    pub async fn start(opts: FakeOptions) -> std::io::Result<FakeServer> {
        let now = opts.now.unwrap_or_else(wall_clock);
        let mut state = seed::generate(opts.seed, opts.projects, opts.keys_per_project, now);
        state.pinned_clock = opts.now.is_some();
        state.expiry_policies.organization = opts.expiry_policy_max_days;
        let admin_key = opts.admin_key.clone().unwrap_or_else(generated_admin_key);
        let bootstrap = state.add_admin_key(
            "Bootstrap admin key",
            Some(admin_key.clone()),
            now - 7 * 86_400,
            None,
        );
        state.admin_keys.retain(|k| k.key.id != bootstrap.key.id);
        state.admin_keys.insert(0, bootstrap);
        let listener = TcpListener::bind(("127.0.0.1", opts.port)).await?;
        let addr = listener.local_addr()?;
        let shared = Shared::new(state);
        let inner = Arc::new(Inner {
            router: router(shared.clone()),
            shared,
            faults: FaultBook::default(),
            requests: Mutex::new(RequestLog::new(opts.record_requests)),
            latency_ms: AtomicU64::new(0),
            request_ids: Mutex::new(Prng::new(entropy())),
        });
        let (stop, stopped) = watch::channel(false);
        let accept = tokio::spawn(accept_loop(listener, inner.clone(), stopped));
        Ok(FakeServer {
            addr,
            admin_key,
            inner,
            stop,
            accept: Some(accept),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://127.0.0.1:PORT/v1`.
    pub fn base_url(&self) -> String {
        format!("{}/v1", self.url())
    }

    /// The bootstrap admin key. It is listed among the admin keys and, like any admin key,
    /// stops authenticating once deleted through the API.
    pub fn admin_key(&self) -> String {
        self.admin_key.clone()
    }

    /// A snapshot of the state.
    pub fn state(&self) -> State {
        self.inner.shared.with(|s| s.clone())
    }

    /// Runs `f` with the live state locked (keep it short).
    pub fn with_state<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        self.inner.shared.with(f)
    }

    /// Adds a fault rule; rules are consulted in the order they were added.
    pub fn inject(&self, rule: FaultRule) {
        self.inner.faults.push(rule);
    }

    /// Drops every fault rule that has not been used up.
    pub fn clear_faults(&self) {
        self.inner.faults.clear();
    }

    /// Delays every following response by `latency` (an async sleep per request).
    pub fn set_latency(&self, latency: Duration) {
        let ms = u64::try_from(latency.as_millis()).unwrap_or(u64::MAX);
        self.inner.latency_ms.store(ms, Ordering::Relaxed);
    }

    /// The requests recorded so far, oldest first, with when they were received and answered
    /// (none while recording is off; only the most recent ones past the bounds).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.inner.requests).snapshot()
    }

    /// Starts or stops recording requests (e.g. a test of the demo organization turns it on).
    pub fn record_requests(&self, on: bool) {
        lock(&self.inner.requests).set_on(on);
    }

    /// Stops accepting, closes open connections and waits for the accept loop to end.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(accept) = self.accept.take() {
            let _ = accept.await;
        }
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

impl std::fmt::Debug for FakeServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A seed that differs from run to run (and from server to server).
fn entropy() -> u64 {
    let random = std::collections::hash_map::RandomState::new();
    let salt = std::hash::BuildHasher::hash_one(&random, std::process::id());
    mix(salt ^ hash_str(&wall_clock().to_string()))
}

fn generated_admin_key() -> String {
    format!("sk-admin-{}", Prng::new(entropy()).url_safe(48))
}
