//! Key hygiene: the findings a person should act on, as rules over the cached keys.
//!
//! Each rule is a [`KeyFilter`] at a moment in time, so the hygiene view and the keys table's
//! filters are the same query on the cache. The day counts are preferences
//! ([`HygieneThresholds`]); "older than N days" includes a key exactly N days old.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::inventory_store::KeyFilter;
use crate::Error;

/// The longest threshold accepted, in days (ten years).
pub const MAX_THRESHOLD_DAYS: u32 = 3650;

/// One hygiene finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum HygieneRule {
    /// Never used, and created more than `never_used_days` ago.
    NeverUsed,
    /// Not used for more than `idle_days`.
    Idle,
    /// Expiring within `expiring_days`.
    Expiring,
    /// Already expired (still listed).
    Expired,
    /// The owner no longer has access to the project.
    OwnerLostAccess,
    /// No expiry.
    NeverExpires,
    /// A service-account key with all permissions (or none recorded).
    UnrestrictedServiceAccount,
}

impl HygieneRule {
    /// Every rule, in the order the hygiene view lists them.
    pub const ALL: [HygieneRule; 7] = [
        HygieneRule::Expired,
        HygieneRule::Expiring,
        HygieneRule::OwnerLostAccess,
        HygieneRule::NeverUsed,
        HygieneRule::Idle,
        HygieneRule::NeverExpires,
        HygieneRule::UnrestrictedServiceAccount,
    ];

    /// Whether the rule counts toward the sidebar's badge. Keys that never expire or have all
    /// permissions are advice: most organizations have many, and a badge that never clears
    /// would be ignored.
    pub fn is_urgent(self) -> bool {
        !matches!(
            self,
            HygieneRule::NeverExpires | HygieneRule::UnrestrictedServiceAccount
        )
    }

    /// The condition on keys at `now`.
    pub fn filter(self, thresholds: &HygieneThresholds, now: DateTime<Utc>) -> KeyFilter {
        let days_ago = |days: u32| now - Duration::days(i64::from(days));
        match self {
            HygieneRule::NeverUsed => {
                KeyFilter::NeverUsedSince(days_ago(thresholds.never_used_days))
            }
            HygieneRule::Idle => KeyFilter::IdleSince(days_ago(thresholds.idle_days)),
            HygieneRule::Expiring => KeyFilter::Expiring {
                now,
                until: now + Duration::days(i64::from(thresholds.expiring_days)),
            },
            HygieneRule::Expired => KeyFilter::ExpiredBy(now),
            HygieneRule::OwnerLostAccess => KeyFilter::OwnerLostAccess,
            HygieneRule::NeverExpires => KeyFilter::NeverExpires,
            HygieneRule::UnrestrictedServiceAccount => KeyFilter::UnrestrictedServiceAccount,
        }
    }
}

/// The day counts of the hygiene rules (preferences).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HygieneThresholds {
    /// A never-used key older than this is a finding.
    pub never_used_days: u32,
    /// A key unused for longer than this is idle.
    pub idle_days: u32,
    /// A key expiring within this many days is a finding.
    pub expiring_days: u32,
}

impl Default for HygieneThresholds {
    fn default() -> Self {
        HygieneThresholds {
            never_used_days: 30,
            idle_days: 90,
            expiring_days: 14,
        }
    }
}

impl HygieneThresholds {
    /// Refuses a threshold of 0 days or more than [`MAX_THRESHOLD_DAYS`].
    pub fn check(&self) -> Result<(), Error> {
        let fields = [
            ("never used", self.never_used_days),
            ("idle", self.idle_days),
            ("expiring", self.expiring_days),
        ];
        for (what, days) in fields {
            if !(1..=MAX_THRESHOLD_DAYS).contains(&days) {
                return Err(Error::InvalidInput(format!(
                    "the “{what}” threshold must be between 1 and {MAX_THRESHOLD_DAYS} days \
                     (got {days})"
                )));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_outside_one_day_to_ten_years_are_refused() {
        assert!(HygieneThresholds::default().check().is_ok());
        let zero = HygieneThresholds {
            idle_days: 0,
            ..HygieneThresholds::default()
        };
        assert!(zero.check().unwrap_err().to_string().contains("idle"));
        let long = HygieneThresholds {
            expiring_days: MAX_THRESHOLD_DAYS + 1,
            ..HygieneThresholds::default()
        };
        assert!(long.check().is_err());
    }

    #[test]
    fn only_advice_stays_out_of_the_badge() {
        let urgent: Vec<_> = HygieneRule::ALL
            .into_iter()
            .filter(|r| r.is_urgent())
            .collect();
        assert_eq!(urgent.len(), 5);
        assert!(!HygieneRule::NeverExpires.is_urgent());
    }
}
