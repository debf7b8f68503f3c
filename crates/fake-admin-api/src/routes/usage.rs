//! `/organization/usage/completions` and `/organization/costs`: time buckets with `next_page`
//! cursor pagination.

use axum::extract::{RawQuery, State};
use axum::Json;

use super::Shared;
use crate::error::ApiError;
use crate::model::{UsageBucket, UsagePage};
use crate::query::QueryParams;
use crate::usage::{bucket_results, UsageFilter, UsageKind};

const COMPLETIONS_GROUPS: [&str; 6] = [
    "project_id",
    "user_id",
    "api_key_id",
    "model",
    "batch",
    "service_tier",
];
const COSTS_GROUPS: [&str; 3] = ["project_id", "line_item", "api_key_id"];

pub(super) async fn completions(
    State(shared): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Json<UsagePage>, ApiError> {
    page(&shared, UsageKind::Completions, raw.as_deref()).map(Json)
}

pub(super) async fn costs(
    State(shared): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Json<UsagePage>, ApiError> {
    page(&shared, UsageKind::Costs, raw.as_deref()).map(Json)
}

fn page(shared: &Shared, kind: UsageKind, raw: Option<&str>) -> Result<UsagePage, ApiError> {
    let query = QueryParams::parse(raw);
    let start = query.int("start_time")?.ok_or_else(|| {
        ApiError::invalid_param("start_time", "Missing required parameter: 'start_time'.")
    })?;
    let (width, default_limit, max_limit) = match (kind, query.get("bucket_width").unwrap_or("1d"))
    {
        (UsageKind::Costs, "1d") => (86_400, 7, 180),
        (UsageKind::Completions, "1d") => (86_400, 7, 31),
        (UsageKind::Completions, "1h") => (3_600, 24, 168),
        (UsageKind::Completions, "1m") => (60, 60, 1_440),
        (_, other) => {
            return Err(ApiError::invalid_param(
                "bucket_width",
                format!("Invalid 'bucket_width': '{other}' is not supported here."),
            ))
        }
    };
    let limit = query.limit(default_limit, max_limit)? as i64;
    let allowed: &[&str] = match kind {
        UsageKind::Completions => &COMPLETIONS_GROUPS,
        UsageKind::Costs => &COSTS_GROUPS,
    };
    let group_by = query.all("group_by");
    if let Some(bad) = group_by.iter().find(|g| !allowed.contains(&g.as_str())) {
        return Err(ApiError::invalid_param(
            "group_by",
            format!("Invalid 'group_by': '{bad}' is not supported here."),
        ));
    }
    let filter = UsageFilter {
        group_by,
        project_ids: query.all("project_ids"),
        api_key_ids: query.all("api_key_ids"),
        user_ids: query.all("user_ids"),
        models: query.all("models"),
        batch: query.bool("batch")?,
    };
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
        let end = query.int("end_time")?.unwrap_or(state.now + 1);
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
                    results: bucket_results(state, kind, &filter, bucket_start, width),
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
