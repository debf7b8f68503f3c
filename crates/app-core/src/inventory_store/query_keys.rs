//! The keys table's query: filter by project and text, sort by any column either way, count,
//! and return one page.
//!
//! The SQL is assembled only from the fixed fragments below, chosen by enum; the project id, the
//! search text, the limit and the offset are always bound parameters.

use rusqlite::types::ToSql;
use rusqlite::{named_params, Row, Transaction};

use super::model::{KeyOwnerKind, KeyRow};
use super::{read_time, InventoryStore, StoreError, MAX_PAGE_ROWS};

/// What the keys table asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyQuery {
    /// Only this project's keys; `None` for every project of the organization.
    pub project_id: Option<String>,
    /// A case-insensitive substring of the key's name, redacted value, owner name or email,
    /// project name or id; matched literally (`%`, `_`, `\` are ordinary characters). `None` or
    /// empty matches every key.
    pub text: Option<String>,
    /// The order of the rows.
    pub sort: KeySort,
    /// How many matching rows to skip; past the end gives no rows and the same total.
    pub offset: u64,
    /// How many rows to return, 1 to [`MAX_PAGE_ROWS`].
    pub limit: u32,
}

impl Default for KeyQuery {
    /// The first 100 keys of the organization by name.
    fn default() -> Self {
        KeyQuery {
            project_id: None,
            text: None,
            sort: KeySort::default(),
            offset: 0,
            limit: 100,
        }
    }
}

/// A sort column and direction. Ties are broken by key id (then project id) in the same
/// direction, so a descending page is exactly the ascending order reversed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeySort {
    /// The column.
    pub column: KeySortColumn,
    /// Largest first.
    pub descending: bool,
}

/// What the keys table can be sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum KeySortColumn {
    /// Key name, case-insensitive.
    #[default]
    Name,
    /// Owner name, case-insensitive.
    Owner,
    /// Creation time.
    Created,
    /// Last use; never-used keys sort as the oldest.
    LastUsed,
    /// Project name, case-insensitive.
    Project,
    /// Spend; keys without a known spend sort as the lowest.
    Spend,
}

/// One page of keys.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyPage {
    /// How many keys match the query in all.
    pub total: u64,
    /// The offset asked for.
    pub offset: u64,
    /// At most `limit` rows, in order.
    pub rows: Vec<KeyRow>,
}

const KEY_COLUMNS: &str = "id, name, redacted_value, owner_kind, owner_id, owner_name, \
    owner_email, created_at, last_used_at, owner_access, project_id, project_name, spend_usd";

fn order_by(sort: KeySort) -> &'static str {
    use KeySortColumn::*;
    match (sort.column, sort.descending) {
        (Name, false) => "name_sort, id, project_id",
        (Name, true) => "name_sort DESC, id DESC, project_id DESC",
        (Owner, false) => "owner_sort, id, project_id",
        (Owner, true) => "owner_sort DESC, id DESC, project_id DESC",
        (Created, false) => "created_at, id, project_id",
        (Created, true) => "created_at DESC, id DESC, project_id DESC",
        (LastUsed, false) => "last_used_at, id, project_id",
        (LastUsed, true) => "last_used_at DESC, id DESC, project_id DESC",
        (Project, false) => "project_sort, id, project_id",
        (Project, true) => "project_sort DESC, id DESC, project_id DESC",
        (Spend, false) => "spend_usd, id, project_id",
        (Spend, true) => "spend_usd DESC, id DESC, project_id DESC",
    }
}

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

impl InventoryStore {
    /// One page of keys matching `query`, with the total number of matches. Fails with
    /// [`StoreError::InvalidInput`] for a limit outside 1..=500 and [`StoreError::NotFound`]
    /// for a project the cache does not hold.
    pub fn query_keys(&self, query: &KeyQuery) -> Result<KeyPage, StoreError> {
        check_limit(query.limit)?;
        let needle = needle(query.text.as_deref());
        let mut conn = self.reader();
        let tx = conn.transaction()?;
        if let Some(project) = &query.project_id {
            let known: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM projects WHERE id = ?1)",
                [project],
                |r| r.get(0),
            )?;
            if !known {
                return Err(StoreError::NotFound(format!("project “{project}”")));
            }
        }
        let mut filters = Vec::new();
        let mut params: Vec<(&str, &dyn ToSql)> = Vec::new();
        if let Some(project) = &query.project_id {
            filters.push("project_id = :project");
            params.push((":project", project));
        }
        if let Some(needle) = &needle {
            filters.push("instr(search, :needle) > 0");
            params.push((":needle", needle));
        }
        let filter = if filters.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", filters.join(" AND "))
        };
        let total = count(&tx, &format!("SELECT count(*) FROM keys {filter}"), &params)?;
        let offset = sql_offset(query.offset);
        let limit = i64::from(query.limit);
        let sql = format!(
            "SELECT {KEY_COLUMNS} FROM keys {filter} ORDER BY {} LIMIT :limit OFFSET :offset",
            order_by(query.sort)
        );
        let mut page_params = params.clone();
        page_params.extend_from_slice(named_params! { ":limit": limit, ":offset": offset });
        let rows = {
            let mut stmt = tx.prepare(&sql)?;
            let rows = stmt.query_map(page_params.as_slice(), key_row)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        tx.commit()?;
        Ok(KeyPage {
            total,
            offset: query.offset,
            rows,
        })
    }
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

fn key_row(r: &Row<'_>) -> rusqlite::Result<KeyRow> {
    Ok(KeyRow {
        id: r.get(0)?,
        name: r.get(1)?,
        redacted_value: r.get(2)?,
        owner_kind: KeyOwnerKind::from_stored(&r.get::<_, String>(3)?),
        owner_id: r.get(4)?,
        owner_name: r.get(5)?,
        owner_email: r.get(6)?,
        created_at: read_time(r.get(7)?),
        last_used_at: r.get::<_, Option<i64>>(8)?.map(read_time),
        owner_access: r.get(9)?,
        project_id: r.get(10)?,
        project_name: r.get(11)?,
        spend_usd: r.get(12)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sort_breaks_ties_by_key_id_in_its_own_direction() {
        for column in [
            KeySortColumn::Name,
            KeySortColumn::Owner,
            KeySortColumn::Created,
            KeySortColumn::LastUsed,
            KeySortColumn::Project,
            KeySortColumn::Spend,
        ] {
            let up = order_by(KeySort {
                column,
                descending: false,
            });
            let down = order_by(KeySort {
                column,
                descending: true,
            });
            assert!(up.ends_with(", id, project_id"), "{up}");
            assert!(down.ends_with(", id DESC, project_id DESC"), "{down}");
        }
    }

    #[test]
    fn an_empty_text_matches_everything_and_a_needle_is_lower_cased() {
        assert_eq!(needle(Some("")), None);
        assert_eq!(needle(Some("ÉcoLE")).as_deref(), Some("école"));
    }

    #[test]
    fn page_sizes_outside_one_to_five_hundred_are_rejected() {
        assert!(check_limit(0).is_err());
        assert!(check_limit(501).is_err());
        assert!(check_limit(1).is_ok() && check_limit(500).is_ok());
    }
}
