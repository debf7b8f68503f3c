//! Refreshing an organization's inventory: every project with its keys and service accounts,
//! fetched with bounded concurrency, with progress, and cancellable. One project's failure stays
//! with that project; only a failure to list the projects fails the refresh.

use std::sync::Arc;

use chrono::Utc;
use openai_admin::{fetch_inventory, InventoryOptions, Progress};

use super::{CacheState, CachedInventory, CachedProject, InventoryStatus, Org};
use crate::Error;

impl Org {
    /// The last fetched inventory, if any.
    pub fn cached_inventory(&self) -> Option<Arc<CachedInventory>> {
        self.inventory().cached()
    }

    /// Fetches the whole inventory, calling `progress` as projects complete, and keeps it.
    pub async fn refresh_inventory(
        &self,
        progress: impl Fn(Progress) + Send + Sync,
    ) -> Result<Arc<CachedInventory>, Error> {
        let api = self.api()?;
        let mut running = self.inventory().begin_refresh();
        let fetched = tokio::select! {
            fetched = fetch_inventory(&api.client, InventoryOptions::default(), progress) => fetched,
            () = running.cancelled() => return Err(Error::Cancelled),
        };
        drop(running);
        let inventory = fetched.map_err(|e| api.error(e))?;
        let projects = inventory
            .projects
            .into_iter()
            .map(|entry| CachedProject {
                project: entry.project,
                keys: entry.keys.map_err(|e| e.to_string()),
                service_accounts: entry.service_accounts.map_err(|e| e.to_string()),
            })
            .collect();
        let cached = Arc::new(CachedInventory {
            refreshed_at: Utc::now(),
            projects,
        });
        self.inventory().replace(cached.clone());
        self.note_refreshed(cached.refreshed_at);
        Ok(cached)
    }

    /// What the window shows about the inventory before it asks for a page.
    pub fn inventory_status(&self) -> InventoryStatus {
        let cached = self.inventory().cached();
        let projects = cached
            .as_ref()
            .map(|c| c.projects.as_slice())
            .unwrap_or_default();
        let keys = projects
            .iter()
            .filter_map(|p| p.keys.as_ref().ok())
            .map(Vec::len);
        InventoryStatus {
            refreshed_at: cached.as_ref().map(|c| c.refreshed_at),
            refreshing: self.inventory().refreshing(),
            project_count: projects.len() as u64,
            key_count: keys.sum::<usize>() as u64,
            cache: CacheState::On,
            notice: None,
        }
    }

    /// Stops a running refresh; the previous inventory is kept. Returns whether one was running.
    pub fn cancel_refresh(&self) -> bool {
        self.inventory().cancel_refresh()
    }

    fn note_refreshed(&self, at: chrono::DateTime<Utc>) {
        self.update(|record| record.last_refreshed_at = Some(at));
        let id = self.id().clone();
        let known = self
            .app()
            .settings
            .get()
            .organizations
            .iter()
            .any(|r| r.id == id);
        if known {
            let saved = self.app().settings.change(|config| {
                for record in config.organizations.iter_mut().filter(|r| r.id == id) {
                    record.last_refreshed_at = Some(at);
                }
            });
            if let Err(error) = saved {
                tracing::warn!(%error, "could not record the refresh time");
            }
        }
    }
}
