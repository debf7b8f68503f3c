//! Taking one key of a service account out of service while the account and its other keys
//! stay: what a rotation does to the old key when it finishes and to the new key when it is
//! abandoned, and what revoking an extra key whose secret was lost does.
//!
//! Revoking a key from the keys table deletes a service-account key's whole account (after a
//! preview that says so), because the API refuses to delete a service account's key on its own
//! (400). Here that would take the other keys with it, so the key is deleted where the API
//! allows it and otherwise made to expire now (the update endpoint with a one-second lifetime):
//! it stops working within a second and stays listed as expired. Never the account.

use chrono::{DateTime, Utc};
use openai_admin::{ApiKeyId, ApiKeyUpdate, Client, Error as ApiError, ErrorKind, ProjectId};

/// How a key was taken out of service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retired {
    /// The API deleted it.
    Deleted,
    /// The API would not delete it alone, so it was made to expire now (or had expired).
    Expired,
    /// It was already gone.
    AlreadyGone,
}

impl Retired {
    /// How it went, as a sentence about the `which` key ("old", "new") named `name`.
    pub fn sentence(self, which: &str, name: &str) -> String {
        match self {
            Retired::Deleted => format!("The {which} key “{name}” was revoked."),
            Retired::Expired => format!(
                "The {which} key “{name}” was made to expire now, because OpenAI does not \
                 delete one key of a service account on its own: it stops working within a \
                 second and stays listed as expired."
            ),
            Retired::AlreadyGone => format!("The {which} key “{name}” was already gone."),
        }
    }
}

/// Takes `key` out of service without touching its service account: deletes it, or, where the
/// API refuses that for a service account's key, makes it expire now. `server_now` (when
/// known) tells an already expired key apart from a refusal.
pub async fn retire_key(
    client: &Client,
    project: &ProjectId,
    key: &ApiKeyId,
    server_now: Option<DateTime<Utc>>,
) -> Result<Retired, ApiError> {
    let keys = client.project(project).api_keys();
    match keys.delete(key.clone()).await {
        Ok(_) => return Ok(Retired::Deleted),
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(Retired::AlreadyGone),
        Err(error) if error.kind() != ErrorKind::BadRequest => return Err(error),
        Err(_) => {}
    }
    let now = ApiKeyUpdate {
        scopes: None,
        expires_in_seconds: Some(1),
    };
    match keys.update(key.clone(), &now).await {
        Ok(_) => Ok(Retired::Expired),
        Err(error) if error.kind() == ErrorKind::NotFound => Ok(Retired::AlreadyGone),
        Err(error) if error.kind() == ErrorKind::BadRequest => {
            let current = match keys.retrieve(key.clone()).await {
                Ok(current) => current,
                Err(lookup) if lookup.kind() == ErrorKind::NotFound => {
                    return Ok(Retired::AlreadyGone)
                }
                Err(_) => return Err(error),
            };
            let expired = current
                .expires_at
                .zip(server_now)
                .is_some_and(|(expires, now)| expires <= now);
            if expired {
                Ok(Retired::Expired)
            } else {
                Err(error)
            }
        }
        Err(error) => Err(error),
    }
}
