//! Exporting an organization's keys: the view the user is looking at (its project, search,
//! filter and order) or the whole organization, read from the inventory cache in one transaction
//! and written by Rust to the file the user chose, readable by its owner only (0600). The rows
//! never pass through the webview, so 100,000 keys export like 10.

use std::io;
use std::path::{Path, PathBuf};

use super::Org;
use crate::config::write_atomically;
use crate::inventory_store::{CacheOff, KeyQuery, KeySort, KeySortColumn};
use crate::key_export::{render, ExportFormat};
use crate::Error;

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// The file.
    pub path: PathBuf,
    /// How many keys it holds.
    pub keys: u64,
}

impl Org {
    /// The file name the save dialog suggests: `keywarden-<organization>-keys-<date>.<ext>`.
    pub fn export_file_name(&self, format: ExportFormat) -> String {
        let label: String = self
            .record()
            .label
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let label = label.trim_matches('-');
        let label = if label.is_empty() {
            "organization"
        } else {
            label
        };
        let date = chrono::Utc::now().format("%Y-%m-%d");
        format!("keywarden-{label}-keys-{date}.{}", format.extension())
    }

    /// Writes the keys `view` matches (every key of the organization, by project and name, when
    /// `None`) to `path` as `format`. A file already at `path` is replaced only once the new
    /// one is complete; on failure nothing is left behind.
    pub async fn export_keys(
        &self,
        view: Option<KeyQuery>,
        format: ExportFormat,
        path: &Path,
    ) -> Result<Exported, Error> {
        if !path.is_absolute() || path.file_name().is_none() {
            return Err(Error::InvalidInput(format!(
                "{} is not a file path; choose where to save the export",
                path.display()
            )));
        }
        let query = view.unwrap_or_else(|| KeyQuery {
            sort: KeySort {
                column: KeySortColumn::Project,
                descending: false,
            },
            ..KeyQuery::default()
        });
        let rows = self
            .inventory()
            .query(move |store| store.all_keys(&query))
            .await?;
        let label = self.record().label;
        let target = path.to_path_buf();
        let keys = rows.len() as u64;
        let written = tokio::task::spawn_blocking(move || {
            let bytes = render(format, &label, &rows);
            write_atomically(&target, &bytes)
        })
        .await
        .map_err(|error| io::Error::other(error.to_string()))
        .and_then(|written| written);
        written.map_err(|error| Error::ExportFailed {
            path: path.display().to_string(),
            reason: export_reason(&error),
        })?;
        Ok(Exported {
            path: path.to_path_buf(),
            keys,
        })
    }
}

/// Why a file could not be written, and what to do, for the message: the cache's reading of a
/// file-system error ([`CacheOff`]), said for an export.
fn export_reason(error: &io::Error) -> String {
    match CacheOff::from(error) {
        CacheOff::DiskFull => {
            "the disk is full; free some space or save it on another disk".to_owned()
        }
        CacheOff::NotWritable => {
            "that folder cannot be written to; choose another folder".to_owned()
        }
        _ => format!(
            "the file system said: {}; choose another folder",
            error.kind()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_failures_say_what_to_do() {
        let full = io::Error::new(io::ErrorKind::StorageFull, "no space");
        assert!(export_reason(&full).starts_with("the disk is full"));
        let denied = io::Error::new(io::ErrorKind::PermissionDenied, "denied");
        assert!(export_reason(&denied).contains("choose another folder"));
        #[cfg(unix)]
        assert!(export_reason(&io::Error::from_raw_os_error(28)).starts_with("the disk is full"));
    }
}
