//! The reveal journal: a durable note, written before a new key is shown, that the key's secret
//! exists only in memory until the user stores it.
//!
//! If Keywarden dies while a reveal is open (killed, crashed, power cut), the secret is gone,
//! but the key still exists at OpenAI. The journal is how the next start finds out: a record
//! left behind is a key whose secret is lost, and the user is asked whether to revoke it.
//!
//! Records hold metadata only (organization, project, key, service account, name, times),
//! never the secret or a redacted value. The file sits beside the settings, is written
//! atomically (temporary file, fsync, rename, fsync of the folder) with owner-only permissions,
//! and is deleted when no record is left. A file that cannot be read is kept aside and
//! reported; it never stops Keywarden from starting.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use openai_admin::{ApiKeyId, ProjectId, ServiceAccountId};
use serde::{Deserialize, Serialize};

use super::{lock, CreatedKey, RevealId};
use crate::config::ConfigStore;
use crate::organizations::OrgId;
use crate::record_file::{move_aside, read_records, write_records};

/// The schema version of the journal file.
const SCHEMA_VERSION: u32 = 1;

/// Serializes every journal write in this process (records are few; writes are rare).
static WRITES: Mutex<()> = Mutex::new(());

/// One new key whose secret was (or is being) revealed. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevealRecord {
    /// The reveal id it was held under.
    pub reveal_id: RevealId,
    /// The organization (Keywarden's local id).
    pub org_id: OrgId,
    /// The organization's label when the key was created.
    pub org_label: String,
    /// The project of the key.
    pub project_id: ProjectId,
    /// The new key's id.
    pub key_id: ApiKeyId,
    /// The service account that owns the key.
    pub service_account_id: ServiceAccountId,
    /// The name the key was created with.
    pub name: String,
    /// When the key was created.
    pub created_at: DateTime<Utc>,
    /// When the record was written, just before the reveal was shown.
    pub recorded_at: DateTime<Utc>,
    /// Whether the secret reached the clipboard before Keywarden closed.
    #[serde(default)]
    pub copied: bool,
    /// When a later start found the record left behind: the secret is lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_at: Option<DateTime<Utc>>,
}

