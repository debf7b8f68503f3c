//! Query-string parsing that accepts both `name[]=v` and bare `name=v` array forms.
//!
//! The official SDK sends brackets, spec-driven clients send bare repeated keys; the fake accepts
//! both and reports malformed scalars in the official error envelope.

use crate::error::ApiError;

/// Decoded query pairs in their original order.
#[derive(Debug, Clone, Default)]
pub struct QueryParams {
    pairs: Vec<(String, String)>,
}

impl QueryParams {
    /// Decodes a raw query string (`None` → no parameters).
    pub fn parse(raw: Option<&str>) -> Self {
        let pairs = raw
            .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default();
        Self { pairs }
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `name` and `name[]`, comma-separated values split.
    pub fn all(&self, name: &str) -> Vec<String> {
        let bracketed = format!("{name}[]");
        self.pairs
            .iter()
            .filter(|(k, _)| k == name || *k == bracketed)
            .flat_map(|(_, v)| v.split(','))
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// An integer parameter; a non-numeric value is a 400.
    pub fn int(&self, name: &str) -> Result<Option<i64>, ApiError> {
        self.get(name)
            .map(|v| {
                v.trim().parse::<i64>().map_err(|_| {
                    ApiError::invalid_param(name, format!("Invalid '{name}': expected an integer."))
                })
            })
            .transpose()
    }

    /// A boolean parameter (`true`/`false`); anything else is a 400.
    pub fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        self.get(name)
            .map(|v| match v {
                "true" | "1" => Ok(true),
                "false" | "0" => Ok(false),
                _ => Err(ApiError::invalid_param(
                    name,
                    format!("Invalid '{name}': expected a boolean."),
                )),
            })
            .transpose()
    }

    /// `limit`, defaulting to `default` and validated against `1..=max`.
    pub fn limit(&self, default: i64, max: i64) -> Result<usize, ApiError> {
        let limit = self.int("limit")?.unwrap_or(default);
        if !(1..=max).contains(&limit) {
            return Err(ApiError::invalid_param(
                "limit",
                format!("Invalid 'limit': integer must be between 1 and {max}, got {limit}."),
            ));
        }
        Ok(limit as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracketed_and_bare_array_forms_are_both_collected() {
        let q = QueryParams::parse(Some("group_by[]=project_id&group_by=api_key_id&x=1"));
        assert_eq!(q.all("group_by"), vec!["project_id", "api_key_id"]);
    }

    #[test]
    fn a_limit_outside_the_range_is_rejected_with_the_param_named() {
        let err = QueryParams::parse(Some("limit=0"))
            .limit(20, 100)
            .unwrap_err();
        assert_eq!(err.body.param.as_deref(), Some("limit"));
        assert!(QueryParams::parse(Some("limit=abc"))
            .limit(20, 100)
            .is_err());
        assert_eq!(QueryParams::parse(None).limit(20, 100).unwrap(), 20);
    }
}
