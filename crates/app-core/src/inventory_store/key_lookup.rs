//! One cached key by id, wherever its project.

use rusqlite::OptionalExtension;

use super::{InventoryStore, StoreError};

/// Who owns a cached key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOwnerRef {
    /// The key's project.
    pub project_id: String,
    /// `user`, `service_account` or `unknown`.
    pub owner_kind: String,
    /// The user or service account id, when known.
    pub owner_id: Option<String>,
}

impl InventoryStore {
    /// The project and owner of the cached key `key_id`; `None` when the cache does not hold it.
    pub fn key_owner(&self, key_id: &str) -> Result<Option<KeyOwnerRef>, StoreError> {
        let conn = self.reader();
        let found = conn
            .query_row(
                "SELECT project_id, owner_kind, owner_id FROM keys WHERE id = ?1 LIMIT 1",
                [key_id],
                |r| {
                    Ok(KeyOwnerRef {
                        project_id: r.get(0)?,
                        owner_kind: r.get(1)?,
                        owner_id: r.get(2)?,
                    })
                },
            )
            .optional()?;
        Ok(found)
    }
}
