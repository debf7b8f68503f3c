//! Refreshing an organization's inventory: every project with its keys and service accounts,
//! fetched with bounded concurrency, with progress, and cancellable, while what each key cost
//! is fetched beside it, and the key permissions the audit log records; then written to the
//! cache in one transaction, followed by the spend and the permissions.
//! One project's failure stays with that project; only a failure to list the projects fails the
//! refresh.

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, Utc};
use openai_admin::{fetch_inventory, InventoryOptions, Progress};
use tokio::sync::watch;

use super::audit_permissions::AuditPermissions;
use super::key_costs::KeyCosts;
use super::{InventoryStatus, Org};
use crate::inventory_store::{InventorySnapshot, InventoryStore, ProjectSnapshot, ProjectSpendDay};
use crate::Error;

/// How many days of spend each key shows.
pub const SPEND_DAYS: u32 = 30;

impl Org {
    /// Fetches the whole inventory, calling `progress` as projects complete, writes it to the
    /// cache with each key's spend, and returns the cache's status. A cancelled refresh, or one
    /// whose organization is removed meanwhile, keeps nothing and changes nothing.
    pub async fn refresh_inventory(
        &self,
        progress: impl Fn(Progress) + Send + Sync,
    ) -> Result<InventoryStatus, Error> {
        let api = self.api()?;
        let mut running = self.refreshes().begin();
        // The costs do not depend on the inventory: fetch them side by side. A failure to list
        // the inventory ends the refresh at once; a failure to read costs only hides the spend.
        let inventory = async {
            let fetched = fetch_inventory(&api.client, InventoryOptions::default(), progress).await;
            fetched.map_err(|e| api.error(e))
        };
        let costs = async { Ok::<_, Error>(self.fetch_key_costs(&api, SPEND_DAYS).await) };
        let permissions = async {
            let since = self.inventory().audit_read_until().await;
            Ok::<_, Error>(self.permissions_from_audit_log(&api, since).await)
        };
        let (inventory, costs, permissions) = tokio::select! {
            fetched = async { tokio::try_join!(inventory, costs, permissions) } => fetched?,
            () = running.cancelled() => return Err(self.inventory().stopped().await),
        };
        let snapshot = InventorySnapshot {
            refreshed_at: Utc::now(),
            projects: inventory
                .projects
                .into_iter()
                .map(|entry| ProjectSnapshot {
                    project: entry.project,
                    keys: entry.keys.map_err(|e| e.to_string()),
                    service_accounts: entry.service_accounts.map_err(|e| e.to_string()),
                })
                .collect(),
        };
        let refreshed_at = snapshot.refreshed_at;
        self.inventory().replace(snapshot).await?;
        self.note_refreshed(refreshed_at);
        self.store_spend(costs).await;
        self.store_audit_permissions(permissions).await;
        drop(running);
        self.inventory_status().await
    }

    /// Stops a running refresh; the previous inventory is kept. Returns whether one was running.
    pub fn cancel_refresh(&self) -> bool {
        self.refreshes().cancel()
    }

    /// Stores what each key cost beside the keys; without it (e.g. the admin key may not read
    /// costs) the keys show no spend.
    async fn store_spend(&self, costs: Result<KeyCosts, Error>) {
        let stored = match costs {
            Ok(costs) => {
                let by_project: Vec<ProjectSpendDay> = costs
                    .by_project_day
                    .into_iter()
                    .map(|((project_id, day), usd)| ProjectSpendDay {
                        name: String::new(),
                        project_id,
                        day,
                        usd,
                    })
                    .collect();
                let write = move |store: &InventoryStore| store.replace_project_spend(&by_project);
                match self.inventory().write(write).await {
                    Ok(()) => self.inventory().set_spend(costs.days, costs.by_key).await,
                    Err(error) => Err(error),
                }
            }
            Err(error) => Err(error),
        };
        if let Err(error) = stored {
            tracing::warn!(%error, "spend per key is not shown");
        }
    }

    /// Records the permissions the audit log gave and where the next read starts.
    async fn store_audit_permissions(&self, found: AuditPermissions) {
        let inventory = self.inventory();
        let stored = match inventory.record_permissions(found.records).await {
            Ok(()) => match found.read_until {
                Some(until) => inventory.set_audit_read_until(until).await,
                None => Ok(()),
            },
            Err(error) => Err(error),
        };
        if let Err(error) = stored {
            tracing::warn!(%error, "key permissions from the audit log are not shown");
        }
    }

    fn note_refreshed(&self, at: DateTime<Utc>) {
        self.note_key_accepted();
        self.update(|record| record.last_refreshed_at = Some(at));
        let id = self.id().clone();
        let settings = &self.app().settings;
        if settings.get().organizations.iter().any(|r| r.id == id) {
            let saved = settings.change(|config| {
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

/// The refreshes running on one organization. Cancelling stops every one of them.
pub(crate) struct Refreshes {
    running: AtomicUsize,
    cancel: watch::Sender<u64>,
}

impl Default for Refreshes {
    fn default() -> Self {
        Self {
            running: AtomicUsize::new(0),
            cancel: watch::Sender::new(0),
        }
    }
}

impl Refreshes {
    /// Notes a refresh that runs until the returned value is dropped.
    fn begin(&self) -> RunningRefresh<'_> {
        self.running.fetch_add(1, Ordering::SeqCst);
        RunningRefresh {
            refreshes: self,
            cancel: self.cancel.subscribe(),
        }
    }

    /// Whether a refresh is running.
    pub(crate) fn running(&self) -> bool {
        self.running.load(Ordering::SeqCst) > 0
    }

    /// Cancels the running refreshes; returns whether any was running.
    pub(crate) fn cancel(&self) -> bool {
        if !self.running() {
            return false;
        }
        self.cancel
            .send_modify(|generation| *generation = generation.wrapping_add(1));
        true
    }
}

/// A running refresh; it stops counting as running when dropped.
struct RunningRefresh<'a> {
    refreshes: &'a Refreshes,
    cancel: watch::Receiver<u64>,
}

impl RunningRefresh<'_> {
    /// Resolves when the refresh is cancelled.
    async fn cancelled(&mut self) {
        if self.cancel.changed().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

impl Drop for RunningRefresh<'_> {
    fn drop(&mut self) {
        self.refreshes.running.fetch_sub(1, Ordering::SeqCst);
    }
}
