//! The keys table's query: filter by project and text, sort by any column either way, count,
//! and return one page.
//!
//! The SQL is assembled only from the fixed fragments below, chosen by enum; the project id, the
//! search text, the limit and the offset are always bound parameters.
//!
//! A search reads the table once, collecting the rowids of the matches (their number is the
//! total). When matches are common, the page is read by walking the sort column's index, which
//! stops as soon as the page is full; when they are rare, the page is read by rowid and sorted.

use std::rc::Rc;

use rusqlite::types::{ToSql, Value};
use rusqlite::{named_params, Row, Transaction};

use super::key_filter::KeyFilter;
use super::model::{KeyOwnerKind, KeyRow};
use super::paging::{check_limit, count, needle, sql_offset};
use super::permissions::read_permissions;
use super::schema::EXPIRES_ORDER;
use super::{read_time, InventoryStore, StoreError};

/// What the keys table asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyQuery {
    /// Only this project's keys; `None` for every project of the organization.
    pub project_id: Option<String>,
    /// A case-insensitive substring of the key's name, redacted value, owner name or email,
    /// project name or id; matched literally (`%`, `_`, `\` are ordinary characters). `None` or
    /// empty matches every key.
    pub text: Option<String>,
    /// Only keys meeting this condition (a hygiene finding, an expiry filter); `None` for all.
    pub filter: Option<KeyFilter>,
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
            filter: None,
            sort: KeySort::default(),
            offset: 0,
            limit: 100,
        }
    }
}

/// A sort column and direction. Ties are broken by key id (then by list order) in the same
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
    /// Expiry; soonest first, keys that never expire last.
    Expires,
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
    /// Requests per day (all kinds) of the rows that made any, oldest day first, when the
    /// page was asked for with usage (`Org::query_keys_with_usage`); empty otherwise.
    pub daily_requests: std::collections::BTreeMap<String, Vec<u64>>,
}

const KEY_COLUMNS: &str = "id, name, redacted_value, owner_kind, owner_id, owner_name, \
    owner_email, created_at, last_used_at, owner_access, project_id, project_name, spend_usd, \
    expires_at, scopes, scopes_set_at, scopes_source, \
    EXISTS (SELECT 1 FROM projects WHERE projects.id = keys.project_id AND projects.archived)";

/// The `ORDER BY` terms of a sort. Read through the column's index (`walk_index`), a page
/// costs only the rows before it; a rare search instead scans the table once and keeps the best
/// rows, and the unary `+` stops SQLite from walking the index there. Both give the same order.
fn order_by(sort: KeySort, walk_index: bool) -> String {
    let column = match sort.column {
        KeySortColumn::Name => "name",
        KeySortColumn::Owner => "owner_name",
        KeySortColumn::Created => "created_at",
        KeySortColumn::LastUsed => "last_used_at",
        KeySortColumn::Project => "project_name",
        KeySortColumn::Spend => "spend_usd",
        KeySortColumn::Expires => EXPIRES_ORDER,
    };
    let direction = if sort.descending { " DESC" } else { "" };
    let plus = if walk_index { "" } else { "+" };
    format!("{plus}{column}{direction}, {plus}id{direction}, {plus}rowid{direction}")
}

/// Whether walking the sort index beats a scan: when matches are common enough that the rows
/// the index visits before filling the page cost less than reading every row once.
fn walk_index(matches: u64, offset: u64, limit: u32) -> bool {
    let needed = offset.saturating_add(u64::from(limit));
    matches > needed.saturating_mul(3)
}

impl InventoryStore {
    /// One page of keys matching `query`, with the total number of matches. Fails with
    /// [`StoreError::InvalidInput`] for a limit outside 1..=500 and [`StoreError::NotFound`]
    /// for a project the cache does not hold.
    pub fn query_keys(&self, query: &KeyQuery) -> Result<KeyPage, StoreError> {
        check_limit(query.limit)?;
        self.read_keys(query)
    }

    /// Every key `query` matches, in its order (its offset and limit are ignored), read in one
    /// transaction: what an export writes.
    pub fn all_keys(&self, query: &KeyQuery) -> Result<Vec<KeyRow>, StoreError> {
        let everything = KeyQuery {
            offset: 0,
            limit: u32::MAX,
            ..query.clone()
        };
        Ok(self.read_keys(&everything)?.rows)
    }

