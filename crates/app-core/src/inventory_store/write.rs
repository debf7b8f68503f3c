//! Writing the cache: a whole refresh, one project's keys after a change, and spend per key.
//!
//! Each write is one transaction with prepared statements, so a reader sees either the previous
//! inventory or the new one, never a mix, and a failed write leaves the previous one intact.

use std::collections::{HashMap, HashSet};

use openai_admin::ProjectApiKey;
use rusqlite::{params, OptionalExtension, Statement, Transaction, TransactionBehavior};

use super::model::{project_name, project_status, search_text, InventorySnapshot, KeyRow};
use super::permissions::Recorded;
use super::{schema, stored_time, InventoryStore, StoreError};

const INSERT_PROJECT: &str = "INSERT OR IGNORE INTO projects (id, position, name, status, \
    archived, created_at, archived_at, service_account_count, keys_error, service_accounts_error, \
    search) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

const INSERT_KEY: &str = "INSERT INTO keys (project_id, id, name, redacted_value, owner_kind, \
    owner_id, owner_name, owner_email, owner_access, created_at, last_used_at, expires_at, \
    project_name, spend_usd, scopes, scopes_set_at, scopes_source, search) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";

/// Spend as the keys table shows it: the recorded amount, or 0 for a key absent from the last
/// recorded costs.
const SPEND_OF_KEY: &str = "coalesce((SELECT usd FROM spend WHERE spend.key_id = keys.id), 0.0)";

/// What the cache keeps about keys beyond the API's listing, attached to keys as they are
/// written: spend and recorded permissions.
struct Attached {
    spend: Spend,
    permissions: Recorded,
}

impl Attached {
    fn load(tx: &Transaction<'_>) -> rusqlite::Result<Self> {
        Ok(Attached {
            spend: Spend::load(tx)?,
            permissions: Recorded::load(tx)?,
        })
    }
}

/// The spend last set, applied to keys as they are written.
struct Spend {
    fetched: bool,
    by_key: HashMap<String, f64>,
}

impl Spend {
    fn load(tx: &Transaction<'_>) -> rusqlite::Result<Self> {
        let days: Option<i64> =
            tx.query_row("SELECT spend_days FROM meta WHERE id = 1", [], |r| r.get(0))?;
        let mut by_key = HashMap::new();
        if days.is_some() {
            let mut stmt = tx.prepare_cached("SELECT key_id, usd FROM spend")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?)))?;
            for row in rows {
                let (key, usd) = row?;
                by_key.insert(key, usd);
            }
        }
        Ok(Spend {
            fetched: days.is_some(),
            by_key,
        })
    }

    fn of(&self, key_id: &str) -> Option<f64> {
        self.fetched
            .then(|| self.by_key.get(key_id).copied().unwrap_or(0.0))
    }
}

