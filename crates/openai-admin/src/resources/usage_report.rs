//! `/organization/usage/{kind}`: the usage endpoints that know API keys, read into one row type
//! ([`UsageCounts`]) so that a key's usage of every kind can be read the same way.

use futures::stream::BoxStream;

use super::usage::{bucket_stream, max_usage_limit, ReportCall, Usage};
use crate::error::Error;
use crate::transport::Call;
use crate::types::{UsageBucket, UsageCounts, UsageKind, UsagePage, UsageParams};

impl Usage<'_> {
    /// Builds the query of `kind`'s endpoint. `models[]`, `batch` and known `group_by[]` values
    /// that endpoint does not accept (per the spec) are left out rather than sent to fail.
    fn report_call(kind: UsageKind, params: &UsageParams) -> Result<ReportCall, Error> {
        let path = format!("organization/usage/{}", kind.name());
        let call = Call::get(kind.operation(), kind.route(), path);
        let limit = (params.limit, max_usage_limit(params.bucket_width.as_ref()));
        ReportCall::new(
            call,
            params.start_time,
            params.end_time,
            limit,
            params.page.as_deref(),
            |q| {
                q.push_opt("bucket_width", params.bucket_width.as_ref());
                let groups = params.group_by.iter();
                q.push_array("group_by", groups.filter(|g| kind.accepts_group_by(g)));
                q.push_array("project_ids", &params.project_ids);
                q.push_array("api_key_ids", &params.api_key_ids);
                q.push_array("user_ids", &params.user_ids);
                if kind.accepts_models() {
                    q.push_array("models", &params.models);
                }
                if kind.accepts_batch() {
                    q.push_opt("batch", params.batch);
                }
            },
        )
    }

    /// One page of `kind`'s buckets.
    pub async fn report(
        &self,
        kind: UsageKind,
        params: &UsageParams,
    ) -> Result<UsagePage<UsageCounts>, Error> {
        Self::report_call(kind, params)?.page(self.client).await
    }

    /// Every bucket of `kind`, page by page as the stream is polled.
    pub fn report_stream(
        &self,
        kind: UsageKind,
        params: &UsageParams,
    ) -> BoxStream<'static, Result<UsageBucket<UsageCounts>, Error>> {
        bucket_stream(self.client, Self::report_call(kind, params))
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::error::ErrorKind;
    use crate::types::{BucketWidth, GroupBy};

    fn everything() -> UsageParams {
        UsageParams {
            start_time: DateTime::from_timestamp(100, 0),
            end_time: DateTime::from_timestamp(200, 0),
            bucket_width: Some(BucketWidth::Hour),
            group_by: vec![
                GroupBy::ApiKeyId,
                GroupBy::Model,
                GroupBy::Batch,
                GroupBy::LineItem,
                GroupBy::Other("size".into()),
            ],
            project_ids: vec!["p1".into()],
            api_key_ids: vec!["key_a".into(), "key_b".into()],
            user_ids: vec!["user-1".into()],
            models: vec!["m".into()],
            batch: Some(false),
            limit: Some(5),
            page: None,
        }
    }

    fn pairs(kind: UsageKind, params: &UsageParams) -> Vec<(String, String)> {
        let report = Usage::report_call(kind, params).unwrap();
        assert_eq!(
            report.call.path,
            format!("organization/usage/{}", kind.name())
        );
        let query = report.call.query.pairs();
        query.map(|(k, v)| (k.to_owned(), v.to_owned())).collect()
    }

    fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
        let list = list.iter();
        list.map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn embeddings_send_bracketed_arrays_and_models_but_not_batch() {
        assert_eq!(
            pairs(UsageKind::Embeddings, &everything()),
            owned(&[
                ("start_time", "100"),
                ("end_time", "200"),
                ("bucket_width", "1h"),
                ("group_by[]", "api_key_id"),
                ("group_by[]", "model"),
                ("group_by[]", "size"),
                ("project_ids[]", "p1"),
                ("api_key_ids[]", "key_a"),
                ("api_key_ids[]", "key_b"),
                ("user_ids[]", "user-1"),
                ("models[]", "m"),
                ("limit", "5"),
            ])
        );
    }

    #[test]
    fn completions_send_batch_and_group_by_batch() {
        let sent = pairs(UsageKind::Completions, &everything());
        assert!(sent.contains(&("batch".into(), "false".into())), "{sent:?}");
        assert!(
            sent.contains(&("group_by[]".into(), "batch".into())),
            "{sent:?}"
        );
        assert!(sent.contains(&("models[]".into(), "m".into())), "{sent:?}");
        assert!(!sent.iter().any(|(_, v)| v == "line_item"), "{sent:?}");
    }

    #[test]
    fn file_search_calls_send_neither_models_nor_group_by_model() {
        let sent = pairs(UsageKind::FileSearchCalls, &everything());
        let groups: Vec<&str> = sent
            .iter()
            .filter(|(k, _)| k == "group_by[]")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(groups, vec!["api_key_id", "size"]);
        assert!(!sent.iter().any(|(k, _)| k == "models[]" || k == "batch"));
        assert!(sent.contains(&("user_ids[]".into(), "user-1".into())));
    }

    #[test]
    fn every_kind_keeps_api_key_filters_and_grouping() {
        let params = UsageParams {
            start_time: DateTime::from_timestamp(100, 0),
            group_by: vec![GroupBy::ApiKeyId],
            api_key_ids: vec!["key_a".into()],
            ..UsageParams::default()
        };
        for kind in UsageKind::ALL {
            assert_eq!(
                pairs(kind, &params),
                owned(&[
                    ("start_time", "100"),
                    ("group_by[]", "api_key_id"),
                    ("api_key_ids[]", "key_a"),
                ]),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn a_report_is_validated_like_completions() {
        let missing = Usage::report_call(UsageKind::Images, &UsageParams::default());
        assert_eq!(missing.err().unwrap().kind(), ErrorKind::InvalidInput);
        let daily = UsageParams {
            start_time: DateTime::from_timestamp(100, 0),
            limit: Some(32),
            ..UsageParams::default()
        };
        let error = Usage::report_call(UsageKind::Moderations, &daily)
            .err()
            .unwrap();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert!(error.to_string().contains("moderations"), "{error}");
    }
}
