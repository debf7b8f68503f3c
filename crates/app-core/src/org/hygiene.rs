//! The hygiene view of one organization: how many keys each rule finds, from the cache.

use chrono::{DateTime, Utc};

use super::Org;
use crate::hygiene::{HygieneRule, HygieneThresholds};
use crate::inventory_store::{InventoryStore, KeyFilter};
use crate::Error;

/// What the hygiene view and the sidebar's badge show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HygieneReport {
    /// Keys per rule, in [`HygieneRule::ALL`]'s order.
    pub findings: Vec<(HygieneRule, u64)>,
    /// Keys meeting at least one urgent rule (the badge).
    pub needing_attention: u64,
    /// Every cached key.
    pub total_keys: u64,
    /// The day counts used.
    pub thresholds: HygieneThresholds,
}

impl Org {
    /// The condition of `rule` now, with the preferred thresholds, for the keys table's filter.
    pub fn hygiene_filter(&self, rule: HygieneRule) -> KeyFilter {
        let thresholds = self.app().settings.get().preferences.hygiene;
        rule.filter(&thresholds, Utc::now())
    }

    /// Counts the findings of every hygiene rule at `now`, with the preferred thresholds.
    pub async fn hygiene(&self, now: DateTime<Utc>) -> Result<HygieneReport, Error> {
        let thresholds = self.app().settings.get().preferences.hygiene;
        let filters: Vec<_> = HygieneRule::ALL
            .iter()
            .map(|rule| (rule.filter(&thresholds, now), rule.is_urgent()))
            .collect();
        let counts = self
            .inventory()
            .query(move |store: &InventoryStore| store.hygiene_counts(&filters))
            .await?;
        Ok(HygieneReport {
            findings: HygieneRule::ALL
                .iter()
                .zip(&counts.counts)
                .map(|(rule, (_, n))| (*rule, *n))
                .collect(),
            needing_attention: counts.needing_attention,
            total_keys: counts.total_keys,
            thresholds,
        })
    }
}
