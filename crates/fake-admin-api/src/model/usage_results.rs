//! The rows of the usage endpoints other than completions, field for field as the spec's
//! `Usage*Result` schemas. Group fields are null unless grouped by.

use serde::{Deserialize, Serialize};

/// The grouping fields every usage row has (`group_by[]=project_id,user_id,api_key_id`), each
/// null unless grouped by.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupedBy {
    /// Grouped project.
    pub project_id: Option<String>,
    /// Grouped user.
    pub user_id: Option<String>,
    /// Grouped key.
    pub api_key_id: Option<String>,
}

/// `organization.usage.embeddings.result` and `organization.usage.moderations.result` (the two
/// schemas have the same fields).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokensResult {
    /// `organization.usage.embeddings.result` or `organization.usage.moderations.result`.
    pub object: String,
    /// Input tokens.
    pub input_tokens: u64,
    /// Requests.
    pub num_model_requests: u64,
    /// Grouped project, user and key.
    #[serde(flatten)]
    pub by: GroupedBy,
    /// Grouped model.
    pub model: Option<String>,
}

/// `organization.usage.images.result`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImagesResult {
    /// Always `organization.usage.images.result`.
    pub object: String,
    /// Images processed.
    pub images: u64,
    /// Requests.
    pub num_model_requests: u64,
    /// Grouped source: `image.generation`, `image.edit` or `image.variation`.
    pub source: Option<String>,
    /// Grouped size, e.g. `1024x1024`.
    pub size: Option<String>,
    /// Grouped project, user and key.
    #[serde(flatten)]
    pub by: GroupedBy,
    /// Grouped model.
    pub model: Option<String>,
}

/// `organization.usage.audio_speeches.result`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AudioSpeechesResult {
    /// Always `organization.usage.audio_speeches.result`.
    pub object: String,
    /// Characters spoken.
    pub characters: u64,
    /// Requests.
    pub num_model_requests: u64,
    /// Grouped project, user and key.
    #[serde(flatten)]
    pub by: GroupedBy,
    /// Grouped model.
    pub model: Option<String>,
}

/// `organization.usage.audio_transcriptions.result`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AudioTranscriptionsResult {
    /// Always `organization.usage.audio_transcriptions.result`.
    pub object: String,
    /// Seconds of audio transcribed.
    pub seconds: u64,
    /// Requests.
    pub num_model_requests: u64,
    /// Grouped project, user and key.
    #[serde(flatten)]
    pub by: GroupedBy,
    /// Grouped model.
    pub model: Option<String>,
}

/// `organization.usage.file_searches.result` (served by `/usage/file_search_calls`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileSearchesResult {
    /// Always `organization.usage.file_searches.result`.
    pub object: String,
    /// File search calls.
    pub num_requests: u64,
    /// Grouped project, user and key.
    #[serde(flatten)]
    pub by: GroupedBy,
    /// Grouped vector store.
    pub vector_store_id: Option<String>,
}

/// `organization.usage.web_searches.result` (served by `/usage/web_search_calls`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebSearchesResult {
    /// Always `organization.usage.web_searches.result`.
    pub object: String,
    /// Model requests that searched.
    pub num_model_requests: u64,
    /// Web search calls.
    pub num_requests: u64,
    /// Grouped project, user and key.
    #[serde(flatten)]
    pub by: GroupedBy,
    /// Grouped model.
    pub model: Option<String>,
    /// Grouped search context size: `low`, `medium` or `high`.
    pub context_level: Option<String>,
}
