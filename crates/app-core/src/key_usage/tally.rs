//! Tallying report buckets into one row per key, day and kind (and spend per key and day).

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use openai_admin::{CostResult, UsageBucket, UsageCounts, UsageKind};

use super::day_start;
use super::kinds::figures;

/// One key's usage of one kind on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyUsage {
    /// The key id.
    pub key_id: String,
    /// The day's start (UTC midnight), in microseconds since the epoch.
    pub day: i64,
    /// What kind of usage.
    pub kind: UsageKind,
    /// Requests (calls for the search kinds).
    pub requests: u64,
    /// The kind's main figure in its unit (input tokens, images, characters, seconds, calls).
    pub units: u64,
    /// Output tokens (completions); 0 for the other kinds.
    pub units_out: u64,
}

/// What has been read so far: which days of which report, and what was left out. Rows are
/// handed back a bucket at a time (to be stored at once), so an organization of 100,000 keys
/// never holds a month of usage in memory.
#[derive(Debug)]
pub struct UsageTally {
    first_day: i64,
    end: i64,
    seen: HashSet<(Option<UsageKind>, i64)>,
    /// Keys with at least one request of any kind.
    keys: HashSet<String>,
    /// Results skipped because their `object` named another kind.
    pub unknown_results: u64,
    /// Buckets skipped because their day was already read, or lies outside the period.
    pub skipped_buckets: u64,
}

impl UsageTally {
    /// A tally of the days from `start` (rounded down to its UTC midnight) until `end`.
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Self {
        Self {
            first_day: day_start(start),
            end: end.timestamp_micros(),
            seen: HashSet::new(),
            keys: HashSet::new(),
            unknown_results: 0,
            skipped_buckets: 0,
        }
    }

    /// The day a bucket counts for, or `None` (counted as skipped) when that day was read
    /// already for this report or lies outside the period.
    fn day_of(&mut self, report: Option<UsageKind>, start: DateTime<Utc>) -> Option<i64> {
        let day = day_start(start);
        if day < self.first_day || day >= self.end || !self.seen.insert((report, day)) {
            self.skipped_buckets += 1;
            return None;
        }
        Some(day)
    }

    /// The rows of one bucket of `kind`'s usage report, one per key, ordered by key.
    pub fn add_usage(
        &mut self,
        kind: UsageKind,
        bucket: UsageBucket<UsageCounts>,
    ) -> Vec<DailyUsage> {
        let Some(day) = self.day_of(Some(kind), bucket.start_time) else {
            return Vec::new();
        };
        let mut by_key: BTreeMap<String, (u64, u64, u64)> = BTreeMap::new();
        for result in bucket.results {
            let Some((requests, units, units_out)) = figures(kind, &result) else {
                self.unknown_results += 1;
                continue;
            };
            let Some(key) = result.api_key_id.filter(|k| !k.is_empty()) else {
                continue;
            };
            if requests == 0 && units == 0 && units_out == 0 {
                continue;
            }
            let entry = by_key.entry(key).or_default();
            entry.0 = entry.0.saturating_add(requests);
            entry.1 = entry.1.saturating_add(units);
            entry.2 = entry.2.saturating_add(units_out);
        }
        by_key
            .into_iter()
            .map(|(key_id, (requests, units, units_out))| {
                if requests > 0 && !self.keys.contains(&key_id) {
                    self.keys.insert(key_id.clone());
                }
                DailyUsage {
                    key_id,
                    day,
                    kind,
                    requests,
                    units,
                    units_out,
                }
            })
            .collect()
    }

    /// The spend per key of one bucket of the costs report grouped by key, ordered by key.
    pub fn add_costs(&mut self, bucket: UsageBucket<CostResult>) -> Vec<(String, i64, f64)> {
        let Some(day) = self.day_of(None, bucket.start_time) else {
            return Vec::new();
        };
        let mut by_key: BTreeMap<String, f64> = BTreeMap::new();
        for result in bucket.results {
            let (Some(key), Some(amount)) = (result.api_key_id, result.amount) else {
                continue;
            };
            if !amount.value.is_finite() || amount.value == 0.0 {
                continue;
            }
            *by_key.entry(key.to_string()).or_default() += amount.value;
        }
        by_key
            .into_iter()
            .map(|(key, usd)| (key, day, usd))
            .collect()
    }

    /// How many keys made at least one request.
    pub fn keys_with_usage(&self) -> usize {
        self.keys.len()
    }

