//! Fan-out: every project with its keys and service accounts, fetched with bounded concurrency.
//!
//! One project's failure is recorded in its own [`ProjectInventory`] and never discards the
//! others. Archived projects answer 400 to service-account listings and have none, so only
//! their keys are listed.

use futures::stream::{self, StreamExt};

use crate::client::Client;
use crate::error::Error;
use crate::types::{
    ApiKeyListParams, Project, ProjectApiKey, ProjectId, ProjectListParams, ServiceAccount,
    ServiceAccountListParams,
};

/// How [`fetch_inventory`] fetches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InventoryOptions {
    /// Maximum projects in flight (default 8; 0 is treated as 1). Each project lists its keys
    /// and its service accounts at the same time, so up to twice this many requests may be in
    /// flight; the inventory therefore takes about `ceil(projects / concurrency)` round trips
    /// after the project list.
    pub concurrency: usize,
    /// Include archived projects (default `true`).
    pub include_archived: bool,
    /// Page size of every listing, 1–100 (default 100, the fewest requests).
    pub page_size: u32,
}

impl Default for InventoryOptions {
    fn default() -> Self {
        InventoryOptions {
            concurrency: 8,
            include_archived: true,
            page_size: 100,
        }
    }
}

/// Progress of [`fetch_inventory`]: projects whose listings have all finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Projects finished.
    pub done: usize,
    /// Projects in total.
    pub total: usize,
}

/// One project and the outcome of listing its keys and service accounts.
#[derive(Debug)]
pub struct ProjectInventory {
    /// The project.
    pub project: Project,
    /// Its API keys, or why they could not be listed.
    pub keys: Result<Vec<ProjectApiKey>, Error>,
    /// Its service accounts (empty for archived projects), or why they could not be listed.
    pub service_accounts: Result<Vec<ServiceAccount>, Error>,
}

/// Every project of the organization with its keys and service accounts, in list order.
#[derive(Debug)]
pub struct Inventory {
    /// One entry per project.
    pub projects: Vec<ProjectInventory>,
}

/// Loads all projects, then each project's keys and service accounts (the two listings at the
/// same time) with at most `options.concurrency` projects in flight, calling `progress` as
/// projects complete.
///
/// Fails only if the project list itself cannot be loaded.
pub async fn fetch_inventory(
    client: &Client,
    options: InventoryOptions,
    progress: impl Fn(Progress) + Send + Sync,
) -> Result<Inventory, Error> {
    let page_size = Some(options.page_size);
    let params = ProjectListParams {
        include_archived: options.include_archived,
        limit: page_size,
        ..ProjectListParams::default()
    };
    let projects = client.projects().list_all(&params).await?;
    let total = projects.len();
    progress(Progress { done: 0, total });

    let key_params = ApiKeyListParams {
        limit: page_size,
        ..ApiKeyListParams::default()
    };
    let account_params = ServiceAccountListParams {
        limit: page_size,
        ..ServiceAccountListParams::default()
    };
    let jobs: Vec<(usize, ProjectId, bool)> = projects
        .iter()
        .enumerate()
        .map(|(index, project)| (index, project.id.clone(), project.is_archived()))
        .collect();
    let (key_params, account_params) = (&key_params, &account_params);
    let mut results = stream::iter(jobs)
        .map(|(index, id, archived)| async move {
            let scope = client.project(id);
            let keys = scope.api_keys().list_all(key_params);
            let accounts = async {
                if archived {
                    Ok(Vec::new())
                } else {
                    scope.service_accounts().list_all(account_params).await
                }
            };
            let (keys, accounts) = futures::join!(keys, accounts);
            (index, keys, accounts)
        })
        .buffer_unordered(options.concurrency.max(1));

    let mut listings: Vec<Option<Listings>> = Vec::new();
    listings.resize_with(total, || None);
    let mut done = 0;
    while let Some((index, keys, accounts)) = results.next().await {
        listings[index] = Some((keys, accounts));
        done += 1;
        progress(Progress { done, total });
    }
    drop(results);

    let projects = projects
        .into_iter()
        .zip(listings)
        .map(|(project, listing)| {
            let (keys, service_accounts) =
                listing.unwrap_or_else(|| (Ok(Vec::new()), Ok(Vec::new())));
            ProjectInventory {
                project,
                keys,
                service_accounts,
            }
        })
        .collect();
    Ok(Inventory { projects })
}

type Listings = (
    Result<Vec<ProjectApiKey>, Error>,
    Result<Vec<ServiceAccount>, Error>,
);
