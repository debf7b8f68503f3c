//! When a key has usage: from its creation to its last request (`active_until`, else
//! `last_used_at`), which `use_key` moves to now; and the seeded `embeddings-indexer`, whose key
//! object says it was never used while it works every day.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{rows, start, NOW};
use fake_admin_api::seed::{EMBEDDINGS_INDEXER, EMBEDDINGS_INDEXER_MODEL};
use serde_json::json;

const DAY: i64 = 86_400;

fn today() -> i64 {
    NOW - NOW.rem_euclid(DAY)
}

#[tokio::test]
async fn use_key_makes_a_new_keys_usage_appear_in_todays_bucket() {
    let fake = start().await;
    let pid = fake.first_project();
    let created = fake
        .post_ok(
            &format!("/organization/projects/{pid}/service_accounts"),
            json!({"name": "fresh"}),
        )
        .await;
    let id = created["api_key"]["id"].as_str().unwrap().to_owned();
    let path = format!(
        "/organization/usage/completions?start_time={}&group_by[]=api_key_id&api_key_ids[]={id}",
        today()
    );
    assert!(rows(&fake.get_ok(&path).await).is_empty(), "never used");
    assert!(fake.server.use_key(&id));
    assert!(!fake.server.use_key("key_missing"));
    let page = fake.get_ok(&path).await;
    assert_eq!(page["data"].as_array().unwrap().len(), 1);
    assert_eq!(page["data"][0]["start_time"], today());
    let rows = rows(&page);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["api_key_id"], id.as_str());
    assert!(rows[0]["num_model_requests"].as_u64().unwrap() >= 1);
    assert!(rows[0]["input_tokens"].as_u64().unwrap() > 0);
    let key = fake
        .get_ok(&format!("/organization/projects/{pid}/api_keys/{id}"))
        .await;
    let now = fake.server.state().clock();
    assert_eq!(key["last_used_at"], now);
    let stored = fake
        .server
        .state()
        .api_keys
        .into_iter()
        .find(|k| k.key.id == id);
    assert_eq!(stored.unwrap().active_until, Some(now));
}

#[tokio::test]
async fn a_later_request_extends_usage_to_the_new_day() {
    let fake = start().await;
    let id = fake.server.state().api_keys[0].key.id.clone();
    fake.server.use_key(&id);
    fake.server.advance_clock(2 * DAY);
    let path = format!(
        "/organization/usage/completions?start_time={}&group_by[]=api_key_id&api_key_ids[]={id}",
        today() + DAY
    );
    let idle = fake.get_ok(&path).await;
    assert_eq!(idle["data"].as_array().unwrap().len(), 2);
    assert!(rows(&idle).is_empty(), "no request since the first use");
    fake.server.use_key(&id);
    let busy = fake.get_ok(&path).await;
    let last = &busy["data"][1];
    assert_eq!(last["start_time"], today() + 2 * DAY);
    assert_eq!(last["results"][0]["api_key_id"], id.as_str());
}

#[tokio::test]
async fn the_seeded_embeddings_indexer_was_never_used_yet_embeds_every_day() {
    let fake = start().await;
    let pid = fake.first_project();
    let state = fake.server.state();
    let stored = state
        .api_keys
        .iter()
        .find(|k| k.key.name == EMBEDDINGS_INDEXER)
        .unwrap();
    let key = &stored.key;
    assert_eq!(stored.project_id, pid);
    assert_eq!(stored.model, EMBEDDINGS_INDEXER_MODEL);
    assert_eq!(stored.active_until, Some(NOW));
    assert_eq!((key.last_used_at, key.expires_at), (None, None));
    assert_eq!(key.created_at, NOW - 60 * DAY);
    let owner = key.owner.service_account.as_ref().unwrap();
    assert_eq!(key.owner.kind, "service_account");
    assert_eq!(owner.name, EMBEDDINGS_INDEXER);
    let owned: Vec<_> = state
        .api_keys
        .iter()
        .filter(|k| {
            k.key
                .owner
                .service_account
                .as_ref()
                .is_some_and(|o| o.id == owner.id)
        })
        .collect();
    assert_eq!(owned.len(), 1, "the account is its own");

    let listed = fake
        .get_ok(&format!("/organization/projects/{pid}/api_keys/{}", key.id))
        .await;
    assert_eq!(listed["name"], EMBEDDINGS_INDEXER);
    assert!(listed["last_used_at"].is_null());

    let usage = |kind: &str| {
        format!(
            "/organization/usage/{kind}?start_time={}&limit=31&group_by[]=api_key_id&\
             group_by[]=model&api_key_ids[]={}",
            NOW - 30 * DAY,
            key.id
        )
    };
    let page = fake.get_ok(&usage("embeddings")).await;
    let buckets = page["data"].as_array().unwrap();
    assert_eq!(buckets.len(), 31);
    let busy = buckets
        .iter()
        .filter(|b| !b["results"].as_array().unwrap().is_empty())
        .count();
    assert!(busy >= 20, "busy on most days: {busy}");
    let today_rows = buckets[30]["results"].as_array().unwrap();
    assert_eq!(today_rows[0]["model"], EMBEDDINGS_INDEXER_MODEL);
    assert!(today_rows[0]["input_tokens"].as_u64().unwrap() > 0);
    for kind in ["completions", "moderations", "web_search_calls"] {
        assert!(rows(&fake.get_ok(&usage(kind)).await).is_empty(), "{kind}");
    }

    let events = fake
        .get_ok(&format!(
            "/organization/audit_logs?resource_ids[]={}",
            key.id
        ))
        .await;
    assert_eq!(events["data"][0]["type"], "api_key.created");
    assert_eq!(events["data"][0]["effective_at"], NOW - 60 * DAY);
    let account = fake
        .get_ok(&format!(
            "/organization/audit_logs?resource_ids[]={}",
            owner.id
        ))
        .await;
    assert_eq!(account["data"][0]["type"], "service_account.created");
}