impl InventoryStore {
    /// Replaces the whole cached inventory with a refresh, atomically: projects in list order,
    /// their keys, service-account counts, per-project errors and the refresh time. Spend set
    /// earlier stays attached to the keys that still exist. A project or key listed twice is
    /// kept once, as first listed. Blocks for a second or more at 100,000 keys (queries keep
    /// reading the previous inventory meanwhile): call it from `spawn_blocking`.
    pub fn replace_inventory(&self, snapshot: &InventorySnapshot) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let attached = Attached::load(&tx)?;
        tx.execute_batch(schema::DROP_KEY_INDEXES)?;
        tx.execute_batch("DELETE FROM keys; DELETE FROM projects;")?;
        let mut written = HashSet::new();
        let mut first_names = HashMap::new();
        {
            let mut insert_project = tx.prepare_cached(INSERT_PROJECT)?;
            let mut insert_key = tx.prepare_cached(INSERT_KEY)?;
            for (position, entry) in snapshot.projects.iter().enumerate() {
                let project = &entry.project;
                let id = project.id.as_str();
                let name = first_names
                    .entry(id)
                    .or_insert_with(|| project_name(project))
                    .clone();
                let position = i64::try_from(position).unwrap_or(i64::MAX);
                let service_accounts = entry.service_accounts.as_ref();
                insert_project.execute(params![
                    id,
                    position,
                    name,
                    project_status(project),
                    project.is_archived(),
                    stored_time(project.created_at),
                    project.archived_at.map(stored_time),
                    service_accounts.ok().map(|accounts| count(accounts.len())),
                    entry.keys.as_ref().err(),
                    service_accounts.err(),
                    search_text([name.as_str(), id]),
                ])?;
                if let Ok(keys) = &entry.keys {
                    insert_keys(&mut insert_key, &attached, &mut written, id, &name, keys)?;
                }
            }
        }
        tx.execute_batch(schema::KEY_INDEXES)?;
        tx.execute(
            "UPDATE meta SET refreshed_at = ?1 WHERE id = 1",
            [stored_time(snapshot.refreshed_at)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces one project's keys (after a create or revoke) and clears its key-listing error.
    /// Fails with [`StoreError::NotFound`] when the cache does not hold the project.
    pub fn replace_project_keys(
        &self,
        project_id: &str,
        keys: &[ProjectApiKey],
    ) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let name: Option<String> = tx
            .query_row(
                "SELECT name FROM projects WHERE id = ?1",
                [project_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(name) = name else {
            return Err(StoreError::NotFound(format!("project “{project_id}”")));
        };
        let attached = Attached::load(&tx)?;
        tx.execute("DELETE FROM keys WHERE project_id = ?1", [project_id])?;
        tx.execute(
            "UPDATE projects SET keys_error = NULL WHERE id = ?1",
            [project_id],
        )?;
        {
            let mut insert_key = tx.prepare_cached(INSERT_KEY)?;
            insert_keys(
                &mut insert_key,
                &attached,
                &mut HashSet::new(),
                project_id,
                &name,
                keys,
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Sets one project's service-account count (after a create or revoke added or deleted an
    /// account) and clears its service-account listing error. A project the cache does not hold
    /// is [`StoreError::NotFound`].
    pub fn set_service_account_count(&self, project_id: &str, n: usize) -> Result<(), StoreError> {
        let conn = self.writer();
        let changed = conn.execute(
            "UPDATE projects SET service_account_count = ?2, service_accounts_error = NULL \
             WHERE id = ?1",
            params![project_id, count(n)],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("project “{project_id}”")));
        }
        Ok(())
    }

    /// Records what each key cost over the last `days` days (e.g. `KeyCosts::by_key`); keys
    /// absent from the map spent nothing. Replaces any spend set before. Rejects a period of 0
    /// days or an amount that is not a finite number, changing nothing.
    pub fn set_spend<'a>(
        &self,
        days: u32,
        spend_by_key_id: impl IntoIterator<Item = (&'a String, &'a f64)>,
    ) -> Result<(), StoreError> {
        if days == 0 {
            return Err(StoreError::InvalidInput(
                "choose a spend period of at least one day".to_owned(),
            ));
        }
        let spend: Vec<(&String, f64)> = spend_by_key_id
            .into_iter()
            .map(|(key, usd)| (key, *usd))
            .collect();
        if spend.iter().any(|(_, usd)| !usd.is_finite()) {
            return Err(StoreError::InvalidInput(
                "a spend amount is not a number; the previous spend is kept".to_owned(),
            ));
        }
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM spend", [])?;
        {
            let mut insert =
                tx.prepare_cached("INSERT OR REPLACE INTO spend (key_id, usd) VALUES (?1, ?2)")?;
            for (key, usd) in &spend {
                insert.execute(params![key, usd])?;
            }
        }
        tx.execute("UPDATE meta SET spend_days = ?1 WHERE id = 1", [days])?;
        tx.execute(
            &format!(
                "UPDATE keys SET spend_usd = {SPEND_OF_KEY} WHERE spend_usd IS NOT {SPEND_OF_KEY}"
            ),
            [],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces one cached key with the API's answer (after its permissions or expiry changed),
    /// keeping its spend and recorded permissions. Fails with [`StoreError::NotFound`] when the
    /// cache does not hold the key in that project.
    pub fn replace_key(&self, project_id: &str, key: &ProjectApiKey) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let name: Option<String> = tx
            .query_row(
                "SELECT project_name FROM keys WHERE project_id = ?1 AND id = ?2",
                [project_id, key.id.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        let Some(name) = name else {
            return Err(StoreError::NotFound(format!("key “{}”", key.id)));
        };
        let attached = Attached::load(&tx)?;
        tx.execute(
            "DELETE FROM keys WHERE project_id = ?1 AND id = ?2",
            [project_id, key.id.as_str()],
        )?;
        {
            let mut insert_key = tx.prepare_cached(INSERT_KEY)?;
            let keys = std::slice::from_ref(key);
            let mut written = HashSet::new();
            insert_keys(
                &mut insert_key,
                &attached,
                &mut written,
                project_id,
                &name,
                keys,
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Empties the cache (e.g. after a change that makes the inventory stale): no projects, no
    /// keys, no spend, never refreshed.
    pub fn clear(&self) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "DELETE FROM keys; DELETE FROM projects; DELETE FROM spend; \
             UPDATE meta SET refreshed_at = NULL, spend_days = NULL, audit_read_until = NULL \
             WHERE id = 1;",
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// Inserts a project's keys, skipping any (project, key id) already in `written`.
fn insert_keys<'a>(
    insert: &mut Statement<'_>,
    attached: &Attached,
    written: &mut HashSet<(&'a str, &'a str)>,
    project_id: &'a str,
    project_name: &str,
    keys: &'a [ProjectApiKey],
) -> rusqlite::Result<()> {
    for key in keys {
        if !written.insert((project_id, key.id.as_str())) {
            continue;
        }
        let row = KeyRow::from_api(key, project_id, project_name);
        let permissions = attached.permissions.of(&row.id);
        let search = search_text([
            row.name.as_str(),
            row.redacted_value.as_str(),
            row.owner_name.as_str(),
            row.owner_email.as_deref().unwrap_or(""),
            project_name,
            row.id.as_str(),
        ]);
        insert.execute(params![
            row.project_id,
            row.id,
            row.name,
            row.redacted_value,
            row.owner_kind.stored(),
            row.owner_id,
            row.owner_name,
            row.owner_email,
            row.owner_access,
            stored_time(row.created_at),
            row.last_used_at.map(stored_time),
            row.expires_at.map(stored_time),
            row.project_name,
            attached.spend.of(&row.id),
            permissions.map(|p| p.scopes.as_str()),
            permissions.map(|p| p.set_at),
            permissions.map(|p| p.source),
            search,
        ])?;
    }
    Ok(())
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
