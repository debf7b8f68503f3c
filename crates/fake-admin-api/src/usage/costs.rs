//! Costs: every kind a key produces, priced per unit, summed per row or split by line item.

use std::collections::BTreeMap;

use super::dimensions::Report;
use super::filter::UsageFilter;
use super::kinds::{kinds_of, units, Units, UsageKind};
use crate::model::{CostAmount, CostsResult, UsageResult};
use crate::state::State;

/// One priced line of a key's usage of one kind.
struct LineItem {
    name: String,
    quantity: u64,
    /// `None` when no supported unit applies (tool calls).
    unit: Option<&'static str>,
    usd: f64,
}

/// Price in USD per million (input, output) tokens of a chat model.
fn token_price(model: &str) -> (f64, f64) {
    match model {
        m if m.starts_with("gpt-4o-mini") => (0.15, 0.60),
        m if m.starts_with("gpt-4.1") => (2.0, 8.0),
        m if m.starts_with("gpt-4o") => (2.5, 10.0),
        _ => (1.1, 4.4),
    }
}

/// The priced lines of `units` of `kind` by `model`. Moderations are free, as they are for real.
fn line_items(kind: UsageKind, model: &str, units: &Units) -> Vec<LineItem> {
    let item =
        |name: String, quantity: u64, unit: Option<&'static str>, usd_per_unit: f64| LineItem {
            name,
            quantity,
            unit,
            usd: quantity as f64 * usd_per_unit,
        };
    let of_model = |suffix: &str| format!("{model}, {suffix}");
    let tokens = Some("tokens");
    match kind {
        UsageKind::Completions => {
            let short = model.split('-').take(2).collect::<Vec<_>>().join("-");
            let (input, output) = token_price(model);
            vec![
                item(
                    format!("{short}, input"),
                    units.input_tokens,
                    tokens,
                    input / 1e6,
                ),
                item(
                    format!("{short}, output"),
                    units.output_tokens,
                    tokens,
                    output / 1e6,
                ),
            ]
        }
        UsageKind::Embeddings => {
            let per_million = if model.contains("large") { 0.13 } else { 0.02 };
            vec![item(
                of_model("input"),
                units.input_tokens,
                tokens,
                per_million / 1e6,
            )]
        }
        UsageKind::Moderations => vec![item(of_model("input"), units.input_tokens, tokens, 0.0)],
        UsageKind::Images => vec![item(of_model("images"), units.images, Some("images"), 0.04)],
        UsageKind::AudioSpeeches => {
            let per_million = if model.ends_with("-hd") { 30.0 } else { 15.0 };
            let unit = Some("characters");
            vec![item(
                of_model("characters"),
                units.characters,
                unit,
                per_million / 1e6,
            )]
        }
        UsageKind::AudioTranscriptions => {
            let unit = Some("duration_seconds");
            vec![item(of_model("audio"), units.seconds, unit, 0.006 / 60.0)]
        }
        UsageKind::FileSearchCalls => {
            vec![item(
                "file search tool calls".into(),
                units.calls,
                None,
                2.5 / 1e3,
            )]
        }
        UsageKind::WebSearchCalls => {
            vec![item(
                "web search tool calls".into(),
                units.calls,
                None,
                10.0 / 1e3,
            )]
        }
    }
}

#[derive(Default)]
struct Row {
    usd: f64,
    quantity: u64,
    unit: Option<&'static str>,
}

/// The costs rows of one bucket.
pub(super) fn rows(
    state: &State,
    filter: &UsageFilter,
    start: i64,
    width: i64,
) -> Vec<UsageResult> {
    let by_line = filter.grouped("line_item");
    let line_slot = Report::Costs.groups().len() - 1;
    let mut rows: BTreeMap<Vec<Option<String>>, Row> = BTreeMap::new();
    for key in state
        .api_keys
        .iter()
        .filter(|k| filter.selects(state.seed, k))
    {
        let mut group = filter.group_of(Report::Costs, state.seed, key);
        for kind in kinds_of(state.seed, key) {
            let units = units(state.seed, key, kind, start, width);
            if units.requests == 0 {
                continue;
            }
            for item in line_items(kind, &key.model, &units) {
                group[line_slot] = by_line.then_some(item.name);
                let row = rows.entry(group.clone()).or_default();
                row.usd += item.usd;
                row.quantity += item.quantity;
                row.unit = item.unit;
            }
        }
    }
    if !filter.is_grouped() && rows.is_empty() {
        rows.insert(vec![None; line_slot + 1], Row::default());
    }
    rows.into_iter()
        .map(|(group, row)| {
            let line_item = group[line_slot].clone();
            UsageResult::Costs(CostsResult {
                object: "organization.costs.result".to_owned(),
                amount: CostAmount {
                    value: (row.usd * 1e6).round() / 1e6,
                    currency: "usd".to_owned(),
                },
                quantity: line_item.as_ref().map(|_| row.quantity as f64),
                quantity_unit: line_item.as_ref().and(row.unit).map(str::to_owned),
                line_item,
                project_id: group[0].clone(),
                api_key_id: group[1].clone(),
            })
        })
        .collect()
}
