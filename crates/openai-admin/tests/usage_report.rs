//! `Usage::report` and `report_stream` for every usage kind, against the fake and hand-written
//! pages.

mod common;

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use common::{canned, canned_client, param, query, start, Harness, NOW};
use futures::TryStreamExt;
use openai_admin::{
    ApiKeyId, BucketWidth, GroupBy, UsageBucket, UsageCounts, UsageKind, UsageParams,
};

const DAY: i64 = 86_400;

/// Gives the first generated keys models of the kinds the seed lacks, and has them make a
/// request now.
fn keys_of_every_kind(h: &Harness) {
    let models = [
        "omni-moderation-latest",
        "gpt-image-1",
        "tts-1",
        "whisper-1",
    ];
    let ids: Vec<String> = h.server.with_state(|s| {
        s.api_keys
            .iter_mut()
            .zip(models)
            .map(|(key, model)| {
                model.clone_into(&mut key.model);
                key.key.id.clone()
            })
            .collect()
    });
    for id in ids {
        assert!(h.server.use_key(&id));
    }
}

fn days_ago(days: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(NOW - days * DAY, 0)
}

/// The unit counts a row of `kind` must carry.
fn units(kind: UsageKind, row: &UsageCounts) -> Vec<Option<u64>> {
    match kind {
        UsageKind::Completions => vec![row.input_tokens, row.output_tokens],
        UsageKind::Embeddings | UsageKind::Moderations => vec![row.input_tokens],
        UsageKind::Images => vec![row.images],
        UsageKind::AudioSpeeches => vec![row.characters],
        UsageKind::AudioTranscriptions => vec![row.seconds],
        UsageKind::FileSearchCalls => vec![row.num_requests],
        UsageKind::WebSearchCalls => vec![row.num_requests, row.num_model_requests],
    }
}

fn object(kind: UsageKind) -> String {
    let name = match kind {
        UsageKind::FileSearchCalls => "file_searches",
        UsageKind::WebSearchCalls => "web_searches",
        other => other.name(),
    };
    format!("organization.usage.{name}.result")
}

#[tokio::test]
async fn every_kind_pages_through_every_bucket_once_with_its_units() {
    let h = start().await;
    keys_of_every_kind(&h);
    let params = UsageParams {
        start_time: days_ago(14),
        bucket_width: Some(BucketWidth::Day),
        group_by: vec![GroupBy::ApiKeyId],
        limit: Some(4),
        ..UsageParams::default()
    };
    for kind in UsageKind::ALL {
        let stream = h.client.usage().report_stream(kind, &params);
        let buckets: Vec<UsageBucket<UsageCounts>> = stream.try_collect().await.unwrap();
        assert_eq!(buckets.len(), 15, "{kind:?}");
        let starts: Vec<i64> = buckets.iter().map(|b| b.start_time.timestamp()).collect();
        assert!(starts.windows(2).all(|w| w[1] - w[0] == DAY), "{kind:?}");
        assert_eq!(starts.iter().collect::<BTreeSet<_>>().len(), 15);

        let path = format!("/v1/organization/usage/{}", kind.name());
        let requests = h.requests("GET", &path);
        assert_eq!(requests.len(), 4, "{kind:?}: 15 buckets, 4 a page");
        assert_eq!(param(&requests[0], "page"), None);
        let cursors: BTreeSet<_> = requests[1..].iter().map(|r| param(r, "page")).collect();
        assert_eq!(cursors.len(), 3, "{kind:?}: a new cursor for each page");

        let rows: Vec<&UsageCounts> = buckets.iter().flat_map(|b| &b.results).collect();
        assert!(!rows.is_empty(), "{kind:?} has usage");
        for row in rows {
            assert_eq!(row.object, object(kind));
            assert!(row.api_key_id.as_deref().unwrap().starts_with("key_"));
            assert_eq!(row.project_id, None);
            for unit in units(kind, row) {
                assert!(unit.unwrap() > 0, "{kind:?}: {row:?}");
            }
        }
    }
}

