//! Guided rotation of a service-account key: mint a replacement on the same service account
//! with the same permissions and lifetime, reveal it once, watch both keys until OpenAI reports
//! the new one used, then revoke the old one — or abandon and revoke the new one instead.
//!
//! This module holds what a rotation is and the rules it follows: its record and phases
//! (`record`), the new key's name and lifetime (`naming`), how both keys are judged against the
//! server's clock (`watch`), and the owner-only file that carries a rotation across a restart
//! (`file`). The steps that talk to the Admin API are the organization's (`org/rotation.rs`).
//! Nothing here ever holds a secret: the new key's secret stays in the reveal vault.

mod file;
mod naming;
mod record;
mod running;
mod watch;

pub use file::{AlreadyRotating, RotationFile};
pub use naming::{rotated_key_name, same_lifetime, ROTATED_SUFFIX};
pub use record::{RotatedKey, RotationId, RotationPhase, RotationRecord};
pub use running::{Claim, Running};
pub use watch::{
    server_now, sighting, used_since_created, KeySighting, KeyState, Observed, RotationStatus,
};

use crate::config::ConfigStore;
use crate::key_lifecycle::RevealRecord;

/// The rotations of the whole app: the file of those in progress, and the steps under way.
#[derive(Debug)]
pub struct KeyRotations {
    /// The rotations in progress, beside the settings.
    pub file: RotationFile,
    /// The steps under way in this process.
    pub running: Running,
}

impl KeyRotations {
    /// The rotations kept beside the settings of `config`.
    pub fn beside(config: &ConfigStore) -> Self {
        Self {
            file: RotationFile::beside(config),
            running: Running::default(),
        }
    }
}

impl KeyRotations {
    /// A reveal a previous run cut short, when its key is a rotation's new key: the rotation
    /// takes it over, so the user finishes or abandons the rotation instead of revoking the key
    /// on its own (which, for a service account's key, deletes the account and the old key with
    /// it). The new key's secret counts as lost unless it had been copied. Returns whether a
    /// rotation took it over.
    pub(crate) fn take_over_lost_reveal(&self, lost: &RevealRecord) -> bool {
        let rotation = self.file.all().into_iter().find(|r| {
            r.org_id == lost.org_id
                && r.phase.is_ongoing()
                && r.new_key.as_ref().is_some_and(|k| k.id == lost.key_id)
        });
        let Some(mut rotation) = rotation else {
            return false;
        };
        if !lost.copied && !rotation.secret_lost {
            rotation.secret_lost = true;
            if let Err(error) = self.file.save(&rotation) {
                tracing::warn!(%error, "could not note the rotation's lost secret");
            }
        }
        true
    }
}
