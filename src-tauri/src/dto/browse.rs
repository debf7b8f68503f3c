//! Projects and keys as the webview sees them.

use chrono::{DateTime, Utc};
use openai_admin::{OwnerKind, Project, ProjectApiKey, ProjectStatus};
use serde::Serialize;

/// A project of an organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectDto {
    /// OpenAI's project id.
    pub id: String,
    /// Name (the id when the API gives none).
    pub name: String,
    /// `active`, `archived`, or what the API said.
    pub status: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was archived.
    pub archived_at: Option<DateTime<Utc>>,
}

impl From<Project> for ProjectDto {
    fn from(project: Project) -> Self {
        let status = match project.status {
            Some(ProjectStatus::Active) | None => "active".to_owned(),
            Some(ProjectStatus::Archived) => "archived".to_owned(),
            Some(ProjectStatus::Other(other)) => other,
        };
        let status = if project.archived_at.is_some() {
            "archived".to_owned()
        } else {
            status
        };
        Self {
            name: project.name.unwrap_or_else(|| project.id.to_string()),
            id: project.id.to_string(),
            status,
            created_at: project.created_at,
            archived_at: project.archived_at,
        }
    }
}

/// A project API key, as the keys table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyDto {
    /// OpenAI's key id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The API's redacted form, e.g. `sk-abc...xyz`.
    pub redacted_value: String,
    /// `user`, `serviceAccount` or `unknown`.
    pub owner_kind: String,
    /// The owner's name (or id when nameless).
    pub owner_name: String,
    /// The owning user's email.
    pub owner_email: Option<String>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was last used; `None` means never.
    pub last_used_at: Option<DateTime<Utc>>,
    /// `active`, `inactive`, or what the API said; `None` when not reported.
    pub owner_access: Option<String>,
}

impl From<ProjectApiKey> for KeyDto {
    fn from(key: ProjectApiKey) -> Self {
        let owner = key.owner;
        let (owner_kind, owner_name, owner_email) =
            match (owner.kind, owner.user, owner.service_account) {
                (Some(OwnerKind::ServiceAccount), _, Some(sa)) | (None, None, Some(sa)) => (
                    "serviceAccount",
                    sa.name.unwrap_or_else(|| sa.id.to_string()),
                    None,
                ),
                (_, Some(user), _) => (
                    "user",
                    user.name
                        .clone()
                        .or(user.email.clone())
                        .unwrap_or_else(|| user.id.to_string()),
                    user.email,
                ),
                _ => ("unknown", String::new(), None),
            };
        Self {
            name: key.name.unwrap_or_default(),
            id: key.id.to_string(),
            redacted_value: key.redacted_value,
            owner_kind: owner_kind.to_owned(),
            owner_name,
            owner_email,
            created_at: key.created_at,
            last_used_at: key.last_used_at,
            owner_access: key.owner_project_access.map(|access| access.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(owner: serde_json::Value, last_used_at: serde_json::Value) -> ProjectApiKey {
        serde_json::from_value(serde_json::json!({
            "object": "organization.project.api_key",
            "id": "key_1", "name": "CI", "redacted_value": "sk-svca...x7Q",
            "created_at": 1711471533, "last_used_at": last_used_at,
            "owner_project_access": "active", "owner": owner
        }))
        .unwrap()
    }

    #[test]
    fn a_key_crosses_ipc_in_camel_case_with_its_owner() {
        let dto = KeyDto::from(key(
            serde_json::json!({"type": "user", "user": {"id": "user_1", "name": "Ada",
                "email": "ada@example.com", "role": "owner", "created_at": 1}}),
            serde_json::json!(1711471534),
        ));
        let json = serde_json::to_value(&dto).unwrap();
        assert_eq!(json["redactedValue"], "sk-svca...x7Q");
        assert_eq!(json["ownerKind"], "user");
        assert_eq!(json["ownerName"], "Ada");
        assert_eq!(json["ownerEmail"], "ada@example.com");
        assert_eq!(json["lastUsedAt"], "2024-03-26T16:45:34Z");
        assert_eq!(json["ownerAccess"], "active");
        assert!(json.get("redacted_value").is_none());
    }

    #[test]
    fn a_service_account_key_names_the_service_account_and_never_used_is_null() {
        let dto = KeyDto::from(key(
            serde_json::json!({"type": "service_account", "service_account":
                {"id": "svc_1", "name": "deploy-bot", "role": "member", "created_at": 1}}),
            serde_json::Value::Null,
        ));
        assert_eq!(dto.owner_kind, "serviceAccount");
        assert_eq!(dto.owner_name, "deploy-bot");
        assert_eq!(dto.owner_email, None);
        assert_eq!(
            serde_json::to_value(&dto).unwrap()["lastUsedAt"],
            serde_json::Value::Null
        );
    }

    #[test]
    fn an_archived_project_reads_archived_even_without_a_status() {
        let project: Project = serde_json::from_value(serde_json::json!({
            "id": "proj_1", "object": "organization.project", "name": null,
            "created_at": 1, "archived_at": 2
        }))
        .unwrap();
        let dto = ProjectDto::from(project);
        assert_eq!(dto.status, "archived");
        assert_eq!(dto.name, "proj_1");
    }
}
