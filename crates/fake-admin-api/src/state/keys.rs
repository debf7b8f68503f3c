//! Project keys and admin keys: minting (id + secret + redaction) and deletion. Updating a
//! project key's scopes and expiry lives in `key_update`.

use serde_json::Value;

use super::{redact, State, StoredAdminKey, StoredApiKey};
use crate::error::ApiError;
use crate::model::{AdminApiKey, AdminApiKeyOwner, ApiKeyOwner, DeleteResponse, ProjectApiKey};

/// Models that synthetic usage is attributed to.
const MODELS: [&str; 4] = [
    "gpt-4o-mini-2024-07-18",
    "gpt-4.1-2025-04-14",
    "gpt-4o-2024-08-06",
    "o4-mini-2025-04-16",
];

/// What a new project key looks like before it gets an id and a secret.
pub(crate) struct NewKey {
    pub project_id: String,
    pub name: String,
    pub owner: ApiKeyOwner,
    pub secret_prefix: &'static str,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub owner_project_access: &'static str,
    /// Already validated and deduplicated; empty means all permissions.
    pub scopes: Vec<String>,
    pub expires_at: Option<i64>,
}

impl State {
    /// Inserts a project key, minting its id and secret; returns the stored record.
    pub(crate) fn insert_key(&mut self, new: NewKey) -> StoredApiKey {
        let id = self.fresh_id("key_", 16);
        let value = self.mint_secret(new.secret_prefix);
        let model = MODELS[self.rng.below(MODELS.len() as u64) as usize].to_owned();
        let stored = StoredApiKey {
            project_id: new.project_id,
            key: ProjectApiKey {
                object: "organization.project.api_key".to_owned(),
                redacted_value: redact(&value),
                name: new.name,
                created_at: new.created_at,
                last_used_at: new.last_used_at,
                id,
                owner_project_access: new.owner_project_access.to_owned(),
                owner: new.owner,
                expires_at: new.expires_at,
            },
            value,
            model,
            active_until: None,
            scopes: new.scopes,
        };
        self.api_keys.push(stored.clone());
        stored
    }

    /// `DELETE /organization/projects/{pid}/api_keys/{id}`.
    pub fn delete_api_key(
        &mut self,
        project_id: &str,
        key_id: &str,
    ) -> Result<DeleteResponse, ApiError> {
        self.require_project(project_id, false)?;
        let index = self
            .api_keys
            .iter()
            .position(|k| k.project_id == project_id && k.key.id == key_id)
            .ok_or_else(|| no_such("API key", key_id))?;
        if self.api_keys[index].key.owner.kind == "service_account" {
            return Err(ApiError::bad_request(
                "Cannot delete an API key owned by a service account; delete the service account \
                 instead.",
            ));
        }
        self.api_keys.remove(index);
        self.tick();
        self.record("api_key.deleted", Some(project_id), key_id, Value::Null);
        Ok(deleted("organization.project.api_key.deleted", key_id))
    }

    /// Adds an admin key with a given secret (the bootstrap key) or a freshly minted one.
    pub fn add_admin_key(
        &mut self,
        name: &str,
        value: Option<String>,
        created_at: i64,
        expires_at: Option<i64>,
    ) -> StoredAdminKey {
        let value = match value {
            Some(v) => {
                self.minted.push(v.clone());
                v
            }
            None => self.mint_secret("sk-admin-"),
        };
        let owner = self.users.first().map_or_else(
            || ("user-fake".to_owned(), "Fake Owner".to_owned(), created_at),
            |u| (u.id.clone(), u.name.clone().unwrap_or_default(), u.added_at),
        );
        let stored = StoredAdminKey {
            key: AdminApiKey {
                object: "organization.admin_api_key".to_owned(),
                id: self.fresh_id("key_", 16),
                name: Some(name.to_owned()),
                redacted_value: redact(&value),
                created_at,
                expires_at,
                last_used_at: None,
                owner: AdminApiKeyOwner {
                    kind: "user".to_owned(),
                    object: "organization.user".to_owned(),
                    id: owner.0,
                    name: owner.1,
                    created_at: owner.2,
                    role: "owner".to_owned(),
                },
            },
            value,
        };
        self.admin_keys.push(stored.clone());
        stored
    }

    /// `POST /organization/admin_api_keys`.
    pub fn create_admin_key(&mut self, name: &str, expires_in: Option<i64>) -> StoredAdminKey {
        let created_at = self.tick();
        let expires_at = expires_in.map(|s| created_at + s);
        self.add_admin_key(name, None, created_at, expires_at)
    }

    /// `DELETE /organization/admin_api_keys/{id}`; the deleted key stops authenticating.
    pub fn delete_admin_key(&mut self, key_id: &str) -> Result<DeleteResponse, ApiError> {
        let index = self
            .admin_keys
            .iter()
            .position(|k| k.key.id == key_id)
            .ok_or_else(|| no_such("admin API key", key_id))?;
        self.admin_keys.remove(index);
        Ok(deleted("organization.admin_api_key.deleted", key_id))
    }
}

/// A 404 naming the missing object.
pub(crate) fn no_such(what: &str, id: &str) -> ApiError {
    ApiError::not_found(format!("No such {what}: '{id}'."))
}

pub(crate) fn deleted(object: &str, id: &str) -> DeleteResponse {
    DeleteResponse {
        object: object.to_owned(),
        id: id.to_owned(),
        deleted: true,
    }
}
