//! Key expiry policies (organization- and project-level maximum lifetimes) and the server-side
//! view of a key's permissions and expiry, which tests inspect and edit directly.
//!
//! The real API has no endpoint to read or change these policies; a create or update that breaks
//! one is refused with a 400 saying which policy applies and what to do.

use std::collections::BTreeMap;

use super::State;
use crate::error::ApiError;

const DAY: i64 = 86_400;

/// Required maximum key lifetimes, in days. When both apply, the stricter one wins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExpiryPolicies {
    /// The organization's maximum, if it has a policy.
    pub organization: Option<u32>,
    /// Per-project maximums, by project id.
    pub projects: BTreeMap<String, u32>,
}

/// What the fake holds about a key's permissions and expiry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPolicy {
    /// The key's scopes, deduplicated; empty means all permissions.
    pub scopes: Vec<String>,
    /// Unix seconds, or `None` when the key never expires.
    pub expires_at: Option<i64>,
}

/// The policy that bounds keys of one project: its level and maximum in days.
struct Bound {
    level: &'static str,
    max_days: u32,
}

impl Bound {
    fn refusal(&self) -> ApiError {
        let days = match self.max_days {
            1 => "1 day".to_owned(),
            n => format!("{n} days"),
        };
        ApiError::invalid_param(
            "expires_in_seconds",
            format!(
                "This {} requires API keys to expire within {days}. Choose an expiry of {days} \
                 or less.",
                self.level
            ),
        )
    }

    fn allows(&self, expires_in_seconds: u32) -> bool {
        i64::from(expires_in_seconds) <= i64::from(self.max_days) * DAY
    }
}

impl State {
    /// The stricter of the organization's and the project's policies (the organization's on a
    /// tie), if either exists.
    fn expiry_bound(&self, project_id: &str) -> Option<Bound> {
        let organization = self.expiry_policies.organization.map(|max_days| Bound {
            level: "organization",
            max_days,
        });
        let project = self
            .expiry_policies
            .projects
            .get(project_id)
            .map(|&max_days| Bound {
                level: "project",
                max_days,
            });
        match (organization, project) {
            (Some(o), Some(p)) if p.max_days < o.max_days => Some(p),
            (Some(o), _) => Some(o),
            (None, p) => p,
        }
    }

    /// Refuses a new key's expiry (`None` = never) that breaks a policy of its project.
    pub(crate) fn check_new_key_expiry(
        &self,
        project_id: &str,
        expires_in_seconds: Option<u32>,
    ) -> Result<(), ApiError> {
        match (self.expiry_bound(project_id), expires_in_seconds) {
            (Some(bound), None) => Err(bound.refusal()),
            (Some(bound), Some(seconds)) if !bound.allows(seconds) => Err(bound.refusal()),
            _ => Ok(()),
        }
    }

    /// Refuses a new expiry for an existing key that breaks a policy of its project.
    pub(crate) fn check_updated_expiry(
        &self,
        project_id: &str,
        expires_in_seconds: u32,
    ) -> Result<(), ApiError> {
        match self.expiry_bound(project_id) {
            Some(bound) if !bound.allows(expires_in_seconds) => Err(bound.refusal()),
            _ => Ok(()),
        }
    }

    /// Sets (or with `None` lifts) one project's expiry policy.
    pub fn set_project_expiry_policy(&mut self, project_id: &str, max_days: Option<u32>) {
        match max_days {
            Some(days) => {
                self.expiry_policies
                    .projects
                    .insert(project_id.to_owned(), days);
            }
            None => {
                self.expiry_policies.projects.remove(project_id);
            }
        }
    }

    /// The scopes and expiry the fake holds for a project key, in any project.
    pub fn api_key_policy(&self, key_id: &str) -> Option<KeyPolicy> {
        self.api_keys
            .iter()
            .find(|k| k.key.id == key_id)
            .map(|k| KeyPolicy {
                scopes: k.scopes.clone(),
                expires_at: k.key.expires_at,
            })
    }

    /// Sets a project key's `expires_at` as is (no range or policy checks), e.g. to make it
    /// expired or give it an extreme value; returns whether the key exists.
    pub fn set_api_key_expires_at(&mut self, key_id: &str, expires_at: Option<i64>) -> bool {
        self.api_keys
            .iter_mut()
            .find(|k| k.key.id == key_id)
            .map(|k| k.key.expires_at = expires_at)
            .is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stricter_policy_applies_and_names_its_level() {
        let mut state = State::empty(1, 1_000);
        assert!(state.check_new_key_expiry("proj_a", None).is_ok());
        state.expiry_policies.organization = Some(90);
        let refused = state.check_new_key_expiry("proj_a", None).unwrap_err();
        assert!(refused
            .body
            .message
            .starts_with("This organization requires"));
        state.set_project_expiry_policy("proj_a", Some(1));
        let refused = state
            .check_new_key_expiry("proj_a", Some(86_401))
            .unwrap_err();
        assert_eq!(
            refused.body.message,
            "This project requires API keys to expire within 1 day. Choose an expiry of 1 day or \
             less."
        );
        assert!(state.check_new_key_expiry("proj_a", Some(86_400)).is_ok());
        assert!(state.check_updated_expiry("proj_b", 90 * 86_400).is_ok());
        assert!(state
            .check_updated_expiry("proj_b", 90 * 86_400 + 1)
            .is_err());
        state.set_project_expiry_policy("proj_a", None);
        assert!(state.check_new_key_expiry("proj_a", Some(86_401)).is_ok());
    }
}
