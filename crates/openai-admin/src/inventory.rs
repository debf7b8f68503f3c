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
    /// Maximum list requests in flight (default 8; 0 is treated as 1).
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

enum Listing {
    Keys(Result<Vec<ProjectApiKey>, Error>),
    ServiceAccounts(Result<Vec<ServiceAccount>, Error>),
}

/// Loads all projects, then each project's keys and service accounts with at most
/// `options.concurrency` requests in flight, calling `progress` as projects complete.
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

    let mut jobs = Vec::with_capacity(total * 2);
    let mut pending = vec![0usize; total];
    for (index, project) in projects.iter().enumerate() {
        jobs.push((index, project.id.clone(), false));
        pending[index] += 1;
        if !project.is_archived() {
            jobs.push((index, project.id.clone(), true));
            pending[index] += 1;
        }
    }

    let key_params = ApiKeyListParams {
        limit: page_size,
        ..ApiKeyListParams::default()
    };
    let account_params = ServiceAccountListParams {
        limit: page_size,
        ..ServiceAccountListParams::default()
    };
    let list = |index: usize, id: ProjectId, accounts: bool| {
        let (key_params, account_params) = (&key_params, &account_params);
        async move {
            let scope = client.project(id);
            let listing = if accounts {
                Listing::ServiceAccounts(scope.service_accounts().list_all(account_params).await)
            } else {
                Listing::Keys(scope.api_keys().list_all(key_params).await)
            };
            (index, listing)
        }
    };
    let mut results = stream::iter(jobs)
        .map(|(index, id, accounts)| list(index, id, accounts))
        .buffer_unordered(options.concurrency.max(1));

    let mut keys: Vec<Option<Result<Vec<ProjectApiKey>, Error>>> = Vec::new();
    let mut accounts: Vec<Option<Result<Vec<ServiceAccount>, Error>>> = Vec::new();
    keys.resize_with(total, || None);
    accounts.resize_with(total, || None);
    let mut done = 0;
    while let Some((index, listing)) = results.next().await {
        match listing {
            Listing::Keys(result) => keys[index] = Some(result),
            Listing::ServiceAccounts(result) => accounts[index] = Some(result),
        }
        pending[index] -= 1;
        if pending[index] == 0 {
            done += 1;
            progress(Progress { done, total });
        }
    }

    let projects = projects
        .into_iter()
        .zip(keys.into_iter().zip(accounts))
        .map(|(project, (keys, service_accounts))| ProjectInventory {
            project,
            keys: keys.unwrap_or_else(|| Ok(Vec::new())),
            service_accounts: service_accounts.unwrap_or_else(|| Ok(Vec::new())),
        })
        .collect();
    Ok(Inventory { projects })
}
