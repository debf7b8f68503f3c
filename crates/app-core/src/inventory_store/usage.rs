//! Usage and spend per key and day, written by a usage read (which the user asks for): staged a
//! bucket at a time, then moved over whole, so a failed read leaves the previous one. Read back
//! for the keys table's sparklines and a key's detail panel.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use openai_admin::UsageKind;
use rusqlite::{params, OptionalExtension, TransactionBehavior};

use super::{read_time, stored_time, InventoryStore, StoreError};
use crate::key_usage::{DailyUsage, DAY_MICROS};

/// How a usage read ended, as stored.
#[derive(Debug)]
pub struct UsageRead<'a> {
    /// When it was read.
    pub read_at: DateTime<Utc>,
    /// The first day it covers (microseconds).
    pub first_day: i64,
    /// Every kind asked for, with why it could not be read (`None` when it was).
    pub kinds: &'a [(UsageKind, Option<String>)],
}

/// Adds `new` to `old` without leaving SQLite's integers.
const ADD: &str =
    "CASE WHEN {old} > 9223372036854775807 - excluded.{old} THEN 9223372036854775807 \
    ELSE {old} + excluded.{old} END";

fn added(column: &str) -> String {
    ADD.replace("{old}", column)
}

/// What the last usage read covered.
#[derive(Debug, Clone, PartialEq)]
pub struct UsageState {
    /// When it was read.
    pub read_at: DateTime<Utc>,
    /// Its first day (microseconds).
    pub first_day: i64,
    /// Kinds that could not be read, with why.
    pub unavailable: Vec<(UsageKind, String)>,
}

/// One key's usage and spend rows since a day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeyUsageRows {
    /// Usage per day and kind.
    pub usage: Vec<DailyUsage>,
    /// Spend per day (microseconds, usd).
    pub spend: Vec<(i64, f64)>,
}

