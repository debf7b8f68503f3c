//! Costs price every kind of usage a key produces, per unit, by key and by line item.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use common::{keys_with_models, rows, start, NOW};
use fake_admin_api::seed::EMBEDDINGS_INDEXER;

const DAY: i64 = 86_400;

#[tokio::test]
async fn costs_price_every_kind_a_key_produces() {
    let fake = start().await;
    let models = [
        "gpt-image-1",
        "tts-1-hd",
        "whisper-1",
        "omni-moderation-latest",
    ];
    let ids = keys_with_models(&fake.server, &models);
    let expected = [
        ("gpt-image-1, images", Some("images")),
        ("tts-1-hd, characters", Some("characters")),
        ("whisper-1, audio", Some("duration_seconds")),
        ("omni-moderation-latest, input", Some("tokens")),
    ];
    for (id, (line_item, unit)) in ids.iter().zip(expected) {
        let page = fake
            .get_ok(&format!(
                "/organization/costs?start_time={}&group_by[]=api_key_id&group_by[]=line_item&\
                 api_key_ids[]={id}",
                NOW - 6 * DAY
            ))
            .await;
        let rows = rows(&page);
        assert!(!rows.is_empty(), "{line_item}");
        for row in &rows {
            assert_eq!(row["line_item"], line_item);
            assert_eq!(row["quantity_unit"].as_str(), unit);
            let amount = row["amount"]["value"].as_f64().unwrap();
            let free = line_item.starts_with("omni-moderation");
            assert!(if free { amount == 0.0 } else { amount > 0.0 }, "{row}");
        }
    }
    let all = fake
        .get_ok(&format!(
            "/organization/costs?start_time={}&group_by[]=line_item&limit=31",
            NOW - 30 * DAY
        ))
        .await;
    let items: BTreeSet<String> = rows(&all)
        .iter()
        .map(|r| r["line_item"].as_str().unwrap().to_owned())
        .collect();
    for item in ["web search tool calls", "file search tool calls"] {
        assert!(
            items.contains(item),
            "chat keys that search are billed: {items:?}"
        );
    }
}

#[tokio::test]
async fn the_indexers_spend_shows_in_costs_by_key() {
    let fake = start().await;
    let id = fake
        .server
        .state()
        .api_keys
        .into_iter()
        .find(|k| k.key.name == EMBEDDINGS_INDEXER)
        .unwrap()
        .key
        .id;
    let page = fake
        .get_ok(&format!(
            "/organization/costs?start_time={}&group_by[]=api_key_id&group_by[]=line_item",
            NOW - 6 * DAY
        ))
        .await;
    let mine: Vec<_> = rows(&page)
        .into_iter()
        .filter(|r| r["api_key_id"] == id.as_str())
        .collect();
    assert!(!mine.is_empty());
    for row in mine {
        assert_eq!(row["line_item"], "text-embedding-3-small, input");
        assert_eq!(row["quantity_unit"], "tokens");
        assert!(row["amount"]["value"].as_f64().unwrap() > 0.0);
    }
}
