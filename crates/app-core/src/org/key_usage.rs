//! Reading an organization's usage of every kind, per key and day: one organization-wide
//! report per usage endpoint (grouped by key, daily buckets, paginated) and one of costs
//! grouped by key, never one call per key; pages are a month of daily buckets for a small
//! organization and one day from 50,000 keys on, so no answer nears the client's size cap.
//! Asked for by the user ("Load usage"). Each bucket is
//! staged in the cache as it arrives (an organization of 100,000 keys never holds a month of
//! usage in memory) and the read replaces the previous one only once it has ended.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use futures::stream::BoxStream;
use futures::{StreamExt, TryStreamExt};
use openai_admin::{BucketWidth, CostsParams, GroupBy, Progress, UsageKind, UsageParams};

use super::{Org, OrgApi};
use crate::inventory_store::{InventoryStore, StoreError, UsageRead};
use crate::key_usage::{days_per_page, unit_of, UsageTally, USAGE_DAYS};
use crate::Error;

/// How many reports are read at once.
const READS_AT_ONCE: usize = 3;

/// What one usage read found.
#[derive(Debug, Clone, PartialEq)]
pub struct UsageReadSummary {
    /// When it was read.
    pub read_at: DateTime<Utc>,
    /// How many days it covers.
    pub days: u32,
    /// How many keys made requests in that time.
    pub keys_with_usage: usize,
    /// Kinds (and the spend per day) that could not be read, with why.
    pub unavailable: Vec<(String, String)>,
    /// Results of a kind the app does not know, skipped.
    pub unknown_results: u64,
    /// Buckets repeated or outside the period, skipped.
    pub skipped_buckets: u64,
}

impl Org {
    /// Reads the last [`USAGE_DAYS`] days of usage of every kind and the spend per key and day,
    /// and stores them, replacing the previous read. A report the admin key may not read, or
    /// that the organization does not have, is recorded as unavailable (and said); when no
    /// report could be read at all the read fails and the previous usage is kept. One read runs
    /// at a time per organization. `on_progress` hears how many days of the reports (every
    /// kind and the spend, [`USAGE_DAYS`] each) have been read, of all of them.
    pub async fn refresh_usage(
        &self,
        on_progress: impl Fn(Progress) + Send + Sync,
    ) -> Result<UsageReadSummary, Error> {
        let Ok(_running) = self.inventory().usage_read.try_lock() else {
            return Err(Error::InvalidInput(
                "usage is being read already; wait for that read to finish".to_owned(),
            ));
        };
        let api = self.api()?;
        self.inventory()
            .write(InventoryStore::begin_usage_read)
            .await?;
        let progress = ReadProgress::new(&on_progress);
        let outcome = self.read_usage(&api, &progress).await;
        if outcome.is_err() {
            let _ = self
                .inventory()
                .write(InventoryStore::discard_usage_read)
                .await;
        }
        outcome
    }

    async fn read_usage(
        &self,
        api: &OrgApi,
        progress: &ReadProgress<'_>,
    ) -> Result<UsageReadSummary, Error> {
        let keys = self.inventory_status().await.map_or(0, |s| s.key_count);
        let page = days_per_page(keys);
        let now = Utc::now();
        let start = now - Duration::days(i64::from(USAGE_DAYS - 1));
        let tally = Mutex::new(UsageTally::new(start, now + Duration::days(1)));
        let first_day = lock(&tally).first_day();
        let start = DateTime::from_timestamp_micros(first_day).unwrap_or(start);
        let usage_reads = UsageKind::ALL.map(|kind| {
            let tally = &tally;
            async move {
                (
                    Some(kind),
                    self.read_kind(api, kind, (start, page), (tally, progress))
                        .await,
                )
            }
        });
        let mut reads = futures::stream::iter(usage_reads)
            .buffer_unordered(READS_AT_ONCE)
            .collect::<Vec<_>>()
            .await;
        let spend = self.read_spend(api, (start, page), (&tally, progress));
        reads.push((None, spend.await));
        let total = reads.len();
        let mut unavailable = Vec::new();
        let mut kinds = Vec::new();
        let mut first_failure = None;
        for (kind, outcome) in reads {
            let failure = match outcome {
                Ok(()) => None,
                Err(error @ (Error::KeyRejected { .. } | Error::Cache(_) | Error::Cancelled)) => {
                    return Err(error)
                }
                Err(error) => {
                    let label = kind.map_or("Spend per day", |k| unit_of(k).label);
                    unavailable.push((label.to_owned(), error.to_string()));
                    let said = error.to_string();
                    first_failure.get_or_insert(error);
                    Some(said)
                }
            };
            if let Some(kind) = kind {
                kinds.push((kind, failure));
            }
        }
        if let Some(error) = first_failure.filter(|_| unavailable.len() == total) {
            return Err(error);
        }
        let tally = tally.into_inner().unwrap_or_else(|e| e.into_inner());
        let finish = move |store: &InventoryStore| {
            store.finish_usage_read(&UsageRead {
                read_at: now,
                first_day,
                kinds: &kinds,
            })
        };
        self.inventory().write(finish).await?;
        Ok(UsageReadSummary {
            read_at: now,
            days: USAGE_DAYS,
            keys_with_usage: tally.keys_with_usage(),
            unavailable,
            unknown_results: tally.unknown_results,
            skipped_buckets: tally.skipped_buckets,
        })
    }

