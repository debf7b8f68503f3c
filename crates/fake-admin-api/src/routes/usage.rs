//! `/organization/usage/{kind}` and `/organization/costs`: time buckets with `next_page` cursor
//! pagination.

use axum::extract::{RawQuery, State};
use axum::Json;

use super::Shared;
use crate::error::ApiError;
use crate::model::{UsageBucket, UsagePage};
use crate::query::QueryParams;
use crate::usage::{bucket_results, Report, UsageFilter, UsageKind};

/// Every usage endpoint that reports per key, with its path.
pub(super) fn usage_paths() -> impl Iterator<Item = (String, UsageKind)> {
    UsageKind::ALL
        .into_iter()
        .map(|kind| (format!("/v1/organization/usage/{}", kind.name()), kind))
}

pub(super) async fn usage(
    shared: Shared,
    kind: UsageKind,
    raw: Option<String>,
) -> Result<Json<UsagePage>, ApiError> {
    page(&shared, Report::Usage(kind), raw.as_deref()).map(Json)
}

pub(super) async fn costs(
    State(shared): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Json<UsagePage>, ApiError> {
    page(&shared, Report::Costs, raw.as_deref()).map(Json)
}

fn page(shared: &Shared, report: Report, raw: Option<&str>) -> Result<UsagePage, ApiError> {
    let query = QueryParams::parse(raw);
    let start = query.int("start_time")?.ok_or_else(|| {
        ApiError::invalid_param("start_time", "Missing required parameter: 'start_time'.")
    })?;
    let width = query.get("bucket_width").unwrap_or("1d");
    let (width, default_limit, max_limit) = match (report, width) {
        (Report::Costs, "1d") => (86_400, 7, 180),
        (Report::Usage(_), "1d") => (86_400, 7, 31),
        (Report::Usage(_), "1h") => (3_600, 24, 168),
        (Report::Usage(_), "1m") => (60, 60, 1_440),
        (_, other) => {
            return Err(ApiError::invalid_param(
                "bucket_width",
                format!("Invalid 'bucket_width': '{other}' is not supported here."),
            ))
        }
    };
    let limit = query.limit(default_limit, max_limit)? as i64;
    let filter = UsageFilter::parse(report, &query)?;
    let offset = match query.get("page") {
        None => 0,
        Some(cursor) => decode_page(cursor).ok_or_else(|| {
            ApiError::invalid_param(
                "page",
                format!("Invalid 'page': unknown cursor '{cursor}'."),
            )
        })?,
    };
    shared.with(|state| {
        let end = query.int("end_time")?.unwrap_or(state.clock() + 1);
        let first = start - start.rem_euclid(width);
        let total = if end > first {
            (end - first + width - 1) / width
        } else {
            0
        };
        let stop = (offset + limit).min(total);
        let data = (offset..stop)
            .map(|i| {
                let bucket_start = first + i * width;
                UsageBucket {
                    object: "bucket".to_owned(),
                    start_time: bucket_start,
                    end_time: bucket_start + width,
                    results: bucket_results(state, report, &filter, bucket_start, width),
                }
            })
            .collect();
        let has_more = stop < total;
        Ok(UsagePage {
            object: "page".to_owned(),
            data,
            has_more,
            next_page: has_more.then(|| encode_page(stop)),
        })
    })
}

fn encode_page(offset: i64) -> String {
    format!("page_{offset:08x}")
}

fn decode_page(cursor: &str) -> Option<i64> {
    let hex = cursor.strip_prefix("page_")?;
    i64::from_str_radix(hex, 16).ok().filter(|n| *n >= 0)
}
