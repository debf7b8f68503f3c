//! Exporting the keys inventory on the wire: the format asked for and what was written (the
//! file's path and how many keys; the rows themselves never cross IPC).

use app_core::key_export::ExportFormat;
use app_core::org::Exported;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A file format for the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ExportFormat")]
pub enum ExportFormatDto {
    /// Comma-separated values with a header row.
    Csv,
    /// A JSON document.
    Json,
}

impl From<ExportFormatDto> for ExportFormat {
    fn from(format: ExportFormatDto) -> Self {
        match format {
            ExportFormatDto::Csv => ExportFormat::Csv,
            ExportFormatDto::Json => ExportFormat::Json,
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Exported")]
pub struct ExportedDto {
    /// The file.
    pub path: String,
    /// How many keys it holds.
    pub keys: u64,
}

impl From<Exported> for ExportedDto {
    fn from(exported: Exported) -> Self {
        Self {
            path: exported.path.display().to_string(),
            keys: exported.keys,
        }
    }
}