    /// Reads every bucket of one kind's report, staging each as it arrives.
    async fn read_kind(
        &self,
        api: &OrgApi,
        kind: UsageKind,
        (start, page): (DateTime<Utc>, u32),
        (tally, progress): (&Mutex<UsageTally>, &ReadProgress<'_>),
    ) -> Result<(), Error> {
        let params = UsageParams {
            start_time: Some(start),
            bucket_width: Some(BucketWidth::Day),
            group_by: vec![GroupBy::ApiKeyId],
            limit: Some(page),
            ..UsageParams::default()
        };
        let buckets = api.client.usage().report_stream(kind, &params);
        let tally = |bucket| lock(tally).add_usage(kind, bucket);
        self.stage_buckets(api, buckets, (tally, progress), InventoryStore::stage_usage)
            .await
    }

    /// Reads the costs grouped by key, per day, staging each bucket as it arrives.
    async fn read_spend(
        &self,
        api: &OrgApi,
        (start, page): (DateTime<Utc>, u32),
        (tally, progress): (&Mutex<UsageTally>, &ReadProgress<'_>),
    ) -> Result<(), Error> {
        let params = CostsParams {
            start_time: Some(start),
            bucket_width: Some(BucketWidth::Day),
            group_by: vec![GroupBy::ApiKeyId],
            limit: Some(page),
            ..CostsParams::default()
        };
        let buckets = api.client.costs().stream(&params);
        let tally = |bucket| lock(tally).add_costs(bucket);
        self.stage_buckets(api, buckets, (tally, progress), InventoryStore::stage_spend)
            .await
    }

    /// Tallies each bucket of a report as it arrives and stages its rows in the cache, counting
    /// each day read; a report that ends (read, short or failed) counts all its days.
    async fn stage_buckets<B, R: Send + Sync + 'static>(
        &self,
        api: &OrgApi,
        mut buckets: BoxStream<'static, Result<B, openai_admin::Error>>,
        (mut tally, progress): (impl FnMut(B) -> Vec<R>, &ReadProgress<'_>),
        stage: fn(&InventoryStore, &[R]) -> Result<(), StoreError>,
    ) -> Result<(), Error> {
        let mut days_left = USAGE_DAYS as usize;
        let read = async {
            while let Some(bucket) = buckets.try_next().await.map_err(|e| api.error(e))? {
                let rows = tally(bucket);
                if !rows.is_empty() {
                    self.inventory()
                        .write(move |store| stage(store, &rows))
                        .await?;
                }
                if days_left > 0 {
                    days_left -= 1;
                    progress.advance(1);
                }
            }
            Ok(())
        };
        let outcome = read.await;
        progress.advance(days_left);
        outcome
    }
}

/// How far a read is, in days of reports: every kind's and the spend's [`USAGE_DAYS`].
struct ReadProgress<'a> {
    done: AtomicUsize,
    total: usize,
    report: &'a (dyn Fn(Progress) + Send + Sync),
}

impl<'a> ReadProgress<'a> {
    fn new(report: &'a (dyn Fn(Progress) + Send + Sync)) -> Self {
        let reports = UsageKind::ALL.len() + 1;
        Self {
            done: AtomicUsize::new(0),
            total: reports * USAGE_DAYS as usize,
            report,
        }
    }

    fn advance(&self, days: usize) {
        if days == 0 {
            return;
        }
        let done = self.done.fetch_add(days, Ordering::Relaxed) + days;
        (self.report)(Progress {
            done: done.min(self.total),
            total: self.total,
        });
    }
}

fn lock(tally: &Mutex<UsageTally>) -> std::sync::MutexGuard<'_, UsageTally> {
    tally.lock().unwrap_or_else(|e| e.into_inner())
}
