//! Result objects of the usage endpoints, built from a row's group values and summed units.

use super::kinds::{Units, UsageKind};
use crate::model::{
    AudioSpeechesResult, AudioTranscriptionsResult, CompletionsResult, FileSearchesResult,
    GroupedBy, ImagesResult, TokensResult, UsageResult, WebSearchesResult,
};

/// The `kind` result of one row: `fields` are the endpoint's grouping fields and `group` the
/// row's value of each (`None` unless grouped by).
pub(super) fn usage_result(
    kind: UsageKind,
    fields: &[&str],
    group: &[Option<String>],
    units: &Units,
) -> UsageResult {
    let field = |name: &str| {
        let index = fields.iter().position(|f| *f == name)?;
        group.get(index).cloned().flatten()
    };
    let by = || GroupedBy {
        project_id: field("project_id"),
        user_id: field("user_id"),
        api_key_id: field("api_key_id"),
    };
    let object = |name: &str| format!("organization.usage.{name}.result");
    match kind {
        UsageKind::Completions => UsageResult::Completions(CompletionsResult {
            object: object("completions"),
            input_tokens: units.input_tokens,
            input_cached_tokens: units.input_tokens / 4,
            output_tokens: units.output_tokens,
            num_model_requests: units.requests,
            by: by(),
            model: field("model"),
            batch: field("batch").map(|b| b == "true"),
            service_tier: field("service_tier"),
        }),
        UsageKind::Embeddings | UsageKind::Moderations => UsageResult::Tokens(TokensResult {
            object: object(kind.name()),
            input_tokens: units.input_tokens,
            num_model_requests: units.requests,
            by: by(),
            model: field("model"),
        }),
        UsageKind::Images => UsageResult::Images(ImagesResult {
            object: object("images"),
            images: units.images,
            num_model_requests: units.requests,
            source: field("source"),
            size: field("size"),
            by: by(),
            model: field("model"),
        }),
        UsageKind::AudioSpeeches => UsageResult::AudioSpeeches(AudioSpeechesResult {
            object: object("audio_speeches"),
            characters: units.characters,
            num_model_requests: units.requests,
            by: by(),
            model: field("model"),
        }),
        UsageKind::AudioTranscriptions => {
            UsageResult::AudioTranscriptions(AudioTranscriptionsResult {
                object: object("audio_transcriptions"),
                seconds: units.seconds,
                num_model_requests: units.requests,
                by: by(),
                model: field("model"),
            })
        }
        UsageKind::FileSearchCalls => UsageResult::FileSearches(FileSearchesResult {
            object: object("file_searches"),
            num_requests: units.calls,
            by: by(),
            vector_store_id: field("vector_store_id"),
        }),
        UsageKind::WebSearchCalls => UsageResult::WebSearches(WebSearchesResult {
            object: object("web_searches"),
            num_model_requests: units.requests,
            num_requests: units.calls,
            by: by(),
            model: field("model"),
            context_level: field("context_level"),
        }),
    }
}
