//! `/organization/usage/completions`: time-bucketed usage, paginated by `page`/`next_page`.
//!
//! Also holds [`ReportCall`], the query building and validation shared with costs and with the
//! other usage endpoints (`usage_report`).

use chrono::{DateTime, Utc};
use std::future::Future;

use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::Error;
use crate::input;
use crate::pagination::usage_buckets;
use crate::query::Query;
use crate::transport::Call;
use crate::types::{BucketWidth, CompletionsUsage, UsageBucket, UsagePage, UsageParams};

/// A usage or costs request before its first page cursor.
pub(crate) struct ReportCall {
    pub(super) call: Call,
    pub(super) page: Option<String>,
}

impl ReportCall {
    /// Validates the time range, limit and cursor, and builds the common query.
    pub(crate) fn new(
        call: Call,
        start_time: Option<DateTime<Utc>>,
        end_time: Option<DateTime<Utc>>,
        limit: (Option<u32>, u32),
        page: Option<&str>,
        extra: impl FnOnce(&mut Query),
    ) -> Result<ReportCall, Error> {
        let operation = call.operation;
        let Some(start) = start_time else {
            return Err(Error::invalid(operation, "start_time is required"));
        };
        if end_time.is_some_and(|end| end <= start) {
            return Err(Error::invalid(
                operation,
                "end_time must be after start_time",
            ));
        }
        input::limit(operation, limit.0, limit.1)?;
        input::cursor(operation, "page", page)?;
        let mut query = Query::default();
        query.push("start_time", start.timestamp());
        query.push_opt("end_time", end_time.map(|end| end.timestamp()));
        extra(&mut query);
        query.push_opt("limit", limit.0);
        Ok(ReportCall {
            call: call.query(query),
            page: page.map(str::to_owned),
        })
    }

    /// Fetches the one page the caller asked for.
    pub(crate) async fn page<R: DeserializeOwned>(
        self,
        client: &Client,
    ) -> Result<UsagePage<R>, Error> {
        let mut call = self.call;
        if let Some(page) = &self.page {
            call.query = call.query.with("page", page);
        }
        client.execute(call).await
    }
}

/// Streams every bucket of a prepared report, or just the preparation error.
pub(crate) fn bucket_stream<R>(
    client: &Client,
    prepared: Result<ReportCall, Error>,
) -> BoxStream<'static, Result<UsageBucket<R>, Error>>
where
    R: DeserializeOwned + Send + 'static,
{
    match prepared {
        Ok(report) => usage_buckets(client.clone(), report.call, report.page).boxed(),
        Err(error) => stream::once(async move { Err(error) }).boxed(),
    }
}

/// Largest bucket count per page for a usage bucket width.
pub(super) fn max_usage_limit(width: Option<&BucketWidth>) -> u32 {
    match width {
        Some(BucketWidth::Minute) => 1440,
        Some(BucketWidth::Hour) => 168,
        Some(BucketWidth::Day) | None => 31,
        Some(BucketWidth::Other(_)) => 1440,
    }
}

/// Usage reports of the organization.
#[derive(Debug, Clone, Copy)]
pub struct Usage<'a> {
    pub(super) client: &'a Client,
}

impl<'a> Usage<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Usage { client }
    }

    fn completions_call(params: &UsageParams) -> Result<ReportCall, Error> {
        const OP: &str = "read completions usage";
        let route = "/organization/usage/completions";
        let call = Call::get(OP, route, "organization/usage/completions".into());
        let limit = (params.limit, max_usage_limit(params.bucket_width.as_ref()));
        ReportCall::new(
            call,
            params.start_time,
            params.end_time,
            limit,
            params.page.as_deref(),
            |q| {
                q.push_opt("bucket_width", params.bucket_width.as_ref());
                q.push_array("group_by", &params.group_by);
                q.push_array("project_ids", &params.project_ids);
                q.push_array("api_key_ids", &params.api_key_ids);
                q.push_array("user_ids", &params.user_ids);
                q.push_array("models", &params.models);
                q.push_opt("batch", params.batch);
            },
        )
    }

    /// One page of completions usage buckets.
    pub async fn completions(
        &self,
        params: &UsageParams,
    ) -> Result<UsagePage<CompletionsUsage>, Error> {
        Self::completions_call(params)?.page(self.client).await
    }

    /// All completions usage buckets, fetched page by page as the stream is polled.
    pub fn completions_stream(
        &self,
        params: &UsageParams,
    ) -> BoxStream<'static, Result<UsageBucket<CompletionsUsage>, Error>> {
        bucket_stream(self.client, Self::completions_call(params))
    }

    /// All completions usage buckets (every page).
    pub fn completions_all(
        &self,
        params: &UsageParams,
    ) -> impl Future<Output = Result<Vec<UsageBucket<CompletionsUsage>>, Error>> + Send + 'static
    {
        self.completions_stream(params).try_collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::types::GroupBy;

    #[test]
    fn completions_queries_bracket_their_arrays() {
        let params = UsageParams {
            start_time: DateTime::from_timestamp(100, 0),
            group_by: vec![GroupBy::ProjectId, GroupBy::ApiKeyId],
            project_ids: vec!["p1".into()],
            limit: Some(7),
            ..UsageParams::default()
        };
        let report = Usage::completions_call(&params).unwrap();
        assert_eq!(
            report.call.query.pairs().collect::<Vec<_>>(),
            vec![
                ("start_time", "100"),
                ("group_by[]", "project_id"),
                ("group_by[]", "api_key_id"),
                ("project_ids[]", "p1"),
                ("limit", "7"),
            ]
        );
    }

    #[test]
    fn a_report_without_start_time_or_with_a_huge_limit_is_invalid() {
        let missing = Usage::completions_call(&UsageParams::default())
            .err()
            .unwrap();
        assert_eq!(missing.kind(), ErrorKind::InvalidInput);
        let params = UsageParams {
            start_time: DateTime::from_timestamp(100, 0),
            limit: Some(32),
            ..UsageParams::default()
        };
        assert!(Usage::completions_call(&params).is_err());
    }
}
