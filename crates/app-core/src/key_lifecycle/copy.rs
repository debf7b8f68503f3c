//! Copying a held secret to the clipboard, and taking it back off later.
//!
//! The secret is written by Rust (never by the webview) and a timer clears the clipboard when it
//! runs out, but only if the clipboard still holds this secret: whatever the user copied since
//! is left alone. A failed copy leaves the reveal pending, so the user can try again. The timer
//! keeps only a keyed fingerprint of the secret, never the secret: once the user has stored the
//! key and the vault has wiped it, no copy of it is left in Keywarden.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use tokio::task::JoinHandle;

use super::{lock, KeyLifecycle, LifecycleError, RevealId};
use crate::clipboard::{clear_if_matches, Clipboard, ClipboardError};
use crate::secret_fingerprint::SecretFingerprint;

/// When the clipboard will be cleared, for the UI's countdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyDeadline {
    /// The moment the clipboard is cleared, if it still holds the secret.
    pub clears_at: DateTime<Utc>,
}

/// The timer that clears the clipboard, with the fingerprint of the secret it compares against
/// (never the secret itself).
pub(crate) struct ScheduledClear {
    fingerprint: SecretFingerprint,
    timer: JoinHandle<Result<bool, ClipboardError>>,
}

impl ScheduledClear {
    /// Stops the timer; the clipboard is left as it is.
    pub(crate) fn cancel(self) {
        self.timer.abort();
    }
}

impl KeyLifecycle {
    /// Copies a held secret to `clipboard` and clears it after `clear_after` if it is still
    /// there. A newer copy replaces the previous timer.
    pub async fn copy_reveal(
        &self,
        reveal_id: &RevealId,
        clipboard: Arc<dyn Clipboard>,
        clear_after: Duration,
    ) -> Result<CopyDeadline, LifecycleError> {
        let secret = self.vault.secret(reveal_id)?;
        let fingerprint = SecretFingerprint::of(&secret);
        let writer = clipboard.clone();
        // The copy moves into the writing task and is dropped (zeroized) when it ends.
        tokio::task::spawn_blocking(move || writer.write_secret(&secret))
            .await
            .map_err(|error| ClipboardError::Failed {
                detail: format!("the copy was interrupted: {error}"),
            })??;
        self.vault.mark_copied(reveal_id);
        let compared = fingerprint.clone();
        let timer = tokio::spawn(async move {
            tokio::time::sleep(clear_after).await;
            tokio::task::spawn_blocking(move || clear_if_matches(clipboard.as_ref(), &compared))
                .await
                .unwrap_or(Ok(false))
        });
        let scheduled = ScheduledClear { fingerprint, timer };
        let previous = lock(&self.clipboard_clear).replace(scheduled);
        if let Some(previous) = previous {
            previous.cancel();
        }
        let delta = TimeDelta::from_std(clear_after).unwrap_or(TimeDelta::MAX);
        let clears_at = Utc::now()
            .checked_add_signed(delta)
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        Ok(CopyDeadline { clears_at })
    }

    /// Waits for the scheduled clear, if any, and returns whether it cleared the clipboard
    /// (`false` when the user had copied something else meanwhile, or nothing was scheduled).
    pub async fn scheduled_clear_done(&self) -> Result<bool, ClipboardError> {
        let scheduled = lock(&self.clipboard_clear).take();
        let Some(scheduled) = scheduled else {
            return Ok(false);
        };
        scheduled.timer.await.unwrap_or(Ok(false))
    }

    /// Clears the clipboard now if it still holds the last copied secret, and cancels the timer;
    /// for quitting (on Windows and macOS the clipboard outlives the app).
    pub fn clear_clipboard_now(&self, clipboard: &dyn Clipboard) -> Result<bool, ClipboardError> {
        let scheduled = lock(&self.clipboard_clear).take();
        let Some(scheduled) = scheduled else {
            return Ok(false);
        };
        scheduled.timer.abort();
        clear_if_matches(clipboard, &scheduled.fingerprint)
    }
}
