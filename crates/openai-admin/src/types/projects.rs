//! Project objects, their create/update bodies and list parameters.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::open_enum::open_enum;
use super::ProjectId;

open_enum! {
    /// Lifecycle status of a project.
    pub enum ProjectStatus {
        /// The project can be used.
        Active => "active",
        /// The project was archived; it cannot be used or modified.
        Archived => "archived",
    }
}

open_enum! {
    /// Data residency of a project (sent as `residency` when creating one).
    pub enum Residency {
        /// No residency constraint.
        Global => "GLOBAL",
        /// United States, storage and processing.
        UsStorageProcessing => "US_STORAGE_PROCESSING",
        /// European Union, storage and processing.
        EuStorageProcessing => "EU_STORAGE_PROCESSING",
        /// Japan, storage.
        JpStorage => "JP_STORAGE",
        /// South Korea, storage.
        KrStorage => "KR_STORAGE",
        /// Canada, storage.
        CaStorage => "CA_STORAGE",
        /// Singapore, storage.
        SgStorage => "SG_STORAGE",
        /// India, storage.
        InStorage => "IN_STORAGE",
        /// Australia, storage.
        AuStorage => "AU_STORAGE",
        /// United Kingdom, storage.
        GbStorage => "GB_STORAGE",
        /// United Arab Emirates, storage.
        AeStorage => "AE_STORAGE",
        /// United Arab Emirates, storage and processing.
        AeStorageProcessing => "AE_STORAGE_PROCESSING",
    }
}

/// A project of the organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// The project id.
    pub id: ProjectId,
    /// Display name (nullable in the spec).
    #[serde(default)]
    pub name: Option<String>,
    /// When the project was created.
    #[serde(with = "super::wire::unix")]
    pub created_at: DateTime<Utc>,
    /// When the project was archived, if it was.
    #[serde(default, with = "super::wire::unix_opt")]
    pub archived_at: Option<DateTime<Utc>>,
    /// `active` or `archived` (nullable in the spec).
    #[serde(default)]
    pub status: Option<ProjectStatus>,
    /// Id of the customer-managed encryption key, if any.
    #[serde(default)]
    pub external_key_id: Option<String>,
    /// Data residency, if the server reports it.
    #[serde(default)]
    pub residency: Option<Residency>,
}

impl Project {
    /// Whether the project is archived (by status, or by having an archive time).
    pub fn is_archived(&self) -> bool {
        matches!(self.status, Some(ProjectStatus::Archived)) || self.archived_at.is_some()
    }
}

/// Body of `POST /organization/projects`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProjectCreate {
    /// Name of the new project (required, 1–256 characters).
    pub name: String,
    /// Data residency; omitted when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub residency: Option<Residency>,
    /// Customer-managed encryption key id; omitted when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_key_id: Option<String>,
}

/// Body of `POST /organization/projects/{id}` (modify, e.g. rename).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProjectUpdate {
    /// New name; omitted when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New encryption key id; omitted when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_key_id: Option<String>,
}

/// Query of `GET /organization/projects`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectListParams {
    /// Page size, 1–100 (server default 20).
    pub limit: Option<u32>,
    /// Cursor: id of the last project of the previous page.
    pub after: Option<String>,
    /// Include archived projects (the server excludes them by default).
    pub include_archived: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_with_null_name_and_status_decodes() {
        let project: Project = serde_json::from_str(
            r#"{"id":"proj_1","object":"organization.project","created_at":1711471533,
                "name":null,"status":null,"archived_at":null,"unknown":{"x":1}}"#,
        )
        .unwrap();
        assert_eq!(project.name, None);
        assert!(!project.is_archived());
    }

    #[test]
    fn a_new_residency_decodes_to_other() {
        let project: Project = serde_json::from_str(
            r#"{"id":"proj_1","created_at":1,"residency":"MARS_STORAGE","status":"frozen"}"#,
        )
        .unwrap();
        assert_eq!(
            project.residency,
            Some(Residency::Other("MARS_STORAGE".into()))
        );
        assert_eq!(project.status, Some(ProjectStatus::Other("frozen".into())));
    }

    #[test]
    fn a_create_body_omits_unset_fields() {
        let body = ProjectCreate {
            name: "x".into(),
            ..Default::default()
        };
        assert_eq!(serde_json::to_string(&body).unwrap(), r#"{"name":"x"}"#);
    }
}
