//! Reading the cached inventory the way the window does: its status, and one page of projects
//! or keys at a time, filtered, sorted and counted next to the data. Nothing here touches the
//! network, so the first screen shows the last refresh at once.

use chrono::{DateTime, Utc};

use super::Org;
use crate::inventory_store::{KeyPage, KeyQuery, ProjectPage, ProjectQuery};
use crate::Error;

/// The most rows a page with usage may hold: 30 days of counts per row must stay within what
/// one IPC answer may weigh (`src-tauri/tests/ipc_size.rs`).
pub const MAX_USAGE_ROWS: u32 = 200;

/// The longest search text accepted, in characters.
pub const MAX_SEARCH_CHARS: usize = 200;

/// Whether an organization's inventory cache is in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheState {
    /// The cache is read and written.
    On,
    /// The cache cannot be used; the organization works from the network.
    Off {
        /// Why, and what to do about it.
        reason: String,
    },
}

/// What the window shows about an organization's inventory before it asks for a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InventoryStatus {
    /// When it was last fetched; `None` when never (no cache yet).
    pub refreshed_at: Option<DateTime<Utc>>,
    /// Whether a refresh is running.
    pub refreshing: bool,
    /// How many projects it holds.
    pub project_count: u64,
    /// How many keys it holds.
    pub key_count: u64,
    /// Whether the cache is in use.
    pub cache: CacheState,
    /// Something to tell the user, e.g. that an unreadable cache was rebuilt.
    pub notice: Option<String>,
    /// When usage per key was last read; `None` when never.
    pub usage_read_at: Option<DateTime<Utc>>,
}

impl Org {
    /// When the inventory was fetched, how much it holds, whether a refresh runs, whether the
    /// cache is on, and anything to tell the user about it.
    pub async fn inventory_status(&self) -> Result<InventoryStatus, Error> {
        let refreshing = self.refreshes().running();
        self.inventory().status(refreshing).await
    }

    /// One page of the organization's projects.
    pub async fn query_projects(&self, query: ProjectQuery) -> Result<ProjectPage, Error> {
        check_text(query.text.as_deref())?;
        let page = self
            .inventory()
            .query(move |store| store.query_projects(&query));
        page.await
    }

    /// One page of the organization's keys (all projects, or one).
    pub async fn query_keys(&self, query: KeyQuery) -> Result<KeyPage, Error> {
        self.query_keys_with_usage(query, None).await
    }
}

impl Org {
    /// One page of keys, with each row's requests per day over the last `usage_days` (7 or
    /// 30) days of the last usage read (none before the first read, or when `None`).
    pub async fn query_keys_with_usage(
        &self,
        query: KeyQuery,
        usage_days: Option<u32>,
    ) -> Result<KeyPage, Error> {
        check_text(query.text.as_deref())?;
        if let Some(days) = usage_days {
            super::key_insight::check_days(days)?;
            if query.limit > MAX_USAGE_ROWS {
                return Err(Error::InvalidInput(format!(
                    "ask for at most {MAX_USAGE_ROWS} keys at a time with their usage"
                )));
            }
        }
        let page = self.inventory().query(move |store| {
            let mut page = store.query_keys(&query)?;
            let (Some(days), Some(state)) = (usage_days, store.usage_state()?) else {
                return Ok(page);
            };
            let ids: Vec<String> = page.rows.iter().map(|row| row.id.clone()).collect();
            let last_day = crate::key_usage::day_start(state.read_at);
            page.daily_requests = store.daily_requests(&ids, last_day, days)?;
            Ok(page)
        });
        page.await
    }
}

fn check_text(text: Option<&str>) -> Result<(), Error> {
    let chars = text.map_or(0, |t| t.chars().count());
    if chars > MAX_SEARCH_CHARS {
        return Err(Error::InvalidInput(format!(
            "the search text is {chars} characters long; search for at most \
             {MAX_SEARCH_CHARS} characters"
        )));
    }
    Ok(())
}
