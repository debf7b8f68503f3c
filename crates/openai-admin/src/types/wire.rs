//! Serde adapters for the wire conventions shared by every object.
//!
//! Timestamps are integer Unix seconds on the wire and `DateTime<Utc>` in Rust; secret values
//! decode straight into `SecretString` so no plain `String` copy outlives decoding.

use chrono::{DateTime, Utc};
use secrecy::SecretString;
use serde::{Deserialize, Deserializer, Serializer};

/// Required Unix-seconds timestamp.
pub(crate) mod unix {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(value: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(value.timestamp())
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let seconds = i64::deserialize(d)?;
        from_seconds(seconds)
    }

    pub(super) fn from_seconds<E: serde::de::Error>(seconds: i64) -> Result<DateTime<Utc>, E> {
        DateTime::from_timestamp(seconds, 0).ok_or_else(|| E::custom("timestamp out of range"))
    }
}

/// Optional (nullable or absent) Unix-seconds timestamp; use with `#[serde(default)]`.
pub(crate) mod unix_opt {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<DateTime<Utc>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => s.serialize_i64(value.timestamp()),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        Option::<i64>::deserialize(d)?
            .map(unix::from_seconds)
            .transpose()
    }
}

/// Optional Unix-seconds timestamp decoded leniently, for fields whose value the app only shows
/// (key expiry): a float is truncated, a value beyond chrono's range saturates to its first or
/// last instant, so one odd value cannot fail a whole page of keys.
pub(crate) mod unix_opt_saturating {
    pub(crate) use super::unix_opt::serialize;
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        Ok(Option::<f64>::deserialize(d)?.map(saturate))
    }

    /// The instant `seconds` after the epoch (whole seconds), clamped to the first and last
    /// whole seconds `DateTime<Utc>` can hold.
    pub(crate) fn saturate(seconds: f64) -> DateTime<Utc> {
        let whole = |t: DateTime<Utc>| DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t);
        let (min, max) = (
            whole(DateTime::<Utc>::MIN_UTC),
            whole(DateTime::<Utc>::MAX_UTC),
        );
        if seconds.is_nan() {
            return min;
        }
        if seconds >= max.timestamp() as f64 {
            return max;
        }
        if seconds <= min.timestamp() as f64 {
            return min;
        }
        DateTime::from_timestamp(seconds.trunc() as i64, 0).unwrap_or(max)
    }
}

/// Decodes a secret string without keeping a plain copy.
pub(crate) fn secret<'de, D: Deserializer<'de>>(d: D) -> Result<SecretString, D::Error> {
    String::deserialize(d).map(SecretString::from)
}
