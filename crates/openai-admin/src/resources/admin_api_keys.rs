//! `/organization/admin_api_keys`: list, retrieve, create (returns the secret once), delete.

use std::future::Future;

use futures::stream::{BoxStream, TryStreamExt};

use super::{item_stream, ListCall};
use crate::client::Client;
use crate::endpoint::id_segment;
use crate::error::Error;
use crate::input;
use crate::pagination::Cursor;
use crate::transport::Call;
use crate::types::{
    AdminApiKey, AdminApiKeyCreate, AdminApiKeyId, AdminApiKeyListParams, Deleted, ListPage,
    NewAdminApiKey,
};

const ROUTE_LIST: &str = "/organization/admin_api_keys";
const ROUTE_ONE: &str = "/organization/admin_api_keys/{key_id}";
/// Longest accepted admin-key lifetime: one year.
pub const MAX_EXPIRES_IN_SECONDS: u32 = 31_536_000;

impl Cursor for AdminApiKey {
    fn cursor(&self) -> &str {
        self.id.as_str()
    }
}

/// The admin API keys of the organization.
#[derive(Debug, Clone, Copy)]
pub struct AdminApiKeys<'a> {
    client: &'a Client,
}

impl<'a> AdminApiKeys<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        AdminApiKeys { client }
    }

    fn list_call(params: &AdminApiKeyListParams) -> Result<ListCall, Error> {
        let call = Call::get(
            "list admin API keys",
            ROUTE_LIST,
            "organization/admin_api_keys".into(),
        );
        ListCall::new(call, params.limit, params.after.as_deref(), |query| {
            query.push_opt("order", params.order.map(|order| order.as_str()));
        })
    }

    fn key_path(operation: &'static str, id: &AdminApiKeyId) -> Result<String, Error> {
        let id = id_segment(operation, "admin API key id", id.as_str())?;
        Ok(format!("organization/admin_api_keys/{id}"))
    }

    /// One page of admin keys.
    pub async fn list(
        &self,
        params: &AdminApiKeyListParams,
    ) -> Result<ListPage<AdminApiKey>, Error> {
        Self::list_call(params)?.page(self.client).await
    }

    /// All admin keys, fetched page by page as the stream is polled.
    pub fn stream(
        &self,
        params: &AdminApiKeyListParams,
    ) -> BoxStream<'static, Result<AdminApiKey, Error>> {
        item_stream(self.client, Self::list_call(params))
    }

    /// All admin keys (every page).
    pub fn list_all(
        &self,
        params: &AdminApiKeyListParams,
    ) -> impl Future<Output = Result<Vec<AdminApiKey>, Error>> + Send + 'static {
        self.stream(params).try_collect()
    }

    /// One admin key by id.
    pub async fn retrieve(&self, id: impl Into<AdminApiKeyId>) -> Result<AdminApiKey, Error> {
        const OP: &str = "retrieve admin API key";
        let path = Self::key_path(OP, &id.into())?;
        self.client.execute(Call::get(OP, ROUTE_ONE, path)).await
    }

    /// Creates an admin key, optionally expiring. Never retried automatically.
    pub async fn create(&self, body: &AdminApiKeyCreate) -> Result<NewAdminApiKey, Error> {
        const OP: &str = "create admin API key";
        input::name(OP, "key name", &body.name)?;
        if let Some(seconds) = body.expires_in_seconds {
            if seconds == 0 || seconds > MAX_EXPIRES_IN_SECONDS {
                return Err(Error::invalid(
                    OP,
                    format!("expires_in_seconds must be between 1 and {MAX_EXPIRES_IN_SECONDS}"),
                ));
            }
        }
        let call = Call::post(OP, ROUTE_LIST, "organization/admin_api_keys".into()).json(body)?;
        self.client.execute(call).await
    }

    /// Deletes an admin key. Do not delete the key this client is using.
    pub async fn delete(
        &self,
        id: impl Into<AdminApiKeyId>,
    ) -> Result<Deleted<AdminApiKeyId>, Error> {
        const OP: &str = "delete admin API key";
        let path = Self::key_path(OP, &id.into())?;
        self.client.execute(Call::delete(OP, ROUTE_ONE, path)).await
    }
}
