//! Projects and their memberships.

use serde_json::{json, Value};

use super::{no_such, ProjectMembership, State};
use crate::error::ApiError;
use crate::model::{Project, ProjectUser};

impl State {
    /// Inserts a project with a fresh id.
    pub(crate) fn insert_project(&mut self, name: &str, created_at: i64) -> Project {
        let project = Project {
            id: self.fresh_id("proj_", 24),
            object: "organization.project".to_owned(),
            name: Some(name.to_owned()),
            created_at,
            archived_at: None,
            status: Some("active".to_owned()),
            external_key_id: None,
            residency: None,
        };
        self.projects.push(project.clone());
        project
    }

    /// Adds a user to a project.
    pub(crate) fn insert_membership(&mut self, project_id: &str, user: ProjectUser) {
        self.project_users.push(ProjectMembership {
            project_id: project_id.to_owned(),
            user,
        });
    }

    fn project_mut(&mut self, project_id: &str) -> Result<&mut Project, ApiError> {
        self.projects
            .iter_mut()
            .find(|p| p.id == project_id)
            .ok_or_else(|| no_such("project", project_id))
    }

    /// `POST /organization/projects`.
    pub fn create_project(&mut self, name: &str, residency: Option<String>) -> Project {
        let now = self.tick();
        let mut project = self.insert_project(name, now);
        if let Some(last) = self.projects.last_mut() {
            last.residency = residency;
            project = last.clone();
        }
        self.record(
            "project.created",
            Some(&project.id),
            &project.id,
            json!({"name": name}),
        );
        project
    }

    /// `POST /organization/projects/{id}`.
    pub fn modify_project(
        &mut self,
        project_id: &str,
        name: Option<String>,
    ) -> Result<Project, ApiError> {
        let project = self.project_mut(project_id)?;
        if let Some(name) = name {
            project.name = Some(name);
        }
        Ok(project.clone())
    }

    /// `POST /organization/projects/{id}/archive`.
    pub fn archive_project(&mut self, project_id: &str) -> Result<Project, ApiError> {
        let now = self.tick();
        let project = self.project_mut(project_id)?;
        if project.archived_at.is_some() {
            return Ok(project.clone());
        }
        project.archived_at = Some(now);
        project.status = Some("archived".to_owned());
        let project = project.clone();
        self.record(
            "project.archived",
            Some(project_id),
            project_id,
            Value::Null,
        );
        Ok(project)
    }

    /// The project, or a 404; with `active_only`, an archived project is a 400.
    pub(crate) fn require_project(
        &self,
        project_id: &str,
        active_only: bool,
    ) -> Result<&Project, ApiError> {
        let project = self
            .project(project_id)
            .ok_or_else(|| no_such("project", project_id))?;
        if active_only && project.archived_at.is_some() {
            return Err(ApiError::bad_request(format!(
                "Project {project_id} is archived."
            )));
        }
        Ok(project)
    }
}
