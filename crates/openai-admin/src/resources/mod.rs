//! Resource groups: one type per API resource, with verbs named like the API reference
//! (`list`, `stream`, `list_all`, `retrieve`, `create`, `modify`, `delete`, …).
//!
//! Each verb validates its input first, so invalid ids, names or limits fail with
//! [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) before any request is sent.

mod admin_api_keys;
mod api_keys;
mod audit_logs;
mod costs;
mod projects;
mod service_accounts;
mod usage;
mod usage_report;
mod users;

pub use admin_api_keys::AdminApiKeys;
pub use api_keys::ProjectApiKeys;
pub use audit_logs::AuditLogs;
pub use costs::Costs;
pub use projects::{ProjectScope, Projects};
pub use service_accounts::ServiceAccounts;
pub use usage::Usage;
pub use users::{OrganizationUsers, ProjectUsers};

use futures::stream::{self, BoxStream, StreamExt};
use serde::de::DeserializeOwned;

use crate::api_error::ApiFailure;
use crate::client::Client;
use crate::endpoint::id_segment;
use crate::error::{Error, ErrorKind};
use crate::input;
use crate::pagination::{cursor_items, Cursor};
use crate::query::Query;
use crate::transport::Call;
use crate::types::{ListPage, ProjectId};

/// A list request before its first cursor: the call and the caller's starting `after`.
pub(crate) struct ListCall {
    call: Call,
    after: Option<String>,
}

impl ListCall {
    /// Validates the common list parameters and builds the call (without `after`).
    pub(crate) fn new(
        call: Call,
        limit: Option<u32>,
        after: Option<&str>,
        extra: impl FnOnce(&mut Query),
    ) -> Result<ListCall, Error> {
        input::limit(call.operation, limit, input::MAX_LIST_LIMIT)?;
        input::cursor(call.operation, "after", after)?;
        let mut query = Query::default();
        query.push_opt("limit", limit);
        extra(&mut query);
        Ok(ListCall {
            call: call.query(query),
            after: after.map(str::to_owned),
        })
    }

    /// Fetches the one page the caller asked for.
    pub(crate) async fn page<T: DeserializeOwned>(
        self,
        client: &Client,
    ) -> Result<ListPage<T>, Error> {
        let mut call = self.call;
        if let Some(after) = &self.after {
            call.query = call.query.with("after", after);
        }
        client.execute(call).await
    }
}

/// Streams all items of a prepared list, or just the preparation error.
pub(crate) fn item_stream<T>(
    client: &Client,
    prepared: Result<ListCall, Error>,
) -> BoxStream<'static, Result<T, Error>>
where
    T: DeserializeOwned + Cursor + Send + 'static,
{
    match prepared {
        Ok(list) => cursor_items(client.clone(), list.call, list.after).boxed(),
        Err(error) => stream::once(async move { Err(error) }).boxed(),
    }
}

/// `organization/projects/{project_id}` with the id validated and encoded.
pub(crate) fn project_path(operation: &'static str, id: &ProjectId) -> Result<String, Error> {
    Ok(format!(
        "organization/projects/{}",
        id_segment(operation, "project id", id.as_str())?
    ))
}

/// A 404 that says the route itself does not exist ("Invalid URL", or no error envelope) from an
/// endpoint newer than the organization's API, as [`Error::NotSupported`]; a 404 naming a missing
/// project, account or key stays [`Error::Api`] (not found).
pub(crate) fn route_missing_is_not_supported(error: Error) -> Error {
    match error {
        Error::Api { operation, failure } if route_is_missing(&failure) => {
            Error::NotSupported { operation, failure }
        }
        other => other,
    }
}

/// Whether a 404 says the route itself does not exist (rather than the project or account).
fn route_is_missing(failure: &ApiFailure) -> bool {
    failure.kind() == ErrorKind::NotFound
        && failure
            .message
            .as_deref()
            .is_none_or(|message| message.starts_with("Invalid URL"))
}
