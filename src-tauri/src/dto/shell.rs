//! What the shell itself tells the window: the About box, and that the user tried to close the
//! window while new keys are unacknowledged.

use serde::Serialize;
use ts_rs::TS;

/// What the About box shows.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "About")]
pub struct AboutDto {
    /// Keywarden's version.
    pub version: String,
    /// The folder of the log files.
    pub log_dir: Option<String>,
    /// The end of the newest logs.
    pub recent_log: String,
}

/// Sent over the close-requests channel: how many new keys are still unacknowledged. A newtype
/// struct, so on the wire it is that number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "CloseRequest")]
pub struct CloseRequestDto(pub usize);
