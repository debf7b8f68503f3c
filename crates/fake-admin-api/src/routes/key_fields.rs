//! The `scopes` and `expires_in_seconds` request fields shared by the key create and update
//! endpoints: type checks, the expiry range and the scope format, each refused with a 400 that
//! names the parameter.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::error::ApiError;

/// The longest lifetime a key can be given: 365 days.
pub(crate) const MAX_EXPIRES_IN: i64 = 31_536_000;

/// A body field that tells "absent" (`Raw(None)`, with `#[serde(default)]`) from an explicit
/// `null` (`Raw(Some(Value::Null))`).
#[derive(Debug, Default)]
pub(crate) struct Raw(pub Option<Value>);

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(|v| Raw(Some(v)))
    }
}

/// Whether `null` means "omitted" (creates) or is refused (updates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Null {
    /// `null` is the same as leaving the field out.
    MeansAbsent,
    /// `null` is a 400.
    Refused,
}

/// `expires_in_seconds`: an integer in 1..=31536000.
pub(crate) fn expires_in(raw: &Raw, null: Null) -> Result<Option<u32>, ApiError> {
    const PARAM: &str = "expires_in_seconds";
    let out_of_range = || {
        ApiError::invalid_param(
            PARAM,
            format!("Invalid '{PARAM}': must be an integer between 1 and {MAX_EXPIRES_IN}."),
        )
    };
    match &raw.0 {
        None => Ok(None),
        Some(Value::Null) if null == Null::MeansAbsent => Ok(None),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(s) if (1..=MAX_EXPIRES_IN).contains(&s) => {
                u32::try_from(s).map(Some).map_err(|_| out_of_range())
            }
            _ => Err(out_of_range()),
        },
        Some(other) => Err(wrong_type(PARAM, "an integer", other)),
    }
}

/// `scopes`: an array of well-formed scope strings, deduplicated in first-seen order.
pub(crate) fn scopes(raw: &Raw, null: Null) -> Result<Option<Vec<String>>, ApiError> {
    const PARAM: &str = "scopes";
    let items = match &raw.0 {
        None => return Ok(None),
        Some(Value::Null) if null == Null::MeansAbsent => return Ok(None),
        Some(Value::Array(items)) => items,
        Some(other) => return Err(wrong_type(PARAM, "an array of strings", other)),
    };
    let mut scopes: Vec<String> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Value::String(scope) = item else {
            return Err(wrong_type(&format!("{PARAM}[{i}]"), "a string", item).with_param(PARAM));
        };
        if !is_well_formed(scope) {
            return Err(ApiError::invalid_param(
                PARAM,
                format!("Invalid scope '{scope}': scopes look like 'api.files.read'."),
            ));
        }
        if !scopes.contains(scope) {
            scopes.push(scope.clone());
        }
    }
    Ok(Some(scopes))
}

/// `api.<segment>.<segment>(.<segment>)*`, segments made of `[a-z0-9_]`.
pub(crate) fn is_well_formed(scope: &str) -> bool {
    let parts: Vec<&str> = scope.split('.').collect();
    let segment = |s: &&str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    // The action is the last segment: `read`, `write`, or another verb such as the spec's own
    // example `api.model.request`.
    parts.len() >= 3 && parts[0] == "api" && parts[1..].iter().all(segment)
}

fn wrong_type(param: &str, expected: &str, got: &Value) -> ApiError {
    let got = match got {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a decimal",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    ApiError::invalid_param(
        param,
        format!("Invalid type for '{param}': expected {expected}, but got {got} instead."),
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn raw(v: Value) -> Raw {
        Raw(Some(v))
    }

    #[test]
    fn scope_format() {
        for good in [
            "api.all.read",
            "api.files.read",
            "api.responses.write",
            "api.chat.completions.write",
            "api.fine_tuning2.read",
            "api.model.request",
        ] {
            assert!(is_well_formed(good), "{good}");
        }
        for bad in [
            "",
            "foo bar",
            "api.read",
            "api..read",
            "api.Files.read",
            "org.files.read",
            "api.files.read ",
            "api.files-x.read",
        ] {
            assert!(!is_well_formed(bad), "{bad}");
        }
    }

    #[test]
    fn expiry_range_types_and_null() {
        assert_eq!(expires_in(&Raw(None), Null::Refused).unwrap(), None);
        assert_eq!(
            expires_in(&raw(json!(null)), Null::MeansAbsent).unwrap(),
            None
        );
        assert!(expires_in(&raw(json!(null)), Null::Refused).is_err());
        assert_eq!(
            expires_in(&raw(json!(31_536_000)), Null::Refused).unwrap(),
            Some(31_536_000)
        );
        for bad in [
            json!(0),
            json!(-5),
            json!(31_536_001),
            json!(1.5),
            json!("60"),
        ] {
            let error = expires_in(&raw(bad.clone()), Null::Refused).unwrap_err();
            assert_eq!(
                error.body.param.as_deref(),
                Some("expires_in_seconds"),
                "{bad}"
            );
        }
    }

    #[test]
    fn scopes_are_deduplicated_in_order() {
        let got = scopes(
            &raw(json!(["api.files.read", "api.all.read", "api.files.read"])),
            Null::Refused,
        )
        .unwrap();
        assert_eq!(
            got,
            Some(vec!["api.files.read".to_owned(), "api.all.read".to_owned()])
        );
        let error = scopes(&raw(json!(["api.files.read", 3])), Null::Refused).unwrap_err();
        assert_eq!(
            error.body.message,
            "Invalid type for 'scopes[1]': expected a string, but got an integer instead."
        );
        assert_eq!(error.body.param.as_deref(), Some("scopes"));
    }
}
