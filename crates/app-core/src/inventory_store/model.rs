//! The inventory as the cache stores and returns it: what a refresh writes, and one row of the
//! keys or projects table as the window shows it.
//!
//! The derivations the keys table needs (owner kind, name and email from the API's owner
//! object; a project's status and display name) happen here, once, when a refresh is written,
//! so every query returns rows the shell only has to rename. Every field is metadata: the API's
//! list objects carry no secret, and these types have nowhere to put one.

use chrono::{DateTime, Utc};
use openai_admin::{ApiKeyOwner, OwnerKind, Project, ProjectApiKey, ProjectStatus, ServiceAccount};

/// A whole refresh of one organization, as [`InventoryStore::replace_inventory`] writes it.
///
/// [`InventoryStore::replace_inventory`]: super::InventoryStore::replace_inventory
#[derive(Debug, Clone, PartialEq)]
pub struct InventorySnapshot {
    /// When the fetch finished.
    pub refreshed_at: DateTime<Utc>,
    /// Every project with its keys and service accounts, in the API's list order.
    pub projects: Vec<ProjectSnapshot>,
}

/// One project with its keys and service accounts, or why they could not be listed.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectSnapshot {
    /// The project.
    pub project: Project,
    /// Its keys, or why they could not be listed.
    pub keys: Result<Vec<ProjectApiKey>, String>,
    /// Its service accounts, or why they could not be listed (only their count is kept).
    pub service_accounts: Result<Vec<ServiceAccount>, String>,
}

/// Who owns a key, as the keys table groups owners.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyOwnerKind {
    /// A person.
    User,
    /// A service account.
    ServiceAccount,
    /// The API did not say.
    Unknown,
}

impl KeyOwnerKind {
    pub(crate) fn stored(self) -> &'static str {
        match self {
            KeyOwnerKind::User => "user",
            KeyOwnerKind::ServiceAccount => "service_account",
            KeyOwnerKind::Unknown => "unknown",
        }
    }

    pub(crate) fn from_stored(stored: &str) -> Self {
        match stored {
            "user" => KeyOwnerKind::User,
            "service_account" => KeyOwnerKind::ServiceAccount,
            _ => KeyOwnerKind::Unknown,
        }
    }
}

/// One key as the keys table shows it; metadata only, never a secret.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyRow {
    /// The key id.
    pub id: String,
    /// Its name (empty when the API gives none).
    pub name: String,
    /// The API's redacted form, e.g. `sk-abc...xyz`.
    pub redacted_value: String,
    /// A user, a service account, or unknown.
    pub owner_kind: KeyOwnerKind,
    /// The user id or service account id, when known.
    pub owner_id: Option<String>,
    /// The owner's name; a user without one shows their email, then their id; a service account
    /// without one shows its id; an unknown owner is empty.
    pub owner_name: String,
    /// The owning user's email.
    pub owner_email: Option<String>,
    /// When the key was created.
    pub created_at: DateTime<Utc>,
    /// When the key was last used; `None` means never.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When the key expires; `None` means never. May be past: the API lists expired keys.
    pub expires_at: Option<DateTime<Utc>>,
    /// `active`, `inactive`, or what the API said; `None` when not reported.
    pub owner_access: Option<String>,
    /// The project the key belongs to.
    pub project_id: String,
    /// That project's display name.
    pub project_name: String,
    /// Whether that project is archived (its keys no longer work). Read from the cached
    /// project; a row made from the API alone ([`KeyRow::from_api`]) says `false`.
    pub project_archived: bool,
    /// Spend over the period of the last [`InventoryStore::set_spend`] (0 when the key spent
    /// nothing); `None` when costs were never fetched.
    ///
    /// [`InventoryStore::set_spend`]: super::InventoryStore::set_spend
    pub spend_usd: Option<f64>,
    /// The permissions last set by Keywarden or seen in the audit log; `None` when unknown
    /// (the API does not report a key's permissions).
    pub permissions: Option<RecordedPermissions>,
}

/// A key's permissions as Keywarden last learnt them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedPermissions {
    /// The scopes (`[]` = all permissions).
    pub scopes: Vec<String>,
    /// When they were set.
    pub set_at: DateTime<Utc>,
    /// Who said so.
    pub source: PermissionSource,
}

