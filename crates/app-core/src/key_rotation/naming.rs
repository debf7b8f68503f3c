//! What a rotated key is called and how long it lives.
//!
//! The new key keeps the old key's name with a dated suffix, `billing-worker (rotated
//! 2026-12-01)`, so both sit side by side in the keys table and the dashboard until the old one
//! goes. Rotating a rotated key replaces its suffix instead of stacking a second one. The name
//! stays within the API's limit by shortening the old name, never the suffix.
//!
//! The lifetime is the old key's own, measured on the server's clock (`expires_at −
//! created_at`), capped to the longest the API accepts; a key that never expired gets a
//! successor that never expires.

use chrono::{DateTime, NaiveDateTime, Utc};
use openai_admin::{MAX_EXPIRES_IN_SECONDS, MAX_NAME_CHARS};

/// What opens the suffix of a rotated key's name.
pub const ROTATED_SUFFIX: &str = " (rotated ";

/// The base name used when the old key has none at all.
const NAMELESS: &str = "key";

/// The new key's name for a rotation of a key named `old_name`, started at `now` (local time):
/// `old_name (rotated YYYY-MM-DD)`, or with the time of day when that would repeat the old
/// name exactly (a key rotated twice on one day).
pub fn rotated_key_name(old_name: &str, now: NaiveDateTime) -> String {
    let base = base_name(old_name);
    let dated = with_suffix(base, &now.format("%Y-%m-%d").to_string());
    if dated != old_name.trim() {
        return dated;
    }
    with_suffix(base, &now.format("%Y-%m-%d %H:%M:%S").to_string())
}

/// The old name without a rotation suffix it already carries.
fn base_name(old_name: &str) -> &str {
    let name = old_name.trim();
    let stripped = name
        .rfind(ROTATED_SUFFIX)
        .filter(|_| name.ends_with(')'))
        .map_or(name, |at| name[..at].trim_end());
    if stripped.is_empty() {
        NAMELESS
    } else {
        stripped
    }
}

fn with_suffix(base: &str, when: &str) -> String {
    let suffix = format!("{ROTATED_SUFFIX}{when})");
    let room = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
    let base: String = base.chars().take(room).collect();
    format!("{}{suffix}", base.trim_end())
}

/// The new key's lifetime in seconds: the old key's (`expires_at − created_at`, both the
/// server's), at least 1 and at most the API's maximum; `None` when the old key never expires.
pub fn same_lifetime(created_at: DateTime<Utc>, expires_at: Option<DateTime<Utc>>) -> Option<u32> {
    let seconds = (expires_at? - created_at).num_seconds();
    let capped = seconds.clamp(1, i64::from(MAX_EXPIRES_IN_SECONDS));
    Some(u32::try_from(capped).unwrap_or(MAX_EXPIRES_IN_SECONDS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, day)
            .unwrap()
            .and_hms_opt(hour, 5, 9)
            .unwrap()
    }

    #[test]
    fn a_rotated_key_keeps_its_name_with_the_day_of_the_rotation() {
        assert_eq!(
            rotated_key_name("billing-worker", at(1, 9)),
            "billing-worker (rotated 2026-12-01)"
        );
    }

    #[test]
    fn rotating_a_rotated_key_replaces_its_suffix_instead_of_stacking_one() {
        let name = rotated_key_name("billing-worker (rotated 2026-11-02)", at(1, 9));
        assert_eq!(name, "billing-worker (rotated 2026-12-01)");
    }

    #[test]
    fn a_second_rotation_on_the_same_day_adds_the_time_so_the_names_differ() {
        let name = rotated_key_name("billing-worker (rotated 2026-12-01)", at(1, 14));
        assert_eq!(name, "billing-worker (rotated 2026-12-01 14:05:09)");
    }

    #[test]
    fn a_long_name_is_shortened_so_the_whole_name_fits_the_api_limit() {
        let long = "é".repeat(MAX_NAME_CHARS);
        let name = rotated_key_name(&long, at(1, 9));
        assert_eq!(name.chars().count(), MAX_NAME_CHARS);
        assert!(name.ends_with(" (rotated 2026-12-01)"), "{name}");
    }

    #[test]
    fn a_nameless_key_gets_a_plain_word_before_the_suffix() {
        assert_eq!(rotated_key_name("  ", at(1, 9)), "key (rotated 2026-12-01)");
    }

    #[test]
    fn the_lifetime_is_the_old_keys_own_capped_to_the_api_maximum() {
        let created = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let in_90_days = created + chrono::Duration::days(90);
        assert_eq!(same_lifetime(created, Some(in_90_days)), Some(90 * 86_400));
        let in_two_years = created + chrono::Duration::days(730);
        assert_eq!(
            same_lifetime(created, Some(in_two_years)),
            Some(MAX_EXPIRES_IN_SECONDS)
        );
        assert_eq!(same_lifetime(created, None), None);
        assert_eq!(same_lifetime(created, Some(created)), Some(1));
    }
}
