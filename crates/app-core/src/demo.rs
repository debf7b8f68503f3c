//! The demo organization: an embedded loopback fake of the Admin API.
//!
//! It lets anyone explore Keywarden without an OpenAI account. The fake server binds 127.0.0.1
//! only, and its admin key is generated at start and held only in memory, never in the keychain.

use fake_admin_api::{FakeOptions, FakeServer};
use secrecy::SecretString;

/// Seed of the demo data; the same seed always gives the same projects and keys.
pub const DEMO_SEED: u64 = 7;
/// Number of projects in the demo organization.
pub const DEMO_PROJECTS: usize = 6;
/// Number of keys in each demo project.
pub const DEMO_KEYS_PER_PROJECT: usize = 5;
/// Label of the demo organization.
pub const DEMO_LABEL: &str = "Demo organization";

/// The running demo server and the in-memory admin key that opens it.
pub struct Demo {
    server: FakeServer,
    admin_key: SecretString,
}

impl std::fmt::Debug for Demo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Demo")
            .field("base_url", &self.server.base_url())
            .finish_non_exhaustive()
    }
}

impl Demo {
    /// Starts the demo server on a free loopback port with a freshly generated admin key.
    pub async fn start() -> Result<Self, crate::Error> {
        let options = FakeOptions {
            seed: DEMO_SEED,
            projects: DEMO_PROJECTS,
            keys_per_project: DEMO_KEYS_PER_PROJECT,
            // Any local process can reach the demo's port; nothing it sends is kept.
            record_requests: false,
            ..FakeOptions::default()
        };
        let server = FakeServer::start(options)
            .await
            .map_err(|e| crate::Error::Demo(e.to_string()))?;
        let admin_key = SecretString::from(server.admin_key());
        Ok(Self { server, admin_key })
    }

    /// The base URL of the demo API (`http://127.0.0.1:PORT/v1`).
    pub fn base_url(&self) -> String {
        self.server.base_url()
    }

    /// The in-memory admin key of the demo organization.
    pub fn admin_key(&self) -> &SecretString {
        &self.admin_key
    }

    /// The fake server itself, for tests that inspect or fault the demo.
    pub fn server(&self) -> &FakeServer {
        &self.server
    }
}