/// Where a key's recorded permissions come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PermissionSource {
    /// Keywarden set them (a create or an edit).
    Keywarden,
    /// The organization's audit log (`api_key.created` / `api_key.updated`).
    AuditLog,
}

impl PermissionSource {
    pub(crate) fn stored(self) -> &'static str {
        match self {
            PermissionSource::Keywarden => "keywarden",
            PermissionSource::AuditLog => "audit_log",
        }
    }

    pub(crate) fn from_stored(stored: &str) -> Self {
        match stored {
            "audit_log" => PermissionSource::AuditLog,
            _ => PermissionSource::Keywarden,
        }
    }
}

impl KeyRow {
    /// Derives a row from the API's key object, as the keys table shows it. A service account's
    /// key that the API named by default (its first key is “Secret Key”) or not at all is shown
    /// under the account's name: the name the user chose at the create.
    pub fn from_api(key: &ProjectApiKey, project_id: &str, project_name: &str) -> Self {
        let (owner_kind, owner_id, owner_name, owner_email) = owner_fields(&key.owner);
        let api_name = key.name.as_deref().unwrap_or_default();
        let name = if owner_kind == KeyOwnerKind::ServiceAccount && is_default_key_name(api_name) {
            owner_name.clone()
        } else {
            api_name.to_owned()
        };
        KeyRow {
            id: key.id.to_string(),
            name,
            redacted_value: key.redacted_value.clone(),
            owner_kind,
            owner_id,
            owner_name,
            owner_email,
            created_at: key.created_at,
            last_used_at: key.last_used_at,
            expires_at: key.expires_at,
            owner_access: key.owner_project_access.as_ref().map(|a| a.to_string()),
            project_id: project_id.to_owned(),
            project_name: project_name.to_owned(),
            project_archived: false,
            spend_usd: None,
            permissions: None,
        }
    }
}

/// The name the API gives a new service account's first key; the user never chose it.
const FIRST_SERVICE_ACCOUNT_KEY_NAME: &str = "Secret Key";

/// Whether a key's name says nothing the user chose: empty, or the API's default.
fn is_default_key_name(name: &str) -> bool {
    name.trim().is_empty() || name == FIRST_SERVICE_ACCOUNT_KEY_NAME
}

fn owner_fields(owner: &ApiKeyOwner) -> (KeyOwnerKind, Option<String>, String, Option<String>) {
    match (&owner.kind, &owner.user, &owner.service_account) {
        (Some(OwnerKind::ServiceAccount), _, Some(sa)) | (None, None, Some(sa)) => (
            KeyOwnerKind::ServiceAccount,
            Some(sa.id.to_string()),
            sa.name.clone().unwrap_or_else(|| sa.id.to_string()),
            None,
        ),
        (_, Some(user), _) => (
            KeyOwnerKind::User,
            Some(user.id.to_string()),
            user.name
                .clone()
                .or_else(|| user.email.clone())
                .unwrap_or_else(|| user.id.to_string()),
            user.email.clone(),
        ),
        _ => (KeyOwnerKind::Unknown, None, String::new(), None),
    }
}

/// One project as the sidebar shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectRow {
    /// The project id.
    pub id: String,
    /// Its name (the id when the API gives none).
    pub name: String,
    /// `active`, `archived`, or what the API said (`archived` whenever it has an archive time).
    pub status: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was archived.
    pub archived_at: Option<DateTime<Utc>>,
    /// How many of its keys are cached.
    pub key_count: u64,
    /// How many service accounts it has; `None` when they could not be listed.
    pub service_account_count: Option<u64>,
    /// Why its keys could not be listed at the last refresh.
    pub error: Option<String>,
    /// Why its service accounts could not be listed at the last refresh.
    pub service_accounts_error: Option<String>,
}

/// A project's display name: its name, or its id when it has none.
pub fn project_name(project: &Project) -> String {
    project
        .name
        .clone()
        .unwrap_or_else(|| project.id.to_string())
}

