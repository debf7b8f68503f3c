//! What each endpoint groups and filters by, and each key's value of every grouping field.

use super::kinds::UsageKind;
use crate::prng::{hash_str, mix, Prng};
use crate::state::StoredApiKey;

/// The endpoint being answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Report {
    /// `/organization/usage/{kind}`.
    Usage(UsageKind),
    /// `/organization/costs`.
    Costs,
}

const PROJECT: (&str, &str) = ("project_ids", "project_id");
const USER: (&str, &str) = ("user_ids", "user_id");
const KEY: (&str, &str) = ("api_key_ids", "api_key_id");
const MODEL: (&str, &str) = ("models", "model");

impl Report {
    /// The `group_by` values the endpoint accepts (as the spec lists them), in row sort order.
    pub(crate) fn groups(self) -> &'static [&'static str] {
        match self {
            Report::Usage(UsageKind::Completions) => &[
                "project_id",
                "api_key_id",
                "user_id",
                "model",
                "batch",
                "service_tier",
            ],
            Report::Usage(UsageKind::Images) => &[
                "project_id",
                "api_key_id",
                "user_id",
                "model",
                "size",
                "source",
            ],
            Report::Usage(UsageKind::FileSearchCalls) => {
                &["project_id", "api_key_id", "user_id", "vector_store_id"]
            }
            Report::Usage(UsageKind::WebSearchCalls) => &[
                "project_id",
                "api_key_id",
                "user_id",
                "model",
                "context_level",
            ],
            Report::Usage(_) => &["project_id", "api_key_id", "user_id", "model"],
            Report::Costs => &["project_id", "api_key_id", "line_item"],
        }
    }

    /// The list filters the endpoint accepts: `(query parameter, grouping field it matches)`.
    pub(crate) fn filters(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Report::Usage(UsageKind::Images) => &[
                PROJECT,
                USER,
                KEY,
                MODEL,
                ("sizes", "size"),
                ("sources", "source"),
            ],
            Report::Usage(UsageKind::FileSearchCalls) => {
                &[PROJECT, USER, KEY, ("vector_store_ids", "vector_store_id")]
            }
            Report::Usage(UsageKind::WebSearchCalls) => &[
                PROJECT,
                USER,
                KEY,
                MODEL,
                ("context_levels", "context_level"),
            ],
            Report::Usage(_) => &[PROJECT, USER, KEY, MODEL],
            Report::Costs => &[PROJECT, KEY],
        }
    }

    /// Whether the endpoint takes `batch` (completions only).
    pub(crate) fn accepts_batch(self) -> bool {
        self == Report::Usage(UsageKind::Completions)
    }
}

const SIZE_SALT: u64 = 0x512E_0000_0000_0001;
const SOURCE_SALT: u64 = 0x5012_CE00_0000_0002;
const CONTEXT_SALT: u64 = 0xC047_E470_0000_0003;
const VECTOR_STORE_SALT: u64 = 0x7EC7_0125_0000_0004;

/// `key`'s value of a grouping field; `None` when it has none (the user of a service-account
/// key) or the field is not a property of the key (`line_item`).
pub(crate) fn dimension(seed: u64, key: &StoredApiKey, field: &str) -> Option<String> {
    let stream = |salt: u64| mix(seed ^ salt ^ hash_str(&key.key.id));
    let pick = |salt: u64, options: &[&str]| {
        let index = stream(salt) % options.len() as u64;
        options[index as usize].to_owned()
    };
    Some(match field {
        "project_id" => key.project_id.clone(),
        "api_key_id" => key.key.id.clone(),
        "user_id" => return key.key.owner.user.as_ref().map(|u| u.id.clone()),
        "model" => key.model.clone(),
        "batch" => "false".to_owned(),
        "service_tier" => "default".to_owned(),
        "size" => pick(SIZE_SALT, &["1024x1024", "1024x1792", "512x512", "256x256"]),
        "source" => pick(
            SOURCE_SALT,
            &[
                "image.generation",
                "image.generation",
                "image.edit",
                "image.variation",
            ],
        ),
        "context_level" => pick(CONTEXT_SALT, &["low", "medium", "medium", "high"]),
        "vector_store_id" => format!("vs_{}", Prng::new(stream(VECTOR_STORE_SALT)).alnum(24)),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::generate;

    #[test]
    fn every_filter_matches_a_group_field_of_its_endpoint() {
        let kinds = UsageKind::ALL.map(Report::Usage);
        for report in kinds.into_iter().chain([Report::Costs]) {
            for (_, field) in report.filters() {
                assert!(report.groups().contains(field), "{report:?} {field}");
            }
            assert!(report.groups().contains(&"api_key_id"), "{report:?}");
        }
    }

    #[test]
    fn a_key_has_stable_dimensions_and_no_line_item() {
        let state = generate(7, 2, 3, 1_000_000_000);
        let key = &state.api_keys[0];
        for field in ["size", "source", "context_level", "vector_store_id"] {
            assert_eq!(
                dimension(7, key, field),
                dimension(7, key, field),
                "{field}"
            );
        }
        let store = dimension(7, key, "vector_store_id").unwrap();
        assert!(store.starts_with("vs_") && store.len() == 27, "{store}");
        assert_eq!(dimension(7, key, "api_key_id"), Some(key.key.id.clone()));
        assert_eq!(dimension(7, key, "line_item"), None);
    }
}
