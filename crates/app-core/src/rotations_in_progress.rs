//! The key rotations in progress across every organization, for the start-up banner: a
//! rotation outlives a restart, and the window lists it again so it gets finished or abandoned.

use crate::key_rotation::RotationRecord;
use crate::Keywarden;

/// A rotation in progress and the label of its organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RotationInProgress {
    /// The rotation as stored.
    pub rotation: RotationRecord,
    /// Its organization's label now.
    pub org_label: String,
    /// Whether one of its steps is under way right now (e.g. the new key being minted).
    pub busy: bool,
}

impl Keywarden {
    /// Every key rotation in progress, oldest first, in organizations Keywarden still manages.
    pub fn key_rotations(&self) -> Vec<RotationInProgress> {
        let rotations = &self.app().rotations;
        let orgs = self.list_organizations();
        rotations
            .file
            .all()
            .into_iter()
            .filter_map(|rotation| {
                let org = orgs.iter().find(|o| o.id == rotation.org_id)?;
                Some(RotationInProgress {
                    org_label: org.label.clone(),
                    busy: rotations.running.is_running(&rotation.id),
                    rotation,
                })
            })
            .collect()
    }
}