    /// The first day of the period (microseconds).
    pub fn first_day(&self) -> i64 {
        self.first_day
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key_usage::DAY_MICROS;

    const DAY: i64 = 86_400;
    /// 2026-11-01T00:00:00Z.
    const FIRST: i64 = 1_793_491_200;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    fn bucket(start: i64, results: serde_json::Value) -> UsageBucket<UsageCounts> {
        serde_json::from_value(serde_json::json!({
            "object": "bucket", "start_time": start, "end_time": start + DAY, "results": results
        }))
        .unwrap()
    }

    fn embeddings(
        key: &str,
        requests: serde_json::Value,
        tokens: serde_json::Value,
    ) -> serde_json::Value {
        serde_json::json!({"object": "organization.usage.embeddings.result", "api_key_id": key,
            "num_model_requests": requests, "input_tokens": tokens})
    }

    fn tally() -> UsageTally {
        UsageTally::new(at(FIRST + 3_600), at(FIRST + 7 * DAY))
    }

    #[test]
    fn buckets_out_of_order_with_gaps_give_one_row_per_key_and_day() {
        let mut t = tally();
        let mut rows = Vec::new();
        for day in [4, 0, 2] {
            let results = serde_json::json!([embeddings("key_a", (day + 1).into(), 10.into())]);
            rows.extend(t.add_usage(UsageKind::Embeddings, bucket(FIRST + day * DAY, results)));
        }
        rows.sort_by_key(|r| r.day);
        let days: Vec<i64> = rows
            .iter()
            .map(|r| (r.day / DAY_MICROS) - FIRST / DAY)
            .collect();
        assert_eq!(days, vec![0, 2, 4], "each day once, gaps left out");
        assert_eq!(
            rows.iter().map(|r| r.requests).collect::<Vec<_>>(),
            vec![1, 3, 5]
        );
        assert!(rows
            .iter()
            .all(|r| r.units == 10 && r.kind == UsageKind::Embeddings));
        assert_eq!(t.skipped_buckets, 0);
    }

    #[test]
    fn a_repeated_bucket_is_counted_once_and_one_outside_the_period_not_at_all() {
        let mut t = tally();
        let results = serde_json::json!([embeddings("key_a", 2.into(), 20.into())]);
        let mut rows = Vec::new();
        for start in [
            FIRST + DAY,
            FIRST + DAY,
            FIRST + DAY + 60,
            FIRST - DAY,
            FIRST + 9 * DAY,
        ] {
            rows.extend(t.add_usage(UsageKind::Embeddings, bucket(start, results.clone())));
        }
        // The same day of another kind is its own bucket.
        let images = serde_json::json!([{"object": "organization.usage.images.result",
            "api_key_id": "key_a", "num_model_requests": 1, "images": 4}]);
        rows.extend(t.add_usage(UsageKind::Images, bucket(FIRST + DAY, images)));
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].kind, rows[0].requests, rows[0].units),
            (UsageKind::Embeddings, 2, 20)
        );
        assert_eq!(
            (rows[1].kind, rows[1].requests, rows[1].units),
            (UsageKind::Images, 1, 4)
        );
        assert_eq!(t.skipped_buckets, 4);
    }

    #[test]
    fn unknown_results_are_skipped_and_counted_and_huge_numbers_saturate() {
        let mut t = tally();
        let results = serde_json::json!([
            {"object": "organization.usage.teleportation.result", "api_key_id": "key_a",
             "num_model_requests": 5},
            embeddings("key_a", 18_446_744_073_709_551_615u64.into(), 1e30.into()),
            embeddings("key_a", 7.into(), (-3).into()),
            embeddings("key_b", "lots".into(), 2.5.into()),
            {"object": "organization.usage.embeddings.result", "num_model_requests": 9}
        ]);
        let rows = t.add_usage(UsageKind::Embeddings, bucket(FIRST, results));
        assert_eq!(t.unknown_results, 1);
        assert_eq!(
            t.keys_with_usage(),
            1,
            "key_b made no request it could count"
        );
        let a = rows.iter().find(|r| r.key_id == "key_a").unwrap();
        assert_eq!(a.requests, u64::MAX, "saturates instead of wrapping");
        assert_eq!(a.units, u64::MAX);
        assert!(
            rows.iter().all(|r| !r.key_id.is_empty()),
            "a result without a key is not a key's"
        );
    }

    #[test]
    fn spend_per_key_and_day_counts_a_repeated_day_once() {
        let mut t = tally();
        let costs: UsageBucket<CostResult> = serde_json::from_value(serde_json::json!({
            "object": "bucket", "start_time": FIRST, "end_time": FIRST + DAY, "results": [
                {"object": "organization.costs.result", "api_key_id": "key_a",
                 "amount": {"value": 1.25, "currency": "usd"}},
                {"object": "organization.costs.result", "api_key_id": null,
                 "amount": {"value": 9.0, "currency": "usd"}}
            ]
        }))
        .unwrap();
        let first = t.add_costs(costs.clone());
        assert!(
            t.add_costs(costs).is_empty(),
            "a repeated day is not counted again"
        );
        assert_eq!(first, vec![("key_a".to_owned(), FIRST * 1_000_000, 1.25)]);
        assert_eq!(t.skipped_buckets, 1);
    }
}
