//! The sidebar's query (active projects in the API's list order, then archived ones, with counts
//! and errors), one project
//! by id, and the cache's status.

use chrono::{DateTime, Utc};
use rusqlite::types::ToSql;
use rusqlite::{OptionalExtension, Row};

use super::model::ProjectRow;
use super::paging::{check_limit, count, needle, sql_offset};
use super::{read_time, InventoryStore, StoreError};

/// What the sidebar asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectQuery {
    /// A case-insensitive substring of the project's name or id, matched literally; `None` or
    /// empty matches every project.
    pub text: Option<String>,
    /// Include archived projects.
    pub include_archived: bool,
    /// How many matching projects to skip; past the end gives no rows and the same totals.
    pub offset: u64,
    /// How many rows to return, 1 to [`MAX_PAGE_ROWS`](super::MAX_PAGE_ROWS).
    pub limit: u32,
}

impl Default for ProjectQuery {
    /// The first 100 projects, archived ones included.
    fn default() -> Self {
        ProjectQuery {
            text: None,
            include_archived: true,
            offset: 0,
            limit: 100,
        }
    }
}

/// One page of projects: active ones in the API's list order, then archived ones in that order.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectPage {
    /// How many projects match the query in all (archived ones only when included).
    pub total: u64,
    /// How many archived projects match the text, whether included or not.
    pub archived_total: u64,
    /// The offset asked for.
    pub offset: u64,
    /// At most `limit` rows, in order.
    pub rows: Vec<ProjectRow>,
}

/// What the cache holds, in numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreStatus {
    /// When the cached refresh finished; `None` when the cache was never filled.
    pub refreshed_at: Option<DateTime<Utc>>,
    /// How many projects are cached, archived ones included.
    pub project_count: u64,
    /// How many keys are cached.
    pub key_count: u64,
    /// The period of the spend attached to keys; `None` when costs were never recorded.
    pub spend_days: Option<u32>,
    /// When usage per key was last read; `None` when never.
    pub usage_read_at: Option<DateTime<Utc>>,
}

const PROJECT_COLUMNS: &str = "id, name, status, created_at, archived_at, \
    (SELECT count(*) FROM keys WHERE keys.project_id = projects.id), service_account_count, \
    keys_error, service_accounts_error";

impl InventoryStore {
    /// One page of projects matching `query`, with totals. Fails with
    /// [`StoreError::InvalidInput`] for a limit outside 1..=500.
    pub fn query_projects(&self, query: &ProjectQuery) -> Result<ProjectPage, StoreError> {
        check_limit(query.limit)?;
        let needle = needle(query.text.as_deref());
        let mut conn = self.reader();
        let tx = conn.transaction()?;
        let mut params: Vec<(&str, &dyn ToSql)> = Vec::new();
        let text_filter = match &needle {
            Some(needle) => {
                params.push((":needle", needle));
                "instr(search, :needle) > 0"
            }
            None => "1",
        };
        let (matching, archived_total): (i64, i64) = tx.query_row(
            &format!(
                "SELECT count(*), coalesce(sum(archived), 0) FROM projects WHERE {text_filter}"
            ),
            params.as_slice(),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (matching, archived_total) = (to_count(matching), to_count(archived_total));
        let archived_filter = if query.include_archived {
            ""
        } else {
            "AND archived = 0"
        };
        let total = if query.include_archived {
            matching
        } else {
            matching.saturating_sub(archived_total)
        };
        let sql = format!(
            "SELECT {PROJECT_COLUMNS} FROM projects WHERE {text_filter} {archived_filter} \
             ORDER BY archived, position LIMIT :limit OFFSET :offset"
        );
        let limit = i64::from(query.limit);
        let offset = sql_offset(query.offset);
        params.push((":limit", &limit));
        params.push((":offset", &offset));
        let rows = {
            let mut stmt = tx.prepare_cached(&sql)?;
            let rows = stmt.query_map(params.as_slice(), project_row)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        tx.commit()?;
        Ok(ProjectPage {
            total,
            archived_total,
            offset: query.offset,
            rows,
        })
    }

    /// The cached project with this id, or `None` when the cache does not hold it.
    pub fn project(&self, id: &str) -> Result<Option<ProjectRow>, StoreError> {
        let conn = self.reader();
        let sql = format!("SELECT {PROJECT_COLUMNS} FROM projects WHERE id = ?1");
        Ok(conn.query_row(&sql, [id], project_row).optional()?)
    }

    /// When the cache was refreshed and how much it holds.
    pub fn status(&self) -> Result<StoreStatus, StoreError> {
        let mut conn = self.reader();
        let tx = conn.transaction()?;
        let (refreshed_at, spend_days, usage_read_at): (Option<i64>, Option<i64>, Option<i64>) = tx
            .query_row(
                "SELECT refreshed_at, spend_days, usage_read_at FROM meta WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
        let project_count = count(&tx, "SELECT count(*) FROM projects", &[])?;
        let key_count = count(&tx, "SELECT count(*) FROM keys", &[])?;
        tx.commit()?;
        Ok(StoreStatus {
            refreshed_at: refreshed_at.map(read_time),
            project_count,
            key_count,
            spend_days: spend_days.and_then(|d| u32::try_from(d).ok()),
            usage_read_at: usage_read_at.map(read_time),
        })
    }
}

fn to_count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn project_row(r: &Row<'_>) -> rusqlite::Result<ProjectRow> {
    Ok(ProjectRow {
        id: r.get(0)?,
        name: r.get(1)?,
        status: r.get(2)?,
        created_at: read_time(r.get(3)?),
        archived_at: r.get::<_, Option<i64>>(4)?.map(read_time),
        key_count: to_count(r.get(5)?),
        service_account_count: r.get::<_, Option<i64>>(6)?.map(to_count),
        error: r.get(7)?,
        service_accounts_error: r.get(8)?,
    })
}