#[tokio::test]
async fn a_keys_report_of_every_kind_shows_where_its_usage_is() {
    let h = start().await;
    let indexer = h
        .server
        .state()
        .api_keys
        .into_iter()
        .find(|k| k.key.name == "embeddings-indexer")
        .unwrap();
    assert_eq!(indexer.key.last_used_at, None);
    let params = UsageParams {
        start_time: days_ago(30),
        group_by: vec![GroupBy::ApiKeyId, GroupBy::Model],
        api_key_ids: vec![ApiKeyId::from(indexer.key.id.clone())],
        limit: Some(31),
        ..UsageParams::default()
    };
    let mut with_usage = Vec::new();
    for kind in UsageKind::ALL {
        let page = h.client.usage().report(kind, &params).await.unwrap();
        assert!(!page.has_more);
        assert_eq!(page.data.len(), 31);
        let rows: Vec<&UsageCounts> = page.data.iter().flat_map(|b| &b.results).collect();
        if !rows.is_empty() {
            with_usage.push(kind);
            let tokens: u64 = rows.iter().filter_map(|r| r.input_tokens).sum();
            assert!(tokens > 0);
            assert!(rows
                .iter()
                .all(|r| r.model.as_deref() == Some("text-embedding-3-small")));
        }
    }
    assert_eq!(with_usage, vec![UsageKind::Embeddings]);
    let sent = h.requests("GET", "/v1/organization/usage/file_search_calls");
    let groups: Vec<String> = query(&sent[0])
        .into_iter()
        .filter(|(k, _)| k == "group_by[]")
        .map(|(_, v)| v)
        .collect();
    assert_eq!(groups, ["api_key_id"], "file search calls have no model");
    let embeddings = &h.requests("GET", "/v1/organization/usage/embeddings")[0];
    assert_eq!(param(embeddings, "api_key_ids[]"), Some(indexer.key.id));
}

#[tokio::test]
async fn one_report_page_hands_back_its_next_page_cursor() {
    let h = start().await;
    let params = UsageParams {
        start_time: days_ago(10),
        limit: Some(2),
        ..UsageParams::default()
    };
    let usage = h.client.usage();
    let page = usage.report(UsageKind::Embeddings, &params).await.unwrap();
    assert_eq!(page.data.len(), 2);
    assert!(page.has_more);
    let next = UsageParams {
        page: page.next_page.clone(),
        ..params
    };
    let second = usage.report(UsageKind::Embeddings, &next).await.unwrap();
    assert_eq!(
        second.data[0].start_time - page.data[1].start_time,
        chrono::Duration::days(1)
    );
    let aggregate = &page.data[0].results;
    assert_eq!(
        aggregate.len(),
        1,
        "one aggregate row when nothing is grouped"
    );
    assert_eq!(aggregate[0].api_key_id, None);
}

#[tokio::test]
async fn a_page_with_odd_rows_still_decodes_through_the_client() {
    let body = r#"{"object":"page","data":[{"object":"bucket","start_time":1730419200,
        "end_time":1730505600,"results":[
          {"object":"organization.usage.teleports.result","teleports":3},
          {"object":"organization.usage.images.result","images":1e30,"num_model_requests":-5,
           "api_key_id":"key_a","model":null},
          {"object":"organization.usage.audio_speeches.result",
           "characters":18446744073709551616,"num_model_requests":3.7},
          {"object":"organization.usage.embeddings.result"}]}],
        "has_more":false,"next_page":null}"#;
    let server = canned(vec![(200, vec![], body.to_owned())]).await;
    let (client, _) = canned_client(&server, |_| {});
    let params = UsageParams {
        start_time: DateTime::from_timestamp(1_730_419_200, 0),
        ..UsageParams::default()
    };
    let page = client
        .usage()
        .report(UsageKind::Images, &params)
        .await
        .unwrap();
    let rows = &page.data[0].results;
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0].object, "organization.usage.teleports.result");
    assert_eq!(
        (rows[1].images, rows[1].num_model_requests),
        (Some(u64::MAX), Some(0))
    );
    assert_eq!(rows[1].api_key_id.as_deref(), Some("key_a"));
    assert_eq!(rows[2].characters, Some(u64::MAX));
    assert_eq!(rows[2].num_model_requests, Some(3));
    assert_eq!(rows[3].input_tokens, None, "a missing count is None");
    assert_eq!(server.hits(), 1);
    let head = server.heads.lock().unwrap()[0].clone();
    assert!(head.starts_with("GET /v1/organization/usage/images?start_time=1730419200 "));
}
