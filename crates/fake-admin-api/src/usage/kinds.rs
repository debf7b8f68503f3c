//! Which usage a key produces: its kinds (from its model), its activity window, and its units in
//! one bucket. Every number depends only on the seed, the key id, the kind and the bucket.

use crate::prng::{hash_str, mix};
use crate::state::StoredApiKey;

/// A usage endpoint that reports per API key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum UsageKind {
    Completions,
    Embeddings,
    Moderations,
    Images,
    AudioSpeeches,
    AudioTranscriptions,
    FileSearchCalls,
    WebSearchCalls,
}

impl UsageKind {
    /// Every kind, in path order.
    pub(crate) const ALL: [UsageKind; 8] = [
        UsageKind::Completions,
        UsageKind::Embeddings,
        UsageKind::Moderations,
        UsageKind::Images,
        UsageKind::AudioSpeeches,
        UsageKind::AudioTranscriptions,
        UsageKind::FileSearchCalls,
        UsageKind::WebSearchCalls,
    ];

    /// The path segment under `/organization/usage/`.
    pub(crate) fn name(self) -> &'static str {
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

    /// Keeps each kind's numbers apart; completions keep the stream they always had.
    fn salt(self) -> u64 {
        match self {
            UsageKind::Completions => 0,
            other => hash_str(other.name()),
        }
    }
}

/// Salts of the per-key choices of a chat key's tool use.
const WEB_SEARCH_SALT: u64 = 0x3EB5_EA2C_0000_0001;
const FILE_SEARCH_SALT: u64 = 0xF11E_5EA2_0000_0002;

/// The kinds `key` produces. Embeddings, moderation, image, speech and transcription models
/// produce only their own kind; any other (chat) model produces completions and, for about a
/// third of the keys each (by seed and key id), also web search calls and file search calls.
pub(crate) fn kinds_of(seed: u64, key: &StoredApiKey) -> Vec<UsageKind> {
    let model = key.model.as_str();
    let single = if model.starts_with("text-embedding-") {
        Some(UsageKind::Embeddings)
    } else if model.starts_with("omni-moderation-") || model.starts_with("text-moderation-") {
        Some(UsageKind::Moderations)
    } else if model.starts_with("gpt-image-") || model.starts_with("dall-e-") {
        Some(UsageKind::Images)
    } else if model.starts_with("tts-") || model.ends_with("-tts") {
        Some(UsageKind::AudioSpeeches)
    } else if model.starts_with("whisper-") || model.ends_with("-transcribe") {
        Some(UsageKind::AudioTranscriptions)
    } else {
        None
    };
    if let Some(kind) = single {
        return vec![kind];
    }
    let roll = |salt: u64| mix(seed ^ salt ^ hash_str(&key.key.id)).is_multiple_of(3);
    let mut kinds = vec![UsageKind::Completions];
    if roll(FILE_SEARCH_SALT) {
        kinds.push(UsageKind::FileSearchCalls);
    }
    if roll(WEB_SEARCH_SALT) {
        kinds.push(UsageKind::WebSearchCalls);
    }
    kinds
}

/// The last time the key made any request: `active_until`, else `last_used_at`.
pub(crate) fn active_until(key: &StoredApiKey) -> Option<i64> {
    key.active_until.or(key.key.last_used_at)
}

/// One key's usage of one kind in one bucket; only the kind's own units are non-zero.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Units {
    /// Model requests (tool calls for file search).
    pub requests: u64,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub images: u64,
    pub characters: u64,
    pub seconds: u64,
    /// Tool calls (file and web search).
    pub calls: u64,
}

impl Units {
    /// Adds `other` to these units.
    pub(crate) fn add(&mut self, other: &Units) {
        self.requests += other.requests;
        self.input_tokens += other.input_tokens;
        self.output_tokens += other.output_tokens;
        self.images += other.images;
        self.characters += other.characters;
        self.seconds += other.seconds;
        self.calls += other.calls;
    }
}

