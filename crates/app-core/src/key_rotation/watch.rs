//! Watching both keys of a rotation: what each looks like now, whether the new key has been
//! used, and what the user can do next.
//!
//! Every judgement uses the server's timestamps only. "Used" means the new key's `last_used_at`
//! is set and not before its own `created_at`, both the server's; this machine's clock, which
//! may be hours off, plays no part. Relative times ("used 3 minutes ago") are measured against
//! the server's clock, estimated from the offset learnt at the mint and never earlier than any
//! server time seen, so they are never negative.

use chrono::{DateTime, Duration, Utc};
use openai_admin::ProjectApiKey;

use super::record::{RotatedKey, RotationPhase, RotationRecord};

/// What a key of a rotation looks like on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyState {
    /// It exists and works.
    Active,
    /// It exists but has expired.
    Expired,
    /// It no longer exists (revoked, or deleted with its service account).
    Gone,
}

/// One key as the last look at the server found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySighting {
    /// The key (id, name, when the server created it).
    pub key: RotatedKey,
    /// Whether it exists and works.
    pub state: KeyState,
    /// When it was last used (the server's clock); `None` = never, or gone.
    pub last_used_at: Option<DateTime<Utc>>,
    /// How long before the server's present that was, when the server's clock is known.
    pub last_used_seconds_ago: Option<u64>,
    /// When it expires; `None` = never, or gone.
    pub expires_at: Option<DateTime<Utc>>,
}

/// The server's present, estimated: this machine's clock plus the offset learnt at the mint,
/// and never earlier than a server time already seen. `None` before the offset is known.
pub fn server_now(
    offset_seconds: Option<i64>,
    local_now: DateTime<Utc>,
    seen: impl IntoIterator<Item = DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    let estimate = local_now + Duration::seconds(offset_seconds?);
    Some(seen.into_iter().fold(estimate, DateTime::max))
}

/// Whether the new key has been used since it was created, by the server's own timestamps.
pub fn used_since_created(key: &ProjectApiKey) -> bool {
    key.last_used_at.is_some_and(|used| used >= key.created_at)
}

/// How a key looked: `found` is the server's object, `None` when it is gone.
pub fn sighting(
    known: &RotatedKey,
    found: Option<&ProjectApiKey>,
    now: Option<DateTime<Utc>>,
) -> KeySighting {
    let Some(key) = found else {
        return KeySighting {
            key: known.clone(),
            state: KeyState::Gone,
            last_used_at: None,
            last_used_seconds_ago: None,
            expires_at: None,
        };
    };
    let expired = match (key.expires_at, now) {
        (Some(expires), Some(now)) => expires <= now,
        _ => false,
    };
    let ago = |at: DateTime<Utc>| now.map(|now| (now - at).num_seconds().max(0).unsigned_abs());
    KeySighting {
        key: RotatedKey {
            id: key.id.clone(),
            name: known.name.clone(),
            created_at: key.created_at,
        },
        state: if expired {
            KeyState::Expired
        } else {
            KeyState::Active
        },
        last_used_at: key.last_used_at,
        last_used_seconds_ago: key.last_used_at.and_then(ago),
        expires_at: key.expires_at,
    }
}

/// A rotation as the user sees it: where it stands, both keys, and what can be done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RotationStatus {
    /// The stored record (its phase is the rotation's phase).
    pub rotation: RotationRecord,
    /// The old key.
    pub old_key: KeySighting,
    /// The new key, once it exists.
    pub new_key: Option<KeySighting>,
    /// The server's present as estimated (see [`server_now`]); `None` while unknown.
    pub server_now: Option<DateTime<Utc>>,
    /// Whether the new key has been used since it was created.
    pub new_key_used: bool,
    /// Whether the old key was used after the new key was created: something may still use it.
    pub old_key_used_since: bool,
    /// Whether the service account itself was deleted.
    pub service_account_gone: bool,
    /// Whether "Revoke old key" may be pressed now.
    pub can_finish: bool,
    /// Whether the old key may be revoked anyway, by typing its name (the new key is unused).
    pub can_override: bool,
    /// Whether the rotation may be abandoned (revoking the new key, keeping the old).
    pub can_abandon: bool,
    /// What is going on and what to do, in a sentence or two.
    pub message: String,
}

/// Both keys as just seen (`None` = gone), and whether the service account is gone.
#[derive(Debug, Clone, Default)]
pub struct Observed {
    /// The old key, if it still exists.
    pub old: Option<ProjectApiKey>,
    /// The new key, if it exists.
    pub new: Option<ProjectApiKey>,
    /// Whether the service account was deleted.
    pub account_gone: bool,
}

