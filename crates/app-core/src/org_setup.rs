//! Changing the registry: adding, re-keying, renaming and removing organizations.
//!
//! The admin key is read here from the clipboard or the environment (never from the webview),
//! checked for shape, validated with a live call, and only then stored in the keychain. Each step
//! either completes or leaves nothing behind: a failed add stores no key and no settings entry.

use chrono::Utc;
use openai_admin::ProjectListParams;
use secrecy::{ExposeSecret, SecretString};

use crate::admin_key_input::{self, KeySource, ADMIN_KEY_ENV};
use crate::config::OrgRecord;
use crate::keywarden::Keywarden;
use crate::org::{Inventory, Org, OrgApi, OrgParts};
use crate::organizations::{OrgId, OrgKind, Organization};
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
    /// Adds an organization: reads and checks the key, validates it live, stores it in the
    /// keychain, then saves the settings. Nothing is stored when any step fails.
    pub async fn add_organization(&self, new: NewOrganization) -> Result<AdminKeyAccepted, Error> {
        let label = {
            let orgs = self.list_organizations();
            admin_key_input::parse_label(&new.label, orgs.iter().map(|o| o.label.as_str()))?
        };
        let base_url = admin_key_input::parse_base_url(new.base_url.as_deref());
        let (key, from_clipboard) = self.read_admin_key(new.source)?;
        let api = self
            .refused_key_off_clipboard(from_clipboard, &key, async {
                self.validated_api(&label, &base_url, &key).await
            })
            .await?;

        let record = OrgRecord {
            id: OrgId::generate(),
            label,
            base_url,
            created_at: Utc::now(),
            last_refreshed_at: None,
        };
        let keychain = self.keychain().clone();
        keychain.set(record.id.as_str(), &key)?;
        let saved = self
            .app()
            .settings
            .change(|config| config.organizations.push(record.clone()));
        if let Err(error) = saved {
            let _ = keychain.delete(record.id.as_str());
            return Err(error);
        }
        let parts = OrgParts {
            secrets: keychain,
            inventory: Inventory::at(self.app().cache_path(&record.id)),
            app: self.app().clone(),
        };
        let org = Org::ready(&record, &api, parts);
        let organization = org.record();
        self.write_orgs().push(org);
        Ok(self.accepted(organization, &key, from_clipboard))
    }

    /// Replaces an organization's admin key (for a missing or revoked one).
    pub async fn replace_admin_key(
        &self,
        id: &OrgId,
        source: KeySource,
    ) -> Result<AdminKeyAccepted, Error> {
        let org = self.org(id)?;
        let record = org.record();
        if record.kind == OrgKind::Demo {
            return Err(Error::InvalidInput(
                "the demo organization needs no admin key".into(),
            ));
        }
        let (key, from_clipboard) = self.read_admin_key(source)?;
        let api = self
            .refused_key_off_clipboard(from_clipboard, &key, async {
                self.validated_api(&record.label, &record.base_url, &key)
                    .await
            })
            .await?;
        org.secrets().set(id.as_str(), &key)?;
        let organization = org.use_client(&api);
        Ok(self.accepted(organization, &key, from_clipboard))
    }

    /// Renames an organization.
    pub fn rename_organization(&self, id: &OrgId, label: &str) -> Result<Organization, Error> {
        let org = self.org(id)?;
        if org.record().kind == OrgKind::Demo {
            return Err(Error::InvalidInput(
                "the demo organization cannot be renamed".into(),
            ));
        }
        let label = {
            let orgs = self.list_organizations();
            let others = orgs
                .iter()
                .filter(|o| &o.id != id)
                .map(|o| o.label.as_str());
            admin_key_input::parse_label(label, others)?
        };
        self.app().settings.change(|config| {
            for record in config.organizations.iter_mut().filter(|r| &r.id == id) {
                record.label = label.clone();
            }
        })?;
        Ok(org.update(|record| record.label = label.clone()))
    }

    /// Removes an organization: its keychain entry first, then its settings entry, its activity,
    /// then its inventory cache (after any refresh of it has stopped).
    pub async fn remove_organization(&self, id: &OrgId) -> Result<(), Error> {
        let org = self.org(id)?;
        if org.record().kind == OrgKind::Demo {
            return Err(Error::InvalidInput(
                "the demo organization is built in".into(),
            ));
        }
        org.secrets().delete(id.as_str())?;
        self.app().settings.change(|config| {
            config.organizations.retain(|r| &r.id != id);
            config.key_policy_defaults.remove(id);
        })?;
        self.write_orgs().retain(|o| o.id() != id);
        self.app().activity.forget(id);
        org.close().await;
        Ok(())
    }

    fn accepted(
        &self,
        org: Organization,
        key: &SecretString,
        from_clipboard: bool,
    ) -> AdminKeyAccepted {
        let clipboard_cleared = from_clipboard && self.clear_clipboard_if_holds(key);
        AdminKeyAccepted {
            org,
            key_hint: admin_key_input::key_hint(key),
            clipboard_cleared,
        }
    }

    fn read_admin_key(&self, source: KeySource) -> Result<(SecretString, bool), Error> {
        let raw = match source {
            KeySource::Clipboard => self
                .app()
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
        let from_clipboard = source == KeySource::Clipboard;
        match admin_key_input::parse_admin_key(&raw) {
            Ok(key) => Ok((key, from_clipboard)),
            Err(error)
                if from_clipboard
                    && looks_like_a_key(&raw)
                    && self.clear_clipboard_if_holds(&raw) =>
            {
                Err(removed_from_clipboard(error))
            }
            Err(error) => Err(error),
        }
    }

    /// Runs the live check of a key; when OpenAI refuses a key read from the clipboard (401),
    /// takes it off the clipboard too (as after a successful add), so a wrong key does not
    /// linger there. A working key that lacks a permission stays: it is the right key.
    async fn refused_key_off_clipboard<T>(
        &self,
        from_clipboard: bool,
        key: &SecretString,
        check: impl std::future::Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        match check.await {
            Err(error @ Error::KeyRejected { .. })
                if from_clipboard && self.clear_clipboard_if_holds(key) =>
            {
                Err(removed_from_clipboard(error))
            }
            other => other,
        }
    }

    /// Builds a client for the key and proves it works with one small read.
    async fn validated_api(
        &self,
        label: &str,
        base_url: &str,
        key: &SecretString,
    ) -> Result<OrgApi, Error> {
        let api = OrgApi::connect(label, base_url, key.clone(), &self.app().client_options)?;
        let probe = ProjectListParams {
            limit: Some(1),
            ..ProjectListParams::default()
        };
        match api.client.projects().list(&probe).await {
            Ok(_) => Ok(api),
            Err(error) => match api.error(error) {
                Error::KeyRejected { label, .. } => Err(Error::KeyRejected {
                    label,
                    message: KEY_NOT_ACCEPTED.into(),
                }),
                other => Err(other),
            },
        }
    }

    /// Clears the clipboard if it still holds this key (surrounding whitespace aside).
    fn clear_clipboard_if_holds(&self, key: &SecretString) -> bool {
        let clipboard = &self.app().clipboard;
        let holds = match clipboard.read_text() {
            Ok(Some(text)) => text.expose_secret().trim() == key.expose_secret().trim(),
            _ => false,
        };
        holds && clipboard.clear().is_ok()
    }
}

/// Whether refused clipboard text is key material (`sk-…`, `sess-…`) that should not linger
/// there; other text (a sentence, whitespace) is the user's and is left alone.
fn looks_like_a_key(raw: &SecretString) -> bool {
    let text = raw.expose_secret().trim_start();
    text.starts_with("sk-") || text.starts_with("sess-")
}

/// The refusal, saying the refused key was taken off the clipboard.
fn removed_from_clipboard(error: Error) -> Error {
    let message = format!("{error}. Keywarden removed that key from the clipboard.");
    match error {
        Error::InvalidInput(_) => Error::InvalidInput(message),
        Error::KeyRejected { label, .. } => Error::KeyRejected {
            label,
            message: format!("{KEY_NOT_ACCEPTED}. Keywarden removed it from the clipboard."),
        },
        other => other,
    }
}
