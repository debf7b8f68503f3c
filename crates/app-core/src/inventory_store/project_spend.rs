//! Spend per project and day, written by every refresh (from costs grouped by project) and
//! read for the organization's chart and a project's header.

use rusqlite::{params, TransactionBehavior};

use super::{InventoryStore, StoreError};

/// A project's spend on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectSpendDay {
    /// The project id.
    pub project_id: String,
    /// Its name from the cache (its id when the cache does not hold it); ignored on write.
    pub name: String,
    /// The day (microseconds).
    pub day: i64,
    /// Spend that day.
    pub usd: f64,
}

impl InventoryStore {
    /// Replaces the spend per project and day (every refresh).
    pub fn replace_project_spend(&self, rows: &[ProjectSpendDay]) -> Result<(), StoreError> {
        if rows.iter().any(|row| !row.usd.is_finite()) {
            return Err(StoreError::InvalidInput(
                "a spend amount is not a number; the previous spend is kept".to_owned(),
            ));
        }
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM project_spend_daily", [])?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO project_spend_daily (project_id, day, usd) VALUES (?1, ?2, ?3)",
            )?;
            for row in rows {
                insert.execute(params![row.project_id, row.day, row.usd])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Spend per project and day from `first_day` on, ordered by day then project.
    pub fn project_spend(&self, first_day: i64) -> Result<Vec<ProjectSpendDay>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(
            "SELECT s.project_id, coalesce(p.name, s.project_id), s.day, s.usd \
             FROM project_spend_daily s LEFT JOIN projects p ON p.id = s.project_id \
             WHERE s.day >= ?1 ORDER BY s.day, s.project_id",
        )?;
        let rows = stmt
            .query_map([first_day], |r| {
                Ok(ProjectSpendDay {
                    project_id: r.get(0)?,
                    name: r.get(1)?,
                    day: r.get(2)?,
                    usd: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}
