//! Changing the registry: adding, re-keying, renaming and removing organizations.
//!
//! The admin key is taken in by `admin_key_intake` (from the clipboard or the key held from the
//! environment, never from the webview; checked for shape, its destination agreed, validated
//! with a live call) and only then stored in the keychain. Each step
//! either completes or leaves nothing behind: a failed add stores no key and no settings entry.

use chrono::Utc;
use secrecy::SecretString;

use crate::admin_key_input::{self, KeySource};
use crate::config::OrgRecord;
use crate::keywarden::Keywarden;
use crate::org::{Inventory, Org, OrgParts};
use crate::organizations::{OrgId, OrgKind, Organization};
use crate::Error;

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
        let accepted = self
            .take_admin_key(&label, &base_url, new.source, |host| {
                format!(
                    "“{label}” was not added: you declined to send the admin key to {host}. \
                     Nothing was sent."
                )
            })
            .await?;
        let (key, from_clipboard, api) = (accepted.key, accepted.from_clipboard, accepted.api);

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

    /// Replaces an organization's admin key (for a missing, rejected or revoked one) in place: the
    /// new key must belong to the same organization; its activity and cache are kept.
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
        let label = record.label.clone();
        let accepted = self
            .take_admin_key(&label, &record.base_url, source, |host| {
                format!(
                    "the admin key of “{label}” was not replaced: you declined to send the admin \
                     key to {host}. Nothing was sent; the current key is kept."
                )
            })
            .await?;
        let (key, from_clipboard, api) = (accepted.key, accepted.from_clipboard, accepted.api);
        self.refused_key_off_clipboard(from_clipboard, &key, org.same_organization(&api))
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
            config.vault_choices.remove(id);
        })?;
        self.write_orgs().retain(|o| o.id() != id);
        self.app().activity.forget(id);
        if let Err(error) = self.app().journal.forget_organization(id) {
            let path = self.app().journal.path().display().to_string();
            tracing::warn!(%error, %path, "could not update the reveal journal");
        }
        if let Err(error) = self.app().rotations.file.forget_organization(id) {
            tracing::warn!(%error, "could not forget the organization's key rotations");
        }
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
}
