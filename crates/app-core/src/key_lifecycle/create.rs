//! Minting keys: a new service account with its first key, or an extra key for an existing
//! account (the API cannot mint keys for users).
//!
//! Each create is sent at most once per request id and never retried. Its secret goes straight
//! into the [`RevealVault`]; callers get metadata only. When the response is lost, the project is
//! listed to find out what happened, so nobody creates a second key by trying again blindly.

use std::collections::HashSet;

use chrono::Utc;
use openai_admin::{
    ApiKeyListParams, Client, NewServiceAccountKey, ProjectId, ServiceAccountCreate,
    ServiceAccountId, ServiceAccountKeyCreate, ServiceAccountListParams, MAX_NAME_CHARS,
};
use secrecy::ExposeSecret;

use super::error::outcome_unknown;
use super::outcome::{CreateOutcome, CreatedKey, Orphan};
use super::reconcile::Reconciled;
use super::reveal::{mask, RevealVault};
use super::{CreateResult, KeyLifecycle, LifecycleError};
use crate::key_policy::CheckedPolicy;

/// The name to send: trimmed, 1–256 characters, no control characters. Markup is kept as typed.
pub fn validate_key_name(name: &str) -> Result<String, LifecycleError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(LifecycleError::InvalidInput(
            "the key name must not be empty".into(),
        ));
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(LifecycleError::InvalidInput(format!(
            "the key name is {chars} characters long; the maximum is {MAX_NAME_CHARS}"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(LifecycleError::InvalidInput(
            "the key name must not contain control characters such as line breaks or tabs".into(),
        ));
    }
    Ok(name.to_owned())
}

fn require_id(what: &str, id: &str) -> Result<(), LifecycleError> {
    if id.trim().is_empty() {
        return Err(LifecycleError::InvalidInput(format!(
            "a {what} id is required"
        )));
    }
    Ok(())
}

impl KeyLifecycle {
    /// Creates a service account named `name` in `project`, with its first key, minted with
    /// `policy`'s permissions and expiry.
    ///
    /// Calls with the same `request_id` send one POST between them and share its outcome; a new
    /// attempt after an error needs a new request id.
    pub async fn create_key(
        &self,
        client: &Client,
        project: &ProjectId,
        name: &str,
        policy: &CheckedPolicy,
        request_id: &str,
    ) -> CreateResult {
        let name = validate_key_name(name)?;
        require_id("project", project.as_str())?;
        let fingerprint = format!(
            "account\u{1f}{project}\u{1f}{name}\u{1f}{}",
            policy.fingerprint
        );
        let body = ServiceAccountCreate {
            name: name.clone(),
            create_service_account_only: None,
            expires_in_seconds: policy.expires_in_seconds,
            scopes: sent_scopes(policy),
        };
        let work = create_account(
            client.clone(),
            project.clone(),
            body,
            self.vault.clone(),
            self.reconcile_delay,
        );
        self.once(request_id, &name, fingerprint, work).await
    }

    /// Mints an extra key named `name` for an existing service account.
    ///
    /// Organizations without this endpoint give [`LifecycleError::NotSupported`].
    pub async fn add_key_to_service_account(
        &self,
        client: &Client,
        project: &ProjectId,
        service_account: &ServiceAccountId,
        name: &str,
        policy: &CheckedPolicy,
        request_id: &str,
    ) -> CreateResult {
        let name = validate_key_name(name)?;
        require_id("project", project.as_str())?;
        require_id("service account", service_account.as_str())?;
        let fingerprint = format!(
            "key\u{1f}{project}\u{1f}{service_account}\u{1f}{name}\u{1f}{}",
            policy.fingerprint
        );
        let target = Target {
            client: client.clone(),
            project: project.clone(),
            service_account: service_account.clone(),
        };
        let body = ServiceAccountKeyCreate {
            name: Some(name.clone()),
            scopes: sent_scopes(policy),
            expires_in_seconds: policy.expires_in_seconds,
        };
        let work = add_key(target, body, self.vault.clone(), self.reconcile_delay);
        self.once(request_id, &name, fingerprint, work).await
    }
}

/// The scopes to send: none for all permissions (the API's default, and what a server that
/// predates permissions understands), the list otherwise.
fn sent_scopes(policy: &CheckedPolicy) -> Option<Vec<String>> {
    (!policy.scopes.is_empty()).then(|| policy.scopes.clone())
}

async fn create_account(
    client: Client,
    project: ProjectId,
    body: ServiceAccountCreate,
    vault: RevealVault,
    reconcile_delay: std::time::Duration,
) -> CreateResult {
    let accounts = client.project(&project).service_accounts();
    let params = ServiceAccountListParams::default();
    let before = accounts
        .list_all(&params)
        .await
        .map_err(|error| LifecycleError::from_create(project.as_str(), error))?;
    let mut known: HashSet<String> = before.into_iter().map(|a| a.id.into_string()).collect();
    let started = Utc::now();
    let name = body.name.clone();
    match accounts.create(&body).await {
        Ok(created) => Ok(match created.api_key {
            Some(key) => CreateOutcome::Created(keep(&vault, key, name, &project, created.id)),
            None => CreateOutcome::Orphaned(Orphan {
                project_id: project,
                service_account_id: created.id,
                key_id: None,
                name,
                created_at: created.created_at,
            }),
        }),
        Err(error) if outcome_unknown(&error) => {
            tokio::time::sleep(reconcile_delay).await;
            let after = accounts.list_all(&params).await;
            let held = vault.pending().into_iter().map(|p| p.service_account_id);
            known.extend(held.map(ServiceAccountId::into_string));
            let found = Reconciled::accounts(&known, after, &name, started);
            let account = found.settle(&name, &error)?;
            Ok(CreateOutcome::Orphaned(Orphan {
                project_id: project,
                service_account_id: account.id,
                key_id: None,
                name,
                created_at: account.created_at,
            }))
        }
        Err(error) => Err(LifecycleError::from_create(project.as_str(), error)),
    }
}

struct Target {
    client: Client,
    project: ProjectId,
    service_account: ServiceAccountId,
}

async fn add_key(
    target: Target,
    body: ServiceAccountKeyCreate,
    vault: RevealVault,
    reconcile_delay: std::time::Duration,
) -> CreateResult {
    let Target {
        client,
        project,
        service_account,
    } = target;
    let scope = client.project(&project);
    let params = ApiKeyListParams::default();
    let before = scope
        .api_keys()
        .list_all(&params)
        .await
        .map_err(|error| LifecycleError::from_create(project.as_str(), error))?;
    let mut known: HashSet<String> = before.into_iter().map(|k| k.id.into_string()).collect();
    let started = Utc::now();
    let name = body.name.clone().unwrap_or_default();
    let created = scope
        .service_accounts()
        .create_key(&service_account, &body)
        .await;
    match created {
        Ok(key) => Ok(CreateOutcome::Created(keep(
            &vault,
            key,
            name,
            &project,
            service_account,
        ))),
        Err(error) if outcome_unknown(&error) => {
            tokio::time::sleep(reconcile_delay).await;
            let after = scope.api_keys().list_all(&params).await;
            known.extend(vault.pending().into_iter().map(|p| p.key_id.into_string()));
            let found = Reconciled::keys(&known, after, &service_account, &name, started);
            let key = found.settle(&name, &error)?;
            Ok(CreateOutcome::Orphaned(Orphan {
                project_id: project,
                service_account_id: service_account,
                key_id: Some(key.id),
                name,
                created_at: Some(key.created_at),
            }))
        }
        Err(error) => Err(LifecycleError::from_create(project.as_str(), error)),
    }
}

/// Moves the new secret into the vault and describes the key without it.
fn keep(
    vault: &RevealVault,
    key: NewServiceAccountKey,
    name: String,
    project: &ProjectId,
    service_account: ServiceAccountId,
) -> CreatedKey {
    let created_at = key.created_at.unwrap_or_else(Utc::now);
    let redacted_value = mask(key.value.expose_secret());
    let pending = vault.hold(
        key.value,
        key.id,
        name,
        project.clone(),
        service_account,
        created_at,
    );
    CreatedKey {
        reveal_id: pending.reveal_id,
        key_id: pending.key_id,
        name: pending.name,
        redacted_value,
        created_at,
        service_account_id: pending.service_account_id,
        project_id: pending.project_id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_markup_is_kept_literally() {
        assert_eq!(
            validate_key_name("  <b>deploy</b> ").unwrap(),
            "<b>deploy</b>"
        );
        assert!(validate_key_name(&"é".repeat(MAX_NAME_CHARS)).is_ok());
        assert!(validate_key_name(&"é".repeat(MAX_NAME_CHARS + 1)).is_err());
    }
}
