//! `/organization/audit_logs`: filtered, cursor-paginated listing.
//!
//! Filter names carry literal brackets on the wire (`event_types[]`, `effective_at[gte]`).

use std::future::Future;

use futures::stream::{BoxStream, TryStreamExt};

use super::{item_stream, ListCall};
use crate::client::Client;
use crate::error::Error;
use crate::input;
use crate::pagination::Cursor;
use crate::query::Query;
use crate::transport::Call;
use crate::types::{AuditLog, AuditLogParams, ListPage};

impl Cursor for AuditLog {
    fn cursor(&self) -> &str {
        self.id.as_str()
    }
}

/// The audit log of the organization.
#[derive(Debug, Clone, Copy)]
pub struct AuditLogs<'a> {
    client: &'a Client,
}

impl<'a> AuditLogs<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        AuditLogs { client }
    }

    fn list_call(params: &AuditLogParams) -> Result<ListCall, Error> {
        const OP: &str = "list audit logs";
        input::cursor(OP, "before", params.before.as_deref())?;
        let call = Call::get(
            OP,
            "/organization/audit_logs",
            "organization/audit_logs".into(),
        );
        ListCall::new(call, params.limit, params.after.as_deref(), |query| {
            filters(query, params)
        })
    }

    /// One page of entries.
    pub async fn list(&self, params: &AuditLogParams) -> Result<ListPage<AuditLog>, Error> {
        Self::list_call(params)?.page(self.client).await
    }

    /// All entries, fetched page by page as the stream is polled.
    pub fn stream(&self, params: &AuditLogParams) -> BoxStream<'static, Result<AuditLog, Error>> {
        item_stream(self.client, Self::list_call(params))
    }

    /// All entries (every page).
    pub fn list_all(
        &self,
        params: &AuditLogParams,
    ) -> impl Future<Output = Result<Vec<AuditLog>, Error>> + Send + 'static {
        self.stream(params).try_collect()
    }
}

fn filters(query: &mut Query, params: &AuditLogParams) {
    let range = &params.effective_at;
    for (key, bound) in [
        ("effective_at[gt]", range.gt),
        ("effective_at[gte]", range.gte),
        ("effective_at[lt]", range.lt),
        ("effective_at[lte]", range.lte),
    ] {
        query.push_opt(key, bound.map(|time| time.timestamp()));
    }
    query.push_array("event_types", &params.event_types);
    query.push_array("project_ids", &params.project_ids);
    query.push_array("actor_ids", &params.actor_ids);
    query.push_array("actor_emails", &params.actor_emails);
    query.push_array("resource_ids", &params.resource_ids);
    if params.tenant_only {
        query.push("tenant_only", true);
    }
    query.push_opt("before", params.before.as_deref());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{AuditEventType, TimeFilter};
    use chrono::DateTime;

    #[test]
    fn filters_use_bracketed_names() {
        let params = AuditLogParams {
            effective_at: TimeFilter {
                gte: DateTime::from_timestamp(1_700_000_000, 0),
                ..TimeFilter::default()
            },
            event_types: vec![AuditEventType::ApiKeyCreated, AuditEventType::ApiKeyDeleted],
            project_ids: vec!["proj_1".into()],
            ..AuditLogParams::default()
        };
        let mut query = Query::default();
        filters(&mut query, &params);
        assert_eq!(
            query.pairs().collect::<Vec<_>>(),
            vec![
                ("effective_at[gte]", "1700000000"),
                ("event_types[]", "api_key.created"),
                ("event_types[]", "api_key.deleted"),
                ("project_ids[]", "proj_1"),
            ]
        );
    }
}
