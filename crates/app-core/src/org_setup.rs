//! Adding, re-keying, renaming and removing organizations.
//!
//! The admin key is read here from the clipboard or the environment (never from the webview),
//! checked for shape, validated with a live call, and only then stored in the keychain. Each step
//! either completes or leaves nothing behind: a failed add stores no key and no settings entry.

use chrono::Utc;
use openai_admin::{Client, ErrorKind, ProjectListParams};
use secrecy::{ExposeSecret, SecretString};

use crate::admin_key_input::{self, KeySource, ADMIN_KEY_ENV};
use crate::config::OrgRecord;
use crate::keywarden::{remote_entry, Keywarden};
use crate::organizations::{OrgId, OrgKind, OrgStatus, Organization};
use crate::Error;

/// Why the API refused a pasted admin key, and what to do about it.
const KEY_NOT_ACCEPTED: &str = "OpenAI did not accept it (mistyped, revoked, or not an admin \
    key); copy an active admin key from Organization settings → Admin keys and try again";

/// What the user asked to add. The key itself is read from `source`, not passed in.
#[derive(Debug, Clone)]
pub struct NewOrganization {
    /// The label to show.
    pub label: String,
    /// The Admin API base URL; blank means OpenAI's.
    pub base_url: Option<String>,
    /// Where to read the admin key.
    pub source: KeySource,
}

/// What adding (or re-keying) an organization reports back. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminKeyAccepted {
    /// The organization as it is now.
    pub org: Organization,
    /// A hint such as `sk-admin…wxyz`.
    pub key_hint: String,
    /// Whether the clipboard was cleared because it still held the key.
    pub clipboard_cleared: bool,
}

impl Keywarden {
    /// Whether `OPENAI_ADMIN_KEY` is set, so the UI can offer it as a source.
    pub fn environment_key_available(&self) -> bool {
        std::env::var_os(ADMIN_KEY_ENV).is_some_and(|v| !v.is_empty())
    }

    /// Adds an organization: reads and checks the key, validates it live, stores it in the
    /// keychain, then saves the settings. Nothing is stored when any step fails.
    pub async fn add_organization(&self, new: NewOrganization) -> Result<AdminKeyAccepted, Error> {
        let label = {
            let orgs = self.read_orgs();
            admin_key_input::parse_label(&new.label, orgs.iter().map(|e| e.org.label.as_str()))?
        };
        let base_url = admin_key_input::parse_base_url(new.base_url.as_deref());
        let (key, from_clipboard) = self.read_admin_key(new.source)?;
        let client = self.validated_client(&label, &base_url, &key).await?;

        let record = OrgRecord {
            id: OrgId::generate(),
            label,
            base_url,
            created_at: Utc::now(),
            last_refreshed_at: None,
        };
        self.secret_store.set(record.id.as_str(), &key)?;
        if let Err(error) = self.change_config(|config| config.organizations.push(record.clone())) {
            let _ = self.secret_store.delete(record.id.as_str());
            return Err(error);
        }
        let mut entry = remote_entry(&record, self.secret_store.as_ref(), &self.client_options);
        entry.client = Some(client);
        entry.org.status = OrgStatus::Ready;
        let org = entry.org.clone();
        self.write_orgs().push(entry);
        let clipboard_cleared = from_clipboard && self.clear_clipboard_if_holds(&key);
        Ok(AdminKeyAccepted {
            org,
            key_hint: admin_key_input::key_hint(&key),
            clipboard_cleared,
        })
    }

    /// Replaces an organization's admin key (for a missing or revoked one).
    pub async fn replace_admin_key(
        &self,
        id: &OrgId,
        source: KeySource,
    ) -> Result<AdminKeyAccepted, Error> {
        let entry = self.entry(id)?;
        if entry.org.kind == OrgKind::Demo {
            return Err(Error::InvalidInput(
                "the demo organization needs no admin key".into(),
            ));
        }
        let (key, from_clipboard) = self.read_admin_key(source)?;
        let client = self
            .validated_client(&entry.org.label, &entry.org.base_url, &key)
            .await?;
        self.secret_store.set(id.as_str(), &key)?;
        let org = self.update_org(id, |e| {
            e.client = Some(client);
            e.org.status = OrgStatus::Ready;
        })?;
        let clipboard_cleared = from_clipboard && self.clear_clipboard_if_holds(&key);
        Ok(AdminKeyAccepted {
            org,
            key_hint: admin_key_input::key_hint(&key),
            clipboard_cleared,
        })
    }

