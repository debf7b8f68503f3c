//! A new key's secret after the create: copied to the clipboard by Rust (cleared after the
//! preferred time if still there), then wiped once the user has stored it. A key nobody copied
//! is wiped only when the user confirms they mean to lose it. Both steps are recorded in the
//! organization's activity and in the reveal journal (an acknowledged key's record is cleared).

use std::time::Duration;

use super::Org;
use crate::key_lifecycle::{Acknowledged, ActivityAction, CopyDeadline, PendingReveal, RevealId};
use crate::Error;

impl Org {
    /// Copies a new key's secret to the clipboard from Rust; it is cleared after the preferred
    /// time if the clipboard still holds it.
    pub async fn copy_new_key(&self, reveal: &str) -> Result<CopyDeadline, Error> {
        let reveal = parse_reveal(reveal)?;
        let app = self.app();
        let seconds = app
            .settings
            .get()
            .preferences
            .clipboard_clear_seconds
            .clamp(5, 600);
        let clear_after = Duration::from_secs(u64::from(seconds));
        let deadline = app
            .lifecycle
            .copy_reveal(&reveal, app.clipboard.clone(), clear_after)
            .await?;
        if let Some(pending) = self.pending(&reveal) {
            self.record_activity(|log| log.reveal(ActivityAction::Copied, &pending));
        }
        self.journal_copied(&reveal);
        Ok(deadline)
    }

    /// Wipes a new key's secret once the user has stored it. A secret that was never copied is
    /// kept (answering [`Acknowledged::NotCopied`]) unless `even_if_not_copied`: the user must
    /// confirm that nobody will ever see it.
    pub fn acknowledge_new_key(
        &self,
        reveal: &str,
        even_if_not_copied: bool,
    ) -> Result<Acknowledged, Error> {
        let reveal = parse_reveal(reveal)?;
        let lifecycle = &self.app().lifecycle;
        let (done, wiped) = lifecycle.acknowledge_copied(&reveal, even_if_not_copied);
        if let Some(pending) = wiped {
            let action = match done {
                Acknowledged::Discarded => ActivityAction::Discarded,
                _ => ActivityAction::Acknowledged,
            };
            self.record_activity(|log| log.reveal(action, &pending));
        }
        if done != Acknowledged::NotCopied {
            self.journal_acknowledged(&reveal);
        }
        Ok(done)
    }

    pub(super) fn pending(&self, reveal: &RevealId) -> Option<PendingReveal> {
        self.app().lifecycle.vault().pending_of(reveal)
    }
}

pub(super) fn parse_reveal(reveal: &str) -> Result<RevealId, Error> {
    reveal.parse().map_err(|_| {
        Error::InvalidInput(
            "that is not a reveal id Keywarden issued; if you did not store the new key, revoke \
             the key and create another"
                .into(),
        )
    })
}
