//! Query strings in the encoding the official SDK uses: arrays as `key[]=a&key[]=b`, objects as
//! `key[sub]=v`. `serde_urlencoded` cannot express these, so pairs are built explicitly.

use std::fmt::Display;

/// An ordered list of query pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Query(Vec<(String, String)>);

impl Query {
    /// Appends `key=value`.
    pub(crate) fn push(&mut self, key: &str, value: impl Display) {
        self.0.push((key.to_owned(), value.to_string()));
    }

    /// Appends `key=value` when `value` is set.
    pub(crate) fn push_opt(&mut self, key: &str, value: Option<impl Display>) {
        if let Some(value) = value {
            self.push(key, value);
        }
    }

    /// Appends `key[]=v` for each value (`key` is given without the brackets).
    pub(crate) fn push_array<T: Display>(
        &mut self,
        key: &str,
        values: impl IntoIterator<Item = T>,
    ) {
        let key = format!("{key}[]");
        for value in values {
            self.push(&key, value);
        }
    }

    /// A copy with `key` set to `value`, replacing earlier values of `key`.
    pub(crate) fn with(&self, key: &str, value: &str) -> Query {
        let mut query = Query(self.0.iter().filter(|(k, _)| k != key).cloned().collect());
        query.push(key, value);
        query
    }

    /// Whether no pair is set.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The pairs in order.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_use_the_bracket_form() {
        let mut query = Query::default();
        query.push_array("group_by", ["project_id", "api_key_id"]);
        query.push_opt("limit", Some(5));
        query.push_opt("after", None::<&str>);
        let pairs: Vec<_> = query.pairs().collect();
        assert_eq!(
            pairs,
            vec![
                ("group_by[]", "project_id"),
                ("group_by[]", "api_key_id"),
                ("limit", "5")
            ]
        );
    }

    #[test]
    fn with_replaces_the_cursor() {
        let mut query = Query::default();
        query.push("after", "a");
        query.push("limit", 100);
        let next = query.with("after", "b");
        assert_eq!(
            next.pairs().collect::<Vec<_>>(),
            vec![("limit", "100"), ("after", "b")]
        );
    }
}
