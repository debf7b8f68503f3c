//! The key lifecycle: create a key (through a service account), reveal its secret once, copy it
//! from Rust, and revoke keys after showing what else goes with them.
//!
//! This is the one place a project key's secret exists in Keywarden. It guards three things:
//! a create is sent at most once per request id and never retried, so a double-click cannot
//! mint two keys; the secret stays in the [`RevealVault`] and leaves it only for the clipboard
//! or the user's vault (`vault_handoff`);
//! and a revoke never deletes more than the preview showed.
//!
//! [`KeyLifecycle`] holds the state (the vault, the create requests, the pending clipboard clear);
//! revoking is stateless ([`revoke_preview`], [`revoke`], [`revoke_alone`], [`revoke_orphan`], and [`retire_key`],
//! which takes one key of a service account out of service and leaves the account).

mod activity;
mod copy;
mod create;
mod error;
mod handoff;
mod outcome;
mod preview;
mod reconcile;
mod requests;
mod retire;
mod reveal;
mod reveal_journal;
mod revoke;

pub use activity::{ActivityAction, ActivityEntry, ActivityLog, MAX_ACTIVITY_ENTRIES};
pub use copy::CopyDeadline;
pub use create::validate_key_name;
pub(crate) use error::outcome_unknown;
pub use error::LifecycleError;
pub use handoff::OwningOrg;
pub use outcome::{CreateOutcome, CreatedKey, Orphan};
pub use preview::{BlastRadius, RevokePreview, RECENT_USE};
pub use requests::{MAX_CREATE_REQUESTS, MAX_REQUEST_ID_CHARS};
pub use retire::{retire_key, Retired};
pub use reveal::{mask, Acknowledged, PendingReveal, RevealId, RevealVault};
pub use reveal_journal::{JournalRecovery, RevealJournal, RevealRecord};
pub use revoke::{revoke, revoke_alone, revoke_orphan, revoke_preview, RevokeOutcome, Revoked};

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use requests::CreateRequests;

/// How long to wait after a failed create before listing, so the server has finished it.
pub const DEFAULT_RECONCILE_DELAY: Duration = Duration::from_secs(2);

type CreateResult = Result<CreateOutcome, LifecycleError>;

/// The key lifecycle's state for the whole app: held secrets, create requests by id, and the
/// scheduled clipboard clear. Requests and reveals are keyed by random ids, so one instance
/// serves every organization.
pub struct KeyLifecycle {
    vault: RevealVault,
    requests: Mutex<CreateRequests>,
    clipboard_clear: Mutex<Option<copy::ScheduledClear>>,
    sending: handoff::Sending,
    reconcile_delay: Duration,
}

impl std::fmt::Debug for KeyLifecycle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyLifecycle")
            .field("vault", &self.vault)
            .field("requests", &lock(&self.requests).len())
            .finish_non_exhaustive()
    }
}

impl Default for KeyLifecycle {
    fn default() -> Self {
        Self::new()
    }
}

impl KeyLifecycle {
    /// An empty lifecycle with the default reconcile delay.
    pub fn new() -> Self {
        Self::with_reconcile_delay(DEFAULT_RECONCILE_DELAY)
    }

    /// An empty lifecycle that waits `delay` after a failed create before checking the project.
    pub fn with_reconcile_delay(delay: Duration) -> Self {
        Self {
            vault: RevealVault::new(),
            requests: Mutex::new(CreateRequests::default()),
            clipboard_clear: Mutex::new(None),
            sending: handoff::Sending::default(),
            reconcile_delay: delay,
        }
    }

    /// The vault of new keys' secrets.
    pub fn vault(&self) -> &RevealVault {
        &self.vault
    }

    /// `sk-svca…9fQe` for a held secret.
    pub fn masked(&self, reveal_id: &RevealId) -> Result<String, LifecycleError> {
        self.vault.masked(reveal_id)
    }

    /// Forgets (zeroizes) a held secret; returns whether it was still held.
    pub fn acknowledge(&self, reveal_id: &RevealId) -> bool {
        self.vault.acknowledge(reveal_id)
    }

    /// Forgets a held secret if it was copied (or `even_if_not_copied`); see
    /// [`RevealVault::acknowledge_copied`].
    pub fn acknowledge_copied(
        &self,
        reveal_id: &RevealId,
        even_if_not_copied: bool,
    ) -> (Acknowledged, Option<PendingReveal>) {
        self.vault.acknowledge_copied(reveal_id, even_if_not_copied)
    }

    /// The secrets not yet acknowledged, oldest first.
    pub fn pending(&self) -> Vec<PendingReveal> {
        self.vault.pending()
    }

    /// Forgets every held secret and cancels the scheduled clipboard clear (call
    /// [`KeyLifecycle::clear_clipboard_now`] first when quitting); returns how many were held.
    pub fn wipe_all(&self) -> usize {
        if let Some(scheduled) = lock(&self.clipboard_clear).take() {
            scheduled.cancel();
        }
        self.vault.wipe_all()
    }

    /// Runs the create behind `request_id` once: later calls with the same id (even concurrent
    /// ones) await or return the first call's result. The work runs in its own task, so it
    /// finishes even if every caller goes away.
    async fn once(
        &self,
        request_id: &str,
        name: &str,
        fingerprint: String,
        work: impl std::future::Future<Output = CreateResult> + Send + 'static,
    ) -> CreateResult {
        use futures::FutureExt;

        CreateRequests::check_id(request_id)?;
        let result = {
            let mut requests = lock(&self.requests);
            match requests.get(request_id) {
                Some(known) if known.fingerprint != fingerprint => {
                    return Err(LifecycleError::RequestReused)
                }
                Some(known) => known.result.clone(),
                None => {
                    requests.make_room()?;
                    let name = name.to_owned();
                    let result = tokio::spawn(work)
                        .map(move |joined| {
                            joined.unwrap_or_else(|error| {
                                Err(LifecycleError::CreateUncertain {
                                    name,
                                    reason: format!("the create was interrupted: {error}"),
                                })
                            })
                        })
                        .boxed()
                        .shared();
                    requests.insert(request_id.to_owned(), fingerprint, result.clone());
                    result
                }
            }
        };
        result.await
    }
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
