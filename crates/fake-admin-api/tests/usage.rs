#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{assert_envelope, start, NOW};
use reqwest::{Method, StatusCode};
use serde_json::Value;

const DAY: i64 = 86_400;

fn rows(page: &Value) -> Vec<Value> {
    page["data"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|b| b["results"].as_array().unwrap().clone())
        .collect()
}

#[tokio::test]
async fn usage_without_start_time_is_a_400() {
    let fake = start().await;
    for path in ["/organization/usage/completions", "/organization/costs"] {
        let (status, body) = fake.call(Method::GET, path, None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(assert_envelope(&body)["param"], "start_time");
    }
}

#[tokio::test]
async fn completions_usage_pages_through_daily_buckets_with_next_page() {
    let fake = start().await;
    let start_time = NOW - 10 * DAY;
    let mut path = format!("/organization/usage/completions?start_time={start_time}&limit=4");
    let mut buckets = Vec::new();
    loop {
        let page = fake.get_ok(&path).await;
        assert_eq!(page["object"], "page");
        buckets.extend(page["data"].as_array().unwrap().clone());
        match page["next_page"].as_str() {
            Some(next) => {
                assert_eq!(page["has_more"], true);
                path = format!(
                    "/organization/usage/completions?start_time={start_time}&limit=4&page={next}"
                );
            }
            None => break,
        }
    }
    assert_eq!(buckets.len(), 11);
    let starts: Vec<i64> = buckets
        .iter()
        .map(|b| b["start_time"].as_i64().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[1] - w[0] == DAY));
    for bucket in &buckets {
        let results = bucket["results"].as_array().unwrap();
        assert_eq!(results.len(), 1, "ungrouped buckets have one aggregate row");
        assert!(results[0]["project_id"].is_null());
        assert!(results[0]["api_key_id"].is_null());
    }
}

#[tokio::test]
async fn usage_is_deterministic_and_grouping_forms_agree() {
    let fake = start().await;
    let start_time = NOW - 7 * DAY;
    let bracket = fake
        .get_ok(&format!(
            "/organization/usage/completions?start_time={start_time}&group_by[]=api_key_id"
        ))
        .await;
    let bare = fake
        .get_ok(&format!(
            "/organization/usage/completions?start_time={start_time}&group_by=api_key_id"
        ))
        .await;
    assert_eq!(bracket, bare);
    let grouped = rows(&bracket);
    assert!(!grouped.is_empty());
    assert!(grouped
        .iter()
        .all(|r| r["api_key_id"].is_string() && r["project_id"].is_null()));
    let never_used: Vec<String> = fake
        .server
        .state()
        .api_keys
        .iter()
        .filter(|k| k.key.last_used_at.is_none())
        .map(|k| k.key.id.clone())
        .collect();
    assert!(grouped
        .iter()
        .all(|r| !never_used.contains(&r["api_key_id"].as_str().unwrap().to_owned())));
}

#[tokio::test]
async fn usage_can_be_filtered_by_project() {
    let fake = start().await;
    let pid = fake.first_project();
    let page = fake
        .get_ok(&format!(
            "/organization/usage/completions?start_time={}&group_by[]=project_id&project_ids[]={pid}",
            NOW - 7 * DAY
        ))
        .await;
    assert!(rows(&page).iter().all(|r| r["project_id"] == pid.as_str()));
}

#[tokio::test]
async fn costs_only_accept_daily_buckets() {
    let fake = start().await;
    let (status, body) = fake
        .call(
            Method::GET,
            &format!("/organization/costs?start_time={NOW}&bucket_width=1h"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(assert_envelope(&body)["param"], "bucket_width");
}

#[tokio::test]
async fn costs_grouped_by_line_item_carry_quantities() {
    let fake = start().await;
    let page = fake
        .get_ok(&format!(
            "/organization/costs?start_time={}&group_by[]=line_item&group_by[]=project_id",
            NOW - 3 * DAY
        ))
        .await;
    let rows = rows(&page);
    assert!(!rows.is_empty());
    for row in &rows {
        assert_eq!(row["object"], "organization.costs.result");
        let line_item = row["line_item"].as_str().unwrap();
        assert!(row["project_id"].is_string());
        assert!(row["quantity"].as_f64().unwrap() > 0.0, "{row}");
        // Tool calls have no supported unit; token lines do.
        if line_item.ends_with("tool calls") {
            assert!(row["quantity_unit"].is_null(), "{row}");
        } else {
            assert_eq!(row["quantity_unit"], "tokens", "{row}");
        }
        assert_eq!(row["amount"]["currency"], "usd");
        assert!(row["api_key_id"].is_null());
    }
    let items: Vec<&str> = rows
        .iter()
        .map(|r| r["line_item"].as_str().unwrap())
        .collect();
    assert!(items.iter().any(|i| i.ends_with(", input")), "{items:?}");
    assert!(
        items.contains(&"text-embedding-3-small, input"),
        "{items:?}"
    );
}

#[tokio::test]
async fn an_unsupported_group_by_is_a_400() {
    let fake = start().await;
    let (status, body) = fake
        .call(
            Method::GET,
            &format!("/organization/costs?start_time={NOW}&group_by=model"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(assert_envelope(&body)["param"], "group_by");
}

#[tokio::test]
async fn an_unknown_page_cursor_is_a_400() {
    let fake = start().await;
    let (status, _) = fake
        .call(
            Method::GET,
            &format!("/organization/costs?start_time={NOW}&page=bogus"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
