//! Usage (completions) and costs results, their grouping keys and query parameters.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::open_enum::open_enum;
use super::{ApiKeyId, ProjectId, UserId};

open_enum! {
    /// Width of a usage or cost time bucket.
    pub enum BucketWidth {
        /// One minute (usage only).
        Minute => "1m",
        /// One hour (usage only).
        Hour => "1h",
        /// One day.
        Day => "1d",
    }
}

open_enum! {
    /// Grouping key of a usage or costs query (`group_by[]`).
    pub enum GroupBy {
        /// Per project.
        ProjectId => "project_id",
        /// Per API key.
        ApiKeyId => "api_key_id",
        /// Per user (usage only).
        UserId => "user_id",
        /// Per model (usage only).
        Model => "model",
        /// Batch or not (completions only).
        Batch => "batch",
        /// Per service tier (completions only).
        ServiceTier => "service_tier",
        /// Per line item (costs only).
        LineItem => "line_item",
    }
}

/// Query of `GET /organization/usage/completions` and of the other usage endpoints
/// ([`Usage::report`](crate::Usage::report)), which leave out what their endpoint does not accept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UsageParams {
    /// Start of the range (inclusive); required.
    pub start_time: Option<DateTime<Utc>>,
    /// End of the range (exclusive).
    pub end_time: Option<DateTime<Utc>>,
    /// Bucket width (server default `1d`).
    pub bucket_width: Option<BucketWidth>,
    /// Grouping keys.
    pub group_by: Vec<GroupBy>,
    /// Only these projects.
    pub project_ids: Vec<ProjectId>,
    /// Only these API keys.
    pub api_key_ids: Vec<ApiKeyId>,
    /// Only these users.
    pub user_ids: Vec<UserId>,
    /// Only these models (every usage endpoint but file search calls).
    pub models: Vec<String>,
    /// Only batch (`true`) or only non-batch (`false`) requests (completions only).
    pub batch: Option<bool>,
    /// Number of buckets per page (1d: ≤31, 1h: ≤168, 1m: ≤1440).
    pub limit: Option<u32>,
    /// Page cursor: a previous page's `next_page`.
    pub page: Option<String>,
}

/// Query of `GET /organization/costs`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CostsParams {
    /// Start of the range (inclusive); required.
    pub start_time: Option<DateTime<Utc>>,
    /// End of the range (exclusive).
    pub end_time: Option<DateTime<Utc>>,
    /// Bucket width; the server accepts only `1d`.
    pub bucket_width: Option<BucketWidth>,
    /// Grouping keys (`project_id`, `line_item`, `api_key_id`).
    pub group_by: Vec<GroupBy>,
    /// Only these projects.
    pub project_ids: Vec<ProjectId>,
    /// Only these API keys.
    pub api_key_ids: Vec<ApiKeyId>,
    /// Number of buckets per page, 1–180.
    pub limit: Option<u32>,
    /// Page cursor: a previous page's `next_page`.
    pub page: Option<String>,
}

/// One row of completions usage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CompletionsUsage {
    /// Input tokens (cached included).
    #[serde(default)]
    pub input_tokens: u64,
    /// Output tokens.
    #[serde(default)]
    pub output_tokens: u64,
    /// Number of requests.
    #[serde(default)]
    pub num_model_requests: u64,
    /// Cached input tokens.
    #[serde(default)]
    pub input_cached_tokens: Option<u64>,
    /// Audio input tokens.
    #[serde(default)]
    pub input_audio_tokens: Option<u64>,
    /// Audio output tokens.
    #[serde(default)]
    pub output_audio_tokens: Option<u64>,
    /// Project, when grouped by `project_id`.
    #[serde(default)]
    pub project_id: Option<ProjectId>,
    /// User, when grouped by `user_id`.
    #[serde(default)]
    pub user_id: Option<UserId>,
    /// API key, when grouped by `api_key_id`.
    #[serde(default)]
    pub api_key_id: Option<ApiKeyId>,
    /// Model, when grouped by `model`.
    #[serde(default)]
    pub model: Option<String>,
    /// Batch flag, when grouped by `batch`.
    #[serde(default)]
    pub batch: Option<bool>,
    /// Service tier, when grouped by `service_tier`.
    #[serde(default)]
    pub service_tier: Option<String>,
}

/// One row of costs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CostResult {
    /// The amount.
    #[serde(default)]
    pub amount: Option<CostAmount>,
    /// Line item, when grouped by `line_item`.
    #[serde(default)]
    pub line_item: Option<String>,
    /// Project, when grouped by `project_id`.
    #[serde(default)]
    pub project_id: Option<ProjectId>,
    /// API key, when grouped by `api_key_id`.
    #[serde(default)]
    pub api_key_id: Option<ApiKeyId>,
    /// Billed quantity.
    #[serde(default)]
    pub quantity: Option<f64>,
    /// Unit of `quantity` (`tokens`, `images`, …).
    #[serde(default)]
    pub quantity_unit: Option<String>,
}

/// A monetary amount.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CostAmount {
    /// The value.
    #[serde(default)]
    pub value: f64,
    /// Currency code, e.g. `usd`.
    #[serde(default)]
    pub currency: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::UsagePage;

    #[test]
    fn the_reference_costs_page_decodes() {
        let page: UsagePage<CostResult> = serde_json::from_str(
            r#"{"object":"page","data":[{"object":"bucket","start_time":1730419200,
            "end_time":1730505600,"results":[{"object":"organization.costs.result",
            "amount":{"value":0.06,"currency":"usd"},"line_item":null,"project_id":null,
            "api_key_id":null,"quantity":null,"quantity_unit":null}]}],
            "has_more":false,"next_page":null}"#,
        )
        .unwrap();
        let amount = page.data[0].results[0].amount.as_ref().unwrap();
        assert!((amount.value - 0.06).abs() < 1e-9);
    }
}