    fn read_keys(&self, query: &KeyQuery) -> Result<KeyPage, StoreError> {
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
        let condition = query.filter.as_ref().map(KeyFilter::condition);
        if let Some(condition) = &condition {
            filters.push(condition.sql);
            for (name, value) in &condition.params {
                params.push((name, value));
            }
        }
        let filter = if filters.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", filters.join(" AND "))
        };
        let (total, matches) = match (&needle, &condition) {
            (None, None) => {
                let sql = format!("SELECT count(*) FROM keys {filter}");
                (count(&tx, &sql, &params)?, None)
            }
            _ => {
                let rowids = matching_rowids(&tx, &filter, &params)?;
                (rowids.len() as u64, Some(rowids))
            }
        };
        let page = Page {
            limit: i64::from(query.limit),
            offset: sql_offset(query.offset),
        };
        let rows = match matches {
            _ if query.offset >= total => Vec::new(),
            Some(rowids) if !walk_index(total, query.offset, query.limit) => {
                let rowids: Rc<Vec<Value>> = Rc::new(rowids.into_iter().map(Value::from).collect());
                let params: [(&str, &dyn ToSql); 1] = [(":rowids", &rowids)];
                let filter = "WHERE rowid IN rarray(:rowids)";
                page.read(&tx, filter, &params, &order_by(query.sort, false))?
            }
            _ => page.read(&tx, &filter, &params, &order_by(query.sort, true))?,
        };
        tx.commit()?;
        Ok(KeyPage {
            total,
            offset: query.offset,
            rows,
            daily_requests: std::collections::BTreeMap::new(),
        })
    }
}

/// The rowids of every key `filter` matches, in one scan: their number is the total, and when
/// they are few, the page is read by rowid instead of scanning again.
fn matching_rowids(
    tx: &Transaction<'_>,
    filter: &str,
    params: &[(&str, &dyn ToSql)],
) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = tx.prepare_cached(&format!("SELECT rowid FROM keys {filter}"))?;
    let rowids = stmt.query_map(params, |r| r.get(0))?;
    rowids.collect()
}

/// Where a page starts and how long it is, as SQLite takes them.
struct Page {
    limit: i64,
    offset: i64,
}

impl Page {
    fn read(
        &self,
        tx: &Transaction<'_>,
        filter: &str,
        params: &[(&str, &dyn ToSql)],
        order: &str,
    ) -> rusqlite::Result<Vec<KeyRow>> {
        let sql = format!(
            "SELECT {KEY_COLUMNS} FROM keys {filter} ORDER BY {order} \
             LIMIT :limit OFFSET :offset"
        );
        let mut params = params.to_vec();
        params.extend_from_slice(named_params! { ":limit": self.limit, ":offset": self.offset });
        let mut stmt = tx.prepare_cached(&sql)?;
        let rows = stmt.query_map(params.as_slice(), key_row)?;
        rows.collect()
    }
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
        expires_at: r.get::<_, Option<i64>>(13)?.map(read_time),
        permissions: read_permissions(r.get(14)?, r.get(15)?, r.get(16)?),
        project_archived: r.get(17)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sort_breaks_ties_by_key_id_then_rowid_in_its_own_direction() {
        let sort = KeySort {
            column: KeySortColumn::LastUsed,
            descending: true,
        };
        assert_eq!(
            order_by(sort, true),
            "last_used_at DESC, id DESC, rowid DESC"
        );
        assert_eq!(order_by(KeySort::default(), false), "+name, +id, +rowid");
        let expires = KeySort {
            column: KeySortColumn::Expires,
            descending: false,
        };
        assert_eq!(
            order_by(expires, true),
            "coalesce(expires_at, 9223372036854775807), id, rowid"
        );
    }

    #[test]
    fn a_rare_match_scans_and_a_common_one_walks_the_index() {
        assert!(!walk_index(10, 0, 100));
        assert!(walk_index(90_000, 0, 100));
        assert!(!walk_index(10_000, 4_900, 100));
        assert!(!walk_index(u64::MAX, u64::MAX, 500));
    }
}
