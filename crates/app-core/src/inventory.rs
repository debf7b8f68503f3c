//! The cached inventory of each organization: projects with their keys and service accounts.
//!
//! Switching organizations shows the cached copy at once; a refresh fetches everything again
//! with bounded concurrency and reports progress. One project's failure stays with that project.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use openai_admin::{
    fetch_inventory, InventoryOptions, Progress, Project, ProjectApiKey, ProjectId, ServiceAccount,
};

use crate::keywarden::Keywarden;
use crate::organizations::OrgId;
use crate::Error;

/// An organization's inventory and when it was fetched.
#[derive(Debug, Clone)]
pub struct CachedInventory {
    /// When the fetch finished.
    pub refreshed_at: DateTime<Utc>,
    /// Every project with its keys and service accounts, in list order.
    pub projects: Vec<CachedProject>,
}

/// One project with its keys and service accounts, or why they could not be listed.
#[derive(Debug, Clone)]
pub struct CachedProject {
    /// The project.
    pub project: Project,
    /// Its keys, or why they could not be listed.
    pub keys: Result<Vec<ProjectApiKey>, String>,
    /// Its service accounts, or why they could not be listed.
    pub service_accounts: Result<Vec<ServiceAccount>, String>,
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
        let cancel = Arc::new(tokio::sync::Notify::new());
        self.refreshes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(org.clone(), cancel.clone());
        let fetched = tokio::select! {
            fetched = fetch_inventory(&client, InventoryOptions::default(), progress) => Some(fetched),
            () = cancel.notified() => None,
        };
        self.refreshes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(org);
        let inventory = fetched
            .ok_or(Error::Cancelled)?
            .map_err(|e| Error::for_org(&organization.label, e))?;
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

    /// Stops a running refresh of the organization; the previous inventory is kept.
    pub fn cancel_refresh(&self, org: &OrgId) -> bool {
        let running = self
            .refreshes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(org);
        running.map(|cancel| cancel.notify_one()).is_some()
    }

    /// Replaces one project's keys in the cached inventory (after a create or revoke).
    pub(crate) fn patch_cached_keys(
        &self,
        org: &OrgId,
        project: &ProjectId,
        keys: &[ProjectApiKey],
    ) {
        let _ = self.update_org(org, |entry| {
            let Some(cached) = entry.inventory.as_ref() else {
                return;
            };
            let mut next = CachedInventory::clone(cached);
            for item in next
                .projects
                .iter_mut()
                .filter(|p| &p.project.id == project)
            {
                item.keys = Ok(keys.to_vec());
            }
            entry.inventory = Some(Arc::new(next));
        });
    }

    /// Drops an organization's cached inventory (after a change that makes it stale).
    pub fn forget_inventory(&self, org: &OrgId) {
        let _ = self.update_org(org, |entry| entry.inventory = None);
    }
}