fn clamp(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn unclamp(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl InventoryStore {
    /// Starts a usage read: empties the staging tables.
    pub fn begin_usage_read(&self) -> Result<(), StoreError> {
        let conn = self.writer();
        conn.execute_batch("DELETE FROM usage_staging; DELETE FROM spend_staging;")?;
        Ok(())
    }

    /// Stages rows of the read in progress; a row already staged for the same key, day and
    /// kind is added to (saturating).
    pub fn stage_usage(&self, rows: &[DailyUsage]) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let sql = format!(
                "INSERT INTO usage_staging (key_id, day, kind, requests, units, units_out) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (key_id, day, kind) DO UPDATE SET \
                 requests = {}, units = {}, units_out = {}",
                added("requests"),
                added("units"),
                added("units_out")
            );
            let mut insert = tx.prepare_cached(&sql)?;
            for row in rows {
                insert.execute(params![
                    row.key_id,
                    row.day,
                    row.kind.name(),
                    clamp(row.requests),
                    clamp(row.units),
                    clamp(row.units_out)
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Stages spend per key and day of the read in progress (added to what is staged).
    pub fn stage_spend(&self, rows: &[(String, i64, f64)]) -> Result<(), StoreError> {
        if rows.iter().any(|(_, _, usd)| !usd.is_finite()) {
            return Err(StoreError::InvalidInput(
                "a spend amount is not a number; the previous usage is kept".to_owned(),
            ));
        }
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO spend_staging (key_id, day, usd) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (key_id, day) DO UPDATE SET usd = usd + excluded.usd",
            )?;
            for (key, day, usd) in rows {
                insert.execute(params![key, day, usd])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Ends a usage read: the staged rows replace the stored usage, in one transaction.
    pub fn finish_usage_read(&self, read: &UsageRead<'_>) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "DELETE FROM usage_daily; DELETE FROM spend_daily; DELETE FROM usage_reads;
             INSERT INTO usage_daily (key_id, day, kind, requests, units, units_out)
                 SELECT key_id, day, kind, requests, units, units_out FROM usage_staging;
             INSERT INTO spend_daily (key_id, day, usd) SELECT key_id, day, usd FROM spend_staging;
             DELETE FROM usage_staging; DELETE FROM spend_staging;",
        )?;
        {
            let mut kinds = tx.prepare_cached(
                "INSERT OR REPLACE INTO usage_reads (kind, error) VALUES (?1, ?2)",
            )?;
            for (kind, error) in read.kinds {
                kinds.execute(params![kind.name(), error])?;
            }
        }
        tx.execute(
            "UPDATE meta SET usage_read_at = ?1, usage_first_day = ?2 WHERE id = 1",
            params![stored_time(read.read_at), read.first_day],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Drops what a failed read staged; the stored usage stays as it was.
    pub fn discard_usage_read(&self) -> Result<(), StoreError> {
        self.begin_usage_read()
    }

    /// What the last usage read covered; `None` before the first.
    pub fn usage_state(&self) -> Result<Option<UsageState>, StoreError> {
        let conn = self.reader();
        let meta: Option<(i64, i64)> = conn
            .query_row(
                "SELECT usage_read_at, usage_first_day FROM meta \
                 WHERE id = 1 AND usage_read_at IS NOT NULL",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((read_at, first_day)) = meta else {
            return Ok(None);
        };
        let mut stmt = conn.prepare_cached(
            "SELECT kind, error FROM usage_reads WHERE error IS NOT NULL ORDER BY kind",
        )?;
        let unavailable = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .filter_map(|row| {
                let (kind, error) = row.ok()?;
                Some((UsageKind::from_name(&kind)?, error))
            })
            .collect();
        Ok(Some(UsageState {
            read_at: read_time(read_at),
            first_day,
            unavailable,
        }))
    }

    /// Requests per day (all kinds together) of each of `key_ids`, for the `days` days that
    /// end with `last_day` (microseconds); keys without usage are absent.
    pub fn daily_requests(
        &self,
        key_ids: &[String],
        last_day: i64,
        days: u32,
    ) -> Result<BTreeMap<String, Vec<u64>>, StoreError> {
        let first_day = last_day - DAY_MICROS * i64::from(days.saturating_sub(1));
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(
            "SELECT day, sum(requests) FROM usage_daily \
             WHERE key_id = ?1 AND day >= ?2 AND day <= ?3 GROUP BY day",
        )?;
        let mut found = BTreeMap::new();
        for key in key_ids {
            let mut series = vec![0u64; days as usize];
            let mut any = false;
            for row in stmt.query_map(params![key, first_day, last_day], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })? {
                let (day, requests) = row?;
                let index = usize::try_from((day - first_day) / DAY_MICROS).unwrap_or(usize::MAX);
                if let Some(slot) = series.get_mut(index) {
                    *slot = slot.saturating_add(unclamp(requests));
                    any = true;
                }
            }
            if any {
                found.insert(key.clone(), series);
            }
        }
        Ok(found)
    }

    /// One key's usage and spend from `first_day` (microseconds) on.
    pub fn key_usage(&self, key_id: &str, first_day: i64) -> Result<KeyUsageRows, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(
            "SELECT day, kind, requests, units, units_out FROM usage_daily \
             WHERE key_id = ?1 AND day >= ?2 ORDER BY day, kind",
        )?;
        let usage = stmt
            .query_map(params![key_id, first_day], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })?
            .filter_map(|row| {
                let (day, kind, requests, units, units_out) = row.ok()?;
                Some(DailyUsage {
                    key_id: key_id.to_owned(),
                    day,
                    kind: UsageKind::from_name(&kind)?,
                    requests: unclamp(requests),
                    units: unclamp(units),
                    units_out: unclamp(units_out),
                })
            })
            .collect();
        let mut stmt = conn.prepare_cached(
            "SELECT day, usd FROM spend_daily WHERE key_id = ?1 AND day >= ?2 ORDER BY day",
        )?;
        let spend = stmt
            .query_map(params![key_id, first_day], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(KeyUsageRows { usage, spend })
    }
}
