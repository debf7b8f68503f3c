//! *Send to vault*: the vaults a new key can go to, the send itself, and the native dialog that
//! picks a KeePassXC database. The key never crosses IPC; only where it went does.

use tauri::{AppHandle, State};

use crate::dto::{StoredDto, VaultRequestDto, VaultSetupDto, VaultUnlockDto};
use crate::error::CommandError;
use crate::input::Input;
use crate::AppState;

/// The vaults offered for a held key, the organization's last choice and a suggested entry.
#[tauri::command]
pub async fn vault_setup(
    state: State<'_, AppState>,
    org_id: Input<String>,
    reveal_id: Input<String>,
) -> Result<VaultSetupDto, CommandError> {
    let (Input(org_id), Input(reveal_id)) = (org_id, reveal_id);
    let org = state.org(org_id).await?;
    Ok(org.vault_setup(&reveal_id).await?.into())
}

/// Sends a held key to the user's vault from Rust; a failure leaves it held.
#[tauri::command]
pub async fn send_new_key_to_vault(
    state: State<'_, AppState>,
    org_id: Input<String>,
    reveal_id: Input<String>,
    request: Input<VaultRequestDto>,
    unlock: Input<VaultUnlockDto>,
) -> Result<StoredDto, CommandError> {
    let (Input(org_id), Input(reveal_id), Input(request), Input(unlock)) =
        (org_id, reveal_id, request, unlock);
    let org = state.org(org_id).await?;
    let stored = org
        .send_new_key_to_vault(&reveal_id, request.into(), unlock.into())
        .await?;
    Ok(stored.into())
}

/// Asks for a KeePassXC database file in a native dialog; `None` when cancelled.
#[tauri::command]
pub async fn choose_vault_database(app: AppHandle) -> Result<Option<String>, CommandError> {
    Ok(crate::file_dialog::open_database(&app)
        .await
        .map(|path| path.display().to_string()))
}
