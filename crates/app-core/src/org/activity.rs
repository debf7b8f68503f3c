//! The organization's activity: what Keywarden did to its keys (metadata only), newest first.

use crate::key_lifecycle::{ActivityEntry, ActivityLog};

use super::Org;

impl Org {
    /// The organization's activity, newest first.
    pub fn activity(&self) -> Vec<ActivityEntry> {
        let mut entries = self.app().activity.log(self.id()).entries().to_vec();
        entries.reverse();
        entries
    }

    /// Records something done to the organization's keys.
    pub(crate) fn record_activity(&self, change: impl FnOnce(&mut ActivityLog)) {
        self.app().activity.record(self.id(), change);
    }
}
