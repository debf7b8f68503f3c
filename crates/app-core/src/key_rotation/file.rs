//! The rotations in progress, in a file beside the settings, so a rotation survives a restart.
//!
//! Like the reveal journal, the file holds metadata only (ids, names, times, the permissions
//! and lifetime asked for), is written atomically and owner-only (0600), and is deleted when no
//! rotation is left. A file that cannot be read is kept aside and reported once at start; it
//! never stops Keywarden from starting.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::record::{RotationId, RotationRecord};
use crate::config::{ConfigError, ConfigStore};
use crate::key_lifecycle::lock;
use crate::organizations::OrgId;
use crate::record_file::{move_aside, read_records, write_records};
use crate::Error;

/// The schema version of the file.
const SCHEMA_VERSION: u32 = 1;
/// What the file is, in error messages.
const WHAT: &str = "list of key rotations in progress";

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RotationsJson {
    schema_version: u32,
    #[serde(default)]
    rotations: Vec<RotationRecord>,
}

/// The file of rotations in progress of one settings folder.
#[derive(Debug)]
pub struct RotationFile {
    path: PathBuf,
    writes: Mutex<()>,
}

/// A rotation of the same key is already under way (its record is given).
#[derive(Debug)]
pub struct AlreadyRotating(pub Box<RotationRecord>);

impl RotationFile {
    /// The file beside the settings (debug builds keep their own, as for the settings).
    pub fn beside(config: &ConfigStore) -> Self {
        let name = if cfg!(debug_assertions) {
            "key-rotations.dev.json"
        } else {
            "key-rotations.json"
        };
        Self::at(config.sibling(name))
    }

    /// The file at `path`.
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            writes: Mutex::new(()),
        }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every rotation in progress, oldest first (none when the file cannot be read).
    pub fn all(&self) -> Vec<RotationRecord> {
        self.read().map(|file| file.rotations).unwrap_or_default()
    }

    /// The rotation with this id, if it is in progress.
    pub fn get(&self, id: &RotationId) -> Option<RotationRecord> {
        self.all().into_iter().find(|r| &r.id == id)
    }

    /// Writes a new rotation, unless one of the same organization already concerns its old key
    /// (as its old or its new key): then that one is returned and nothing is written.
    pub fn start(&self, record: &RotationRecord) -> Result<Result<(), AlreadyRotating>, Error> {
        let mut clash = None;
        self.change(|rotations| {
            clash = rotations
                .iter()
                .find(|r| r.org_id == record.org_id && r.concerns(&record.old_key.id))
                .cloned();
            if clash.is_none() {
                rotations.push(record.clone());
            }
            clash.is_none()
        })?;
        Ok(clash.map_or(Ok(()), |existing| Err(AlreadyRotating(Box::new(existing)))))
    }

    /// Saves `record` in place of the one with its id; a rotation that ended is removed.
    pub fn save(&self, record: &RotationRecord) -> Result<(), Error> {
        self.change(|rotations| {
            rotations.retain(|r| r.id != record.id);
            if record.phase.is_ongoing() {
                rotations.push(record.clone());
            }
            true
        })
    }

    /// Forgets every rotation of an organization that was removed from Keywarden.
    pub fn forget_organization(&self, org: &OrgId) -> Result<(), Error> {
        self.change(|rotations| {
            let before = rotations.len();
            rotations.retain(|r| &r.org_id != org);
            rotations.len() != before
        })
    }

    /// Called once at start: a file that cannot be read is moved aside as
    /// `<name>.corrupt-<time>`, and the notice says so.
    pub fn check(&self) -> Option<String> {
        let _guard = lock(&self.writes);
        let reason = self.read().err()?;
        Some(self.keep_aside(&reason))
    }

    /// Applies `edit` (which says whether it changed anything) and writes the result.
    fn change(&self, edit: impl FnOnce(&mut Vec<RotationRecord>) -> bool) -> Result<(), Error> {
        let _guard = lock(&self.writes);
        let mut file = self.read().unwrap_or_else(|reason| {
            let notice = self.keep_aside(&reason);
            tracing::warn!(%notice, "key rotations file unreadable");
            RotationsJson::default()
        });
        if edit(&mut file.rotations) {
            self.write(&file.rotations).map_err(|source| {
                Error::Config(ConfigError::Io {
                    file: WHAT,
                    path: self.path.clone(),
                    action: "written",
                    source,
                })
            })?;
        }
        Ok(())
    }

    fn read(&self) -> Result<RotationsJson, String> {
        read_records(&self.path, SCHEMA_VERSION, |f: &RotationsJson| {
            f.schema_version
        })
    }

    fn write(&self, rotations: &[RotationRecord]) -> std::io::Result<()> {
        let file = RotationsJson {
            schema_version: SCHEMA_VERSION,
            rotations: rotations.to_vec(),
        };
        write_records(&self.path, (!rotations.is_empty()).then_some(&file))
    }

    fn keep_aside(&self, reason: &str) -> String {
        let advice = "If you were rotating a key, its service account may now have two keys: \
                      look at its project and revoke the one you no longer use.";
        match move_aside(&self.path) {
            Ok(kept_as) => format!(
                "The {WHAT} could not be read ({reason}); it was kept as {}. {advice}",
                kept_as.display()
            ),
            Err(error) => format!(
                "The {WHAT} ({}) could not be read ({reason}) or moved aside ({error}). {advice}",
                self.path.display()
            ),
        }
    }
}