/// `key`'s `kind` usage in `[start, start + width)`: none before the key was created or after
/// its last activity; otherwise about four buckets in five are busy, and the bucket holding the
/// last activity always has at least one request.
pub(crate) fn units(
    seed: u64,
    key: &StoredApiKey,
    kind: UsageKind,
    start: i64,
    width: i64,
) -> Units {
    let Some(until) = active_until(key) else {
        return Units::default();
    };
    if start + width <= key.key.created_at || start > until {
        return Units::default();
    }
    let h = mix(seed ^ hash_str(&key.key.id) ^ (start as u64).rotate_left(17) ^ kind.salt());
    let holds_last_request = until < start + width;
    if h % 5 == 4 && !holds_last_request {
        return Units::default();
    }
    let mut requests = (h % 400 + 1) * width as u64 / 86_400;
    if holds_last_request {
        requests = requests.max(1);
    }
    let per = |base: u64, spread: u64, shift: u32| requests * (base + (h >> shift) % spread);
    let mut units = Units {
        requests,
        ..Units::default()
    };
    match kind {
        UsageKind::Completions => {
            units.input_tokens = per(300, 1_500, 8);
            units.output_tokens = per(50, 400, 24);
        }
        UsageKind::Embeddings => units.input_tokens = per(200, 2_000, 8),
        UsageKind::Moderations => units.input_tokens = per(40, 400, 8),
        UsageKind::Images => units.images = per(1, 4, 8),
        UsageKind::AudioSpeeches => units.characters = per(80, 1_200, 8),
        UsageKind::AudioTranscriptions => units.seconds = per(5, 600, 8),
        UsageKind::FileSearchCalls => units.calls = requests,
        UsageKind::WebSearchCalls => units.calls = per(1, 2, 8),
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::generate;

    fn key_with(model: &str) -> StoredApiKey {
        let mut key = generate(7, 1, 1, 1_000_000_000).api_keys[0].clone();
        key.model = model.to_owned();
        key
    }

    #[test]
    fn a_model_decides_its_single_kind() {
        let cases = [
            ("text-embedding-3-small", UsageKind::Embeddings),
            ("omni-moderation-latest", UsageKind::Moderations),
            ("text-moderation-007", UsageKind::Moderations),
            ("gpt-image-1", UsageKind::Images),
            ("dall-e-3", UsageKind::Images),
            ("tts-1-hd", UsageKind::AudioSpeeches),
            ("gpt-4o-mini-tts", UsageKind::AudioSpeeches),
            ("whisper-1", UsageKind::AudioTranscriptions),
            ("gpt-4o-transcribe", UsageKind::AudioTranscriptions),
        ];
        for (model, kind) in cases {
            assert_eq!(kinds_of(7, &key_with(model)), vec![kind], "{model}");
        }
        assert_eq!(kinds_of(7, &key_with("gpt-4.1"))[0], UsageKind::Completions);
    }

    #[test]
    fn some_chat_keys_also_search_the_web_or_files() {
        let state = generate(7, 10, 6, 1_000_000_000);
        let kinds: Vec<Vec<UsageKind>> = state.api_keys.iter().map(|k| kinds_of(7, k)).collect();
        assert!(kinds.iter().any(|k| k.contains(&UsageKind::WebSearchCalls)));
        assert!(kinds
            .iter()
            .any(|k| k.contains(&UsageKind::FileSearchCalls)));
        assert!(kinds.iter().any(|k| k == &[UsageKind::Completions]));
    }

    #[test]
    fn the_bucket_of_the_last_request_is_busy_and_later_ones_are_empty() {
        let mut key = key_with("whisper-1");
        key.key.created_at = 0;
        key.key.last_used_at = None;
        key.active_until = Some(86_400 * 10 + 5);
        for day in 0..=10 {
            let u = units(
                7,
                &key,
                UsageKind::AudioTranscriptions,
                day * 86_400,
                86_400,
            );
            assert_eq!(u.requests > 0, u.seconds > 0);
            assert_eq!(u.input_tokens + u.images + u.characters + u.calls, 0);
        }
        let minute = units(7, &key, UsageKind::AudioTranscriptions, 86_400 * 10, 60);
        assert!(minute.requests >= 1 && minute.seconds >= 5);
        let after = units(7, &key, UsageKind::AudioTranscriptions, 86_400 * 11, 86_400);
        assert_eq!(after, Units::default());
        key.active_until = None;
        let never = units(7, &key, UsageKind::AudioTranscriptions, 86_400 * 10, 86_400);
        assert_eq!(never, Units::default());
    }
}
