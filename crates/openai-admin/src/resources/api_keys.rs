//! `/organization/projects/{id}/api_keys`: list, retrieve, update (permissions and expiry),
//! delete.
//!
//! There is no create: the API cannot mint keys for users. Keys are minted through service
//! accounts. Listing sends `owner_project_access=any` by default, because without it the server
//! hides keys whose owner lost project access.

use std::future::Future;

use futures::stream::{BoxStream, TryStreamExt};

use super::{item_stream, project_path, route_missing_is_not_supported, ListCall};
use crate::client::Client;
use crate::endpoint::id_segment;
use crate::error::Error;
use crate::input;
use crate::pagination::Cursor;
use crate::transport::Call;
use crate::types::{
    ApiKeyId, ApiKeyListParams, ApiKeyUpdate, Deleted, ListPage, ProjectApiKey, ProjectId,
};

const ROUTE_ONE: &str = "/organization/projects/{project_id}/api_keys/{api_key_id}";

impl Cursor for ProjectApiKey {
    fn cursor(&self) -> &str {
        self.id.as_str()
    }
}

/// The API keys of one project.
#[derive(Debug, Clone)]
pub struct ProjectApiKeys<'a> {
    client: &'a Client,
    project: ProjectId,
}

impl<'a> ProjectApiKeys<'a> {
    pub(crate) fn new(client: &'a Client, project: ProjectId) -> Self {
        ProjectApiKeys { client, project }
    }

    fn list_call(&self, params: &ApiKeyListParams) -> Result<ListCall, Error> {
        const OP: &str = "list project API keys";
        let path = format!("{}/api_keys", project_path(OP, &self.project)?);
        let call = Call::get(OP, "/organization/projects/{project_id}/api_keys", path);
        ListCall::new(call, params.limit, params.after.as_deref(), |query| {
            query.push_opt(
                "owner_project_access",
                params.owner_project_access.as_query(),
            );
        })
    }

    fn key_path(&self, operation: &'static str, id: &ApiKeyId) -> Result<String, Error> {
        let project = project_path(operation, &self.project)?;
        Ok(format!(
            "{project}/api_keys/{}",
            id_segment(operation, "API key id", id.as_str())?
        ))
    }

    /// One page of keys.
    pub async fn list(&self, params: &ApiKeyListParams) -> Result<ListPage<ProjectApiKey>, Error> {
        self.list_call(params)?.page(self.client).await
    }

    /// All keys, fetched page by page as the stream is polled.
    pub fn stream(
        &self,
        params: &ApiKeyListParams,
    ) -> BoxStream<'static, Result<ProjectApiKey, Error>> {
        item_stream(self.client, self.list_call(params))
    }

    /// All keys (every page).
    pub fn list_all(
        &self,
        params: &ApiKeyListParams,
    ) -> impl Future<Output = Result<Vec<ProjectApiKey>, Error>> + Send + 'static {
        self.stream(params).try_collect()
    }

    /// One key by id.
    pub async fn retrieve(&self, id: impl Into<ApiKeyId>) -> Result<ProjectApiKey, Error> {
        const OP: &str = "retrieve project API key";
        let path = self.key_path(OP, &id.into())?;
        self.client.execute(Call::get(OP, ROUTE_ONE, path)).await
    }

    /// Changes a key's permissions and/or expiry (`update_project_api_key`). Refused before any
    /// request when the body changes nothing or the expiry is outside 1..=365 days. The server
    /// refuses an expired key and an expiry its policies forbid (400, message kept). Not
    /// retried after a lost response either: the expiry counts from the request, so a retry
    /// would move it; the caller reads the key back instead. A server without the endpoint
    /// (404 "Invalid URL") gives [`Error::NotSupported`]; a missing key stays not found.
    pub async fn update(
        &self,
        id: impl Into<ApiKeyId>,
        body: &ApiKeyUpdate,
    ) -> Result<ProjectApiKey, Error> {
        const OP: &str = "update project API key";
        if body.scopes.is_none() && body.expires_in_seconds.is_none() {
            return Err(Error::invalid(
                OP,
                "give new permissions, a new expiry or both; the update changes nothing",
            ));
        }
        input::expires_in(OP, body.expires_in_seconds)?;
        let path = self.key_path(OP, &id.into())?;
        let call = Call::post(OP, ROUTE_ONE, path).json(body)?;
        self.client
            .execute(call)
            .await
            .map_err(route_missing_is_not_supported)
    }

    /// Revokes a user-owned key. Service-account keys give 400; delete the account instead.
    pub async fn delete(&self, id: impl Into<ApiKeyId>) -> Result<Deleted<ApiKeyId>, Error> {
        const OP: &str = "delete project API key";
        let path = self.key_path(OP, &id.into())?;
        self.client.execute(Call::delete(OP, ROUTE_ONE, path)).await
    }
}
