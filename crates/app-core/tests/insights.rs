//! Per-key spend from the costs endpoint: summed per key, never-used keys cost nothing, and a
//! bad period is refused before any request.

mod support;

use app_core::Error;
use chrono::{Duration, Utc};
use openai_admin::{BucketWidth, Client, ClientOptions, CostsParams, GroupBy};
use secrecy::SecretString;

#[tokio::test]
async fn spend_is_summed_per_key_from_costs_grouped_by_key() {
    let h = support::harness().await;
    let costs = support::demo_org(&h.keywarden)
        .key_costs(30)
        .await
        .expect("costs");
    assert_eq!(costs.days, 30);
    assert_eq!(costs.currency, "usd");
    assert!(!costs.by_key.is_empty(), "the demo keys have spend");
    assert!(costs.by_key.values().all(|v| *v > 0.0));

    let state = h.keywarden.demo().unwrap().server().state();
    let keys: Vec<_> = state
        .projects(true)
        .iter()
        .flat_map(|p| state.api_keys(&p.id))
        .collect();
    for id in costs.by_key.keys() {
        assert!(
            keys.iter().any(|k| &k.id == id),
            "{id} is a key of the organization"
        );
    }
    // A key whose key object says "never used" may still make requests the completions
    // figures do not show (the seed's embeddings-only key): only a key that made no request of
    // any kind costs nothing.
    let idle: Vec<String> = state
        .api_keys
        .iter()
        .filter(|k| k.key.last_used_at.is_none() && k.active_until.is_none())
        .map(|k| k.key.id.clone())
        .collect();
    assert!(!idle.is_empty(), "the demo has unused keys");
    for never_used in &idle {
        assert!(
            !costs.by_key.contains_key(never_used),
            "a key that made no request cost nothing"
        );
    }
    let requests = h.keywarden.demo().unwrap().server().requests();
    let call = requests
        .iter()
        .find(|r| r.path.ends_with("/organization/costs"))
        .unwrap();
    let query = call.query.clone().unwrap_or_default();
    assert!(
        query.contains("group_by") && query.contains("api_key_id"),
        "{query}"
    );
}

#[tokio::test]
async fn a_period_outside_one_to_180_days_is_refused_before_any_request() {
    let h = support::harness().await;
    let demo = support::demo_org(&h.keywarden);
    let before = h.keywarden.demo().unwrap().server().requests().len();
    for days in [0, 181, 10_000] {
        let error = demo.key_costs(days).await.unwrap_err();
        assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    }
    assert_eq!(
        h.keywarden.demo().unwrap().server().requests().len(),
        before
    );
}

#[tokio::test]
async fn spend_read_a_week_at_a_time_adds_up_to_the_whole_period_read_at_once() {
    let h = support::harness().await;
    let costs = support::demo_org(&h.keywarden)
        .key_costs(30)
        .await
        .expect("costs");

    let server = h.keywarden.demo().unwrap().server();
    let admin_key = SecretString::from(server.admin_key());
    let client = Client::new(&server.base_url(), admin_key, ClientOptions::default()).unwrap();
    let whole = CostsParams {
        start_time: Some(Utc::now() - Duration::days(30)),
        bucket_width: Some(BucketWidth::Day),
        group_by: vec![GroupBy::ApiKeyId],
        limit: Some(31),
        ..CostsParams::default()
    };
    let page = client.costs().list(&whole).await.unwrap();
    assert!(!page.has_more, "one page holds the whole period");
    let buckets = page.data;
    let mut expected = std::collections::BTreeMap::<String, f64>::new();
    for result in buckets.into_iter().flat_map(|bucket| bucket.results) {
        if let (Some(key), Some(amount)) = (result.api_key_id, result.amount) {
            *expected.entry(key.to_string()).or_default() += amount.value;
        }
    }
    assert_eq!(
        costs.by_key.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (key, value) in &expected {
        assert!((costs.by_key[key] - value).abs() < 1e-9, "{key}");
    }
}
