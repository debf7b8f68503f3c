//! The organization's admin key as the Admin API sees it: its metadata and warnings, and the
//! key itself as read from the organization's secret store.

use chrono::Utc;
use secrecy::SecretString;

use super::Org;
use crate::admin_key_health::{find_own_key, health, info, AdminKeyHealth};
use crate::secret_store::SecretStoreError;
use crate::Error;

impl Org {
    /// The organization's admin key as the API sees it, with warnings.
    pub async fn admin_key_health(&self) -> Result<AdminKeyHealth, Error> {
        let api = self.api()?;
        let key = self.admin_key()?;
        let found = find_own_key(&api.client, &key)
            .await
            .map_err(|e| api.error(e))?;
        Ok(health(found.map(info), Utc::now()))
    }

    /// The admin key in use, from the organization's secret store.
    pub(crate) fn admin_key(&self) -> Result<SecretString, Error> {
        self.secrets()
            .get(self.id().as_str())
            .map_err(|error| match error {
                SecretStoreError::Missing => Error::NoAdminKey {
                    label: self.label(),
                },
                other => Error::Keychain(other),
            })
    }
}
