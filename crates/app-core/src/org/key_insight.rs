//! What one key did, from the last usage read: requests and units of each kind per day, and
//! spend per day; and what the organization spent per project per day, from the last refresh.

use chrono::{DateTime, Utc};
use openai_admin::UsageKind;

use super::Org;
use crate::key_usage::{day_start, unit_of, DAY_MICROS, USAGE_PERIODS};
use crate::Error;

/// One kind's daily figures for a key.
#[derive(Debug, Clone, PartialEq)]
pub struct KindSeries {
    /// The kind.
    pub kind: UsageKind,
    /// What a person calls it.
    pub label: &'static str,
    /// The unit of `units` (and `units_out`).
    pub unit: &'static str,
    /// Requests per day, oldest first.
    pub requests: Vec<u64>,
    /// The kind's main figure per day (input tokens, images, characters, seconds, calls).
    pub units: Vec<u64>,
    /// Output tokens per day (completions; zeros otherwise).
    pub units_out: Vec<u64>,
}

/// A key's usage and spend over a period.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyInsight {
    /// How many days.
    pub days: u32,
    /// The first day (UTC midnight).
    pub first_day: DateTime<Utc>,
    /// When the usage was read; `None` when it never was (everything else is empty).
    pub read_at: Option<DateTime<Utc>>,
    /// Each kind the key used, in the API's order.
    pub kinds: Vec<KindSeries>,
    /// Spend per day, oldest first (empty when spend could not be read).
    pub spend: Vec<f64>,
    /// What could not be read, with why.
    pub unavailable: Vec<(String, String)>,
}

/// A project's spend over a period.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectSpend {
    /// The project id.
    pub project_id: String,
    /// Its name (its id when the cache does not hold it).
    pub name: String,
    /// Spend per day, oldest first.
    pub daily: Vec<f64>,
    /// The sum.
    pub total: f64,
}

/// The organization's spend per project per day.
#[derive(Debug, Clone, PartialEq)]
pub struct SpendByProject {
    /// How many days.
    pub days: u32,
    /// The first day (UTC midnight).
    pub first_day: DateTime<Utc>,
    /// Projects that spent anything, largest total first.
    pub projects: Vec<ProjectSpend>,
}

/// How many entries a spend chart has at most (the last sums the remaining projects).
pub const CHART_PROJECTS: usize = 8;

/// Checks a period the window asks for.
pub(super) fn check_days(days: u32) -> Result<(), Error> {
    if USAGE_PERIODS.contains(&days) {
        return Ok(());
    }
    Err(Error::InvalidInput(format!(
        "choose a usage period of {} or {} days",
        USAGE_PERIODS[0], USAGE_PERIODS[1]
    )))
}

fn slot(day: i64, first_day: i64, days: u32) -> Option<usize> {
    let index = usize::try_from((day - first_day).div_euclid(DAY_MICROS)).ok()?;
    (index < days as usize).then_some(index)
}

impl Org {
    /// `key_id`'s usage of each kind and its spend per day over the last `days` (7 or 30) days
    /// of the last usage read.
    pub async fn key_insight(&self, key_id: &str, days: u32) -> Result<KeyInsight, Error> {
        check_days(days)?;
        let key = key_id.to_owned();
        let (state, rows) = self
            .inventory()
            .query(move |store| {
                let state = store.usage_state()?;
                let last_day = state.as_ref().map_or(0, |s| day_start(s.read_at));
                let first_day = last_day - DAY_MICROS * i64::from(days - 1);
                Ok((state, store.key_usage(&key, first_day)?))
            })
            .await?;
        let Some(state) = state else {
            return Ok(KeyInsight {
                days,
                first_day: DateTime::from_timestamp_micros(day_start(Utc::now()))
                    .unwrap_or_default(),
                read_at: None,
                kinds: Vec::new(),
                spend: Vec::new(),
                unavailable: Vec::new(),
            });
        };
        let first_day = day_start(state.read_at) - DAY_MICROS * i64::from(days - 1);
        let mut kinds: Vec<KindSeries> = Vec::new();
        for row in rows.usage {
            let Some(index) = slot(row.day, first_day, days) else {
                continue;
            };
            let series = match kinds.iter_mut().position(|k| k.kind == row.kind) {
                Some(at) => &mut kinds[at],
                None => {
                    let unit = unit_of(row.kind);
                    kinds.push(KindSeries {
                        kind: row.kind,
                        label: unit.label,
                        unit: unit.unit,
                        requests: vec![0; days as usize],
                        units: vec![0; days as usize],
                        units_out: vec![0; days as usize],
                    });
                    let last = kinds.len() - 1;
                    &mut kinds[last]
                }
            };
            series.requests[index] = series.requests[index].saturating_add(row.requests);
            series.units[index] = series.units[index].saturating_add(row.units);
            series.units_out[index] = series.units_out[index].saturating_add(row.units_out);
        }
        kinds.sort_by_key(|k| k.kind);
        let mut spend = vec![0.0; days as usize];
        for (day, usd) in rows.spend {
            if let Some(index) = slot(day, first_day, days) {
                spend[index] += usd;
            }
        }
        Ok(KeyInsight {
            days,
            first_day: DateTime::from_timestamp_micros(first_day).unwrap_or_default(),
            read_at: Some(state.read_at),
            kinds,
            spend,
            unavailable: state
                .unavailable
                .into_iter()
                .map(|(kind, why)| (unit_of(kind).label.to_owned(), why))
                .collect(),
        })
    }

    /// The organization's spend per project per day over the last `days` (7 or 30) days, from
    /// the last refresh (empty before the first): the [`CHART_PROJECTS`] projects that spent
    /// most, then the rest summed as one entry with an empty id. With `only`, that project alone.
    pub async fn spend_by_project(
        &self,
        days: u32,
        only: Option<&str>,
    ) -> Result<SpendByProject, Error> {
        check_days(days)?;
        let first_day = day_start(Utc::now()) - DAY_MICROS * i64::from(days - 1);
        let rows = self
            .inventory()
            .query(move |store| store.project_spend(first_day))
            .await?;
        let mut projects: Vec<ProjectSpend> = Vec::new();
        for row in rows {
            let Some(index) = slot(row.day, first_day, days) else {
                continue;
            };
            if only.is_some_and(|id| id != row.project_id) {
                continue;
            }
            let at = match projects.iter().position(|p| p.project_id == row.project_id) {
                Some(at) => at,
                None => {
                    projects.push(ProjectSpend {
                        project_id: row.project_id.clone(),
                        name: row.name.clone(),
                        daily: vec![0.0; days as usize],
                        total: 0.0,
                    });
                    projects.len() - 1
                }
            };
            projects[at].daily[index] += row.usd;
            projects[at].total += row.usd;
        }
        projects.retain(|p| p.total > 0.0);
        projects.sort_by(|a, b| {
            b.total
                .total_cmp(&a.total)
                .then(a.project_id.cmp(&b.project_id))
        });
        if projects.len() > CHART_PROJECTS {
            let rest = projects.split_off(CHART_PROJECTS - 1);
            let mut other = ProjectSpend {
                project_id: String::new(),
                name: format!("{} other projects", rest.len()),
                daily: vec![0.0; days as usize],
                total: 0.0,
            };
            for project in rest {
                for (day, usd) in project.daily.iter().enumerate() {
                    other.daily[day] += usd;
                }
                other.total += project.total;
            }
            projects.push(other);
        }
        Ok(SpendByProject {
            days,
            first_day: DateTime::from_timestamp_micros(first_day).unwrap_or_default(),
            projects,
        })
    }
}
