//! The cached inventory of each organization: projects with their keys and service accounts.
//!
//! Switching organizations shows the cached copy at once; a refresh fetches everything again
//! with bounded concurrency and reports progress. One project's failure stays with that project.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use openai_admin::{fetch_inventory, Inventory, InventoryOptions, Progress};

use crate::keywarden::Keywarden;
use crate::organizations::OrgId;
use crate::Error;

/// An organization's inventory and when it was fetched.
#[derive(Debug)]
pub struct CachedInventory {
    /// When the fetch finished.
    pub refreshed_at: DateTime<Utc>,
    /// Every project with its keys and service accounts.
    pub inventory: Inventory,
}

impl Keywarden {
    /// The last fetched inventory of an organization, if any.
    pub fn cached_inventory(&self, org: &OrgId) -> Result<Option<Arc<CachedInventory>>, Error> {
        Ok(self.entry(org)?.inventory)
    }

    /// Fetches an organization's whole inventory, calling `progress` as projects complete, and
    /// caches it. Fails only when the project list itself cannot be loaded.
    pub async fn refresh_inventory(
        &self,
        org: &OrgId,
        progress: impl Fn(Progress) + Send + Sync,
    ) -> Result<Arc<CachedInventory>, Error> {
        let (organization, client) = self.ready_client(org)?;
        let inventory = fetch_inventory(&client, InventoryOptions::default(), progress)
            .await
            .map_err(|e| Error::for_org(&organization.label, e))?;
        let cached = Arc::new(CachedInventory {
            refreshed_at: Utc::now(),
            inventory,
        });
        let refreshed_at = cached.refreshed_at;
        self.update_org(org, |entry| {
            entry.inventory = Some(cached.clone());
            entry.org.last_refreshed_at = Some(refreshed_at);
        })?;
        let known = self.config().organizations.iter().any(|r| &r.id == org);
        if known {
            let saved = self.change_config(|config| {
                for record in config.organizations.iter_mut().filter(|r| &r.id == org) {
                    record.last_refreshed_at = Some(refreshed_at);
                }
            });
            if let Err(error) = saved {
                tracing::warn!(%error, "could not record the refresh time");
            }
        }
        Ok(cached)
    }

    /// Drops an organization's cached inventory (after a change that makes it stale).
    pub fn forget_inventory(&self, org: &OrgId) {
        let _ = self.update_org(org, |entry| entry.inventory = None);
    }
}
