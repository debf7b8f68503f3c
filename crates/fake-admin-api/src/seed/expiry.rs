//! Seeded key expiries, drawn from a generator of their own so that adding them changed no other
//! seeded value (names, ids, secrets, timestamps and usage come from the main streams).

use crate::prng::{mix, Prng};

const DAY: i64 = 86_400;
/// Keeps the expiry stream apart from every other stream derived from the same seed.
const SALT: u64 = 0xE8B1_2E5E_ED0F_7A11;

/// What is known about a seeded key when its expiry is chosen.
pub(super) struct SeededKey {
    /// Its position among all seeded keys.
    pub index: usize,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds, if it was ever used.
    pub last_used_at: Option<i64>,
    /// Whether it must be expired (one key of the first project is).
    pub force_expired: bool,
}

/// The key's `expires_at`: most never expire, some expire 1–400 days after `now`, a few are
/// already expired (after their creation and last use). Key index 2, the first never-used key,
/// never expires, so every seed has a never-used key that is neither expired nor recent.
pub(super) fn expires_at(seed: u64, key: &SeededKey, now: i64) -> Option<i64> {
    let mut rng = Prng::new(mix(seed ^ SALT) ^ key.index as u64);
    let roll = rng.below(100);
    let lived_until = key
        .last_used_at
        .unwrap_or(key.created_at)
        .max(key.created_at);
    if key.force_expired || (roll >= 88 && key.index != 2) {
        Some(rng.between(lived_until + 1, now - 1))
    } else if roll < 60 || key.index == 2 {
        None
    } else {
        Some(now + rng.between(DAY, 400 * DAY))
    }
}

/// Which key of the first project is forced to be expired: the last one, unless that is key
/// index 2 (kept never-expiring), then the one before it.
pub(super) fn forced_expired_index(keys_per_project: usize) -> Option<usize> {
    match keys_per_project {
        0 => None,
        3 => Some(1),
        n => Some(n - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forced_expiry_falls_between_the_last_use_and_now() {
        let key = SeededKey {
            index: 5,
            created_at: 1_000,
            last_used_at: Some(5_000),
            force_expired: true,
        };
        let at = expires_at(7, &key, 10_000).unwrap();
        assert!((5_001..10_000).contains(&at), "{at}");
    }

    #[test]
    fn key_index_two_never_expires_and_the_forced_key_is_never_index_two() {
        for seed in 0..50 {
            let key = SeededKey {
                index: 2,
                created_at: 1_000,
                last_used_at: None,
                force_expired: false,
            };
            assert_eq!(expires_at(seed, &key, 10_000_000), None);
        }
        for n in 0..10 {
            assert_ne!(forced_expired_index(n), Some(2));
            assert!(forced_expired_index(n).is_none_or(|i| i < n));
        }
    }
}
