//! The organization's side of the reveal journal: a create writes a record before its reveal is
//! shown, a copy updates it, an acknowledge, a revoke or a send to the user's vault clears it. Journal failures are logged
//! and never block the key's own flow: the reveal still shows, the acknowledge still wipes.

use openai_admin::ServiceAccountId;

use super::Org;
use crate::key_lifecycle::{CreatedKey, RevealId, RevealRecord, RevokeOutcome};

impl Org {
    /// Writes the record of a key about to be revealed.
    pub(crate) fn journal_reveal(&self, key: &CreatedKey) {
        let record = RevealRecord::new(self.id(), &self.label(), key);
        self.log_journal(self.app().journal.record(record));
    }

    /// Notes that a revealed key was copied.
    pub(crate) fn journal_copied(&self, reveal: &RevealId) {
        self.log_journal(self.app().journal.mark_copied(reveal));
    }

    /// Clears the record of an acknowledged key.
    pub(crate) fn journal_acknowledged(&self, reveal: &RevealId) {
        self.log_journal(self.app().journal.clear(reveal).map(drop));
    }

    /// Clears the record of a key stored in the user's vault: it is not lost even if Keywarden
    /// closes before the user confirms.
    pub(crate) fn journal_stored(&self, reveal: &RevealId) {
        self.log_journal(self.app().journal.clear(reveal).map(drop));
    }

    /// Clears the records of revoked keys: their secret no longer matters.
    pub(crate) fn journal_revoked(&self, outcome: &RevokeOutcome) {
        let journal = &self.app().journal;
        let cleared = match outcome {
            RevokeOutcome::Revoked(revoked) => {
                journal.clear_revoked(&revoked.key_ids, revoked.service_account_id.as_ref())
            }
            RevokeOutcome::AlreadyGone { id, .. } => {
                let account = ServiceAccountId::from(id.as_str());
                journal.clear_revoked(&[id.as_str().into()], Some(&account))
            }
        };
        self.log_journal(cleared.map(drop));
    }

    fn log_journal<T>(&self, result: std::io::Result<T>) {
        if let Err(error) = result {
            let path = self.app().journal.path().display().to_string();
            tracing::warn!(%error, %path, "could not update the reveal journal");
        }
    }
}
