//! Activity objects: audit log entries and usage/costs pages.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One audit log entry; its details live under a key named after `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLog {
    /// `audit_log-…`.
    pub id: String,
    /// Event type, e.g. `api_key.created`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Unix seconds.
    pub effective_at: i64,
    /// The project the event is scoped to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<AuditLogProject>,
    /// Who did it (`AuditLogActor` JSON).
    pub actor: Option<Value>,
    /// `{ "<type>": { "id": … } }`.
    #[serde(flatten)]
    pub details: Map<String, Value>,
}

/// `{id, name}` of the project an audit event belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLogProject {
    /// Project id.
    pub id: String,
    /// Project name.
    pub name: String,
}

/// The `{object: "page", data, has_more, next_page}` envelope of usage and costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsagePage {
    /// Always `page`.
    pub object: String,
    /// Time buckets.
    pub data: Vec<UsageBucket>,
    /// Whether `next_page` leads somewhere.
    pub has_more: bool,
    /// Cursor for the `page` parameter.
    pub next_page: Option<String>,
}

/// One time bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageBucket {
    /// Always `bucket`.
    pub object: String,
    /// Unix seconds, inclusive.
    pub start_time: i64,
    /// Unix seconds, exclusive.
    pub end_time: i64,
    /// Aggregated rows.
    pub results: Vec<UsageResult>,
}

/// A usage or costs row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum UsageResult {
    /// `organization.usage.completions.result`.
    Completions(CompletionsResult),
    /// `organization.costs.result`.
    Costs(CostsResult),
}

/// `organization.usage.completions.result`; group fields are null unless grouped by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompletionsResult {
    /// Always `organization.usage.completions.result`.
    pub object: String,
    /// Input tokens.
    pub input_tokens: u64,
    /// Cached input tokens.
    pub input_cached_tokens: u64,
    /// Output tokens.
    pub output_tokens: u64,
    /// Requests.
    pub num_model_requests: u64,
    /// Grouped project.
    pub project_id: Option<String>,
    /// Grouped user.
    pub user_id: Option<String>,
    /// Grouped key.
    pub api_key_id: Option<String>,
    /// Grouped model.
    pub model: Option<String>,
    /// Grouped batch flag.
    pub batch: Option<bool>,
    /// Grouped service tier.
    pub service_tier: Option<String>,
}

/// `organization.costs.result`; group fields are null unless grouped by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostsResult {
    /// Always `organization.costs.result`.
    pub object: String,
    /// Money.
    pub amount: CostAmount,
    /// Grouped line item.
    pub line_item: Option<String>,
    /// Grouped project.
    pub project_id: Option<String>,
    /// Grouped key.
    pub api_key_id: Option<String>,
    /// Quantity, when grouped by line item.
    pub quantity: Option<f64>,
    /// Unit of `quantity`.
    pub quantity_unit: Option<String>,
}

/// `{value, currency}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostAmount {
    /// Amount.
    pub value: f64,
    /// Lowercase ISO-4217, always `usd` here.
    pub currency: String,
}
