//! The usage endpoints that know API keys, and which of the shared query parameters each accepts.

use super::GroupBy;

/// The usage endpoints that accept api_key_ids / group_by=api_key_id.
///
/// `vector_stores` and `code_interpreter_sessions` are left out: they report per project only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UsageKind {
    /// `/organization/usage/completions`: tokens of chat and responses requests.
    Completions,
    /// `/organization/usage/embeddings`: input tokens.
    Embeddings,
    /// `/organization/usage/moderations`: input tokens.
    Moderations,
    /// `/organization/usage/images`: images.
    Images,
    /// `/organization/usage/audio_speeches`: characters.
    AudioSpeeches,
    /// `/organization/usage/audio_transcriptions`: seconds.
    AudioTranscriptions,
    /// `/organization/usage/file_search_calls`: tool calls.
    FileSearchCalls,
    /// `/organization/usage/web_search_calls`: tool calls and model requests.
    WebSearchCalls,
}

impl UsageKind {
    /// Every kind, in declaration order.
    pub const ALL: [UsageKind; 8] = [
        UsageKind::Completions,
        UsageKind::Embeddings,
        UsageKind::Moderations,
        UsageKind::Images,
        UsageKind::AudioSpeeches,
        UsageKind::AudioTranscriptions,
        UsageKind::FileSearchCalls,
        UsageKind::WebSearchCalls,
    ];

    /// The path segment and stable name: "completions", "embeddings", "moderations", "images",
    /// "audio_speeches", "audio_transcriptions", "file_search_calls", "web_search_calls".
    pub fn name(self) -> &'static str {
        match self {
            UsageKind::Completions => "completions",
            UsageKind::Embeddings => "embeddings",
            UsageKind::Moderations => "moderations",
            UsageKind::Images => "images",
            UsageKind::AudioSpeeches => "audio_speeches",
            UsageKind::AudioTranscriptions => "audio_transcriptions",
            UsageKind::FileSearchCalls => "file_search_calls",
            UsageKind::WebSearchCalls => "web_search_calls",
        }
    }

    /// The kind whose [`name`](UsageKind::name) is exactly `name`.
    pub fn from_name(name: &str) -> Option<UsageKind> {
        UsageKind::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// The operation named in errors, e.g. "read embeddings usage".
    pub(crate) fn operation(self) -> &'static str {
        match self {
            UsageKind::Completions => "read completions usage",
            UsageKind::Embeddings => "read embeddings usage",
            UsageKind::Moderations => "read moderations usage",
            UsageKind::Images => "read images usage",
            UsageKind::AudioSpeeches => "read audio speeches usage",
            UsageKind::AudioTranscriptions => "read audio transcriptions usage",
            UsageKind::FileSearchCalls => "read file search calls usage",
            UsageKind::WebSearchCalls => "read web search calls usage",
        }
    }

    /// The path template, for tracing.
    pub(crate) fn route(self) -> &'static str {
        match self {
            UsageKind::Completions => "/organization/usage/completions",
            UsageKind::Embeddings => "/organization/usage/embeddings",
            UsageKind::Moderations => "/organization/usage/moderations",
            UsageKind::Images => "/organization/usage/images",
            UsageKind::AudioSpeeches => "/organization/usage/audio_speeches",
            UsageKind::AudioTranscriptions => "/organization/usage/audio_transcriptions",
            UsageKind::FileSearchCalls => "/organization/usage/file_search_calls",
            UsageKind::WebSearchCalls => "/organization/usage/web_search_calls",
        }
    }

    /// Whether the endpoint takes `models[]` (all but file search calls).
    pub(crate) fn accepts_models(self) -> bool {
        self != UsageKind::FileSearchCalls
    }

    /// Whether the endpoint takes `batch` (completions only).
    pub(crate) fn accepts_batch(self) -> bool {
        self == UsageKind::Completions
    }

    /// Whether the endpoint takes this `group_by[]` value. Values this client does not know
    /// ([`GroupBy::Other`]) are always passed on; the server judges them.
    pub(crate) fn accepts_group_by(self, group: &GroupBy) -> bool {
        match group {
            GroupBy::ProjectId | GroupBy::ApiKeyId | GroupBy::UserId | GroupBy::Other(_) => true,
            GroupBy::Model => self.accepts_models(),
            GroupBy::Batch | GroupBy::ServiceTier => self == UsageKind::Completions,
            GroupBy::LineItem => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_round_trips_and_unknown_names_are_none() {
        for kind in UsageKind::ALL {
            assert_eq!(UsageKind::from_name(kind.name()), Some(kind));
            assert_eq!(kind.route(), format!("/organization/usage/{}", kind.name()));
        }
        assert_eq!(
            UsageKind::from_name("web_search_calls"),
            Some(UsageKind::WebSearchCalls)
        );
        assert_eq!(UsageKind::from_name("vector_stores"), None);
        assert_eq!(UsageKind::from_name("Embeddings"), None);
        assert_eq!(UsageKind::from_name(""), None);
    }

    #[test]
    fn only_completions_group_by_batch_and_file_search_has_no_model() {
        let batch = GroupBy::Batch;
        assert!(UsageKind::Completions.accepts_group_by(&batch));
        assert!(!UsageKind::Embeddings.accepts_group_by(&batch));
        assert!(!UsageKind::FileSearchCalls.accepts_group_by(&GroupBy::Model));
        assert!(UsageKind::WebSearchCalls.accepts_group_by(&GroupBy::Model));
        assert!(!UsageKind::Images.accepts_group_by(&GroupBy::LineItem));
        let size = GroupBy::Other("size".into());
        assert!(UsageKind::Images.accepts_group_by(&size));
    }
}
