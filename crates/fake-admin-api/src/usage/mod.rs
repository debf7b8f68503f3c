//! Deterministic synthetic usage and costs per key.
//!
//! Numbers depend only on the seed, the key id, the kind and the bucket, so repeated queries
//! (and pages of one query) always agree. A key's model decides which usage endpoints report it
//! (`kinds`); it has usage only between its creation and its last activity (`active_until`, else
//! `last_used_at`), so a key that never made a request has none.

mod costs;
mod dimensions;
mod filter;
mod kinds;
mod results;

use std::collections::BTreeMap;

pub(crate) use dimensions::Report;
pub(crate) use filter::UsageFilter;
pub(crate) use kinds::UsageKind;

use crate::model::UsageResult;
use crate::state::State;
use kinds::{kinds_of, units, Units};

/// The result rows of one bucket `[start, start + width)`.
pub(crate) fn bucket_results(
    state: &State,
    report: Report,
    filter: &UsageFilter,
    start: i64,
    width: i64,
) -> Vec<UsageResult> {
    match report {
        Report::Usage(kind) => usage_rows(state, kind, filter, start, width),
        Report::Costs => costs::rows(state, filter, start, width),
    }
}

/// Rows of a usage endpoint: one per group with usage, or one aggregate row when ungrouped.
fn usage_rows(
    state: &State,
    kind: UsageKind,
    filter: &UsageFilter,
    start: i64,
    width: i64,
) -> Vec<UsageResult> {
    let report = Report::Usage(kind);
    let mut rows: BTreeMap<Vec<Option<String>>, Units> = BTreeMap::new();
    for key in state
        .api_keys
        .iter()
        .filter(|k| filter.selects(state.seed, k))
    {
        if !kinds_of(state.seed, key).contains(&kind) {
            continue;
        }
        let units = units(state.seed, key, kind, start, width);
        if units.requests == 0 && filter.is_grouped() {
            continue;
        }
        let group = filter.group_of(report, state.seed, key);
        rows.entry(group).or_default().add(&units);
    }
    let fields = report.groups();
    if !filter.is_grouped() && rows.is_empty() {
        rows.insert(vec![None; fields.len()], Units::default());
    }
    rows.into_iter()
        .map(|(group, units)| results::usage_result(kind, fields, &group, &units))
        .collect()
}
