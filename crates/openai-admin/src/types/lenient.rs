//! Values that decode from any JSON value without failing, for rows where one odd value must not
//! fail a whole page (usage results).
//!
//! Arrays and objects in an unexpected place are read to their end and dropped, so the
//! surrounding document still decodes.

use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A count: a non-negative integer as is; a negative clamped to 0; a float truncated toward zero
/// and saturated at `u64::MAX` (an integer above `u64::MAX` arrives as a float); a string of
/// decimal digits read as a number; anything else (null, bool, other text, array, object) `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Count(pub(crate) Option<u64>);

/// A string as is; anything else `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text(pub(crate) Option<String>);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CountVisitor).map(Count)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextVisitor).map(Text)
    }
}

/// Reads the rest of an array and drops it.
pub(crate) fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Reads the rest of an object and drops it.
fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

struct CountVisitor;

impl<'de> Visitor<'de> for CountVisitor {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(u64::try_from(v).unwrap_or(0)))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Self::Value, E> {
        Ok(Some(u64::try_from(v).unwrap_or(u64::MAX)))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Self::Value, E> {
        Ok(Some(u64::try_from(v.max(0)).unwrap_or(u64::MAX)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        // `as` saturates: negatives become 0, values past u64::MAX become u64::MAX, NaN 0.
        Ok(Some(v as u64))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.trim().parse::<u64>().ok())
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        drain_seq(seq).map(|()| None)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        drain_map(map).map(|()| None)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        drain_seq(seq).map(|()| None)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        drain_map(map).map(|()| None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(json: &str) -> Option<u64> {
        serde_json::from_str::<Count>(json).unwrap().0
    }

    #[test]
    fn counts_clamp_saturate_and_truncate() {
        assert_eq!(count("42"), Some(42));
        assert_eq!(count("-5"), Some(0));
        assert_eq!(count("3.7"), Some(3));
        assert_eq!(count("1e30"), Some(u64::MAX));
        assert_eq!(count("18446744073709551616"), Some(u64::MAX));
        assert_eq!(count("-1e30"), Some(0));
        assert_eq!(count("\" 17 \""), Some(17));
        assert_eq!(count("\"many\""), None);
        for other in ["null", "true", "[1,[2]]", r#"{"a":{"b":1}}"#] {
            assert_eq!(count(other), None, "{other}");
        }
    }

    #[test]
    fn text_is_kept_only_when_it_is_a_string() {
        let text = |json: &str| serde_json::from_str::<Text>(json).unwrap().0;
        assert_eq!(text("\"key_1\"").as_deref(), Some("key_1"));
        for other in [
            "1",
            "-1",
            "2.5",
            "null",
            "false",
            "[\"a\"]",
            r#"{"id":"a"}"#,
        ] {
            assert_eq!(text(other), None, "{other}");
        }
    }
}
