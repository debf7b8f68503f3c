//! A rotation as it is stored, and the rules of moving it from one phase to the next.
//!
//! ```text
//!   Minting ──▶ Watching ──▶ Completed   (the old key revoked, or found revoked)
//!      │           │
//!      │           └──────▶ Abandoned   (the new key revoked; the old key kept)
//!      ├──────────────────▶ Abandoned   (a lost mint whose key is revoked again)
//!      └──────────────────▶ Failed      (nothing was created)
//! ```
//!
//! Only `Minting` and `Watching` are kept in the file; a rotation that reaches one of the other
//! phases is reported once and forgotten. The record holds ids, names, times and the
//! permissions and lifetime the new key was asked for — never a secret.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use openai_admin::{ApiKeyId, ProjectId, ServiceAccountId};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::organizations::OrgId;
use crate::Error;

/// The id of one rotation (random, issued by Keywarden).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RotationId(Uuid);

impl RotationId {
    /// A fresh random id.
    pub fn new() -> Self {
        Self(Uuid::new_v4())
    }
}

impl Default for RotationId {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Display for RotationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for RotationId {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self, Error> {
        text.trim().parse().map(Self).map_err(|_| {
            Error::InvalidInput(
                "that is not the id of a key rotation Keywarden started; reopen the rotation \
                 from its key or from the banner (nothing was changed)"
                    .into(),
            )
        })
    }
}

/// Where a rotation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RotationPhase {
    /// The record is written and the new key is being minted (or a previous run stopped here).
    Minting,
    /// The new key exists; both keys are watched until the new one is used.
    Watching,
    /// The old key is revoked (or was found revoked); the new key is the one in use.
    Completed,
    /// The new key was revoked (or found gone) and the old key kept.
    Abandoned,
    /// No new key was created; nothing changed.
    Failed,
}

impl RotationPhase {
    /// Whether the rotation still needs the user (and is kept in the file).
    pub fn is_ongoing(self) -> bool {
        matches!(self, RotationPhase::Minting | RotationPhase::Watching)
    }

    /// Whether a rotation may move from `self` to `next`.
    pub fn may_become(self, next: RotationPhase) -> bool {
        use RotationPhase::{Abandoned, Completed, Failed, Minting, Watching};
        matches!(
            (self, next),
            (Minting, Watching | Abandoned | Failed) | (Watching, Completed | Abandoned)
        )
    }
}

/// One key of a rotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RotatedKey {
    /// The key id.
    pub id: ApiKeyId,
    /// Its name (for a service account's first key, the account's name).
    pub name: String,
    /// When the server created it (the server's clock).
    pub created_at: DateTime<Utc>,
}

/// A rotation in progress, as the file keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RotationRecord {
    /// Its id.
    pub id: RotationId,
    /// The organization (Keywarden's local id).
    pub org_id: OrgId,
    /// The project of both keys.
    pub project_id: ProjectId,
    /// The service account that owns both keys.
    pub service_account_id: ServiceAccountId,
    /// That account's name, when the API gave one.
    #[serde(default)]
    pub service_account_name: Option<String>,
    /// The key being replaced.
    pub old_key: RotatedKey,
    /// The name the new key is (or was) minted with.
    pub new_key_name: String,
    /// The new key, once the server made it.
    #[serde(default)]
    pub new_key: Option<RotatedKey>,
    /// The new key's permissions as asked for (`[]` = all).
    pub scopes: Vec<String>,
    /// Whether the old key's permissions were known (otherwise the new key got all).
    pub permissions_known: bool,
    /// The new key's lifetime as asked for; `None` = never expires.
    #[serde(default)]
    pub expires_in_seconds: Option<u32>,
    /// Where it stands.
    pub phase: RotationPhase,
    /// When it was started (this machine's clock).
    pub started_at: DateTime<Utc>,
    /// The create request behind the mint: a retry with it never mints twice.
    pub request_id: String,
    /// The service account's keys before the mint, to recognise the new key if the mint's
    /// response is lost.
    #[serde(default)]
    pub keys_before: Vec<ApiKeyId>,
    /// The server's clock minus this machine's, in seconds, learnt when the new key was minted.
    #[serde(default)]
    pub server_offset_seconds: Option<i64>,
    /// Whether the new key's secret never reached anyone (a lost response or an interrupted
    /// run): the only way on is to abandon.
    #[serde(default)]
    pub secret_lost: bool,
    /// The last step that failed and what to do, until the next step works.
    #[serde(default)]
    pub last_error: Option<String>,
    /// How it ended (or, while ongoing, something it learnt on the way).
    #[serde(default)]
    pub note: Option<String>,
}

impl RotationRecord {
    /// Whether `key` is this rotation's old or new key.
    pub fn concerns(&self, key: &ApiKeyId) -> bool {
        &self.old_key.id == key || self.new_key.as_ref().is_some_and(|new| &new.id == key)
    }

