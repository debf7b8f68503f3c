//! Reading usage of every kind: one organization-wide report per endpoint, grouped by key, each
//! kind in its unit; a key used only for embeddings is neither "never used" nor idle; a kind the
//! admin key may not read is said, and reading nothing at all fails and keeps the last read.

use app_core::hygiene::HygieneRule;
use app_core::inventory_store::KeyQuery;
use app_core::Error;
use chrono::Utc;
use fake_admin_api::{Fault, FaultRule};
use openai_admin::UsageKind;

use super::{key_named, refreshed_org, support, INDEXER};

fn count(report: &app_core::org::HygieneReport, rule: HygieneRule) -> u64 {
    report
        .findings
        .iter()
        .find(|(r, _)| *r == rule)
        .map_or(0, |(_, n)| *n)
}

#[tokio::test]
async fn an_embeddings_only_key_shows_embeddings_in_tokens_and_leaves_never_used() {
    let h = support::harness().await;
    let (server, org) = refreshed_org(&h).await;
    let indexer = key_named(&server, INDEXER);
    let before = org.hygiene(Utc::now()).await.unwrap();
    let filter = org.hygiene_filter(HygieneRule::NeverUsed);
    let never_used = |org: app_core::Org| async move {
        let query = KeyQuery {
            filter: Some(filter),
            limit: 400,
            ..KeyQuery::default()
        };
        let page = org.query_keys(query).await.unwrap();
        page.rows.into_iter().map(|r| r.id).collect::<Vec<_>>()
    };
    assert!(
        never_used(org.clone()).await.contains(&indexer),
        "the key object alone says never used"
    );

    server.record_requests(true);
    let heard = std::sync::Mutex::new(Vec::new());
    let read = org
        .refresh_usage(|p| heard.lock().unwrap().push((p.done, p.total)))
        .await
        .expect("usage is read");
    assert!(read.unavailable.is_empty(), "{:?}", read.unavailable);
    let heard = heard.into_inner().unwrap();
    let total = (UsageKind::ALL.len() + 1) * 30;
    assert!(
        heard.len() > 9,
        "progress is heard as days are read: {heard:?}"
    );
    assert!(heard.iter().all(|&(_, t)| t == total), "{heard:?}");
    assert!(
        heard.windows(2).all(|w| w[0].0 < w[1].0),
        "it only moves on: {heard:?}"
    );
    assert_eq!(heard.last(), Some(&(total, total)), "it ends complete");
    assert!(read.keys_with_usage > 0);
    let requests = server.requests();
    for kind in UsageKind::ALL {
        let path = format!("/organization/usage/{}", kind.name());
        let calls: Vec<_> = requests
            .iter()
            .filter(|r| r.path.ends_with(&path))
            .collect();
        assert_eq!(
            calls.len(),
            1,
            "{path}: one organization-wide call (30 daily buckets fit a page)"
        );
        let query = calls[0].query.clone().unwrap_or_default();
        assert!(
            query.contains("api_key_id") && query.contains("bucket_width=1d"),
            "{query}"
        );
        assert!(
            !query.contains("api_key_ids"),
            "never one call per key: {query}"
        );
    }

    let after = org.hygiene(Utc::now()).await.unwrap();
    assert_eq!(
        count(&after, HygieneRule::NeverUsed),
        count(&before, HygieneRule::NeverUsed) - 1
    );
    assert!(!never_used(org.clone()).await.contains(&indexer));
    let idle = org.hygiene_filter(HygieneRule::Idle);
    let query = KeyQuery {
        filter: Some(idle),
        limit: 400,
        ..KeyQuery::default()
    };
    assert!(!org
        .query_keys(query)
        .await
        .unwrap()
        .rows
        .iter()
        .any(|r| r.id == indexer));

    let insight = org.key_insight(&indexer, 30).await.unwrap();
    assert!(insight.read_at.is_some());
    let kinds: Vec<UsageKind> = insight.kinds.iter().map(|k| k.kind).collect();
    assert_eq!(kinds, vec![UsageKind::Embeddings], "only embeddings");
    let embeddings = &insight.kinds[0];
    assert_eq!((embeddings.unit, embeddings.requests.len()), ("tokens", 30));
    assert!(embeddings.requests.iter().sum::<u64>() > 0);
    assert!(embeddings.units.iter().sum::<u64>() > embeddings.requests.iter().sum::<u64>());
    assert!(
        insight.spend.iter().sum::<f64>() > 0.0,
        "its spend per day, from costs by key"
    );
    let week = org.key_insight(&indexer, 7).await.unwrap();
    assert_eq!(
        week.kinds[0].requests[..],
        embeddings.requests[23..],
        "the 7 days are the last 7 of 30"
    );
}

