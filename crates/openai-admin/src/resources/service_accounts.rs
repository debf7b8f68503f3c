//! `/organization/projects/{id}/service_accounts`: list, retrieve, create (which mints the first
//! key), update, delete, and minting an extra key for an account.
//!
//! The creates return secrets and are never retried: after a lost response, the caller must list
//! before trying again (see [`Error::may_have_reached_server`]).

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
    Deleted, ListPage, NewServiceAccount, NewServiceAccountKey, ProjectId, ServiceAccount,
    ServiceAccountCreate, ServiceAccountId, ServiceAccountKeyCreate, ServiceAccountListParams,
    ServiceAccountUpdate,
};

const ROUTE_LIST: &str = "/organization/projects/{project_id}/service_accounts";
const ROUTE_ONE: &str = "/organization/projects/{project_id}/service_accounts/{service_account_id}";

impl Cursor for ServiceAccount {
    fn cursor(&self) -> &str {
        self.id.as_str()
    }
}

/// The service accounts of one project.
#[derive(Debug, Clone)]
pub struct ServiceAccounts<'a> {
    client: &'a Client,
    project: ProjectId,
}

impl<'a> ServiceAccounts<'a> {
    pub(crate) fn new(client: &'a Client, project: ProjectId) -> Self {
        ServiceAccounts { client, project }
    }

    fn list_path(&self, operation: &'static str) -> Result<String, Error> {
        Ok(format!(
            "{}/service_accounts",
            project_path(operation, &self.project)?
        ))
    }

    fn account_path(
        &self,
        operation: &'static str,
        id: &ServiceAccountId,
    ) -> Result<String, Error> {
        let id = id_segment(operation, "service account id", id.as_str())?;
        Ok(format!("{}/{id}", self.list_path(operation)?))
    }

    fn list_call(&self, params: &ServiceAccountListParams) -> Result<ListCall, Error> {
        const OP: &str = "list service accounts";
        let call = Call::get(OP, ROUTE_LIST, self.list_path(OP)?);
        ListCall::new(call, params.limit, params.after.as_deref(), |_| {})
    }

    /// One page of service accounts. Archived projects answer 400.
    pub async fn list(
        &self,
        params: &ServiceAccountListParams,
    ) -> Result<ListPage<ServiceAccount>, Error> {
        self.list_call(params)?.page(self.client).await
    }

    /// All service accounts, fetched page by page as the stream is polled.
    pub fn stream(
        &self,
        params: &ServiceAccountListParams,
    ) -> BoxStream<'static, Result<ServiceAccount, Error>> {
        item_stream(self.client, self.list_call(params))
    }

    /// All service accounts (every page).
    pub fn list_all(
        &self,
        params: &ServiceAccountListParams,
    ) -> impl Future<Output = Result<Vec<ServiceAccount>, Error>> + Send + 'static {
        self.stream(params).try_collect()
    }

    /// One service account by id.
    pub async fn retrieve(&self, id: impl Into<ServiceAccountId>) -> Result<ServiceAccount, Error> {
        const OP: &str = "retrieve service account";
        let path = self.account_path(OP, &id.into())?;
        self.client.execute(Call::get(OP, ROUTE_ONE, path)).await
    }

    /// Creates a service account and, unless `create_service_account_only`, its first key.
    /// Never retried automatically.
    pub async fn create(&self, body: &ServiceAccountCreate) -> Result<NewServiceAccount, Error> {
        const OP: &str = "create service account";
        input::name(OP, "service account name", &body.name)?;
        input::expires_in(OP, body.expires_in_seconds)?;
        let call = Call::post(OP, ROUTE_LIST, self.list_path(OP)?).json(body)?;
        self.client.execute(call).await
    }

    /// Updates a service account's name or role.
    pub async fn update(
        &self,
        id: impl Into<ServiceAccountId>,
        body: &ServiceAccountUpdate,
    ) -> Result<ServiceAccount, Error> {
        const OP: &str = "update service account";
        if let Some(name) = &body.name {
            input::name(OP, "service account name", name)?;
        }
        let path = self.account_path(OP, &id.into())?;
        self.client
            .execute(Call::post(OP, ROUTE_ONE, path).json(body)?)
            .await
    }

    /// Deletes a service account and, with it, its keys.
    pub async fn delete(
        &self,
        id: impl Into<ServiceAccountId>,
    ) -> Result<Deleted<ServiceAccountId>, Error> {
        const OP: &str = "delete service account";
        let path = self.account_path(OP, &id.into())?;
        self.client.execute(Call::delete(OP, ROUTE_ONE, path)).await
    }

    /// Mints an extra key for a service account. Never retried automatically.
    ///
    /// The endpoint is new; a server without it answers 404 "Invalid URL" (or a 404 without an
    /// error envelope), reported as [`crate::ErrorKind::NotSupported`]. A 404 naming a missing
    /// project or account stays [`crate::ErrorKind::NotFound`].
    pub async fn create_key(
        &self,
        id: impl Into<ServiceAccountId>,
        body: &ServiceAccountKeyCreate,
    ) -> Result<NewServiceAccountKey, Error> {
        const OP: &str = "create service account key";
        if let Some(name) = &body.name {
            input::name(OP, "key name", name)?;
        }
        input::expires_in(OP, body.expires_in_seconds)?;
        let path = format!("{}/api_keys", self.account_path(OP, &id.into())?);
        let route =
            "/organization/projects/{project_id}/service_accounts/{service_account_id}/api_keys";
        let call = Call::post(OP, route, path).json(body)?;
        self.client
            .execute(call)
            .await
            .map_err(route_missing_is_not_supported)
    }
}
