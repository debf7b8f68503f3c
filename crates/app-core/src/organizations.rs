//! Organizations: what Keywarden knows about each OpenAI organization it manages.
//!
//! An organization here is metadata only (id, label, where its API lives, whether its admin key
//! is usable). Its admin key is held elsewhere: in the keychain, or for the demo in memory.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Keywarden's local id for an organization (not OpenAI's `org-…` id). It is also the keychain
/// account name of the organization's admin key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OrgId(String);

impl OrgId {
    /// Wraps a local organization id.
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// A fresh random id, e.g. `org-3f2a…`.
    pub fn generate() -> Self {
        Self(format!("org-{}", uuid::Uuid::new_v4().simple()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for OrgId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where an organization's admin key comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgKind {
    /// The embedded demo server; its key lives in memory.
    Demo,
    /// A real organization; its key lives in the OS keychain.
    Remote,
}

/// Whether an organization can be used right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrgStatus {
    /// The admin key was found; requests can be made.
    Ready,
    /// The keychain has no entry for it (for example, removed outside Keywarden).
    AdminKeyMissing,
    /// OpenAI refused its admin key, which it accepted before (revoked or expired since):
    /// a replacement key is needed. Requests can still be tried (a refresh that works again
    /// makes it ready).
    AdminKeyRejected,
    /// The keychain could not be read; the message says what to do.
    KeychainUnavailable(String),
    /// The organization cannot be used for another reason.
    Unavailable(String),
}

/// An organization's metadata. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    /// Local id.
    pub id: OrgId,
    /// The label the user sees.
    pub label: String,
    /// Where the admin key comes from.
    pub kind: OrgKind,
    /// The Admin API base URL, e.g. `https://api.openai.com/v1`.
    pub base_url: String,
    /// Whether it can be used now.
    pub status: OrgStatus,
    /// When it was added (the demo: when Keywarden started).
    pub created_at: DateTime<Utc>,
    /// When its inventory was last refreshed.
    pub last_refreshed_at: Option<DateTime<Utc>>,
    /// Set once a change was refused for lack of the write scope: the admin key is read-only,
    /// so creating, revoking and rotating are disabled (and explained) for this organization.
    pub read_only: bool,
}
