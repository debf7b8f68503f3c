//! Minting keys: a new service account with its first key, or an extra key for an existing
//! account (the API cannot mint keys for users).
//!
//! Each create is sent at most once per request id and never retried. Its secret goes straight
//! into the [`RevealVault`]; callers get metadata only. When the response is lost, the project is
//! listed to find out what happened, so nobody creates a second key by trying again blindly.

use chrono::{DateTime, Utc};
use openai_admin::{
    ApiKeyId, ApiKeyListParams, Client, NewServiceAccountKey, ProjectId, ServiceAccountCreate,
    ServiceAccountId, ServiceAccountKeyCreate, ServiceAccountListParams, MAX_NAME_CHARS,
};
use secrecy::ExposeSecret;
use serde::Serialize;

use super::error::outcome_unknown;
use super::reconcile::Reconciled;
use super::reveal::{mask, RevealId, RevealVault};
use super::{CreateResult, KeyLifecycle, LifecycleError};

/// A key that was just created; its secret is held in the vault under `reveal_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedKey {
    /// Where the secret is held until acknowledged.
    pub reveal_id: RevealId,
    /// The new key's id.
    pub key_id: ApiKeyId,
    /// The name it was created with (also the service account's name for a new account).
    pub name: String,
    /// The secret shortened to `sk-svca…9fQe`.
    pub redacted_value: String,
    /// When the key was created.
    pub created_at: DateTime<Utc>,
    /// The service account that owns the key.
    pub service_account_id: ServiceAccountId,
    /// The project of the key.
    pub project_id: ProjectId,
}

/// Something the server created whose secret never reached Keywarden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Orphan {
    /// The project it is in.
    pub project_id: ProjectId,
    /// The service account that was created (or that got the extra key).
    pub service_account_id: ServiceAccountId,
    /// The extra key, when the orphan is a key added to an existing account.
    pub key_id: Option<ApiKeyId>,
    /// Its name.
    pub name: String,
    /// When the server created it.
    pub created_at: Option<DateTime<Utc>>,
}

impl Orphan {
    /// What happened and what to do, for the person who asked for the key.
    pub fn explanation(&self) -> String {
        let remedy = match &self.key_id {
            None => format!(
                "revoke it (this deletes service account {}) and create another",
                self.service_account_id
            ),
            Some(key_id) => format!("revoke key {key_id} and create another"),
        };
        format!(
            "The key “{}” was created, but the response carrying its secret was lost, so the \
             secret can never be shown. Nobody can use it yet; {remedy}.",
            self.name
        )
    }
}

/// The result of a create that reached the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum CreateOutcome {
    /// The key exists and its secret is held for a one-time reveal.
    Created(CreatedKey),
    /// The key exists but its secret was lost; offer to revoke it.
    Orphaned(Orphan),
}

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
        return Err(LifecycleError::InvalidInput(format!("a {what} id is required")));
    }
    Ok(())
}

impl KeyLifecycle {
    /// Creates a service account named `name` in `project`, with its first key.
    ///
    /// Calls with the same `request_id` send one POST between them and share its outcome; a new
    /// attempt after an error needs a new request id.
    pub async fn create_key(
        &self,
        client: &Client,
        project: &ProjectId,
        name: &str,
        request_id: &str,
    ) -> CreateResult {
        let name = validate_key_name(name)?;
        require_id("project", project.as_str())?;
        let fingerprint = format!("account\u{1f}{project}\u{1f}{name}");
        let work = create_account(
            client.clone(),
            project.clone(),
            name.clone(),
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
        request_id: &str,
    ) -> CreateResult {
        let name = validate_key_name(name)?;
        require_id("project", project.as_str())?;
        require_id("service account", service_account.as_str())?;
        let fingerprint = format!("key\u{1f}{project}\u{1f}{service_account}\u{1f}{name}");
        let target = Target {
            client: client.clone(),
            project: project.clone(),
            service_account: service_account.clone(),
        };
        let work = add_key(target, name.clone(), self.vault.clone(), self.reconcile_delay);
        self.once(request_id, &name, fingerprint, work).await
    }
}

async fn create_account(
    client: Client,
    project: ProjectId,
    name: String,
    vault: RevealVault,
    reconcile_delay: std::time::Duration,
) -> CreateResult {
    let accounts = client.project(&project).service_accounts();
    let params = ServiceAccountListParams::default();
    let before = accounts
        .list_all(&params)
        .await
        .map_err(|error| LifecycleError::from_create(project.as_str(), error))?;
    let started = Utc::now();
    let body = ServiceAccountCreate {
        name: name.clone(),
        ..ServiceAccountCreate::default()
    };
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
            let found = Reconciled::accounts(&before, after, &name, started);
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
    name: String,
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
    let started = Utc::now();
    let body = ServiceAccountKeyCreate {
        name: Some(name.clone()),
        scopes: None,
    };
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
            let found = Reconciled::keys(&before, after, &service_account, &name, started);
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
        assert_eq!(validate_key_name("  <b>deploy</b> ").unwrap(), "<b>deploy</b>");
        assert!(validate_key_name(&"é".repeat(MAX_NAME_CHARS)).is_ok());
        assert!(validate_key_name(&"é".repeat(MAX_NAME_CHARS + 1)).is_err());
    }

    #[test]
    fn an_orphan_explains_that_revoking_deletes_its_service_account() {
        let orphan = Orphan {
            project_id: ProjectId::from("proj_1"),
            service_account_id: ServiceAccountId::from("svc_acct_1"),
            key_id: None,
            name: "deploy".into(),
            created_at: None,
        };
        let text = orphan.explanation();
        assert!(text.contains("“deploy” was created"), "{text}");
        assert!(text.contains("svc_acct_1"), "{text}");
    }
}
