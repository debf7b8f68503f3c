//! The reveal vault: where a newly minted key's secret waits, in Rust memory only, until the user
//! confirms they stored it.
//!
//! Callers get a random [`RevealId`] and metadata; the secret itself leaves the vault only towards
//! the clipboard. Acknowledging a reveal, or quitting, drops the `SecretString`, which zeroizes
//! it. The vault also knows whether a secret ever reached the clipboard, so acknowledging a key
//! nobody copied can be refused until the user confirms they mean to lose it.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use openai_admin::{ApiKeyId, ProjectId, ServiceAccountId};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{lock, LifecycleError};
use crate::vault_handoff::Stored;

const MASK_HEAD: usize = 7;
const MASK_TAIL: usize = 4;

/// A random id standing for one held secret (a UUID v4); safe to send to the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RevealId(Uuid);

impl RevealId {
    /// A fresh random id.
    pub fn random() -> Self {
        Self(Uuid::new_v4())
    }
}

impl fmt::Display for RevealId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for RevealId {
    type Err = LifecycleError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(text.trim())
            .map(Self)
            .map_err(|_| LifecycleError::RevealNotFound)
    }
}

/// What is known about a held secret, without the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingReveal {
    /// The reveal id.
    pub reveal_id: RevealId,
    /// The new key's id.
    pub key_id: ApiKeyId,
    /// The name the key was created with.
    pub name: String,
    /// The project of the key.
    pub project_id: ProjectId,
    /// The service account that owns the key.
    pub service_account_id: ServiceAccountId,
    /// When the key was created.
    pub created_at: DateTime<Utc>,
    /// Whether the secret was copied to the clipboard at least once.
    pub copied: bool,
    /// Where the secret was stored by *Send to vault*, if it was.
    pub stored_in: Option<Stored>,
}

/// What acknowledging a reveal did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Acknowledged {
    /// The secret had been copied or stored in a vault; it is wiped now.
    Wiped,
    /// The secret was never copied, and the caller confirmed; it is wiped now.
    Discarded,
    /// The secret was never copied, so nothing was wiped: ask the user first.
    NotCopied,
    /// Nothing is held under this reveal id (already acknowledged, or never issued).
    AlreadyGone,
}

struct Held {
    secret: SecretString,
    pending: PendingReveal,
}

/// New keys' secrets, each under a random reveal id, until acknowledged. Cheap to clone.
#[derive(Clone, Default)]
pub struct RevealVault {
    held: Arc<Mutex<HashMap<RevealId, Held>>>,
}

impl fmt::Debug for RevealVault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RevealVault")
            .field("held", &lock(&self.held).len())
            .finish()
    }
}

impl RevealVault {
    /// An empty vault.
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes ownership of a new secret under a fresh reveal id.
    pub(crate) fn hold(
        &self,
        secret: SecretString,
        key_id: ApiKeyId,
        name: String,
        project_id: ProjectId,
        service_account_id: ServiceAccountId,
        created_at: DateTime<Utc>,
    ) -> PendingReveal {
        let pending = PendingReveal {
            reveal_id: RevealId::random(),
            key_id,
            name,
            project_id,
            service_account_id,
            created_at,
            copied: false,
            stored_in: None,
        };
        let held = Held {
            secret,
            pending: pending.clone(),
        };
        lock(&self.held).insert(pending.reveal_id, held);
        pending
    }

    /// The secret shortened to its first 7 and last 4 characters, e.g. `sk-svca…9fQe`.
    pub fn masked(&self, reveal_id: &RevealId) -> Result<String, LifecycleError> {
        let held = lock(&self.held);
        let entry = held.get(reveal_id).ok_or(LifecycleError::RevealNotFound)?;
        Ok(mask(entry.secret.expose_secret()))
    }

    /// A copy of the secret, to write to the clipboard.
    pub(crate) fn secret(&self, reveal_id: &RevealId) -> Result<SecretString, LifecycleError> {
        let held = lock(&self.held);
        let entry = held.get(reveal_id).ok_or(LifecycleError::RevealNotFound)?;
        Ok(entry.secret.clone())
    }

    /// Forgets the secret (zeroizing it); returns whether it was still held.
    pub fn acknowledge(&self, reveal_id: &RevealId) -> bool {
        let removed = lock(&self.held).remove(reveal_id);
        removed.is_some()
    }

    /// Notes that the secret reached the clipboard.
    pub(crate) fn mark_copied(&self, reveal_id: &RevealId) {
        if let Some(held) = lock(&self.held).get_mut(reveal_id) {
            held.pending.copied = true;
        }
    }

    /// Notes where the secret was stored (a later store replaces an earlier one).
    pub(crate) fn mark_stored(&self, reveal_id: &RevealId, stored: Stored) {
        if let Some(held) = lock(&self.held).get_mut(reveal_id) {
            held.pending.stored_in = Some(stored);
        }
    }

