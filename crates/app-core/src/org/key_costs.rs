//! What each key has cost, from the organization's costs endpoint grouped by key.
//!
//! Costs are the billing source of truth (usage may not reconcile exactly with them), so the
//! per-key spend shown next to each key comes from `/organization/costs` with
//! `group_by=api_key_id`, summed over the chosen number of days.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, Utc};
use futures::TryStreamExt;
use openai_admin::{BucketWidth, CostResult, CostsParams, ErrorKind, GroupBy};

use super::{Org, OrgApi};
use crate::Error;

/// The longest period the costs endpoint serves in one page of daily buckets.
pub const MAX_COST_DAYS: u32 = 180;

/// Days of costs asked for per page (the endpoint's default page).
const COST_PAGE_DAYS: u32 = 7;

/// What each key cost over a period.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyCosts {
    /// How many days back the sums go.
    pub days: u32,
    /// The currency of the amounts (e.g. `usd`).
    pub currency: String,
    /// Spend per key id; keys without spend are absent.
    pub by_key: BTreeMap<String, f64>,
    /// Spend not attributed to a key (e.g. fine-tuning, storage).
    pub unattributed: f64,
    /// Spend per project and day (UTC midnight, microseconds), keys' and the rest together.
    pub by_project_day: BTreeMap<(String, i64), f64>,
    /// The days already counted: a bucket repeated by the server is counted once.
    days_seen: BTreeSet<i64>,
}

impl Org {
    /// Sums the organization's costs per API key over the last `days` days.
    pub async fn key_costs(&self, days: u32) -> Result<KeyCosts, Error> {
        if !(1..=MAX_COST_DAYS).contains(&days) {
            return Err(Error::InvalidInput(format!(
                "choose a period of 1 to {MAX_COST_DAYS} days"
            )));
        }
        self.fetch_key_costs(&self.api()?, days).await
    }

    pub(super) async fn fetch_key_costs(&self, api: &OrgApi, days: u32) -> Result<KeyCosts, Error> {
        // An organization of 100,000 keys has that many results per day: a week per page would
        // be over the client's 32 MiB cap, so large ones are read fewer days at a time.
        let keys = self.inventory_status().await.map_or(0, |s| s.key_count);
        let page = crate::key_usage::days_per_page(keys).min(COST_PAGE_DAYS);
        match read_key_costs(api, days, page).await {
            // The key count was not known (an organization's first refresh reads costs while
            // its keys are listed): a page of several days outgrew the cap, so read a day a page.
            Err(error) if page > 1 && error.kind() == ErrorKind::ResponseTooLarge => {
                tracing::info!(page, "a page of costs was too large; reading a day a page");
                read_key_costs(api, days, 1).await
            }
            read => read,
        }
        .map_err(|e| api.error(e))
    }
}

/// Sums `days` days of costs per key, asking `page` days per page.
async fn read_key_costs(
    api: &OrgApi,
    days: u32,
    page: u32,
) -> Result<KeyCosts, openai_admin::Error> {
    let params = CostsParams {
        start_time: Some(Utc::now() - Duration::days(i64::from(days))),
        bucket_width: Some(BucketWidth::Day),
        group_by: vec![GroupBy::ApiKeyId, GroupBy::ProjectId],
        limit: Some(days.min(page)),
        ..CostsParams::default()
    };
    let mut costs = KeyCosts {
        days,
        currency: "usd".into(),
        by_key: BTreeMap::new(),
        unattributed: 0.0,
        by_project_day: BTreeMap::new(),
        days_seen: BTreeSet::new(),
    };
    // Summed a page at a time: an organization of 100,000 keys has that many results per day,
    // and holding every day's at once would cost hundreds of megabytes.
    let mut buckets = api.client.costs().stream(&params);
    while let Some(bucket) = buckets.try_next().await? {
        let day = crate::key_usage::day_start(bucket.start_time);
        costs.add(day, bucket.results);
    }
    Ok(costs)
}

impl KeyCosts {
    fn add(&mut self, day: i64, results: Vec<CostResult>) {
        if !self.days_seen.insert(day) {
            return;
        }
        for result in results {
            let Some(amount) = result.amount.filter(|a| a.value.is_finite()) else {
                continue;
            };
            if let Some(currency) = amount.currency {
                self.currency = currency;
            }
            if let Some(project) = &result.project_id {
                *self
                    .by_project_day
                    .entry((project.to_string(), day))
                    .or_default() += amount.value;
            }
            match result.api_key_id {
                Some(key) => *self.by_key.entry(key.to_string()).or_default() += amount.value,
                None => self.unattributed += amount.value,
            }
        }
    }
}
