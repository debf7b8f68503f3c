//! The rules every paged query shares: page sizes, offsets, the search needle, and counting.

use rusqlite::types::ToSql;
use rusqlite::Transaction;

use super::{StoreError, MAX_PAGE_ROWS};

/// Checks a page size against [`MAX_PAGE_ROWS`].
pub(crate) fn check_limit(limit: u32) -> Result<(), StoreError> {
    if (1..=MAX_PAGE_ROWS).contains(&limit) {
        return Ok(());
    }
    Err(StoreError::InvalidInput(format!(
        "choose a page of 1 to {MAX_PAGE_ROWS} rows (asked for {limit})"
    )))
}

/// The lower-cased search needle, or `None` when the text matches everything.
pub(crate) fn needle(text: Option<&str>) -> Option<String> {
    text.filter(|t| !t.is_empty()).map(str::to_lowercase)
}

/// An offset SQLite accepts; anything beyond is past the end anyway.
pub(crate) fn sql_offset(offset: u64) -> i64 {
    i64::try_from(offset).unwrap_or(i64::MAX)
}

/// Runs a `SELECT count(*)` with named parameters.
pub(crate) fn count(
    tx: &Transaction<'_>,
    sql: &str,
    params: &[(&str, &dyn ToSql)],
) -> rusqlite::Result<u64> {
    let n: i64 = tx.query_row(sql, params, |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_text_matches_everything_and_a_needle_is_lower_cased() {
        assert_eq!(needle(Some("")), None);
        assert_eq!(needle(Some("ÉcoLE")).as_deref(), Some("école"));
    }

    #[test]
    fn page_sizes_outside_one_to_four_hundred_are_rejected() {
        assert!(check_limit(0).is_err());
        assert!(check_limit(401).is_err());
        assert!(check_limit(1).is_ok() && check_limit(400).is_ok());
    }
}
