//! The grouping and filters of one usage or costs query, validated against its endpoint.

use super::dimensions::{dimension, Report};
use crate::error::ApiError;
use crate::query::QueryParams;
use crate::state::StoredApiKey;

/// Grouping and filters of one query.
#[derive(Debug, Clone, Default)]
pub(crate) struct UsageFilter {
    /// `group_by` fields, each one the endpoint accepts.
    group_by: Vec<String>,
    /// `(grouping field, accepted values)` of every non-empty list filter.
    lists: Vec<(&'static str, Vec<String>)>,
    /// `batch` (completions); every synthetic request is non-batch.
    batch: Option<bool>,
}

impl UsageFilter {
    /// Reads `group_by` (a value the endpoint does not accept is a 400) and the list filters the
    /// endpoint accepts; other parameters are ignored.
    pub(crate) fn parse(report: Report, query: &QueryParams) -> Result<UsageFilter, ApiError> {
        let group_by = query.all("group_by");
        if let Some(bad) = group_by
            .iter()
            .find(|g| !report.groups().contains(&g.as_str()))
        {
            return Err(ApiError::invalid_param(
                "group_by",
                format!("Invalid 'group_by': '{bad}' is not supported here."),
            ));
        }
        let lists = report
            .filters()
            .iter()
            .map(|(param, field)| (*field, query.all(param)))
            .filter(|(_, values)| !values.is_empty())
            .collect();
        let batch = if report.accepts_batch() {
            query.bool("batch")?
        } else {
            None
        };
        Ok(UsageFilter {
            group_by,
            lists,
            batch,
        })
    }

    /// Whether rows are split by `field`.
    pub(crate) fn grouped(&self, field: &str) -> bool {
        self.group_by.iter().any(|g| g == field)
    }

    /// Whether rows are split at all (otherwise each bucket has one aggregate row).
    pub(crate) fn is_grouped(&self) -> bool {
        !self.group_by.is_empty()
    }

    /// Whether `key` passes every list filter (and `batch`, which only non-batch passes).
    pub(crate) fn selects(&self, seed: u64, key: &StoredApiKey) -> bool {
        self.batch != Some(true)
            && self.lists.iter().all(|(field, values)| {
                dimension(seed, key, field).is_some_and(|v| values.contains(&v))
            })
    }

    /// The row `key`'s usage falls in: its value of each of the endpoint's grouping fields that
    /// is grouped by, `None` for the others.
    pub(crate) fn group_of(
        &self,
        report: Report,
        seed: u64,
        key: &StoredApiKey,
    ) -> Vec<Option<String>> {
        report
            .groups()
            .iter()
            .map(|field| dimension(seed, key, field).filter(|_| self.grouped(field)))
            .collect()
    }
}
