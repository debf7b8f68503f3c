//! The fake organization's whole state: projects, keys (with their secrets), service accounts,
//! users, admin keys and the audit log.
//!
//! Route handlers lock it briefly, read or mutate it, and serialize the result; tests read and
//! edit it directly through `FakeServer::with_state`.

mod activity;
mod audit;
mod key_update;
mod keys;
mod policy;
mod projects;
mod service_accounts;

pub use key_update::KeyChanges;
pub(crate) use keys::{deleted, no_such, NewKey};
pub use policy::{ExpiryPolicies, KeyPolicy};
pub use service_accounts::NewKeyTerms;

use std::time::{SystemTime, UNIX_EPOCH};

use crate::model::{
    AdminApiKey, AuditLog, AuditLogProject, Project, ProjectApiKey, ProjectUser, ServiceAccount,
    User,
};
use crate::prng::Prng;

/// A project key together with what the API never serves: its project and secret value.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredApiKey {
    /// The project the key belongs to.
    pub project_id: String,
    /// The wire object.
    pub key: ProjectApiKey,
    /// The secret.
    pub value: String,
    /// The model its synthetic usage is attributed to; it also decides which usage endpoints
    /// report the key (`text-embedding-*` only embeddings, `whisper-*` only transcriptions, …).
    pub model: String,
    /// The last time the key made any request of any kind; synthetic usage runs up to it, or up
    /// to `key.last_used_at` when `None`. The API never serves it: like the real `last_used_at`,
    /// the key object may not reflect traffic other than completions.
    pub active_until: Option<i64>,
    /// The key's permissions, deduplicated; empty means all permissions. The API never serves
    /// them on the key object (only audit events carry them).
    pub scopes: Vec<String>,
}

/// A service account and its project.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredServiceAccount {
    /// The project the account belongs to.
    pub project_id: String,
    /// The wire object.
    pub account: ServiceAccount,
}

/// A user's membership of a project.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectMembership {
    /// The project.
    pub project_id: String,
    /// The wire object.
    pub user: ProjectUser,
}

/// An admin key and its secret value.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredAdminKey {
    /// The wire object.
    pub key: AdminApiKey,
    /// The secret; a bearer token equal to it authenticates while the key exists.
    pub value: String,
}

/// Everything the fake organization holds. Lists are kept in creation order.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// Unix seconds; the reference time of seeded data and the clock of new objects.
    pub now: i64,
    /// When true, new objects get `now + 1, now + 2, …`; otherwise the wall clock.
    pub pinned_clock: bool,
    /// The seed the data was generated from (also feeds synthetic usage).
    pub seed: u64,
    /// Projects, including archived ones.
    pub projects: Vec<Project>,
    /// Project keys of every project.
    pub api_keys: Vec<StoredApiKey>,
    /// Service accounts of every project.
    pub service_accounts: Vec<StoredServiceAccount>,
    /// Organization users.
    pub users: Vec<User>,
    /// Project memberships.
    pub project_users: Vec<ProjectMembership>,
    /// Admin keys, including the bootstrap key once a server has started.
    pub admin_keys: Vec<StoredAdminKey>,
    /// Audit log entries, oldest first.
    pub audit_logs: Vec<AuditLog>,
    /// When false, `POST …/service_accounts/{id}/api_keys` answers 404 like servers without it.
    pub supports_sa_key_create: bool,
    /// Organization and project policies on the lifetime of new and updated keys.
    pub expiry_policies: ExpiryPolicies,
    pub(crate) minted: Vec<String>,
    pub(crate) rng: Prng,
}

impl State {
    /// An empty organization whose ids and secrets derive from `seed`.
    pub fn empty(seed: u64, now: i64) -> Self {
        Self {
            now,
            pinned_clock: true,
            seed,
            projects: Vec::new(),
            api_keys: Vec::new(),
            service_accounts: Vec::new(),
            users: Vec::new(),
            project_users: Vec::new(),
            admin_keys: Vec::new(),
            audit_logs: Vec::new(),
            supports_sa_key_create: true,
            expiry_policies: ExpiryPolicies::default(),
            minted: Vec::new(),
            rng: Prng::new(seed ^ 0x5EED_FA4E_AD31_0000),
        }
    }

