//! Listing a project's service accounts, for "add a key to an existing service account".

use openai_admin::{ProjectId, ServiceAccount, ServiceAccountListParams};

use super::Org;
use crate::Error;

impl Org {
    /// The service accounts of a project.
    pub async fn list_service_accounts(
        &self,
        project: &ProjectId,
    ) -> Result<Vec<ServiceAccount>, Error> {
        let api = self.api()?;
        let accounts = api
            .client
            .project(project)
            .service_accounts()
            .list_all(&ServiceAccountListParams::default())
            .await;
        accounts.map_err(|e| api.error(e))
    }
}
