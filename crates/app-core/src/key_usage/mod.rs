//! Usage per key of every kind the Admin API reports by key (completions, embeddings,
//! moderations, images, audio speeches and transcriptions, file and web search calls), read as
//! one organization-wide report per endpoint grouped by key and bucketed by day, and tallied
//! into one row per key, day and kind.
//!
//! Reports are taken as they come, whatever their shape: buckets out of order are put in order,
//! a bucket repeated (on one page or across pages) is counted once, missing days count as zero,
//! results of an unknown kind are skipped and counted, and counts beyond what a 64-bit integer
//! holds saturate instead of wrapping.

mod kinds;
mod tally;

pub use kinds::{unit_of, KindUnit};
pub use tally::{DailyUsage, UsageTally};

/// How many days of usage one read covers; the 7-day view is the last 7 of them.
pub const USAGE_DAYS: u32 = 30;

/// The periods the window offers.
pub const USAGE_PERIODS: [u32; 2] = [7, 30];

/// About how many results one page of a report grouped by key may carry: each is a few hundred
/// bytes of JSON, and a response over the client's 32 MiB cap is refused unread.
pub const RESULTS_PER_PAGE: u64 = 50_000;

/// How many daily buckets to ask per page of a report grouped by key, for an organization of
/// `keys` keys: a month at once for small ones, one day at a time from 50,000 keys on.
pub fn days_per_page(keys: u64) -> u32 {
    let days = RESULTS_PER_PAGE / keys.max(1);
    u32::try_from(days.clamp(1, u64::from(USAGE_DAYS) + 1)).unwrap_or(1)
}

/// One day in microseconds, the unit times are stored in.
pub const DAY_MICROS: i64 = 86_400 * 1_000_000;

/// The UTC midnight (microseconds) of the day `time` falls in.
pub fn day_start(time: chrono::DateTime<chrono::Utc>) -> i64 {
    let micros = time.timestamp_micros();
    micros - micros.rem_euclid(DAY_MICROS)
}
