//! An organization's inventory as the webview sees it: its status, and refresh progress. Pages
//! of projects and keys are the only way rows cross IPC (see `docs/query-surface.md`).

use app_core::org::{CacheState, InventoryStatus};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Refresh progress: projects done of total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgressDto {
    /// Projects finished.
    pub done: usize,
    /// Projects in total.
    pub total: usize,
}

/// Whether the organization's inventory cache is in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum CacheStateDto {
    /// The cache is read and written.
    On,
    /// The cache cannot be used; the organization works from the network.
    Off {
        /// Why, and what to do about it.
        reason: String,
    },
}

/// What the window shows about an inventory before it asks for a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InventoryStatusDto {
    /// When it was last fetched; `null` when never.
    pub refreshed_at: Option<DateTime<Utc>>,
    /// Whether a refresh is running.
    pub refreshing: bool,
    /// How many projects it holds.
    pub project_count: u64,
    /// How many keys it holds.
    pub key_count: u64,
    /// `{state: "on"}` or `{state: "off", reason}`.
    pub cache: CacheStateDto,
    /// Something to tell the user, e.g. that an unreadable cache was rebuilt.
    pub notice: Option<String>,
}

impl From<InventoryStatus> for InventoryStatusDto {
    fn from(status: InventoryStatus) -> Self {
        Self {
            refreshed_at: status.refreshed_at,
            refreshing: status.refreshing,
            project_count: status.project_count,
            key_count: status.key_count,
            cache: match status.cache {
                CacheState::On => CacheStateDto::On,
                CacheState::Off { reason } => CacheStateDto::Off { reason },
            },
            notice: status.notice,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_that_is_off_says_why_on_the_wire() {
        let status = InventoryStatus {
            refreshed_at: None,
            refreshing: false,
            project_count: 0,
            key_count: 0,
            cache: CacheState::Off {
                reason: "the disk is full".into(),
            },
            notice: None,
        };
        let json = serde_json::to_value(InventoryStatusDto::from(status)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"refreshedAt": null, "refreshing": false, "projectCount": 0,
                "keyCount": 0, "cache": {"state": "off", "reason": "the disk is full"},
                "notice": null})
        );
    }
}
