//! `/organization/usage/completions` and `/organization/costs` against the fake.

mod common;

use chrono::DateTime;
use common::{param, query, start};
use openai_admin::{BucketWidth, CostsParams, ErrorKind, GroupBy, ProjectId, UsageParams};

fn days_ago(days: i64) -> Option<chrono::DateTime<chrono::Utc>> {
    DateTime::from_timestamp(common::NOW - days * 86_400, 0)
}

#[tokio::test]
async fn completions_usage_is_grouped_and_paged_with_next_page() {
    let h = start().await;
    let project = ProjectId::from(h.server.state().projects(false)[0].id.clone());
    let params = UsageParams {
        start_time: days_ago(10),
        bucket_width: Some(BucketWidth::Day),
        group_by: vec![GroupBy::ProjectId, GroupBy::ApiKeyId],
        project_ids: vec![project.clone()],
        limit: Some(3),
        ..Default::default()
    };
    let buckets = h.client.usage().completions_all(&params).await.unwrap();
    assert!(buckets.len() >= 10, "{}", buckets.len());
    for row in buckets.iter().flat_map(|b| &b.results) {
        assert_eq!(row.project_id.as_ref(), Some(&project));
    }
    let requests = h.requests("GET", "/v1/organization/usage/completions");
    assert_eq!(requests.len(), buckets.len().div_ceil(3));
    let pairs = query(&requests[0]);
    let group_by: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == "group_by[]")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(group_by, vec!["project_id", "api_key_id"]);
    assert_eq!(param(&requests[0], "page"), None);
    assert!(param(&requests[1], "page").is_some());
    assert_eq!(
        param(&requests[1], "start_time"),
        param(&requests[0], "start_time")
    );
}

#[tokio::test]
async fn one_usage_page_reports_the_next_page_cursor() {
    let h = start().await;
    let params = UsageParams {
        start_time: days_ago(10),
        limit: Some(2),
        ..Default::default()
    };
    let page = h.client.usage().completions(&params).await.unwrap();
    assert_eq!(page.data.len(), 2);
    assert!(page.has_more);
    let next = UsageParams {
        page: page.next_page.clone(),
        ..params
    };
    let second = h.client.usage().completions(&next).await.unwrap();
    assert_ne!(second.data[0].start_time, page.data[0].start_time);
}

#[tokio::test]
async fn costs_are_listed_by_api_key() {
    let h = start().await;
    let params = CostsParams {
        start_time: days_ago(5),
        group_by: vec![GroupBy::ApiKeyId],
        ..Default::default()
    };
    let buckets = h.client.costs().list_all(&params).await.unwrap();
    assert!(!buckets.is_empty());
    let request = &h.requests("GET", "/v1/organization/costs")[0];
    assert_eq!(param(request, "group_by[]").as_deref(), Some("api_key_id"));
    assert!(buckets
        .iter()
        .flat_map(|b| &b.results)
        .all(|r| r.amount.is_some()));
}

#[tokio::test]
async fn invalid_report_parameters_are_rejected_before_any_request() {
    let h = start().await;
    let missing_start = UsageParams::default();
    assert_eq!(
        h.client
            .usage()
            .completions(&missing_start)
            .await
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidInput
    );
    let backwards = UsageParams {
        start_time: days_ago(1),
        end_time: days_ago(2),
        ..Default::default()
    };
    assert!(h.client.usage().completions_all(&backwards).await.is_err());
    let hourly_costs = CostsParams {
        start_time: days_ago(1),
        bucket_width: Some(BucketWidth::Hour),
        ..Default::default()
    };
    assert_eq!(
        h.client
            .costs()
            .list(&hourly_costs)
            .await
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidInput
    );
    let too_many = CostsParams {
        start_time: days_ago(1),
        limit: Some(1000),
        ..Default::default()
    };
    assert!(h.client.costs().list(&too_many).await.is_err());
    assert!(h.server.requests().is_empty());
}
