//! Organizations and their admin key's health as the webview sees them.

use app_core::admin_key_health::{AdminKeyHealth, AdminKeyInfo, AdminKeyWarning, Rotation};
use app_core::{AdminKeyAccepted, KeySource, OrgKind, OrgStatus, Organization};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An organization in the sidebar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Organization")]
pub struct OrganizationDto {
    /// Local id.
    pub id: String,
    /// Label.
    pub label: String,
    /// `demo` or `remote`.
    pub kind: OrgKindDto,
    /// Where its Admin API lives.
    pub base_url: String,
    /// `{state: "ready" | "adminKeyMissing" | "adminKeyRejected" | "keychainUnavailable" | "unavailable", message?}`.
    pub status: OrgStatusDto,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// When its inventory was last refreshed.
    pub last_refreshed_at: Option<DateTime<Utc>>,
    /// The admin key can read but not change anything.
    pub read_only: bool,
}

impl From<Organization> for OrganizationDto {
    fn from(org: Organization) -> Self {
        Self {
            id: org.id.as_str().to_owned(),
            label: org.label,
            kind: org.kind.into(),
            base_url: org.base_url,
            status: org.status.into(),
            created_at: org.created_at,
            last_refreshed_at: org.last_refreshed_at,
            read_only: org.read_only,
        }
    }
}

/// Where an organization's admin key comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "OrgKind")]
pub enum OrgKindDto {
    /// The embedded demo server.
    Demo,
    /// A real organization.
    Remote,
}

impl From<OrgKind> for OrgKindDto {
    fn from(kind: OrgKind) -> Self {
        match kind {
            OrgKind::Demo => Self::Demo,
            OrgKind::Remote => Self::Remote,
        }
    }
}

/// Whether an organization can be used, and if not, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase", tag = "state", content = "message")]
#[ts(rename = "OrgStatus")]
pub enum OrgStatusDto {
    /// Requests can be made.
    Ready,
    /// The keychain has no entry for it.
    AdminKeyMissing,
    /// OpenAI refused its admin key, which worked before: it needs a replacement.
    AdminKeyRejected,
    /// The keychain could not be read; the message says what to do.
    KeychainUnavailable(String),
    /// It cannot be used for another reason.
    Unavailable(String),
}

impl From<OrgStatus> for OrgStatusDto {
    fn from(status: OrgStatus) -> Self {
        match status {
            OrgStatus::Ready => Self::Ready,
            OrgStatus::AdminKeyMissing => Self::AdminKeyMissing,
            OrgStatus::AdminKeyRejected => Self::AdminKeyRejected,
            OrgStatus::KeychainUnavailable(message) => Self::KeychainUnavailable(message),
            OrgStatus::Unavailable(message) => Self::Unavailable(message),
        }
    }
}

/// Where an admin key can be read from, besides the clipboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeySources")]
pub struct KeySourcesDto {
    /// Whether `OPENAI_ADMIN_KEY` is set.
    pub environment: bool,
}

/// Where Rust should read a new admin key. The key itself never crosses IPC.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeySource")]
pub enum KeySourceDto {
    /// The system clipboard.
    Clipboard,
    /// `OPENAI_ADMIN_KEY`.
    Environment,
}

impl From<KeySourceDto> for KeySource {
    fn from(source: KeySourceDto) -> Self {
        match source {
            KeySourceDto::Clipboard => KeySource::Clipboard,
            KeySourceDto::Environment => KeySource::Environment,
        }
    }
}

/// The result of adding an organization or replacing its key: a hint, never the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "AdminKeyAccepted")]
pub struct AdminKeyAcceptedDto {
    /// The organization.
    pub org: OrganizationDto,
    /// E.g. `sk-admin…wxyz`.
    pub key_hint: String,
    /// Whether the clipboard was cleared.
    pub clipboard_cleared: bool,
}

impl From<AdminKeyAccepted> for AdminKeyAcceptedDto {
    fn from(accepted: AdminKeyAccepted) -> Self {
        Self {
            org: accepted.org.into(),
            key_hint: accepted.key_hint,
            clipboard_cleared: accepted.clipboard_cleared,
        }
    }
}

/// The admin key's own metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "AdminKeyInfo")]
pub struct AdminKeyInfoDto {
    /// Key id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Redacted form.
    pub redacted_value: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last used.
    pub last_used_at: Option<DateTime<Utc>>,
    /// Expiry; `null` means never.
    pub expires_at: Option<DateTime<Utc>>,
}

impl From<AdminKeyInfo> for AdminKeyInfoDto {
    fn from(info: AdminKeyInfo) -> Self {
        Self {
            id: info.id,
            name: info.name,
            redacted_value: info.redacted_value,
            created_at: info.created_at,
            last_used_at: info.last_used_at,
            expires_at: info.expires_at,
        }
    }
}

/// The admin key's health: metadata and warnings in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "AdminKeyHealth")]
pub struct AdminKeyHealthDto {
    /// Metadata, when found.
    pub key: Option<AdminKeyInfoDto>,
    /// Warnings, ready to show.
    pub warnings: Vec<String>,
}

impl From<AdminKeyHealth> for AdminKeyHealthDto {
    fn from(health: AdminKeyHealth) -> Self {
        let warnings = health
            .warnings
            .iter()
            .map(|warning| match warning {
                AdminKeyWarning::Old { days } => format!(
                    "This admin key is {days} days old. Rotate it: admin keys can do anything \
                     in the organization."
                ),
                AdminKeyWarning::NeverExpires => {
                    "This admin key never expires. Rotate it with an expiry date.".to_owned()
                }
                AdminKeyWarning::NotListed => "This admin key is not among the organization's \
                                               admin keys; it may belong to another organization."
                    .to_owned(),
            })
            .collect();
        Self {
            key: health.key.map(Into::into),
            warnings,
        }
    }
}

/// What a rotation did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Rotation")]
pub struct RotationDto {
    /// The new key's metadata.
    pub new_key: AdminKeyInfoDto,
    /// Whether the old key was revoked.
    pub old_revoked: bool,
    /// What still needs doing by hand.
    pub warning: Option<String>,
}

impl From<Rotation> for RotationDto {
    fn from(rotation: Rotation) -> Self {
        Self {
            new_key: rotation.new_key.into(),
            old_revoked: rotation.old_revoked,
            warning: rotation.warning,
        }
    }
}
