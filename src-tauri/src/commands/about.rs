//! The About box: version, where logs are kept, the recent log for a bug report, and an export
//! of all logs to the Downloads folder. Logs never contain headers, bodies or secrets.

use std::path::PathBuf;

use tauri::State;

use crate::dto::AboutDto;
use crate::error::{CommandError, ErrorCode};
use crate::logging;

/// Where the logs of this run go.
pub struct LogLocation(pub Option<PathBuf>);

fn no_logs() -> CommandError {
    CommandError::new(ErrorCode::Internal, "logging is not available")
}

/// Version and the recent log.
#[tauri::command]
pub fn about(logs: State<'_, LogLocation>) -> AboutDto {
    let recent_log = logs
        .0
        .as_deref()
        .map(|dir| logging::recent_log_text(dir, 64 * 1024).unwrap_or_default())
        .unwrap_or_default();
    AboutDto {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        log_dir: logs.0.as_ref().map(|d| d.display().to_string()),
        recent_log,
    }
}

/// Writes all logs into one file in the Downloads folder; returns its path.
#[tauri::command]
pub fn export_logs(logs: State<'_, LogLocation>) -> Result<String, CommandError> {
    let dir = logs.0.as_deref().ok_or_else(no_logs)?;
    let downloads = directories::UserDirs::new()
        .and_then(|u| u.download_dir().map(PathBuf::from))
        .or_else(|| directories::UserDirs::new().map(|u| u.home_dir().to_path_buf()))
        .ok_or_else(no_logs)?;
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let dest = downloads.join(format!("keywarden-logs-{stamp}.txt"));
    logging::export_logs(dir, &dest).map_err(|e| {
        CommandError::new(
            ErrorCode::Internal,
            format!("the logs could not be written to {}: {e}", dest.display()),
        )
    })?;
    Ok(dest.display().to_string())
}
