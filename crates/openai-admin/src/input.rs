//! Checks on caller input, run before any request so a bad value never reaches the server.

use crate::error::Error;

/// Longest accepted name, in characters.
pub const MAX_NAME_CHARS: usize = 256;
/// Largest accepted page size of a cursor list.
pub const MAX_LIST_LIMIT: u32 = 100;

/// Rejects empty, whitespace-only, over-long, or control-character names.
pub(crate) fn name(operation: &'static str, field: &str, value: &str) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::invalid(
            operation,
            format!("the {field} must not be empty"),
        ));
    }
    let chars = value.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(Error::invalid(
            operation,
            format!("the {field} is {chars} characters long; the maximum is {MAX_NAME_CHARS}"),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(
            operation,
            format!("the {field} must not contain control characters"),
        ));
    }
    Ok(())
}

/// Rejects a key lifetime outside `1..=MAX_EXPIRES_IN_SECONDS`.
pub(crate) fn expires_in(operation: &'static str, seconds: Option<u32>) -> Result<(), Error> {
    use crate::types::MAX_EXPIRES_IN_SECONDS;
    match seconds {
        Some(value) if value == 0 || value > MAX_EXPIRES_IN_SECONDS => Err(Error::invalid(
            operation,
            format!(
                "the expiry must be between 1 second and {MAX_EXPIRES_IN_SECONDS} seconds \
                 (365 days); got {value}"
            ),
        )),
        _ => Ok(()),
    }
}

/// Rejects a page size outside `1..=max`.
pub(crate) fn limit(operation: &'static str, limit: Option<u32>, max: u32) -> Result<(), Error> {
    match limit {
        Some(value) if value == 0 || value > max => Err(Error::invalid(
            operation,
            format!("limit must be between 1 and {max} (got {value})"),
        )),
        _ => Ok(()),
    }
}

/// Rejects an empty cursor.
pub(crate) fn cursor(
    operation: &'static str,
    field: &str,
    value: Option<&str>,
) -> Result<(), Error> {
    match value {
        Some(value) if value.trim().is_empty() => Err(Error::invalid(
            operation,
            format!("`{field}` must not be empty when set"),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_long_and_control_names_are_rejected() {
        assert!(name("create project", "name", "").is_err());
        assert!(name("create project", "name", " \t ").is_err());
        assert!(name("create project", "name", &"x".repeat(10_000)).is_err());
        assert!(name("create project", "name", "a\u{0}b").is_err());
        assert!(name("create project", "name", &"é".repeat(MAX_NAME_CHARS)).is_ok());
    }

    #[test]
    fn limits_outside_the_range_are_rejected() {
        assert!(limit("list projects", Some(0), 100).is_err());
        assert!(limit("list projects", Some(101), 100).is_err());
        assert!(limit("list projects", Some(100), 100).is_ok());
        assert!(limit("list projects", None, 100).is_ok());
    }
}