    /// Moves to `next`, or says why that is not possible (nothing changes then).
    pub fn advance(&mut self, next: RotationPhase) -> Result<(), Error> {
        if !self.phase.may_become(next) {
            return Err(Error::InvalidInput(format!(
                "this rotation of “{}” is {}, so it cannot be {} (nothing was changed)",
                self.old_key.name,
                phase_words(self.phase),
                phase_words(next)
            )));
        }
        self.phase = next;
        if !next.is_ongoing() {
            self.last_error = None;
        }
        Ok(())
    }

    /// The new key exists: watch it, knowing the server's clock is `offset` seconds off ours.
    pub fn minted(&mut self, key: RotatedKey, offset_seconds: i64) -> Result<(), Error> {
        self.advance(RotationPhase::Watching)?;
        self.new_key = Some(key);
        self.server_offset_seconds = Some(offset_seconds);
        self.last_error = None;
        Ok(())
    }

    /// Ends the rotation in `phase` with `note` saying how.
    pub fn end(&mut self, phase: RotationPhase, note: String) -> Result<(), Error> {
        self.advance(phase)?;
        self.note = Some(note);
        Ok(())
    }
}

fn phase_words(phase: RotationPhase) -> &'static str {
    match phase {
        RotationPhase::Minting => "creating the new key",
        RotationPhase::Watching => "watching both keys",
        RotationPhase::Completed => "complete",
        RotationPhase::Abandoned => "abandoned",
        RotationPhase::Failed => "failed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RotationPhase::{Abandoned, Completed, Failed, Minting, Watching};

    pub(crate) fn record() -> RotationRecord {
        let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        RotationRecord {
            id: RotationId::new(),
            org_id: OrgId::new("acme"),
            project_id: ProjectId::from("proj_1"),
            service_account_id: ServiceAccountId::from("svc_1"),
            service_account_name: Some("billing-worker".into()),
            old_key: RotatedKey {
                id: ApiKeyId::from("key_old"),
                name: "billing-worker".into(),
                created_at: at,
            },
            new_key_name: "billing-worker (rotated 2026-12-01)".into(),
            new_key: None,
            scopes: Vec::new(),
            permissions_known: true,
            expires_in_seconds: None,
            phase: Minting,
            started_at: at,
            request_id: "req-1".into(),
            keys_before: vec![ApiKeyId::from("key_old")],
            server_offset_seconds: None,
            secret_lost: false,
            last_error: None,
            note: None,
        }
    }

    #[test]
    fn only_the_drawn_transitions_are_allowed() {
        let all = [Minting, Watching, Completed, Abandoned, Failed];
        let allowed: Vec<_> = all
            .iter()
            .flat_map(|from| all.iter().map(move |to| (*from, *to)))
            .filter(|(from, to)| from.may_become(*to))
            .collect();
        assert_eq!(
            allowed,
            [
                (Minting, Watching),
                (Minting, Abandoned),
                (Minting, Failed),
                (Watching, Completed),
                (Watching, Abandoned)
            ]
        );
    }

    #[test]
    fn a_finished_rotation_cannot_move_again_and_says_why() {
        let mut rotation = record();
        rotation
            .end(Failed, "nothing was created".into())
            .expect("a mint may fail");
        let error = rotation.advance(Watching).unwrap_err();
        assert!(error.to_string().contains("is failed"), "{error}");
        assert_eq!(rotation.phase, Failed);
    }

    #[test]
    fn a_minted_key_is_watched_and_recognised_as_part_of_the_rotation() {
        let mut rotation = record();
        let new = RotatedKey {
            id: ApiKeyId::from("key_new"),
            name: rotation.new_key_name.clone(),
            created_at: rotation.started_at,
        };
        rotation.minted(new, 3 * 3600).unwrap();
        assert_eq!(rotation.phase, Watching);
        assert!(rotation.concerns(&ApiKeyId::from("key_new")));
        assert!(rotation.concerns(&ApiKeyId::from("key_old")));
        assert!(!rotation.concerns(&ApiKeyId::from("key_other")));
        assert_eq!(rotation.server_offset_seconds, Some(3 * 3600));
    }

    #[test]
    fn the_record_round_trips_through_json_in_camel_case() {
        let rotation = record();
        let json = serde_json::to_value(&rotation).unwrap();
        assert_eq!(json["phase"], "minting");
        assert_eq!(json["oldKey"]["name"], "billing-worker");
        let back: RotationRecord = serde_json::from_value(json).unwrap();
        assert_eq!(back, rotation);
    }

    #[test]
    fn a_malformed_rotation_id_is_refused_with_what_to_do() {
        let error = "not-an-id".parse::<RotationId>().unwrap_err();
        assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
        let id = RotationId::new();
        assert_eq!(id.to_string().parse::<RotationId>().unwrap(), id);
    }
}
