//! Sending a held secret to the user's vault instead of the clipboard.
//!
//! The secret goes from the reveal vault to [`vault_handoff::send`] and nowhere else. A send that
//! fails leaves the reveal exactly as it was (the key can be copied or sent again); one that
//! succeeds records where the key went, so the user can acknowledge without ever copying. Two
//! sends of one reveal at once are refused, so a double-click cannot store the key twice.

use std::collections::HashSet;

use super::{lock, KeyLifecycle, LifecycleError, RevealId};
use crate::vault_handoff::{self, Destination, KeyFacts, Stored, VaultTools, VaultUnlock};

/// The organization a key belongs to, for the vault entry's notes and attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwningOrg {
    /// Its id (`org-…`, or Keywarden's id for an organization whose id is unknown).
    pub id: String,
    /// Its name.
    pub name: String,
}

/// The reveals being sent right now.
#[derive(Default)]
pub(crate) struct Sending(std::sync::Mutex<HashSet<RevealId>>);

struct SendingGuard<'a> {
    sending: &'a Sending,
    reveal_id: RevealId,
}

impl Drop for SendingGuard<'_> {
    fn drop(&mut self) {
        lock(&self.sending.0).remove(&self.reveal_id);
    }
}

impl Sending {
    fn start(&self, reveal_id: RevealId) -> Result<SendingGuard<'_>, LifecycleError> {
        if !lock(&self.0).insert(reveal_id) {
            return Err(LifecycleError::InvalidInput(
                "this key is already being sent to a vault; wait for that to finish".to_owned(),
            ));
        }
        Ok(SendingGuard {
            sending: self,
            reveal_id,
        })
    }
}

impl KeyLifecycle {
    /// Stores a held secret at `destination` and remembers where it went.
    pub async fn send_to_vault(
        &self,
        reveal_id: &RevealId,
        org: &OwningOrg,
        tools: &VaultTools,
        destination: &Destination,
        unlock: VaultUnlock,
    ) -> Result<Stored, LifecycleError> {
        let _sending = self.sending.start(*reveal_id)?;
        let secret = self.vault.secret(reveal_id)?;
        let pending = self
            .vault
            .pending_of(reveal_id)
            .ok_or(LifecycleError::RevealNotFound)?;
        let facts = KeyFacts {
            org_id: org.id.clone(),
            org_name: org.name.clone(),
            project_id: pending.project_id.to_string(),
            key_id: pending.key_id.to_string(),
        };
        let stored = vault_handoff::send(tools, &secret, destination, unlock, &facts).await?;
        self.vault.mark_stored(reveal_id, stored.clone());
        Ok(stored)
    }
}
