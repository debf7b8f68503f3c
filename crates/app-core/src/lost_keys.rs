//! New keys whose secret was lost because Keywarden closed while they waited to be stored.
//!
//! This connects the [`RevealJournal`] to the organizations: a create writes a record before its
//! reveal is shown, a copy and an acknowledge update it, a revoke clears it, and a start turns
//! what a previous run left behind into lost keys. Those are marked in the organization's
//! activity and offered to the user for revoking. Journal failures are logged and never block
//! the key's own flow: the reveal still shows, the acknowledge still wipes.

use openai_admin::ServiceAccountId;

use crate::config::ConfigError;
use crate::key_lifecycle::{CreatedKey, RevealId, RevealJournal, RevealRecord, RevokeOutcome};
use crate::keywarden::{Keywarden, DEMO_ORG_ID};
use crate::organizations::OrgId;
use crate::Error;

impl Keywarden {
    /// Keys a previous run created and showed, but whose secret nobody confirmed storing before
    /// Keywarden closed (oldest first), labelled with their organization's current name.
    pub fn lost_new_keys(&self) -> Vec<RevealRecord> {
        let orgs = self.list_organizations();
        let mut lost = self.reveal_journal().lost();
        lost.retain_mut(|record| match orgs.iter().find(|o| o.id == record.org_id) {
            Some(org) => {
                record.org_label.clone_from(&org.label);
                true
            }
            None => false,
        });
        lost
    }

    /// Forgets a lost key the user decided to keep; returns whether it was listed.
    pub fn dismiss_lost_key(&self, reveal: &str) -> Result<bool, Error> {
        let reveal: RevealId = reveal.parse().map_err(|_| {
            Error::InvalidInput("that is not a lost key Keywarden listed; restart Keywarden".into())
        })?;
        let journal = self.reveal_journal();
        journal.dismiss_lost(&reveal).map_err(|source| {
            Error::Config(ConfigError::Io {
                path: journal.path().to_path_buf(),
                action: "written",
                source,
            })
        })
    }

    /// The journal beside this service's settings file.
    pub(crate) fn reveal_journal(&self) -> RevealJournal {
        RevealJournal::beside(self.config_store())
    }

    /// Marks each key a previous run left behind as lost in its organization's activity. Keys of
    /// the demo organization (whose server died with that run) and of organizations removed
    /// since are only marked, then forgotten: there is nothing left to revoke.
    pub(crate) fn note_lost_reveals(&self, newly_lost: &[RevealRecord]) {
        let orgs = self.list_organizations();
        for record in newly_lost {
            let known = orgs.iter().any(|o| o.id == record.org_id);
            if known {
                self.with_activity(&record.org_id, |log| log.lost(record));
            }
            if !known || record.org_id.as_str() == DEMO_ORG_ID {
                self.log_journal(self.reveal_journal().dismiss_lost(&record.reveal_id));
            }
        }
    }

    /// Writes the record of a key about to be revealed.
    pub(crate) fn journal_reveal(&self, org: &OrgId, label: &str, key: &CreatedKey) {
        let record = RevealRecord::new(org, label, key);
        self.log_journal(self.reveal_journal().record(record));
    }

    /// Notes that a revealed key was copied.
    pub(crate) fn journal_copied(&self, reveal: &RevealId) {
        self.log_journal(self.reveal_journal().mark_copied(reveal));
    }

    /// Clears the record of an acknowledged key.
    pub(crate) fn journal_acknowledged(&self, reveal: &RevealId) {
        self.log_journal(self.reveal_journal().clear(reveal).map(drop));
    }

    /// Clears the records of revoked keys: their secret no longer matters.
    pub(crate) fn journal_revoked(&self, outcome: &RevokeOutcome) {
        let cleared = match outcome {
            RevokeOutcome::Revoked(revoked) => self
                .reveal_journal()
                .clear_revoked(&revoked.key_ids, revoked.service_account_id.as_ref()),
            RevokeOutcome::AlreadyGone { id, .. } => {
                let account = ServiceAccountId::from(id.as_str());
                self.reveal_journal()
                    .clear_revoked(&[id.as_str().into()], Some(&account))
            }
        };
        self.log_journal(cleared.map(drop));
    }

    fn log_journal<T>(&self, result: std::io::Result<T>) {
        if let Err(error) = result {
            let path = self.reveal_journal().path().display().to_string();
            tracing::warn!(%error, %path, "could not update the reveal journal");
        }
    }
}
