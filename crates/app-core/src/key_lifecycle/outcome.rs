//! What a create gives back: a key whose secret is held for one reveal, or an orphan whose
//! secret was lost on the way. Neither carries a secret, so both may be logged or sent to the UI.

use chrono::{DateTime, Utc};
use openai_admin::{ApiKeyId, ProjectId, ServiceAccountId};

use super::reveal::RevealId;

/// A key that was just created; its secret is held in the vault under `reveal_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedKey {
    /// Where the secret is held until acknowledged.
    pub reveal_id: RevealId,
    /// The new key's id.
    pub key_id: ApiKeyId,
    /// The name it was created with (also the service account's name for a new account).
    pub name: String,
    /// The secret shortened to `sk-svca…9fQe`.
    pub redacted_value: String,
    /// When the key was created.
    pub created_at: DateTime<Utc>,
    /// The service account that owns the key.
    pub service_account_id: ServiceAccountId,
    /// The project of the key.
    pub project_id: ProjectId,
}

/// Something the server created whose secret never reached Keywarden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orphan {
    /// The project it is in.
    pub project_id: ProjectId,
    /// The service account that was created (or that got the extra key).
    pub service_account_id: ServiceAccountId,
    /// The extra key, when the orphan is a key added to an existing account.
    pub key_id: Option<ApiKeyId>,
    /// Its name.
    pub name: String,
    /// When the server created it.
    pub created_at: Option<DateTime<Utc>>,
}

impl Orphan {
    /// What happened and what to do, for the person who asked for the key.
    pub fn explanation(&self) -> String {
        let remedy = match &self.key_id {
            None => format!(
                "revoke it (this deletes service account {}) and create another",
                self.service_account_id
            ),
            Some(key_id) => format!(
                "revoke key {key_id} (its service account and other keys stay) and create another"
            ),
        };
        format!(
            "The key “{}” was created, but the response carrying its secret was lost, so the \
             secret can never be shown. Nobody can use it yet; {remedy}.",
            self.name
        )
    }
}

/// The result of a create that reached the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreateOutcome {
    /// The key exists and its secret is held for a one-time reveal.
    Created(CreatedKey),
    /// The key exists but its secret was lost; offer to revoke it.
    Orphaned(Orphan),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_orphan_explains_that_revoking_deletes_its_service_account() {
        let orphan = Orphan {
            project_id: ProjectId::from("proj_1"),
            service_account_id: ServiceAccountId::from("svc_acct_1"),
            key_id: None,
            name: "deploy".into(),
            created_at: None,
        };
        let text = orphan.explanation();
        assert!(text.contains("“deploy” was created"), "{text}");
        assert!(text.contains("svc_acct_1"), "{text}");
    }
}
