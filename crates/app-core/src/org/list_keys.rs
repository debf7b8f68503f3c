//! Listing one project's keys, which also brings that project's cached rows up to date (after a
//! create or a revoke, the window re-runs its query and sees the change).

use openai_admin::{ApiKeyListParams, ProjectApiKey, ProjectId};

use super::Org;
use crate::Error;

impl Org {
    /// Every key of a project, whatever its owner's access (`owner_project_access=any`). The
    /// cached inventory is updated with them.
    pub async fn list_keys(&self, project: &ProjectId) -> Result<Vec<ProjectApiKey>, Error> {
        let api = self.api()?;
        if project.as_str().trim().is_empty() {
            return Err(Error::InvalidInput("a project id is required".into()));
        }
        let keys = api
            .client
            .project(project)
            .api_keys()
            .list_all(&ApiKeyListParams::default())
            .await
            .map_err(|e| api.error(e))?;
        let patched = self
            .inventory()
            .replace_project_keys(project.to_string(), keys.clone())
            .await;
        if let Err(error) = patched {
            tracing::warn!(%error, "the project's cached keys were not updated");
        }
        Ok(keys)
    }
}
