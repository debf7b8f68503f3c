//! One result row of any usage endpoint, decoded so that no row can fail its page.

use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::lenient::{drain_seq, Count, Text};

/// One result row of any usage endpoint, decoded leniently. Every count is optional; a count
/// that is not a non-negative integer (a float, a negative, a number above u64::MAX, a string)
/// decodes as a saturated/clamped value or None — never a decode error. An unknown `object`
/// is kept as-is (the caller decides to skip it).
///
/// Precisely: a negative count is 0, a float is truncated (3.7 → 3) and saturates at
/// `u64::MAX`, a string of decimal digits is read as its number, anything else is `None`. A
/// string field holding anything but a string is `None`. A row that is not a JSON object at all
/// decodes as the default (empty `object`), and a repeated field keeps its last value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UsageCounts {
    /// e.g. `organization.usage.embeddings.result`; `""` if absent.
    pub object: String,
    /// Project, when grouped by `project_id`.
    pub project_id: Option<String>,
    /// API key, when grouped by `api_key_id`.
    pub api_key_id: Option<String>,
    /// Model, when grouped by `model`.
    pub model: Option<String>,
    /// Model requests (every kind but file search calls).
    pub num_model_requests: Option<u64>,
    /// Tool calls (file search calls, web search calls).
    pub num_requests: Option<u64>,
    /// Input tokens (completions, embeddings, moderations).
    pub input_tokens: Option<u64>,
    /// Output tokens (completions).
    pub output_tokens: Option<u64>,
    /// Cached input tokens (completions).
    pub input_cached_tokens: Option<u64>,
    /// Images (images).
    pub images: Option<u64>,
    /// Characters (audio speeches).
    pub characters: Option<u64>,
    /// Seconds of audio (audio transcriptions).
    pub seconds: Option<u64>,
}

impl<'de> Deserialize<'de> for UsageCounts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CountsVisitor)
    }
}

struct CountsVisitor;

impl<'de> Visitor<'de> for CountsVisitor {
    type Value = UsageCounts;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a usage result object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UsageCounts, A::Error> {
        let mut row = UsageCounts::default();
        while let Some(field) = map.next_key::<String>()? {
            let text = |slot: &mut Option<String>, map: &mut A| -> Result<(), A::Error> {
                *slot = map.next_value::<Text>()?.0;
                Ok(())
            };
            let count = |slot: &mut Option<u64>, map: &mut A| -> Result<(), A::Error> {
                *slot = map.next_value::<Count>()?.0;
                Ok(())
            };
            match field.as_str() {
                "object" => row.object = map.next_value::<Text>()?.0.unwrap_or_default(),
                "project_id" => text(&mut row.project_id, &mut map)?,
                "api_key_id" => text(&mut row.api_key_id, &mut map)?,
                "model" => text(&mut row.model, &mut map)?,
                "num_model_requests" => count(&mut row.num_model_requests, &mut map)?,
                "num_requests" => count(&mut row.num_requests, &mut map)?,
                "input_tokens" => count(&mut row.input_tokens, &mut map)?,
                "output_tokens" => count(&mut row.output_tokens, &mut map)?,
                "input_cached_tokens" => count(&mut row.input_cached_tokens, &mut map)?,
                "images" => count(&mut row.images, &mut map)?,
                "characters" => count(&mut row.characters, &mut map)?,
                "seconds" => count(&mut row.seconds, &mut map)?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(row)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<UsageCounts, A::Error> {
        drain_seq(seq).map(|()| UsageCounts::default())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<UsageCounts, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_none<E>(self) -> Result<UsageCounts, E> {
        Ok(UsageCounts::default())
    }

    fn visit_unit<E>(self) -> Result<UsageCounts, E> {
        Ok(UsageCounts::default())
    }

    fn visit_bool<E>(self, _: bool) -> Result<UsageCounts, E> {
        Ok(UsageCounts::default())
    }

    fn visit_i64<E>(self, _: i64) -> Result<UsageCounts, E> {
        Ok(UsageCounts::default())
    }

    fn visit_u64<E>(self, _: u64) -> Result<UsageCounts, E> {
        Ok(UsageCounts::default())
    }

    fn visit_f64<E>(self, _: f64) -> Result<UsageCounts, E> {
        Ok(UsageCounts::default())
    }

    fn visit_str<E>(self, _: &str) -> Result<UsageCounts, E> {
        Ok(UsageCounts::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::UsagePage;

    fn page(results: &str) -> UsagePage<UsageCounts> {
        let body = format!(
            r#"{{"object":"page","data":[{{"object":"bucket","start_time":1730419200,
            "end_time":1730505600,"results":{results}}}],"has_more":false,"next_page":null}}"#
        );
        serde_json::from_str(&body).unwrap()
    }

    #[test]
    fn the_reference_embeddings_row_decodes() {
        let page = page(
            r#"[{"object":"organization.usage.embeddings.result","input_tokens":16,
            "num_model_requests":2,"project_id":null,"user_id":null,"api_key_id":"key_a",
            "model":null}]"#,
        );
        let row = &page.data[0].results[0];
        assert_eq!(row.object, "organization.usage.embeddings.result");
        assert_eq!(
            (row.input_tokens, row.num_model_requests),
            (Some(16), Some(2))
        );
        assert_eq!(row.api_key_id.as_deref(), Some("key_a"));
        assert_eq!((row.project_id.clone(), row.model.clone()), (None, None));
        assert_eq!((row.output_tokens, row.images), (None, None));
    }

    #[test]
    fn an_unknown_object_and_odd_rows_do_not_fail_the_page() {
        let page = page(
            r#"[{"object":"organization.usage.teleportation.result","jumps":3,
                 "nested":{"deep":[1,{"x":null}]}},
                {"num_model_requests":1e30,"input_tokens":18446744073709551616,
                 "images":-5,"seconds":3.7,"characters":"12","num_requests":"lots",
                 "object":7,"api_key_id":{"id":"key_a"},"model":["m"]},
                {"object":"organization.usage.images.result"},
                42, null, "row", [1,2]]"#,
        );
        let rows = &page.data[0].results;
        assert_eq!(rows.len(), 7);
        assert_eq!(rows[0].object, "organization.usage.teleportation.result");
        assert_eq!(rows[0].num_model_requests, None);
        let odd = &rows[1];
        assert_eq!(odd.object, "");
        assert_eq!(odd.num_model_requests, Some(u64::MAX));
        assert_eq!(odd.input_tokens, Some(u64::MAX));
        assert_eq!(odd.images, Some(0));
        assert_eq!(odd.seconds, Some(3));
        assert_eq!(odd.characters, Some(12));
        assert_eq!(odd.num_requests, None);
        assert_eq!((odd.api_key_id.clone(), odd.model.clone()), (None, None));
        let missing = &rows[2];
        assert_eq!(missing.object, "organization.usage.images.result");
        assert_eq!(
            (missing.images, missing.num_model_requests),
            (None, None),
            "missing counts are None, not 0"
        );
        for row in &rows[3..] {
            assert_eq!(row, &UsageCounts::default());
        }
    }

    #[test]
    fn a_repeated_field_keeps_its_last_value() {
        let row: UsageCounts =
            serde_json::from_str(r#"{"input_tokens":1,"input_tokens":2}"#).unwrap();
        assert_eq!(row.input_tokens, Some(2));
    }
}
