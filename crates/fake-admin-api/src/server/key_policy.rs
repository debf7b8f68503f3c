//! Test hooks for key permissions, expiries and expiry policies, which the real API does not
//! expose (the key object carries no scopes; no endpoint reads or sets the policies).

use super::FakeServer;
use crate::state::KeyPolicy;

impl FakeServer {
    /// The scopes and expiry the fake holds for the project key `key_id`, if it exists.
    pub fn api_key_policy(&self, key_id: &str) -> Option<KeyPolicy> {
        self.with_state(|s| s.api_key_policy(key_id))
    }

    /// Sets the project key's `expires_at` as is, without range or policy checks (e.g. in the
    /// past to make it expired, or an extreme value); returns whether the key exists.
    pub fn set_api_key_expires_at(&self, key_id: &str, expires_at: Option<i64>) -> bool {
        self.with_state(|s| s.set_api_key_expires_at(key_id, expires_at))
    }

    /// Sets (or with `None` lifts) the organization's expiry policy: the most days a new or
    /// updated key may live.
    pub fn set_org_expiry_policy(&self, max_days: Option<u32>) {
        self.with_state(|s| s.expiry_policies.organization = max_days);
    }

    /// Sets (or with `None` lifts) one project's expiry policy; the stricter of the
    /// organization's and the project's applies.
    pub fn set_project_expiry_policy(&self, project_id: &str, max_days: Option<u32>) {
        self.with_state(|s| s.set_project_expiry_policy(project_id, max_days));
    }
}
