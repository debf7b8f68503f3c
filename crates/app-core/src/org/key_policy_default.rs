//! Each organization's default permissions and expiry for new keys, so a team can make "90
//! days, read only" what the create dialog starts with.

use chrono::Utc;

use super::Org;
use crate::key_policy::{Expiry, KeyPolicy};
use crate::Error;

impl Org {
    /// The policy the create dialog starts with: the organization's saved default, or all
    /// permissions and no expiry.
    pub fn key_policy_default(&self) -> KeyPolicy {
        let config = self.app().settings.get();
        config
            .key_policy_defaults
            .get(self.id())
            .cloned()
            .unwrap_or_default()
    }

    /// Saves the organization's default policy. A calendar date cannot be a default (it would
    /// go stale); the rest is checked as a create would check it.
    pub fn set_key_policy_default(&self, policy: KeyPolicy) -> Result<KeyPolicy, Error> {
        if matches!(policy.expiry, Expiry::Date(_)) {
            return Err(Error::InvalidInput(
                "a default expiry is a number of days or never, not a calendar date".into(),
            ));
        }
        policy.check(Utc::now())?;
        let id = self.id().clone();
        let saved = policy.clone();
        self.app().settings.change(move |config| {
            config.key_policy_defaults.insert(id, saved);
        })?;
        Ok(policy)
    }
}