#[tokio::test]
async fn each_kind_is_counted_in_its_own_unit_and_rows_carry_sparklines() {
    let h = support::harness().await;
    let (server, org) = refreshed_org(&h).await;
    org.refresh_usage(|_| ()).await.unwrap();
    let page = org
        .query_keys_with_usage(
            KeyQuery {
                limit: 200,
                ..KeyQuery::default()
            },
            Some(7),
        )
        .await
        .unwrap();
    assert!(
        !page.daily_requests.is_empty(),
        "keys that made requests carry a series"
    );
    for (key, series) in &page.daily_requests {
        assert_eq!(series.len(), 7, "{key}");
        assert!(
            series.iter().sum::<u64>() > 0,
            "{key}: only keys with requests"
        );
        let insight = org.key_insight(key, 7).await.unwrap();
        let per_day: Vec<u64> = (0..7)
            .map(|d| insight.kinds.iter().map(|k| k.requests[d]).sum())
            .collect();
        assert_eq!(
            &per_day, series,
            "{key}: the sparkline is every kind's requests per day"
        );
        for kind in &insight.kinds {
            let unit = match kind.kind {
                UsageKind::Images => "images",
                UsageKind::AudioSpeeches => "characters",
                UsageKind::AudioTranscriptions => "seconds",
                UsageKind::FileSearchCalls | UsageKind::WebSearchCalls => "calls",
                _ => "tokens",
            };
            assert_eq!(kind.unit, unit, "{:?}", kind.kind);
        }
    }
    let never = key_named(&server, INDEXER);
    assert!(page.daily_requests.contains_key(&never));
    let plain = org
        .query_keys(KeyQuery {
            limit: 400,
            ..KeyQuery::default()
        })
        .await
        .unwrap();
    assert!(
        plain.daily_requests.is_empty(),
        "a page asked without usage carries none"
    );
    let error = org
        .query_keys_with_usage(KeyQuery::default(), Some(14))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    let too_many = KeyQuery {
        limit: 201,
        ..KeyQuery::default()
    };
    let error = org
        .query_keys_with_usage(too_many, Some(30))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("at most 200"), "{error}");
    for days in [0, 1, 14, 31, u32::MAX] {
        let error = org.key_insight(&never, days).await.unwrap_err();
        assert!(error.to_string().contains("7 or 30 days"), "{error}");
    }
}

#[tokio::test]
async fn a_kind_the_admin_key_may_not_read_is_said_and_the_rest_is_read() {
    let h = support::harness().await;
    let (server, org) = refreshed_org(&h).await;
    server.inject(
        FaultRule::new(Fault::MissingScope)
            .on_path("/organization/usage/images")
            .always(),
    );
    let last = std::sync::Mutex::new(None);
    let read = org
        .refresh_usage(|p| *last.lock().unwrap() = Some((p.done, p.total)))
        .await
        .expect("the other kinds are read");
    let (done, total) = last.into_inner().unwrap().expect("progress was heard");
    assert_eq!(done, total, "a report that failed counts as done");
    assert_eq!(read.unavailable.len(), 1, "{:?}", read.unavailable);
    assert_eq!(read.unavailable[0].0, "Images");
    assert!(
        read.unavailable[0].1.contains("scope"),
        "{}",
        read.unavailable[0].1
    );
    let insight = org
        .key_insight(&key_named(&server, INDEXER), 30)
        .await
        .unwrap();
    assert_eq!(
        insight.unavailable.len(),
        1,
        "the detail says what is missing"
    );
    assert!(insight
        .kinds
        .iter()
        .any(|k| k.kind == UsageKind::Embeddings));
}

#[tokio::test]
async fn when_nothing_can_be_read_the_read_fails_and_the_last_one_is_kept() {
    let h = support::harness().await;
    let (server, org) = refreshed_org(&h).await;
    let indexer = key_named(&server, INDEXER);
    org.refresh_usage(|_| ()).await.unwrap();
    let kept = org.key_insight(&indexer, 30).await.unwrap();
    for path in ["/organization/usage", "/organization/costs"] {
        server.inject(FaultRule::new(Fault::MissingScope).on_path(path).always());
    }
    let error = org.refresh_usage(|_| ()).await.unwrap_err();
    assert!(matches!(error, Error::MissingScope { .. }), "{error:?}");
    assert_eq!(
        org.key_insight(&indexer, 30).await.unwrap(),
        kept,
        "the previous read stays"
    );
}

#[tokio::test]
async fn a_second_read_while_one_runs_is_refused_and_the_first_completes() {
    let h = support::harness().await;
    let (server, org) = refreshed_org(&h).await;
    server.set_latency(std::time::Duration::from_millis(200));
    let (first, second) = tokio::join!(org.refresh_usage(|_| ()), async {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        org.refresh_usage(|_| ()).await
    });
    let error = second.unwrap_err();
    assert!(error.to_string().contains("being read already"), "{error}");
    assert!(first.unwrap().keys_with_usage > 0);
    server.set_latency(std::time::Duration::ZERO);
    assert!(org.refresh_usage(|_| ()).await.is_ok(), "a later read runs");
}
