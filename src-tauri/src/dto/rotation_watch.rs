//! A rotation as its watch panel and the banner after a restart show it: both keys as last seen
//! on the server (their last use measured on the server's clock), whether the old key may be
//! revoked yet, and the rotations in progress. Ids, names, times only.

use app_core::key_rotation::{KeySighting, KeyState, RotationStatus};
use app_core::RotationInProgress;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::rotation::KeyRotationDto;

/// Whether a watched key exists and works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "WatchedKeyState")]
pub enum WatchedKeyStateDto {
    /// It exists and works.
    Active,
    /// It exists but has expired.
    Expired,
    /// It no longer exists.
    Gone,
}

/// One key of a rotation as last seen on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "WatchedKey")]
pub struct WatchedKeyDto {
    /// The key id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// When the server created it.
    pub created_at: DateTime<Utc>,
    /// Whether it exists and works.
    pub state: WatchedKeyStateDto,
    /// When it was last used; `null` = never (or gone).
    pub last_used_at: Option<DateTime<Utc>>,
    /// How many seconds before the server's present that was; `null` when unknown.
    pub last_used_seconds_ago: Option<u64>,
    /// When it expires; `null` = never (or gone).
    pub expires_at: Option<DateTime<Utc>>,
}

impl From<KeySighting> for WatchedKeyDto {
    fn from(seen: KeySighting) -> Self {
        Self {
            id: seen.key.id.to_string(),
            name: seen.key.name,
            created_at: seen.key.created_at,
            state: match seen.state {
                KeyState::Active => WatchedKeyStateDto::Active,
                KeyState::Expired => WatchedKeyStateDto::Expired,
                KeyState::Gone => WatchedKeyStateDto::Gone,
            },
            last_used_at: seen.last_used_at,
            last_used_seconds_ago: seen.last_used_seconds_ago,
            expires_at: seen.expires_at,
        }
    }
}

/// A rotation as the watch panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeyRotationStatus")]
pub struct KeyRotationStatusDto {
    /// The rotation.
    pub rotation: KeyRotationDto,
    /// The old key.
    pub old_key: WatchedKeyDto,
    /// The new key, once minted.
    pub new_key: Option<WatchedKeyDto>,
    /// The server's present as estimated; `null` while unknown.
    pub server_now: Option<DateTime<Utc>>,
    /// Whether OpenAI reports the new key used since it was created.
    pub new_key_used: bool,
    /// Whether the old key was used after the new key was created.
    pub old_key_used_since: bool,
    /// Whether the service account was deleted.
    pub service_account_gone: bool,
    /// Whether "Revoke old key" may be pressed.
    pub can_finish: bool,
    /// Whether the old key may be revoked anyway by typing its name.
    pub can_override: bool,
    /// Whether the rotation may be abandoned.
    pub can_abandon: bool,
    /// What is going on and what to do.
    pub message: String,
}

impl From<RotationStatus> for KeyRotationStatusDto {
    fn from(status: RotationStatus) -> Self {
        Self {
            rotation: status.rotation.into(),
            old_key: status.old_key.into(),
            new_key: status.new_key.map(Into::into),
            server_now: status.server_now,
            new_key_used: status.new_key_used,
            old_key_used_since: status.old_key_used_since,
            service_account_gone: status.service_account_gone,
            can_finish: status.can_finish,
            can_override: status.can_override,
            can_abandon: status.can_abandon,
            message: status.message,
        }
    }
}

/// A rotation in progress, for the banner after a restart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeyRotationInProgress")]
pub struct KeyRotationInProgressDto {
    /// The rotation.
    pub rotation: KeyRotationDto,
    /// Its organization's label.
    pub org_label: String,
    /// Whether one of its steps is under way right now.
    pub busy: bool,
}

impl From<RotationInProgress> for KeyRotationInProgressDto {
    fn from(found: RotationInProgress) -> Self {
        Self {
            rotation: found.rotation.into(),
            org_label: found.org_label,
            busy: found.busy,
        }
    }
}
