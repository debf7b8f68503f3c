//! Service accounts and the keys minted for them.

use serde_json::{json, Value};

use super::{deleted, no_such, NewKey, State, StoredServiceAccount};
use crate::error::ApiError;
use crate::model::{
    ApiKeyOwner, DeleteResponse, OwnerServiceAccount, ServiceAccount, ServiceAccountApiKey,
    ServiceAccountCreateResponse,
};

/// The permissions and lifetime requested for a new service-account key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewKeyTerms {
    /// Well-formed, deduplicated scopes; empty means all permissions.
    pub scopes: Vec<String>,
    /// Lifetime from creation (1..=31536000), or `None` for a key that never expires.
    pub expires_in_seconds: Option<u32>,
}

impl State {
    /// Inserts a service account with a fresh id.
    pub(crate) fn insert_service_account(
        &mut self,
        project_id: &str,
        name: &str,
        role: &str,
        created_at: i64,
    ) -> ServiceAccount {
        let account = ServiceAccount {
            object: "organization.project.service_account".to_owned(),
            id: self.fresh_id("svc_acct_", 24),
            name: name.to_owned(),
            role: role.to_owned(),
            created_at,
        };
        self.service_accounts.push(StoredServiceAccount {
            project_id: project_id.to_owned(),
            account: account.clone(),
        });
        account
    }

    /// `POST /organization/projects/{pid}/service_accounts`; `terms` apply to the first key
    /// (none is minted with `account_only`), and must respect the expiry policies.
    pub fn create_service_account(
        &mut self,
        project_id: &str,
        name: &str,
        account_only: bool,
        terms: &NewKeyTerms,
    ) -> Result<ServiceAccountCreateResponse, ApiError> {
        self.require_project(project_id, true)?;
        if !account_only {
            self.check_new_key_expiry(project_id, terms.expires_in_seconds)?;
        }
        let now = self.tick();
        let role = if account_only { "none" } else { "member" };
        let account = self.insert_service_account(project_id, name, role, now);
        self.record(
            "service_account.created",
            Some(project_id),
            &account.id,
            json!({"role": role}),
        );
        let api_key = if account_only {
            None
        } else {
            Some(self.mint_sa_key(project_id, &account, "Secret Key", terms)?)
        };
        Ok(ServiceAccountCreateResponse {
            object: account.object,
            id: account.id,
            name: account.name,
            role: account.role,
            created_at: account.created_at,
            api_key,
        })
    }

    /// `POST /organization/projects/{pid}/service_accounts/{id}/api_keys`; `terms` must respect
    /// the expiry policies.
    pub fn create_service_account_key(
        &mut self,
        project_id: &str,
        account_id: &str,
        name: Option<&str>,
        terms: &NewKeyTerms,
    ) -> Result<ServiceAccountApiKey, ApiError> {
        self.require_project(project_id, true)?;
        let account = self.service_account(project_id, account_id)?.clone();
        self.check_new_key_expiry(project_id, terms.expires_in_seconds)?;
        self.mint_sa_key(project_id, &account, name.unwrap_or("Secret Key"), terms)
    }

    fn mint_sa_key(
        &mut self,
        project_id: &str,
        account: &ServiceAccount,
        name: &str,
        terms: &NewKeyTerms,
    ) -> Result<ServiceAccountApiKey, ApiError> {
        let created_at = self.tick();
        let expires_at = terms
            .expires_in_seconds
            .map(|seconds| created_at + i64::from(seconds));
        let stored = self.insert_key(NewKey {
            project_id: project_id.to_owned(),
            name: name.to_owned(),
            owner: ApiKeyOwner {
                kind: "service_account".to_owned(),
                user: None,
                service_account: Some(OwnerServiceAccount {
                    id: account.id.clone(),
                    name: account.name.clone(),
                    created_at: account.created_at,
                    role: account.role.clone(),
                }),
            },
            secret_prefix: "sk-svcacct-",
            created_at,
            last_used_at: None,
            owner_project_access: "active",
            scopes: terms.scopes.clone(),
            expires_at,
        });
        self.record(
            "api_key.created",
            Some(project_id),
            &stored.key.id,
            json!({"scopes": stored.scopes}),
        );
        Ok(ServiceAccountApiKey {
            object: "organization.project.service_account.api_key".to_owned(),
            value: stored.value,
            name: stored.key.name,
            created_at,
            id: stored.key.id,
            expires_at,
        })
    }

    /// The service account, or a 404.
    pub(crate) fn service_account(
        &self,
        project_id: &str,
        account_id: &str,
    ) -> Result<&ServiceAccount, ApiError> {
        self.service_accounts
            .iter()
            .find(|s| s.project_id == project_id && s.account.id == account_id)
            .map(|s| &s.account)
            .ok_or_else(|| no_such("service account", account_id))
    }

    /// `POST /organization/projects/{pid}/service_accounts/{id}`.
    pub fn update_service_account(
        &mut self,
        project_id: &str,
        account_id: &str,
        name: Option<String>,
        role: Option<String>,
    ) -> Result<ServiceAccount, ApiError> {
        let stored = self
            .service_accounts
            .iter_mut()
            .find(|s| s.project_id == project_id && s.account.id == account_id)
            .ok_or_else(|| no_such("service account", account_id))?;
        if let Some(name) = name {
            stored.account.name = name;
        }
        if let Some(role) = role {
            stored.account.role = role;
        }
        let account = stored.account.clone();
        for key in self.api_keys.iter_mut() {
            if let Some(owner) = key
                .key
                .owner
                .service_account
                .as_mut()
                .filter(|o| o.id == account_id)
            {
                owner.name = account.name.clone();
                owner.role = account.role.clone();
            }
        }
        Ok(account)
    }

    /// `DELETE /organization/projects/{pid}/service_accounts/{id}`; also deletes its keys.
    pub fn delete_service_account(
        &mut self,
        project_id: &str,
        account_id: &str,
    ) -> Result<DeleteResponse, ApiError> {
        self.service_account(project_id, account_id)?;
        self.service_accounts
            .retain(|s| !(s.project_id == project_id && s.account.id == account_id));
        self.api_keys.retain(|k| {
            k.key
                .owner
                .service_account
                .as_ref()
                .is_none_or(|o| o.id != account_id)
        });
        self.tick();
        self.record(
            "service_account.deleted",
            Some(project_id),
            account_id,
            Value::Null,
        );
        Ok(deleted(
            "organization.project.service_account.deleted",
            account_id,
        ))
    }
}
