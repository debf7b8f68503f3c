//! Whether a replacement admin key belongs to this organization. The Admin API names no
//! organization id, but project ids are unique across OpenAI: a key that sees none of the
//! projects the cache holds for this organization is a key of another one.

use openai_admin::ProjectListParams;

use super::{Org, OrgApi};
use crate::Error;

/// How many of the new key's projects are compared with the cache.
const COMPARED_PROJECTS: u32 = 100;

impl Org {
    /// Succeeds when `api` (a client with the replacement key) sees at least one project the
    /// cache holds for this organization, or when the cache holds none to compare with.
    pub(crate) async fn same_organization(&self, api: &OrgApi) -> Result<(), Error> {
        let known = self.inventory_status().await?.project_count;
        if known == 0 {
            return Ok(());
        }
        let params = ProjectListParams {
            limit: Some(COMPARED_PROJECTS),
            include_archived: true,
            ..ProjectListParams::default()
        };
        let page = api
            .client
            .projects()
            .list(&params)
            .await
            .map_err(|e| api.error(e))?;
        let ids: Vec<String> = page.data.iter().map(|p| p.id.as_str().to_owned()).collect();
        let shared = self
            .inventory()
            .query(move |store| {
                for id in &ids {
                    if store.project(id)?.is_some() {
                        return Ok(true);
                    }
                }
                Ok(false)
            })
            .await?;
        if shared {
            Ok(())
        } else {
            Err(Error::OtherOrganization {
                label: self.label(),
                known,
                removed_from_clipboard: false,
            })
        }
    }
}
