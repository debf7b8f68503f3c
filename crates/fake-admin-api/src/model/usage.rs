//! Usage and costs pages: the `page` envelope, time buckets, and the completions and costs rows
//! (the rows of the other usage endpoints are in `usage_results`).

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::usage_results::{
    AudioSpeechesResult, AudioTranscriptionsResult, FileSearchesResult, GroupedBy, ImagesResult,
    TokensResult, WebSearchesResult,
};

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

/// A usage or costs row; it serializes as the row itself and decodes by its `object`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum UsageResult {
    /// `organization.usage.completions.result`.
    Completions(CompletionsResult),
    /// `organization.usage.embeddings.result` or `organization.usage.moderations.result`.
    Tokens(TokensResult),
    /// `organization.usage.images.result`.
    Images(ImagesResult),
    /// `organization.usage.audio_speeches.result`.
    AudioSpeeches(AudioSpeechesResult),
    /// `organization.usage.audio_transcriptions.result`.
    AudioTranscriptions(AudioTranscriptionsResult),
    /// `organization.usage.file_searches.result`.
    FileSearches(FileSearchesResult),
    /// `organization.usage.web_searches.result`.
    WebSearches(WebSearchesResult),
    /// `organization.costs.result`.
    Costs(CostsResult),
}

impl<'de> Deserialize<'de> for UsageResult {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let object = value.get("object").and_then(Value::as_str).unwrap_or("");
        let row = match object {
            "organization.usage.completions.result" => {
                serde_json::from_value(value).map(UsageResult::Completions)
            }
            "organization.usage.embeddings.result" | "organization.usage.moderations.result" => {
                serde_json::from_value(value).map(UsageResult::Tokens)
            }
            "organization.usage.images.result" => {
                serde_json::from_value(value).map(UsageResult::Images)
            }
            "organization.usage.audio_speeches.result" => {
                serde_json::from_value(value).map(UsageResult::AudioSpeeches)
            }
            "organization.usage.audio_transcriptions.result" => {
                serde_json::from_value(value).map(UsageResult::AudioTranscriptions)
            }
            "organization.usage.file_searches.result" => {
                serde_json::from_value(value).map(UsageResult::FileSearches)
            }
            "organization.usage.web_searches.result" => {
                serde_json::from_value(value).map(UsageResult::WebSearches)
            }
            "organization.costs.result" => serde_json::from_value(value).map(UsageResult::Costs),
            other => return Err(D::Error::custom(format!("unknown result object `{other}`"))),
        };
        row.map_err(D::Error::custom)
    }
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
    /// Grouped project, user and key.
    #[serde(flatten)]
    pub by: GroupedBy,
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
    /// Unit of `quantity`; null when no single supported unit applies (tool calls).
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
