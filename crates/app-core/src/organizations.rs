//! Organizations: what Keywarden knows about each OpenAI organization it manages.
//!
//! An organization here is metadata only (id, label, where its API lives). Its admin key is
//! held elsewhere: in the keychain, or for the demo in memory.

use serde::Serialize;

/// Keywarden's local id for an organization (not OpenAI's `org-…` id).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct OrgId(String);

impl OrgId {
    /// Wraps a local organization id.
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum OrgKind {
    /// The embedded demo server; its key lives in memory.
    Demo,
    /// A real organization; its key lives in the OS keychain.
    Remote,
}

/// An organization's metadata. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    /// Local id.
    pub id: OrgId,
    /// The label the user sees.
    pub label: String,
    /// Where the admin key comes from.
    pub kind: OrgKind,
    /// The Admin API base URL, e.g. `https://api.openai.com/v1`.
    pub base_url: String,
}
