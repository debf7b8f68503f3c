//! Exporting an organization's keys (never a secret): Rust asks where to save in a native dialog
//! and writes the file itself; the page only says which view and which format.

use tauri::{AppHandle, State};

use crate::dto::{ExportFormatDto, ExportedDto, KeyQueryDto};
use crate::error::CommandError;
use crate::input::Input;
use crate::AppState;

/// Exports the keys of `view` (the whole organization when `null`) as `format` to a file the
/// user picks; `null` when the dialog was cancelled.
#[tauri::command]
pub async fn export_keys(
    app: AppHandle,
    state: State<'_, AppState>,
    org_id: Input<String>,
    view: Input<Option<KeyQueryDto>>,
    format: Input<ExportFormatDto>,
) -> Result<Option<ExportedDto>, CommandError> {
    let (Input(org_id), Input(view), Input(format)) = (org_id, view, format);
    let org = state.org(org_id).await?;
    let view = view
        .map(|view| crate::dto::key_query(&org, view))
        .transpose()?;
    let suggested = org.export_file_name(format.into());
    let Some(path) = crate::file_dialog::save_export(&app, &suggested).await else {
        return Ok(None);
    };
    Ok(Some(
        org.export_keys(view, format.into(), &path).await?.into(),
    ))
}
