//! `/organization/costs`: daily cost buckets, paginated by `page`/`next_page`.

use std::future::Future;

use futures::stream::{BoxStream, TryStreamExt};

use super::usage::{bucket_stream, ReportCall};
use crate::client::Client;
use crate::error::Error;
use crate::transport::Call;
use crate::types::{BucketWidth, CostResult, CostsParams, UsageBucket, UsagePage};

/// Largest bucket count per costs page.
pub const MAX_COSTS_LIMIT: u32 = 180;

/// Cost reports of the organization.
#[derive(Debug, Clone, Copy)]
pub struct Costs<'a> {
    client: &'a Client,
}

impl<'a> Costs<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Costs { client }
    }

    fn list_call(params: &CostsParams) -> Result<ReportCall, Error> {
        const OP: &str = "read costs";
        if params
            .bucket_width
            .as_ref()
            .is_some_and(|width| *width != BucketWidth::Day)
        {
            return Err(Error::invalid(
                OP,
                "costs support only the `1d` bucket width",
            ));
        }
        let call = Call::get(OP, "/organization/costs", "organization/costs".into());
        let limit = (params.limit, MAX_COSTS_LIMIT);
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
            },
        )
    }

    /// One page of cost buckets.
    pub async fn list(&self, params: &CostsParams) -> Result<UsagePage<CostResult>, Error> {
        Self::list_call(params)?.page(self.client).await
    }

    /// All cost buckets, fetched page by page as the stream is polled.
    pub fn stream(
        &self,
        params: &CostsParams,
    ) -> BoxStream<'static, Result<UsageBucket<CostResult>, Error>> {
        bucket_stream(self.client, Self::list_call(params))
    }

    /// All cost buckets (every page).
    pub fn list_all(
        &self,
        params: &CostsParams,
    ) -> impl Future<Output = Result<Vec<UsageBucket<CostResult>>, Error>> + Send + 'static {
        self.stream(params).try_collect()
    }
}
