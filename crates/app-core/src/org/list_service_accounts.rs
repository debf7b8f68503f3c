//! Listing a project's service accounts, for "add a key to an existing service account", and
//! counting them again after a create or a revoke added or deleted one.

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

    /// Counts a project's service accounts again after a change added or deleted one, so the
    /// project's header shows the new number at once; a failure leaves the old count to the
    /// next refresh.
    pub(crate) async fn recount_service_accounts(&self, project: &ProjectId) {
        let counted = match self.list_service_accounts(project).await {
            Ok(accounts) => {
                self.inventory()
                    .set_service_account_count(project.to_string(), accounts.len())
                    .await
            }
            Err(error) => Err(error),
        };
        if let Err(error) = counted {
            tracing::warn!(%error, "could not count the changed project's service accounts again");
        }
    }
}