/// A project's status word: `archived` whenever it has an archive time, `active` when the API
/// gives none, otherwise what the API said.
pub fn project_status(project: &Project) -> String {
    if project.archived_at.is_some() {
        return "archived".to_owned();
    }
    match &project.status {
        Some(ProjectStatus::Active) | None => "active".to_owned(),
        Some(other) => other.as_str().to_owned(),
    }
}

/// The lower-cased text that queries match as a substring; fields are joined by a control
/// character no one types, so a query cannot match across two fields.
pub(crate) fn search_text<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    fields
        .into_iter()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(owner: serde_json::Value) -> ProjectApiKey {
        serde_json::from_value(serde_json::json!({
            "id": "key_1", "name": null, "redacted_value": "sk-...x7Q", "created_at": 1,
            "owner_project_access": "inactive", "owner": owner
        }))
        .unwrap()
    }

    #[test]
    fn a_user_without_a_name_is_shown_by_email_then_by_id() {
        let row = KeyRow::from_api(
            &key(serde_json::json!({"type": "user",
                "user": {"id": "user_1", "email": "ada@example.com"}})),
            "proj_1",
            "Web",
        );
        assert_eq!(row.owner_kind, KeyOwnerKind::User);
        assert_eq!(row.owner_name, "ada@example.com");
        assert_eq!(row.owner_id.as_deref(), Some("user_1"));
        assert_eq!(row.owner_access.as_deref(), Some("inactive"));
        assert_eq!(row.name, "");
        let row = KeyRow::from_api(
            &key(serde_json::json!({"user": {"id": "user_2"}})),
            "proj_1",
            "Web",
        );
        assert_eq!(row.owner_name, "user_2");
    }

    #[test]
    fn a_service_account_without_type_is_still_a_service_account_and_no_owner_is_unknown() {
        let row = KeyRow::from_api(
            &key(serde_json::json!({"service_account": {"id": "svc_1"}})),
            "proj_1",
            "Web",
        );
        assert_eq!(row.owner_kind, KeyOwnerKind::ServiceAccount);
        assert_eq!(row.owner_name, "svc_1");
        assert_eq!(row.owner_email, None);
        let row = KeyRow::from_api(&key(serde_json::json!({})), "proj_1", "Web");
        assert_eq!(row.owner_kind, KeyOwnerKind::Unknown);
        assert_eq!(row.owner_name, "");
        assert_eq!(row.owner_id, None);
    }

    #[test]
    fn a_service_accounts_first_key_is_shown_under_the_name_the_user_gave_the_account() {
        let named = |name: serde_json::Value, owner: serde_json::Value| {
            let mut key = key(owner);
            key.name = serde_json::from_value(name).unwrap();
            KeyRow::from_api(&key, "proj_1", "Web").name
        };
        let account = serde_json::json!({"type": "service_account",
            "service_account": {"id": "svc_1", "name": "ci-deploy"}});
        assert_eq!(named("Secret Key".into(), account.clone()), "ci-deploy");
        assert_eq!(named(serde_json::Value::Null, account.clone()), "ci-deploy");
        assert_eq!(named("".into(), account.clone()), "ci-deploy");
        assert_eq!(named("rotation-2".into(), account), "rotation-2");
        let user = serde_json::json!({"type": "user", "user": {"id": "user_1", "name": "Ada"}});
        assert_eq!(named("Secret Key".into(), user.clone()), "Secret Key");
        assert_eq!(named(serde_json::Value::Null, user), "");
    }

    #[test]
    fn a_project_with_an_archive_time_is_archived_and_a_nameless_one_shows_its_id() {
        let project: Project = serde_json::from_value(serde_json::json!({
            "id": "proj_1", "created_at": 1, "archived_at": 2, "status": "active"
        }))
        .unwrap();
        assert_eq!(project_status(&project), "archived");
        assert_eq!(project_name(&project), "proj_1");
        let frozen: Project = serde_json::from_value(serde_json::json!({
            "id": "proj_2", "name": "Ops", "created_at": 1, "status": "frozen"
        }))
        .unwrap();
        assert_eq!(project_status(&frozen), "frozen");
    }

    #[test]
    fn search_text_is_lower_case_and_keeps_fields_apart() {
        assert_eq!(search_text(["Ab", "ÉCOLE"]), "ab\u{1f}école");
    }
}
