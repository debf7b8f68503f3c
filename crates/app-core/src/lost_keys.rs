//! New keys whose secret was lost because Keywarden closed while they waited to be stored.
//!
//! A start turns what the [`RevealJournal`](crate::key_lifecycle::RevealJournal) of a previous
//! run left behind into lost keys: each is marked in its organization's activity and offered to
//! the user for revoking (through the organization's revoke preview) or keeping. Lost keys
//! belong to the registry, not to one organization: the warning lists them all at start. The
//! journal's writes around a reveal (create, copy, acknowledge, revoke) are the organization
//! handle's, in `org/reveal_journal.rs`.

use crate::config::ConfigError;
use crate::key_lifecycle::{RevealId, RevealRecord};
use crate::keywarden::{Keywarden, DEMO_ORG_ID};
use crate::org::Org;
use crate::services::AppServices;
use crate::Error;

impl Keywarden {
    /// Keys a previous run created and showed, but whose secret nobody confirmed storing before
    /// Keywarden closed (oldest first), labelled with their organization's current name.
    pub fn lost_new_keys(&self) -> Vec<RevealRecord> {
        let orgs = self.list_organizations();
        let mut lost = self.app().journal.lost();
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
        let journal = &self.app().journal;
        journal.dismiss_lost(&reveal).map_err(|source| {
            Error::Config(ConfigError::Io {
                file: "list of new keys waiting to be stored",
                path: journal.path().to_path_buf(),
                action: "written",
                source,
            })
        })
    }
}

/// Marks each key a previous run left behind as lost in its organization's activity. Keys of
/// the demo organization (whose server died with that run) and of organizations removed since
/// are only marked, then forgotten: there is nothing left to revoke.
pub(crate) fn mark_lost(app: &AppServices, orgs: &[Org], newly_lost: &[RevealRecord]) {
    for record in newly_lost {
        let known = orgs.iter().any(|o| o.id() == &record.org_id);
        if known {
            app.activity.record(&record.org_id, |log| log.lost(record));
        }
        let rotating = known && app.rotations.take_over_lost_reveal(record);
        if !known || rotating || record.org_id.as_str() == DEMO_ORG_ID {
            if let Err(error) = app.journal.dismiss_lost(&record.reveal_id) {
                let path = app.journal.path().display().to_string();
                tracing::warn!(%error, %path, "could not update the reveal journal");
            }
        }
    }
}
