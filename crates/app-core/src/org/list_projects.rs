//! Listing an organization's projects, archived ones included, straight from the Admin API.

use openai_admin::{Project, ProjectListParams};

use super::Org;
use crate::Error;

impl Org {
    /// Every project of the organization, archived ones included, in the API's order.
    pub async fn list_projects(&self) -> Result<Vec<Project>, Error> {
        let api = self.api()?;
        let params = ProjectListParams {
            include_archived: true,
            ..ProjectListParams::default()
        };
        let projects = api.client.projects().list_all(&params).await;
        projects.map_err(|e| api.error(e))
    }
}
