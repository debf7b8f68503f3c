//! Deterministic synthetic usage and costs per key.
//!
//! Numbers depend only on the seed, the key id and the bucket, so repeated queries (and pages of
//! one query) always agree, and a key that was never used never has usage.

use std::collections::BTreeMap;

use crate::model::{CompletionsResult, CostAmount, CostsResult, UsageResult};
use crate::prng::{hash_str, mix};
use crate::state::{State, StoredApiKey};

/// Which endpoint is being answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsageKind {
    /// `/organization/usage/completions`.
    Completions,
    /// `/organization/costs`.
    Costs,
}

/// Filters and grouping of one usage query.
#[derive(Debug, Clone, Default)]
pub struct UsageFilter {
    /// `group_by` fields, validated.
    pub group_by: Vec<String>,
    /// `project_ids`.
    pub project_ids: Vec<String>,
    /// `api_key_ids`.
    pub api_key_ids: Vec<String>,
    /// `user_ids` (completions).
    pub user_ids: Vec<String>,
    /// `models` (completions).
    pub models: Vec<String>,
    /// `batch` (completions); every synthetic request is non-batch.
    pub batch: Option<bool>,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    requests: u64,
    input: u64,
    output: u64,
}

/// One key's token usage in `[start, start + width)`.
fn key_usage(seed: u64, key: &StoredApiKey, start: i64, width: i64) -> Tally {
    let Some(last_used) = key.key.last_used_at else {
        return Tally::default();
    };
    if start + width <= key.key.created_at || start > last_used {
        return Tally::default();
    }
    let h = mix(seed ^ hash_str(&key.key.id) ^ (start as u64).rotate_left(17));
    if h % 5 == 4 {
        return Tally::default();
    }
    let requests = (h % 400 + 1) * width as u64 / 86_400;
    Tally {
        requests,
        input: requests * (300 + (h >> 8) % 1_500),
        output: requests * (50 + (h >> 24) % 400),
    }
}

/// Price in USD per million (input, output) tokens.
fn price(model: &str) -> (f64, f64) {
    match model {
        m if m.starts_with("gpt-4o-mini") => (0.15, 0.60),
        m if m.starts_with("gpt-4.1") => (2.0, 8.0),
        m if m.starts_with("gpt-4o") => (2.5, 10.0),
        _ => (1.1, 4.4),
    }
}

fn owner_user_id(key: &StoredApiKey) -> Option<String> {
    key.key.owner.user.as_ref().map(|u| u.id.clone())
}

fn selected(filter: &UsageFilter, key: &StoredApiKey) -> bool {
    let any = |list: &[String], value: Option<&str>| {
        list.is_empty() || value.is_some_and(|v| list.iter().any(|x| x == v))
    };
    any(&filter.project_ids, Some(&key.project_id))
        && any(&filter.api_key_ids, Some(&key.key.id))
        && any(&filter.user_ids, owner_user_id(key).as_deref())
        && any(&filter.models, Some(&key.model))
        && filter.batch != Some(true)
}

/// The result rows of one bucket.
pub fn bucket_results(
    state: &State,
    kind: UsageKind,
    filter: &UsageFilter,
    start: i64,
    width: i64,
) -> Vec<UsageResult> {
    let grouped = |field: &str| filter.group_by.iter().any(|g| g == field);
    let mut rows: BTreeMap<Vec<Option<String>>, (Tally, f64)> = BTreeMap::new();
    for key in state.api_keys.iter().filter(|k| selected(filter, k)) {
        let tally = key_usage(state.seed, key, start, width);
        let (input_price, output_price) = price(&key.model);
        let line_items: Vec<(Option<String>, Tally, f64)> =
            if kind == UsageKind::Costs && grouped("line_item") {
                let short = key.model.split('-').take(2).collect::<Vec<_>>().join("-");
                vec![
                    (
                        Some(format!("{short}, input")),
                        Tally { output: 0, ..tally },
                        tally.input as f64 * input_price / 1e6,
                    ),
                    (
                        Some(format!("{short}, output")),
                        Tally { input: 0, ..tally },
                        tally.output as f64 * output_price / 1e6,
                    ),
                ]
            } else {
                let cost =
                    (tally.input as f64 * input_price + tally.output as f64 * output_price) / 1e6;
                vec![(None, tally, cost)]
            };
        for (line_item, tally, cost) in line_items {
            if tally.requests == 0 && !filter.group_by.is_empty() {
                continue;
            }
            let pick = |field: &str, value: Option<String>| value.filter(|_| grouped(field));
            let group = vec![
                pick("project_id", Some(key.project_id.clone())),
                pick("api_key_id", Some(key.key.id.clone())),
                pick("user_id", owner_user_id(key)),
                pick("model", Some(key.model.clone())),
                line_item,
            ];
            let entry = rows.entry(group).or_default();
            entry.0.requests += tally.requests;
            entry.0.input += tally.input;
            entry.0.output += tally.output;
            entry.1 += cost;
        }
    }
    if filter.group_by.is_empty() && rows.is_empty() {
        rows.insert(vec![None; 5], (Tally::default(), 0.0));
    }
    rows.into_iter()
        .map(|(group, (tally, cost))| match kind {
            UsageKind::Completions => UsageResult::Completions(CompletionsResult {
                object: "organization.usage.completions.result".to_owned(),
                input_tokens: tally.input,
                input_cached_tokens: tally.input / 4,
                output_tokens: tally.output,
                num_model_requests: tally.requests,
                project_id: group[0].clone(),
                api_key_id: group[1].clone(),
                user_id: group[2].clone(),
                model: group[3].clone(),
                batch: grouped("batch").then_some(false),
                service_tier: grouped("service_tier").then(|| "default".to_owned()),
            }),
            UsageKind::Costs => UsageResult::Costs(CostsResult {
                object: "organization.costs.result".to_owned(),
                amount: CostAmount {
                    value: (cost * 1e6).round() / 1e6,
                    currency: "usd".to_owned(),
                },
                quantity: group[4]
                    .as_ref()
                    .map(|_| (tally.input + tally.output) as f64),
                quantity_unit: group[4].as_ref().map(|_| "tokens".to_owned()),
                line_item: group[4].clone(),
                project_id: group[0].clone(),
                api_key_id: group[1].clone(),
            }),
        })
        .collect()
}
