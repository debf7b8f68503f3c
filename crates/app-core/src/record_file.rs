//! A small owner-only JSON file of records that must survive a crash (the reveal journal, the
//! key rotations): read with its schema number checked (a missing file is empty), written
//! atomically or removed when nothing is left, and moved aside, never deleted, when unreadable.

use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::config::write_atomically;

/// Reads the file at `path`: its default when missing; why not when it cannot be read, is not
/// JSON of that shape, or was written by a newer schema than `newest` (`schema` reads its
/// number).
pub(crate) fn read_records<T: DeserializeOwned + Default>(
    path: &Path,
    newest: u32,
    schema: impl Fn(&T) -> u32,
) -> Result<T, String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(T::default()),
        Err(error) => return Err(format!("it could not be read: {error}")),
    };
    let file: T = serde_json::from_slice(&bytes).map_err(|e| {
        format!(
            "it is not valid JSON (line {}, column {})",
            e.line(),
            e.column()
        )
    })?;
    if schema(&file) > newest {
        return Err(format!(
            "it was written by a newer Keywarden (schema {})",
            schema(&file)
        ));
    }
    Ok(file)
}

/// Writes `file` to `path` atomically (owner-only), or removes the file when `None`.
pub(crate) fn write_records<T: Serialize>(path: &Path, file: Option<&T>) -> std::io::Result<()> {
    let Some(file) = file else {
        return match std::fs::remove_file(path) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
            _ => {
                sync_folder(path);
                Ok(())
            }
        };
    };
    let mut json = serde_json::to_vec_pretty(file).map_err(std::io::Error::other)?;
    json.push(b'\n');
    write_atomically(path, &json)
}

/// Moves an unreadable file aside as `<name>.corrupt-<UTC time>`: where it went, or why it
/// could not be moved.
pub(crate) fn move_aside(path: &Path) -> Result<PathBuf, std::io::Error> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("records.json");
    let kept_as = path.with_file_name(format!("{name}.corrupt-{stamp}"));
    std::fs::rename(path, &kept_as).map(|()| kept_as)
}

fn sync_folder(path: &Path) {
    if let Some(folder) = path.parent().and_then(|dir| std::fs::File::open(dir).ok()) {
        let _ = folder.sync_all();
    }
}
