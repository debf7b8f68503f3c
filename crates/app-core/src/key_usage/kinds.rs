//! What each usage kind counts, and in which unit.

use openai_admin::{UsageCounts, UsageKind};

/// How one kind is counted: the unit of its main figure, and the result object it reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindUnit {
    /// The kind.
    pub kind: UsageKind,
    /// The unit of `units` (and of `units_out` for completions), e.g. `tokens`, `images`.
    pub unit: &'static str,
    /// The `object` of this kind's results.
    pub object: &'static str,
    /// What a person calls it, e.g. "Audio transcriptions".
    pub label: &'static str,
}

/// How `kind` is counted.
pub fn unit_of(kind: UsageKind) -> KindUnit {
    let (unit, object, label) = match kind {
        UsageKind::Completions => (
            "tokens",
            "organization.usage.completions.result",
            "Completions",
        ),
        UsageKind::Embeddings => (
            "tokens",
            "organization.usage.embeddings.result",
            "Embeddings",
        ),
        UsageKind::Moderations => (
            "tokens",
            "organization.usage.moderations.result",
            "Moderations",
        ),
        UsageKind::Images => ("images", "organization.usage.images.result", "Images"),
        UsageKind::AudioSpeeches => (
            "characters",
            "organization.usage.audio_speeches.result",
            "Audio speech",
        ),
        UsageKind::AudioTranscriptions => (
            "seconds",
            "organization.usage.audio_transcriptions.result",
            "Audio transcriptions",
        ),
        UsageKind::FileSearchCalls => (
            "calls",
            "organization.usage.file_searches.result",
            "File search",
        ),
        UsageKind::WebSearchCalls => (
            "calls",
            "organization.usage.web_searches.result",
            "Web search",
        ),
    };
    KindUnit {
        kind,
        unit,
        object,
        label,
    }
}

/// A result's (requests, units, units_out) for `kind`, or `None` when the result is of
/// another kind (its `object` names something else).
pub(crate) fn figures(kind: UsageKind, result: &UsageCounts) -> Option<(u64, u64, u64)> {
    if !result.object.is_empty() && result.object != unit_of(kind).object {
        return None;
    }
    let n = |v: Option<u64>| v.unwrap_or(0);
    let model_requests = n(result.num_model_requests);
    Some(match kind {
        UsageKind::Completions => (
            model_requests,
            n(result.input_tokens),
            n(result.output_tokens),
        ),
        UsageKind::Embeddings | UsageKind::Moderations => {
            (model_requests, n(result.input_tokens), 0)
        }
        UsageKind::Images => (model_requests, n(result.images), 0),
        UsageKind::AudioSpeeches => (model_requests, n(result.characters), 0),
        UsageKind::AudioTranscriptions => (model_requests, n(result.seconds), 0),
        UsageKind::FileSearchCalls | UsageKind::WebSearchCalls => {
            let calls = n(result.num_requests);
            (calls.max(model_requests), calls, 0)
        }
    })
}
