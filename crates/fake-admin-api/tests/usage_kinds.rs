//! The usage endpoints besides completions: each serves its spec's result object with its own
//! units, a key's model decides which endpoints report it, and costs price every kind.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use common::{assert_envelope, keys_with_models, rows, start, NOW};
use reqwest::{Method, StatusCode};
use serde_json::Value;

const DAY: i64 = 86_400;

/// `(path segment, result object, every field of the result, its unit fields)`.
const KINDS: [(&str, &str, &[&str], &[&str]); 7] = [
    (
        "embeddings",
        "organization.usage.embeddings.result",
        &["input_tokens", "num_model_requests", "model"],
        &["input_tokens"],
    ),
    (
        "moderations",
        "organization.usage.moderations.result",
        &["input_tokens", "num_model_requests", "model"],
        &["input_tokens"],
    ),
    (
        "images",
        "organization.usage.images.result",
        &["images", "num_model_requests", "model", "source", "size"],
        &["images"],
    ),
    (
        "audio_speeches",
        "organization.usage.audio_speeches.result",
        &["characters", "num_model_requests", "model"],
        &["characters"],
    ),
    (
        "audio_transcriptions",
        "organization.usage.audio_transcriptions.result",
        &["seconds", "num_model_requests", "model"],
        &["seconds"],
    ),
    (
        "file_search_calls",
        "organization.usage.file_searches.result",
        &["num_requests", "vector_store_id"],
        &["num_requests"],
    ),
    (
        "web_search_calls",
        "organization.usage.web_searches.result",
        &[
            "num_model_requests",
            "num_requests",
            "model",
            "context_level",
        ],
        &["num_requests", "num_model_requests"],
    ),
];

const MODELS: [&str; 4] = [
    "omni-moderation-latest",
    "gpt-image-1",
    "tts-1",
    "whisper-1",
];

fn usage_path(kind: &str, query: &str) -> String {
    format!(
        "/organization/usage/{kind}?start_time={}&limit=31&{query}",
        NOW - 14 * DAY
    )
}

#[tokio::test]
async fn every_kind_serves_its_spec_result_with_its_units() {
    let fake = start().await;
    keys_with_models(&fake.server, &MODELS);
    for (kind, object, fields, units) in KINDS {
        let page = fake
            .get_ok(&usage_path(kind, "group_by[]=api_key_id"))
            .await;
        assert_eq!(page["object"], "page");
        assert_eq!(page["data"].as_array().unwrap().len(), 15, "{kind}");
        let rows = rows(&page);
        assert!(!rows.is_empty(), "{kind} has usage");
        for row in &rows {
            let mut expected: BTreeSet<&str> = ["object", "project_id", "user_id", "api_key_id"]
                .into_iter()
                .collect();
            expected.extend(fields.iter().copied());
            let found: BTreeSet<&str> = row
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(found, expected, "{kind}: {row}");
            assert_eq!(row["object"], object);
            assert!(row["api_key_id"].as_str().unwrap().starts_with("key_"));
            assert!(
                row["project_id"].is_null() && row["user_id"].is_null(),
                "{row}"
            );
            for unit in units {
                assert!(row[unit].as_u64().unwrap() > 0, "{kind}: {row}");
            }
        }
    }
}

#[tokio::test]
async fn grouping_fields_are_filled_only_when_grouped_by() {
    let fake = start().await;
    keys_with_models(&fake.server, &MODELS);
    let aggregate = fake.get_ok(&usage_path("images", "")).await;
    for row in rows(&aggregate) {
        for field in ["api_key_id", "project_id", "model", "size", "source"] {
            assert!(row[field].is_null(), "{row}");
        }
    }
    let grouped = fake
        .get_ok(&usage_path(
            "images",
            "group_by[]=project_id&group_by[]=model&group_by[]=size&group_by[]=source",
        ))
        .await;
    let grouped = rows(&grouped);
    assert!(!grouped.is_empty());
    for row in &grouped {
        assert_eq!(row["model"], "gpt-image-1");
        assert!(
            row["project_id"].is_string() && row["size"].is_string(),
            "{row}"
        );
        assert!(row["source"].as_str().unwrap().starts_with("image."));
        assert!(row["api_key_id"].is_null());
    }
    let stores = fake
        .get_ok(&usage_path(
            "file_search_calls",
            "group_by[]=vector_store_id",
        ))
        .await;
    assert!(rows(&stores)
        .iter()
        .all(|r| r["vector_store_id"].as_str().unwrap().starts_with("vs_")));
}

