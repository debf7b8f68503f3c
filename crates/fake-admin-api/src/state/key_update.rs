//! `POST /organization/projects/{pid}/api_keys/{id}`: changes a project key's scopes and/or
//! expiry (a newer endpoint than the 2026-08-21 spec).

use serde_json::{Map, Value};

use super::{no_such, State};
use crate::error::ApiError;
use crate::model::ProjectApiKey;

/// A validated update: at least one field is set; scopes are well-formed and deduplicated;
/// `expires_in_seconds` is within 1..=31536000.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyChanges {
    /// Replaces the key's scopes; empty means all permissions.
    pub scopes: Option<Vec<String>>,
    /// The new lifetime, counted from this request.
    pub expires_in_seconds: Option<u32>,
}

impl State {
    /// `POST /organization/projects/{pid}/api_keys/{id}`: updates a user-owned or
    /// service-account key. An expired key cannot be updated; a new
    /// expiry must respect the expiry policies; both changes are saved together.
    pub fn update_api_key(
        &mut self,
        project_id: &str,
        key_id: &str,
        changes: KeyChanges,
    ) -> Result<ProjectApiKey, ApiError> {
        self.require_project(project_id, false)?;
        let now = self.clock();
        let index = self
            .api_keys
            .iter()
            .position(|k| k.project_id == project_id && k.key.id == key_id)
            .ok_or_else(|| no_such("API key", key_id))?;
        if self.api_keys[index]
            .key
            .expires_at
            .is_some_and(|t| t <= now)
        {
            return Err(ApiError::bad_request(
                "This API key has expired and cannot be updated.",
            ));
        }
        if let Some(seconds) = changes.expires_in_seconds {
            self.check_updated_expiry(project_id, seconds)?;
        }
        let at = self.tick();
        let stored = &mut self.api_keys[index];
        if let Some(scopes) = &changes.scopes {
            stored.scopes.clone_from(scopes);
        }
        if let Some(seconds) = changes.expires_in_seconds {
            stored.key.expires_at = Some(at + i64::from(seconds));
        }
        let key = stored.key.clone();
        let mut requested = Map::new();
        if let Some(scopes) = changes.scopes {
            requested.insert("scopes".into(), scopes.into());
        }
        if let Some(seconds) = changes.expires_in_seconds {
            requested.insert("expires_in_seconds".into(), seconds.into());
        }
        self.record_changes(
            "api_key.updated",
            Some(project_id),
            key_id,
            Value::Object(requested),
        );
        Ok(key)
    }
}
