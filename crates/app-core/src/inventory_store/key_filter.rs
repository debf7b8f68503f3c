//! Conditions on keys that the keys table filters by and the hygiene view counts: never used,
//! idle, expiring, expired, never expiring, owner without access, unrestricted service account.
//!
//! Each is a fixed SQL fragment over the `keys` table with named, bound parameters; the times
//! are chosen by the caller (the hygiene rules turn "older than N days" into a time), so the
//! store has no clock and its tests need none. Boundaries: a time equal to the limit counts
//! (a key created exactly N days ago is "older than N days"; a key whose expiry is now has
//! expired). A `last_used_at` in the future (clock skew) is neither idle nor never used.
//!
//! A key's last use is the later of its `last_used_at` and the end of the last day the usage
//! reports show it making requests of any kind: a key used only for embeddings, images or
//! audio may carry an old `last_used_at` (or none), and is neither idle nor never used.

use chrono::{DateTime, Utc};

use super::stored_time;

/// One condition on keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyFilter {
    /// Never used, and created at or before this time.
    NeverUsedSince(DateTime<Utc>),
    /// Used, but last at or before this time.
    IdleSince(DateTime<Utc>),
    /// Not expired at `now`, and expiring at or before `until`.
    Expiring {
        /// The present.
        now: DateTime<Utc>,
        /// The end of the window.
        until: DateTime<Utc>,
    },
    /// Expired at or before this time (still listed by the API).
    ExpiredBy(DateTime<Utc>),
    /// Has no expiry.
    NeverExpires,
    /// The owner no longer has access to the project (`owner_project_access: inactive`).
    OwnerLostAccess,
    /// A service-account key with all permissions, or none recorded (the API's default).
    UnrestrictedServiceAccount,
}

/// A filter's SQL condition and the parameters it binds, by name.
pub(crate) struct Condition {
    pub(crate) sql: &'static str,
    pub(crate) params: Vec<(&'static str, i64)>,
}

impl KeyFilter {
    pub(crate) fn condition(&self) -> Condition {
        let time = |t: &DateTime<Utc>| stored_time(*t);
        let (sql, params) = match self {
            KeyFilter::NeverUsedSince(t) => (
                "(last_used_at IS NULL AND created_at <= :never_used_before \
                 AND NOT EXISTS (SELECT 1 FROM usage_daily u WHERE u.key_id = keys.id \
                 AND u.requests > 0))",
                vec![(":never_used_before", time(t))],
            ),
            KeyFilter::IdleSince(t) => (
                "(max(coalesce(last_used_at, -1), coalesce((SELECT max(u.day) + 86399999999 \
                 FROM usage_daily u WHERE u.key_id = keys.id AND u.requests > 0), -1)) \
                 BETWEEN 0 AND :idle_before)",
                vec![(":idle_before", time(t))],
            ),
            KeyFilter::Expiring { now, until } => (
                "(expires_at > :now AND expires_at <= :expiring_until)",
                vec![(":now", time(now)), (":expiring_until", time(until))],
            ),
            KeyFilter::ExpiredBy(t) => ("(expires_at <= :now)", vec![(":now", time(t))]),
            KeyFilter::NeverExpires => ("(expires_at IS NULL)", Vec::new()),
            KeyFilter::OwnerLostAccess => ("(owner_access = 'inactive')", Vec::new()),
            KeyFilter::UnrestrictedServiceAccount => (
                "(owner_kind = 'service_account' AND (scopes IS NULL OR scopes = '[]'))",
                Vec::new(),
            ),
        };
        Condition { sql, params }
    }
}