#[tokio::test]
async fn each_endpoint_accepts_only_its_own_group_by_values() {
    let fake = start().await;
    for (kind, bad) in [
        ("embeddings", "batch"),
        ("moderations", "size"),
        ("file_search_calls", "model"),
        ("web_search_calls", "line_item"),
        ("audio_speeches", "service_tier"),
    ] {
        let path = usage_path(kind, &format!("group_by[]={bad}"));
        let (status, body) = fake.call(Method::GET, &path, None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{kind} {bad}");
        let error = assert_envelope(&body);
        assert_eq!(error["param"], "group_by");
        assert!(error["message"].as_str().unwrap().contains(bad));
    }
    for (kind, good) in [("images", "source"), ("web_search_calls", "context_level")] {
        fake.get_ok(&usage_path(kind, &format!("group_by[]={good}")))
            .await;
    }
}

#[tokio::test]
async fn filters_select_keys_projects_and_models() {
    let fake = start().await;
    let ids = keys_with_models(&fake.server, &["whisper-1", "gpt-4o-transcribe"]);
    let one = fake
        .get_ok(&usage_path(
            "audio_transcriptions",
            &format!("group_by[]=api_key_id&api_key_ids[]={}", ids[0]),
        ))
        .await;
    let one = rows(&one);
    assert!(!one.is_empty());
    assert!(one.iter().all(|r| r["api_key_id"] == ids[0].as_str()));
    let by_model = fake
        .get_ok(&usage_path(
            "audio_transcriptions",
            "group_by[]=model&models[]=gpt-4o-transcribe",
        ))
        .await;
    let by_model = rows(&by_model);
    assert!(!by_model.is_empty());
    assert!(by_model.iter().all(|r| r["model"] == "gpt-4o-transcribe"));
    let nowhere = fake
        .get_ok(&usage_path(
            "audio_transcriptions",
            "group_by[]=api_key_id&project_ids[]=proj_missing",
        ))
        .await;
    assert!(rows(&nowhere).is_empty());
}

#[tokio::test]
async fn a_model_decides_which_endpoints_report_a_key() {
    let fake = start().await;
    let ids = keys_with_models(&fake.server, &["dall-e-3"]);
    let mut reported = Vec::new();
    for kind in ["completions"].into_iter().chain(KINDS.map(|k| k.0)) {
        let page = fake
            .get_ok(&usage_path(
                kind,
                &format!("group_by[]=api_key_id&api_key_ids[]={}", ids[0]),
            ))
            .await;
        if !rows(&page).is_empty() {
            reported.push(kind);
        }
    }
    assert_eq!(reported, vec!["images"]);
}

#[tokio::test]
async fn usage_is_the_same_on_every_server_with_the_same_seed_and_on_every_read() {
    let (a, b) = (start().await, start().await);
    for fake in [&a, &b] {
        keys_with_models(&fake.server, &MODELS);
    }
    for kind in ["completions"].into_iter().chain(KINDS.map(|k| k.0)) {
        let path = usage_path(kind, "group_by[]=api_key_id&bucket_width=1h&limit=168");
        let first = a.get_ok(&path).await;
        assert_eq!(first, b.get_ok(&path).await, "{kind}");
        assert_eq!(first, a.get_ok(&path).await, "{kind}");
    }
    let costs = format!(
        "/organization/costs?start_time={}&group_by[]=api_key_id&group_by[]=line_item&limit=30",
        NOW - 30 * DAY
    );
    assert_eq!(a.get_ok(&costs).await, b.get_ok(&costs).await);
}

#[tokio::test]
async fn usage_ends_at_the_servers_clock() {
    let fake = start().await;
    let path = format!("/organization/usage/embeddings?start_time={}", NOW - DAY);
    let count = |v: &Value| v["data"].as_array().unwrap().len();
    let before = count(&fake.get_ok(&path).await);
    fake.server.advance_clock(3 * DAY);
    let after = fake.get_ok(&path).await;
    assert_eq!(count(&after), before + 3);
    let today = rows(&after).pop().unwrap();
    assert_eq!(
        today["num_model_requests"], 0,
        "nothing was used after the first day"
    );
}
