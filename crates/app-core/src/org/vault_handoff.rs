//! *Send to vault* for one organization: the vaults this machine offers, the destination the
//! user chose last time for this organization (remembered in the settings, no secret), the
//! suggested entry path for a new key, and the send itself, recorded in the activity log. A key
//! stored in a vault leaves the reveal journal: should Keywarden close before the user confirms,
//! it is not reported lost.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::Org;
use crate::inventory_store::ProjectQuery;
use crate::key_lifecycle::{OwningOrg, RevealId};
use crate::vault_handoff::{
    self, Destination, EntryPath, Stored, VaultKind, VaultOffer, VaultUnlock,
};
use crate::Error;

/// The longest collection, vault or database path accepted, in characters.
pub const MAX_VAULT_FIELD_CHARS: usize = 1024;

/// Where this organization's new keys went last time: the vault and its folder, database or
/// collection. Remembered in the settings; holds no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultChoice {
    /// The vault.
    pub kind: VaultKind,
    /// The folder above `<project>/<key name>`, e.g. `OpenAI/Acme`.
    #[serde(default)]
    pub folder: Option<String>,
    /// The KeePassXC database file.
    #[serde(default)]
    pub database: Option<PathBuf>,
    /// The Secret Service collection or 1Password vault.
    #[serde(default)]
    pub container: Option<String>,
}

/// What the reveal dialog needs to offer *Send to vault* for one new key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VaultSetup {
    /// Every vault kind, with whether it can be used here.
    pub offers: Vec<VaultOffer>,
    /// What the user chose last time for this organization.
    pub choice: Option<VaultChoice>,
    /// The suggested entry path for this key.
    pub entry: String,
}

/// A *Send to vault* request as the user filled it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VaultRequest {
    /// The vault.
    pub kind: VaultKind,
    /// The entry path.
    pub entry: String,
    /// The KeePassXC database file (an absolute path).
    pub database: Option<String>,
    /// The Secret Service collection or 1Password vault.
    pub container: Option<String>,
}

impl Org {
    /// The vaults offered for a held key, the last choice, and the suggested entry path.
    pub async fn vault_setup(&self, reveal: &str) -> Result<VaultSetup, Error> {
        let pending = self.held(reveal)?;
        let choice = self.vault_choice();
        let project = self.project_name(pending.project_id.as_str()).await;
        let folder = choice.as_ref().and_then(|choice| choice.folder.as_deref());
        let label = self.record().label;
        let entry = EntryPath::suggested(folder, &label, &project, &pending.name);
        Ok(VaultSetup {
            offers: vault_handoff::offers(&self.app().vault_tools),
            choice,
            entry: entry.to_string(),
        })
    }

    /// Sends a held key to the user's vault, remembers the choice for this organization, and
    /// records where it went. A failure changes nothing: the key stays held.
    pub async fn send_new_key_to_vault(
        &self,
        reveal: &str,
        request: VaultRequest,
        unlock: VaultUnlock,
    ) -> Result<Stored, Error> {
        let pending = self.held(reveal)?;
        let destination = destination(&request)?;
        let record = self.record();
        let org = OwningOrg {
            id: record.id.to_string(),
            name: record.label.clone(),
        };
        let app = self.app();
        let stored = app
            .lifecycle
            .send_to_vault(
                &pending.reveal_id,
                &org,
                &app.vault_tools,
                &destination,
                unlock,
            )
            .await?;
        let project = self.project_name(pending.project_id.as_str()).await;
        let choice = VaultChoice {
            kind: destination.kind,
            folder: destination.entry.folder_for_next_time(&project),
            database: destination.database.clone(),
            container: destination.container.clone(),
        };
        let id = self.id().clone();
        if let Err(error) = app.settings.change(move |config| {
            config.vault_choices.insert(id, choice);
        }) {
            tracing::warn!(%error, "could not remember the vault choice");
        }
        let where_to = format!("{}: {}", stored.kind.label(), stored.location);
        self.record_activity(|log| log.sent_to_vault(&pending, where_to));
        self.journal_stored(&pending.reveal_id);
        Ok(stored)
    }

    /// The vault this organization's keys went to last time.
    pub fn vault_choice(&self) -> Option<VaultChoice> {
        self.app()
            .settings
            .get()
            .vault_choices
            .get(self.id())
            .cloned()
    }

    fn held(&self, reveal: &str) -> Result<crate::key_lifecycle::PendingReveal, Error> {
        let reveal: RevealId = super::new_key::parse_reveal(reveal)?;
        self.pending(&reveal)
            .ok_or_else(|| crate::key_lifecycle::LifecycleError::RevealNotFound.into())
    }

    /// The project's name from the cached inventory, or its id when it is not cached.
    async fn project_name(&self, project_id: &str) -> String {
        let query = ProjectQuery {
            text: Some(project_id.to_owned()),
            limit: 20,
            ..ProjectQuery::default()
        };
        let page = self.query_projects(query).await;
        page.ok()
            .and_then(|page| page.rows.into_iter().find(|row| row.id == project_id))
            .map(|row| row.name)
            .unwrap_or_else(|| project_id.to_owned())
    }
}

fn destination(request: &VaultRequest) -> Result<Destination, Error> {
    let entry = EntryPath::parse(&request.entry).map_err(vault_input)?;
    let field = |value: &Option<String>, what: &str| -> Result<Option<String>, Error> {
        let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty());
        match value {
            Some(v)
                if v.chars().count() > MAX_VAULT_FIELD_CHARS || v.chars().any(char::is_control) =>
            {
                Err(Error::InvalidInput(format!(
                    "the {what} is too long or contains a line break; nothing was sent"
                )))
            }
            other => Ok(other.map(str::to_owned)),
        }
    };
    let database = field(&request.database, "database path")?.map(PathBuf::from);
    if database.as_ref().is_some_and(|path| !path.is_absolute()) {
        return Err(Error::InvalidInput(
            "choose the KeePassXC database with “Choose…” (a full path); nothing was sent".into(),
        ));
    }
    Ok(Destination {
        kind: request.kind,
        entry,
        database,
        container: field(&request.container, "collection or vault name")?,
    })
}

fn vault_input(error: vault_handoff::VaultError) -> Error {
    Error::Vault(error)
}
