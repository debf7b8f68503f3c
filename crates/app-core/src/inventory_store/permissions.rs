//! The permissions recorded for keys: what Keywarden set (a create or an edit) or found in the
//! audit log. The API never reports a key's permissions, so these are the only record; a
//! refresh keeps them, and each is attached to its key's row as the key is written.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Transaction, TransactionBehavior};

use super::model::{PermissionSource, RecordedPermissions};
use super::{read_time, stored_time, InventoryStore, StoreError};

/// One stored record, as the keys table's columns take it.
pub(crate) struct StoredPermissions {
    /// The scopes as a JSON array.
    pub(crate) scopes: String,
    /// When they were set (stored time).
    pub(crate) set_at: i64,
    /// `keywarden` or `audit_log`.
    pub(crate) source: &'static str,
}

/// Every recorded permission, by key id, loaded to be attached to keys as they are written.
pub(crate) struct Recorded(HashMap<String, StoredPermissions>);

impl Recorded {
    pub(crate) fn load(tx: &Transaction<'_>) -> rusqlite::Result<Self> {
        let mut stmt =
            tx.prepare_cached("SELECT key_id, scopes, set_at, source FROM key_permissions")?;
        let rows = stmt.query_map([], |r| {
            let source = PermissionSource::from_stored(&r.get::<_, String>(3)?);
            Ok((
                r.get::<_, String>(0)?,
                StoredPermissions {
                    scopes: r.get(1)?,
                    set_at: r.get(2)?,
                    source: source.stored(),
                },
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>().map(Recorded)
    }

    pub(crate) fn of(&self, key_id: &str) -> Option<&StoredPermissions> {
        self.0.get(key_id)
    }
}

/// Reads the permission columns of a keys row back; a damaged value reads as unknown.
pub(crate) fn read_permissions(
    scopes: Option<String>,
    set_at: Option<i64>,
    source: Option<String>,
) -> Option<RecordedPermissions> {
    let scopes: Vec<String> = serde_json::from_str(&scopes?).ok()?;
    Some(RecordedPermissions {
        scopes,
        set_at: read_time(set_at?),
        source: PermissionSource::from_stored(&source?),
    })
}

impl InventoryStore {
    /// The time of the newest audit event already read for permissions; a refresh reads only
    /// events from then on. `None` before the first read (or after the cache was emptied).
    pub fn audit_read_until(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        let conn = self.reader();
        let until: Option<i64> =
            conn.query_row("SELECT audit_read_until FROM meta WHERE id = 1", [], |r| {
                r.get(0)
            })?;
        Ok(until.map(read_time))
    }

    /// The permissions recorded for one key (by Keywarden or from the audit log), if any.
    pub fn permissions_of(&self, key_id: &str) -> Result<Option<RecordedPermissions>, StoreError> {
        use rusqlite::OptionalExtension;
        let conn = self.reader();
        let row = conn
            .query_row(
                "SELECT scopes, set_at, source FROM key_permissions WHERE key_id = ?1",
                [key_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        Ok(row.and_then(|(scopes, set_at, source)| {
            read_permissions(Some(scopes), Some(set_at), Some(source))
        }))
    }

    /// Notes the time of the newest audit event read for permissions.
    pub fn set_audit_read_until(&self, until: DateTime<Utc>) -> Result<(), StoreError> {
        let conn = self.writer();
        conn.execute(
            "UPDATE meta SET audit_read_until = ?1 WHERE id = 1",
            [stored_time(until)],
        )?;
        Ok(())
    }

    /// Records keys' permissions. A record older than the one already kept for a key is
    /// ignored, so an old audit event never hides what Keywarden set later. Keys not in the
    /// cache yet get their record when a refresh writes them.
    pub fn record_permissions<'a>(
        &self,
        records: impl IntoIterator<Item = (&'a str, &'a RecordedPermissions)>,
    ) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut upsert = tx.prepare_cached(
                "INSERT INTO key_permissions (key_id, scopes, set_at, source) \
                 VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (key_id) DO UPDATE SET scopes = excluded.scopes, \
                 set_at = excluded.set_at, source = excluded.source \
                 WHERE excluded.set_at >= key_permissions.set_at",
            )?;
            for (key_id, record) in records {
                let scopes = serde_json::to_string(&record.scopes).unwrap_or_else(|_| "[]".into());
                upsert.execute(params![
                    key_id,
                    scopes,
                    stored_time(record.set_at),
                    record.source.stored()
                ])?;
            }
        }
        // One pass over the keys (each looks its record up by primary key), touching only the
        // rows whose record changed: a per-record update would scan the keys once per record.
        tx.execute(
            "UPDATE keys SET scopes = p.scopes, scopes_set_at = p.set_at, scopes_source = p.source \
             FROM key_permissions AS p WHERE p.key_id = keys.id AND (keys.scopes_set_at IS NOT \
             p.set_at OR keys.scopes IS NOT p.scopes OR keys.scopes_source IS NOT p.source)",
            [],
        )?;
        tx.commit()?;
        Ok(())
    }
}