    /// Projects in creation order; archived ones only when `include_archived`.
    pub fn projects(&self, include_archived: bool) -> Vec<Project> {
        self.projects
            .iter()
            .filter(|p| include_archived || p.archived_at.is_none())
            .cloned()
            .collect()
    }

    /// Every key of a project (active and inactive owners) in list order.
    pub fn api_keys(&self, project_id: &str) -> Vec<ProjectApiKey> {
        self.api_keys
            .iter()
            .filter(|k| k.project_id == project_id)
            .map(|k| k.key.clone())
            .collect()
    }

    /// Service accounts of a project in list order.
    pub fn service_accounts(&self, project_id: &str) -> Vec<ServiceAccount> {
        self.service_accounts
            .iter()
            .filter(|s| s.project_id == project_id)
            .map(|s| s.account.clone())
            .collect()
    }

    /// The ids of the keys of service account `account_id` that still work: not deleted, and
    /// not expired or expiring by the next second of the clock (a key made to expire "now").
    pub fn working_keys_of(&self, account_id: &str) -> Vec<String> {
        let clock = self.clock();
        self.api_keys
            .iter()
            .filter(|k| {
                let owner = k.key.owner.service_account.as_ref();
                owner.is_some_and(|o| o.id == account_id)
            })
            .filter(|k| k.key.expires_at.is_none_or(|t| t > clock + 1))
            .map(|k| k.key.id.clone())
            .collect()
    }

    /// Users who are members of a project.
    pub fn project_users(&self, project_id: &str) -> Vec<ProjectUser> {
        self.project_users
            .iter()
            .filter(|m| m.project_id == project_id)
            .map(|m| m.user.clone())
            .collect()
    }

    /// Every secret value ever minted (seeded and created keys, admin keys), deleted or not.
    pub fn minted_values(&self) -> Vec<String> {
        self.minted.clone()
    }

    /// The project with this id.
    pub fn project(&self, project_id: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == project_id)
    }

    /// Whether `token` is the value of an existing admin key.
    pub fn accepts_admin_key(&self, token: &str) -> bool {
        self.admin_keys.iter().any(|k| k.value == token)
    }

    /// The audit-log `project` reference for a project.
    pub(crate) fn audit_project(&self, project_id: &str) -> Option<AuditLogProject> {
        self.project(project_id).map(|p| AuditLogProject {
            id: p.id.clone(),
            name: p.name.clone().unwrap_or_default(),
        })
    }

    /// The current time without advancing the clock: `now` when pinned, otherwise the wall
    /// clock (never earlier than `now`). Expiry checks compare against it.
    pub fn clock(&self) -> i64 {
        if self.pinned_clock {
            self.now
        } else {
            wall_clock().max(self.now)
        }
    }

    /// The timestamp for an object created now; strictly increasing.
    pub(crate) fn tick(&mut self) -> i64 {
        let next = if self.pinned_clock {
            self.now + 1
        } else {
            wall_clock().max(self.now + 1)
        };
        self.now = next;
        next
    }

    /// A fresh id: `prefix` followed by `len` alphanumerics.
    pub(crate) fn fresh_id(&mut self, prefix: &str, len: usize) -> String {
        format!("{prefix}{}", self.rng.alnum(len))
    }

    /// A fresh secret (`prefix` + 48 URL-safe characters), remembered in `minted_values`.
    pub(crate) fn mint_secret(&mut self, prefix: &str) -> String {
        let value = format!("{prefix}{}", self.rng.url_safe(48));
        self.minted.push(value.clone());
        value
    }
}

/// `sk-svca...x7Q`: the first 7 and last 3 characters of a secret; never more.
pub fn redact(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() < 13 {
        return "sk-...".to_owned();
    }
    let head: String = chars[..7].iter().collect();
    let tail: String = chars[chars.len() - 3..].iter().collect();
    format!("{head}...{tail}")
}

/// Current Unix seconds.
pub fn wall_clock() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_keeps_seven_leading_and_three_trailing_characters() {
        assert_eq!(redact("sk-svcacct-abcdefghijklmnopx7Q"), "sk-svca...x7Q");
        assert_eq!(redact("short"), "sk-...");
    }

    #[test]
    fn a_pinned_clock_ticks_one_second_per_object() {
        let mut state = State::empty(1, 1_000);
        assert_eq!((state.tick(), state.tick()), (1_001, 1_002));
    }
}