    /// Renames an organization.
    pub fn rename_organization(&self, id: &OrgId, label: &str) -> Result<Organization, Error> {
        let entry = self.entry(id)?;
        if entry.org.kind == OrgKind::Demo {
            return Err(Error::InvalidInput(
                "the demo organization cannot be renamed".into(),
            ));
        }
        let label = {
            let orgs = self.read_orgs();
            let others = orgs
                .iter()
                .filter(|e| &e.org.id != id)
                .map(|e| e.org.label.as_str());
            admin_key_input::parse_label(label, others)?
        };
        self.change_config(|config| {
            for record in config.organizations.iter_mut().filter(|r| &r.id == id) {
                record.label = label.clone();
            }
        })?;
        self.update_org(id, |e| e.org.label = label.clone())
    }

    /// Removes an organization: its keychain entry first, then its settings entry.
    pub fn remove_organization(&self, id: &OrgId) -> Result<(), Error> {
        let entry = self.entry(id)?;
        if entry.org.kind == OrgKind::Demo {
            return Err(Error::InvalidInput(
                "the demo organization is built in".into(),
            ));
        }
        self.secret_store.delete(id.as_str())?;
        self.change_config(|config| config.organizations.retain(|r| &r.id != id))?;
        self.write_orgs().retain(|e| &e.org.id != id);
        Ok(())
    }

    pub(crate) fn update_org(
        &self,
        id: &OrgId,
        change: impl FnOnce(&mut crate::keywarden::OrgEntry),
    ) -> Result<Organization, Error> {
        let mut orgs = self.write_orgs();
        let entry = orgs
            .iter_mut()
            .find(|e| &e.org.id == id)
            .ok_or_else(|| Error::NotFound(format!("organization “{id}”")))?;
        change(entry);
        Ok(entry.org.clone())
    }

    fn read_admin_key(&self, source: KeySource) -> Result<(SecretString, bool), Error> {
        let raw = match source {
            KeySource::Clipboard => self
                .clipboard
                .read_text()
                .map_err(|e| {
                    Error::InvalidInput(format!(
                        "the clipboard cannot be read ({e}); start Keywarden with {ADMIN_KEY_ENV} \
                     set instead"
                    ))
                })?
                .ok_or_else(|| {
                    Error::InvalidInput(
                        "the clipboard holds no text; copy the admin key from OpenAI \
                     (Organization settings → Admin keys) and try again"
                            .into(),
                    )
                })?,
            KeySource::Environment => match std::env::var(ADMIN_KEY_ENV) {
                Ok(value) => SecretString::from(value),
                Err(_) => {
                    return Err(Error::InvalidInput(format!(
                        "{ADMIN_KEY_ENV} is not set; start Keywarden with it set, or paste the key"
                    )))
                }
            },
        };
        Ok((
            admin_key_input::parse_admin_key(&raw)?,
            source == KeySource::Clipboard,
        ))
    }

    /// Builds a client for the key and proves it works with one small read.
    async fn validated_client(
        &self,
        label: &str,
        base_url: &str,
        key: &SecretString,
    ) -> Result<Client, Error> {
        let client = Client::new(base_url, key.clone(), self.client_options.clone())?;
        let probe = ProjectListParams {
            limit: Some(1),
            ..ProjectListParams::default()
        };
        match client.projects().list(&probe).await {
            Ok(_) => Ok(client),
            Err(error) if error.kind() == ErrorKind::Unauthorized => Err(Error::KeyRejected {
                label: label.to_owned(),
                message: KEY_NOT_ACCEPTED.into(),
            }),
            Err(error) => Err(Error::from(error)),
        }
    }

    /// Clears the clipboard if it still holds this key (surrounding whitespace aside).
    fn clear_clipboard_if_holds(&self, key: &SecretString) -> bool {
        let holds = match self.clipboard.read_text() {
            Ok(Some(text)) => text.expose_secret().trim() == key.expose_secret(),
            _ => false,
        };
        holds && self.clipboard.clear().is_ok()
    }
}