    /// Forgets the secret if it was copied or sent to a vault, or if `even_if_not_copied`;
    /// otherwise keeps it and
    /// answers [`Acknowledged::NotCopied`]. Returns what was wiped, if anything.
    pub fn acknowledge_copied(
        &self,
        reveal_id: &RevealId,
        even_if_not_copied: bool,
    ) -> (Acknowledged, Option<PendingReveal>) {
        let mut held = lock(&self.held);
        let copied = match held.get(reveal_id) {
            None => return (Acknowledged::AlreadyGone, None),
            Some(entry) => entry.pending.copied || entry.pending.stored_in.is_some(),
        };
        if !copied && !even_if_not_copied {
            return (Acknowledged::NotCopied, None);
        }
        let removed = held.remove(reveal_id).map(|entry| entry.pending);
        let done = if copied {
            Acknowledged::Wiped
        } else {
            Acknowledged::Discarded
        };
        (done, removed)
    }

    /// Forgets every secret (zeroizing them), e.g. when quitting; returns how many there were.
    pub fn wipe_all(&self) -> usize {
        let removed: Vec<Held> = lock(&self.held).drain().map(|(_, held)| held).collect();
        removed.len()
    }

    /// What is known about one held secret, if it is still held.
    pub fn pending_of(&self, reveal_id: &RevealId) -> Option<PendingReveal> {
        lock(&self.held)
            .get(reveal_id)
            .map(|held| held.pending.clone())
    }

    /// The reveals not yet acknowledged, oldest first, for an "unacknowledged key" prompt.
    pub fn pending(&self) -> Vec<PendingReveal> {
        let mut pending: Vec<PendingReveal> = lock(&self.held)
            .values()
            .map(|held| held.pending.clone())
            .collect();
        pending.sort_by_key(|reveal| reveal.created_at);
        pending
    }
}

/// `sk-svca…9fQe`: the first 7 and last 4 characters; just `…` for values too short to shorten.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() < 2 * (MASK_HEAD + MASK_TAIL) {
        return "…".to_owned();
    }
    let head: String = chars[..MASK_HEAD].iter().collect();
    let tail: String = chars[chars.len() - MASK_TAIL..].iter().collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault_with(secret: &str) -> (RevealVault, RevealId) {
        let vault = RevealVault::new();
        let pending = vault.hold(
            SecretString::from(secret),
            ApiKeyId::from("key_1"),
            "deploy".into(),
            ProjectId::from("proj_1"),
            ServiceAccountId::from("svc_acct_1"),
            Utc::now(),
        );
        (vault, pending.reveal_id)
    }

    #[test]
    fn a_secret_is_masked_to_seven_leading_and_four_trailing_characters() {
        let (vault, id) = vault_with("sk-svcacct-abcdefghijklmnopqrstuvwxyz-9fQe");
        assert_eq!(vault.masked(&id).unwrap(), "sk-svca…9fQe");
        assert_eq!(mask("sk-short"), "…");
    }

    #[test]
    fn the_vault_debug_output_shows_only_a_count() {
        let (vault, _) = vault_with("sk-svcacct-SENTINEL-SENTINEL-SENTINEL");
        let text = format!("{vault:?}");
        assert!(!text.contains("SENTINEL"), "{text}");
        assert_eq!(text, "RevealVault { held: 1 }");
    }

    #[test]
    fn wiping_forgets_every_secret() {
        let (vault, id) = vault_with("sk-svcacct-abcdefghijklmnopqrstuvwxyz");
        assert_eq!(vault.wipe_all(), 1);
        assert!(vault.pending().is_empty());
        assert!(matches!(
            vault.masked(&id),
            Err(LifecycleError::RevealNotFound)
        ));
    }

    #[test]
    fn a_secret_nobody_copied_is_kept_until_the_user_confirms_losing_it() {
        let (vault, id) = vault_with("sk-svcacct-abcdefghijklmnopqrstuvwxyz");
        assert_eq!(
            vault.acknowledge_copied(&id, false),
            (Acknowledged::NotCopied, None)
        );
        assert_eq!(vault.pending().len(), 1, "still held");
        let (done, wiped) = vault.acknowledge_copied(&id, true);
        assert_eq!(done, Acknowledged::Discarded);
        assert_eq!(wiped.map(|p| p.reveal_id), Some(id));
        assert_eq!(
            vault.acknowledge_copied(&id, true).0,
            Acknowledged::AlreadyGone
        );
    }

    #[test]
    fn a_copied_secret_is_wiped_without_asking() {
        let (vault, id) = vault_with("sk-svcacct-abcdefghijklmnopqrstuvwxyz");
        vault.mark_copied(&id);
        assert!(vault.pending()[0].copied);
        assert_eq!(vault.acknowledge_copied(&id, false).0, Acknowledged::Wiped);
        assert!(vault.pending().is_empty());
    }

    #[test]
    fn a_secret_stored_in_a_vault_is_wiped_without_asking() {
        let (vault, id) = vault_with("sk-svcacct-abcdefghijklmnopqrstuvwxyz");
        let stored = Stored {
            kind: crate::vault_handoff::VaultKind::Pass,
            location: "OpenAI/deploy".into(),
        };
        vault.mark_stored(&id, stored.clone());
        assert_eq!(vault.pending()[0].stored_in, Some(stored));
        assert!(!vault.pending()[0].copied);
        assert_eq!(vault.acknowledge_copied(&id, false).0, Acknowledged::Wiped);
        assert!(vault.pending().is_empty());
    }

    #[test]
    fn reveal_ids_round_trip_through_text() {
        let id = RevealId::random();
        assert_eq!(id.to_string().parse::<RevealId>().unwrap(), id);
        assert!("not-a-uuid".parse::<RevealId>().is_err());
    }
}