impl RotationStatus {
    /// What `rotation` looks like given what was just `observed` at `local_now`.
    pub fn assess(rotation: RotationRecord, observed: &Observed, local_now: DateTime<Utc>) -> Self {
        let seen = [&observed.old, &observed.new]
            .into_iter()
            .flatten()
            .flat_map(|key| [Some(key.created_at), key.last_used_at])
            .flatten();
        let now = server_now(rotation.server_offset_seconds, local_now, seen);
        let old_key = sighting(&rotation.old_key, observed.old.as_ref(), now);
        let new_key = rotation
            .new_key
            .as_ref()
            .map(|known| sighting(known, observed.new.as_ref(), now));
        let new_key_used = observed.new.as_ref().is_some_and(used_since_created);
        let old_key_used_since = match (&observed.old, &observed.new) {
            (Some(old), Some(new)) => old.last_used_at.is_some_and(|t| t >= new.created_at),
            _ => false,
        };
        let watching = rotation.phase == RotationPhase::Watching;
        let both = observed.old.is_some() && observed.new.is_some();
        let usable = watching && both && !rotation.secret_lost;
        // Abandoning revokes the new key: never once the old one is gone and the new one left.
        let can_abandon = watching && !(observed.old.is_none() && observed.new.is_some());
        let mut status = Self {
            old_key,
            new_key,
            server_now: now,
            new_key_used,
            old_key_used_since,
            service_account_gone: observed.account_gone,
            can_finish: usable && new_key_used,
            can_override: usable && !new_key_used,
            can_abandon,
            message: String::new(),
            rotation,
        };
        status.message = status.describe();
        status
    }

    fn describe(&self) -> String {
        let rotation = &self.rotation;
        if let Some(note) = rotation
            .note
            .as_ref()
            .filter(|_| !rotation.phase.is_ongoing())
        {
            return note.clone();
        }
        let (old, new) = (&rotation.old_key.name, &rotation.new_key_name);
        let old_gone = self.old_key.state == KeyState::Gone;
        let new_gone = self.new_key.as_ref().map(|k| k.state == KeyState::Gone);
        match (rotation.phase, new_gone) {
            (RotationPhase::Minting, _) => format!("Creating the new key “{new}”…"),
            _ if self.service_account_gone || (old_gone && new_gone == Some(true)) => format!(
                "The service account “{}” and both keys were deleted outside Keywarden. Nothing \
                 is left to revoke: abandon the rotation to close it.",
                rotation
                    .service_account_name
                    .as_deref()
                    .unwrap_or(rotation.service_account_id.as_str())
            ),
            (_, Some(true)) => format!(
                "The new key “{new}” was revoked outside Keywarden. The old key “{old}” was kept \
                 and still works. Abandon this rotation, then rotate again if you still want a \
                 new key."
            ),
            _ if rotation.secret_lost => format!(
                "The new key “{new}” was created, but its secret never reached you, so nobody \
                 can use it. Abandon the rotation to revoke it; the old key “{old}” keeps \
                 working."
            ),
            _ if self.new_key_used && self.old_key_used_since => format!(
                "The new key is in use, but the old key “{old}” was also used after the new key \
                 was created: something may still use it. Revoke it once everything uses the \
                 new key."
            ),
            _ if self.new_key_used => {
                format!("The new key is in use. Revoke the old key “{old}” to finish.")
            }
            _ => format!(
                "Put the new key wherever “{old}” is used. Keywarden checks both keys every few \
                 seconds while this is open; once OpenAI reports the new key used, revoke the \
                 old one."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
    }

    fn key(created: i64, used: Option<i64>) -> ProjectApiKey {
        serde_json::from_value(serde_json::json!({
            "id": "key_new", "name": "n", "redacted_value": "sk-...x", "created_at":
            1_800_000_000 + created, "last_used_at": used.map(|u| 1_800_000_000 + u),
        }))
        .unwrap()
    }

    #[test]
    fn used_means_used_at_or_after_its_own_creation_by_the_servers_clock() {
        assert!(!used_since_created(&key(100, None)));
        assert!(!used_since_created(&key(100, Some(99))));
        assert!(used_since_created(&key(100, Some(100))));
    }

    #[test]
    fn the_servers_present_is_never_before_a_server_time_already_seen() {
        let three_hours = 3 * 3600;
        let local = at(0);
        assert_eq!(
            server_now(Some(three_hours), local, []),
            Some(at(three_hours))
        );
        let later = at(three_hours + 50);
        assert_eq!(server_now(Some(three_hours), local, [later]), Some(later));
        assert_eq!(server_now(None, local, [later]), None);
    }

    #[test]
    fn a_use_after_the_estimated_present_reads_as_zero_seconds_ago_never_negative() {
        let known = RotatedKey {
            id: "key_new".into(),
            name: "n".into(),
            created_at: at(0),
        };
        let seen = sighting(&known, Some(&key(0, Some(500))), Some(at(100)));
        assert_eq!(seen.last_used_seconds_ago, Some(0));
        let seen = sighting(&known, Some(&key(0, Some(40))), Some(at(100)));
        assert_eq!(seen.last_used_seconds_ago, Some(60));
        assert_eq!(sighting(&known, None, None).state, KeyState::Gone);
    }
}