impl RevealRecord {
    /// The record of a key just created in organization `org_id` (labelled `org_label`).
    pub fn new(org_id: &OrgId, org_label: &str, key: &CreatedKey) -> Self {
        Self {
            reveal_id: key.reveal_id,
            org_id: org_id.clone(),
            org_label: org_label.to_owned(),
            project_id: key.project_id.clone(),
            key_id: key.key_id.clone(),
            service_account_id: key.service_account_id.clone(),
            name: key.name.clone(),
            created_at: key.created_at,
            recorded_at: Utc::now(),
            copied: false,
            lost_at: None,
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct JournalFile {
    schema_version: u32,
    #[serde(default)]
    records: Vec<RevealRecord>,
}

/// What a start found in the journal.
#[derive(Debug, Default)]
pub struct JournalRecovery {
    /// Records a previous run left behind, now marked lost (each reported once).
    pub newly_lost: Vec<RevealRecord>,
    /// A problem to tell the user about (an unreadable journal was kept aside).
    pub notice: Option<String>,
}

/// The journal file of one settings folder.
#[derive(Debug, Clone)]
pub struct RevealJournal {
    path: PathBuf,
}

impl RevealJournal {
    /// The journal beside the settings file (debug builds keep their own, as for the settings).
    pub fn beside(config: &ConfigStore) -> Self {
        let name = if cfg!(debug_assertions) {
            "pending-reveals.dev.json"
        } else {
            "pending-reveals.json"
        };
        Self::at(config.sibling(name))
    }

    /// The journal at `path`.
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// The journal file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `record` durably (replacing one with the same reveal id) before its reveal shows.
    pub fn record(&self, record: RevealRecord) -> std::io::Result<()> {
        self.change(|records| {
            records.retain(|r| r.reveal_id != record.reveal_id);
            records.push(record);
            true
        })
    }

    /// Notes that a held secret was copied to the clipboard.
    pub fn mark_copied(&self, reveal: &RevealId) -> std::io::Result<()> {
        self.change(|records| {
            let mut changed = false;
            for record in records.iter_mut().filter(|r| &r.reveal_id == reveal) {
                changed |= !record.copied;
                record.copied = true;
            }
            changed
        })
    }

    /// Removes the record of a reveal that was acknowledged; returns whether there was one.
    pub fn clear(&self, reveal: &RevealId) -> std::io::Result<bool> {
        self.remove(|r| &r.reveal_id == reveal)
    }

    /// Removes the record of a lost key the user has dealt with (never a pending one).
    pub fn dismiss_lost(&self, reveal: &RevealId) -> std::io::Result<bool> {
        self.remove(|r| &r.reveal_id == reveal && r.lost_at.is_some())
    }

    /// Removes every record of these keys, or of keys owned by `account` (they were revoked).
    pub fn clear_revoked(
        &self,
        keys: &[ApiKeyId],
        account: Option<&ServiceAccountId>,
    ) -> std::io::Result<bool> {
        self.remove(|r| keys.contains(&r.key_id) || account == Some(&r.service_account_id))
    }

    /// Removes every record of an organization that was removed from Keywarden.
    pub fn forget_organization(&self, org: &OrgId) -> std::io::Result<bool> {
        self.remove(|r| &r.org_id == org)
    }

    /// The records a previous run left behind (oldest first).
    pub fn lost(&self) -> Vec<RevealRecord> {
        let file = self.read().unwrap_or_default();
        file.records
            .into_iter()
            .filter(|r| r.lost_at.is_some())
            .collect()
    }

    /// Called once at start, before anything is created: every record still pending belongs to
    /// a run that ended without acknowledging it, so its secret is lost. An unreadable file is
    /// moved aside as `<name>.corrupt-<time>` and reported.
    pub fn recover(&self) -> JournalRecovery {
        let _guard = lock(&WRITES);
        let mut file = match self.read() {
            Ok(file) => file,
            Err(reason) => return self.keep_aside(&reason),
        };
        let now = Utc::now();
        let mut newly_lost = Vec::new();
        for record in file.records.iter_mut().filter(|r| r.lost_at.is_none()) {
            record.lost_at = Some(now);
            newly_lost.push(record.clone());
        }
        let mut notice = None;
        if !newly_lost.is_empty() {
            if let Err(error) = self.write(&file) {
                tracing::warn!(%error, "could not mark lost reveals in the journal");
                notice = Some(format!(
                    "Keywarden could not update {} ({error}); the lost keys below may be \
                     reported again next time.",
                    self.path.display()
                ));
            }
        }
        JournalRecovery { newly_lost, notice }
    }

    fn remove(&self, matches: impl Fn(&RevealRecord) -> bool) -> std::io::Result<bool> {
        let mut found = false;
        self.change(|records| {
            let before = records.len();
            records.retain(|r| !matches(r));
            found = records.len() != before;
            found
        })?;
        Ok(found)
    }

    /// Applies `edit` (which says whether it changed anything) and writes the result.
    fn change(&self, edit: impl FnOnce(&mut Vec<RevealRecord>) -> bool) -> std::io::Result<()> {
        let _guard = lock(&WRITES);
        let mut file = self.read().unwrap_or_else(|reason| {
            self.keep_aside(&reason);
            JournalFile::default()
        });
        if edit(&mut file.records) {
            self.write(&file)?;
        }
        Ok(())
    }

    fn read(&self) -> Result<JournalFile, String> {
        read_records(&self.path, SCHEMA_VERSION, |f: &JournalFile| {
            f.schema_version
        })
    }

    fn write(&self, file: &JournalFile) -> std::io::Result<()> {
        let file = JournalFile {
            schema_version: SCHEMA_VERSION,
            records: file.records.clone(),
        };
        write_records(&self.path, (!file.records.is_empty()).then_some(&file))
    }

    fn keep_aside(&self, reason: &str) -> JournalRecovery {
        let moved = move_aside(&self.path);
        tracing::warn!(?moved, %reason, "reveal journal unreadable");
        let notice = match moved {
            Ok(kept_as) => format!(
                "The list of new keys waiting to be stored could not be read ({reason}); it was \
                 kept as {}. If Keywarden closed while showing a new key, look for that key in \
                 its project and revoke it if you did not store it.",
                kept_as.display()
            ),
            Err(error) => format!(
                "The list of new keys waiting to be stored ({}) could not be read ({reason}) \
                 or moved aside ({error}). If Keywarden closed while showing a new key, look \
                 for that key in its project and revoke it if you did not store it.",
                self.path.display()
            ),
        };
        JournalRecovery {
            newly_lost: Vec::new(),
            notice: Some(notice),
        }
    }
}
