//! What keys did and cost, as the webview sees it: a usage read's summary, a key's usage per
//! kind and day with its spend, its audit timeline, and spend per project. Figures, names,
//! dates and event types only.

use app_core::org::{
    KeyInsight, KeyTimeline, KindSeries, SpendByProject, TimelineEvent, TimelineGap,
    UsageReadSummary,
};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// Something that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Unavailable")]
pub struct UnavailableDto {
    /// What, e.g. "Images" or "Spend per day".
    pub what: String,
    /// Why, and what to do.
    pub why: String,
}

fn unavailable(list: Vec<(String, String)>) -> Vec<UnavailableDto> {
    list.into_iter()
        .map(|(what, why)| UnavailableDto { what, why })
        .collect()
}

/// What one usage read found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "UsageRead")]
pub struct UsageReadDto {
    /// When it was read.
    pub read_at: DateTime<Utc>,
    /// How many days it covers.
    pub days: u32,
    /// How many keys made requests.
    pub keys_with_usage: usize,
    /// What could not be read.
    pub unavailable: Vec<UnavailableDto>,
    /// Results of an unknown kind, skipped.
    pub unknown_results: u64,
    /// Buckets repeated or out of the period, skipped.
    pub skipped_buckets: u64,
}

impl From<UsageReadSummary> for UsageReadDto {
    fn from(read: UsageReadSummary) -> Self {
        Self {
            read_at: read.read_at,
            days: read.days,
            keys_with_usage: read.keys_with_usage,
            unavailable: unavailable(read.unavailable),
            unknown_results: read.unknown_results,
            skipped_buckets: read.skipped_buckets,
        }
    }
}

/// One kind's daily figures for a key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KindSeries")]
pub struct KindSeriesDto {
    /// e.g. `embeddings`.
    pub kind: String,
    /// e.g. "Embeddings".
    pub label: String,
    /// e.g. `tokens`, `images`, `characters`, `seconds`, `calls`.
    pub unit: String,
    /// Requests per day, oldest first.
    pub requests: Vec<u64>,
    /// The kind's main figure per day.
    pub units: Vec<u64>,
    /// Output tokens per day (completions).
    pub units_out: Vec<u64>,
}

impl From<KindSeries> for KindSeriesDto {
    fn from(series: KindSeries) -> Self {
        Self {
            kind: series.kind.name().to_owned(),
            label: series.label.to_owned(),
            unit: series.unit.to_owned(),
            requests: series.requests,
            units: series.units,
            units_out: series.units_out,
        }
    }
}

/// A key's usage and spend over a period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeyInsight")]
pub struct KeyInsightDto {
    /// How many days.
    pub days: u32,
    /// The first day (UTC midnight).
    pub first_day: DateTime<Utc>,
    /// When usage was read; `null` when never.
    pub read_at: Option<DateTime<Utc>>,
    /// Each kind the key used.
    pub kinds: Vec<KindSeriesDto>,
    /// Spend per day, oldest first (empty when unknown).
    pub spend: Vec<f64>,
    /// What could not be read.
    pub unavailable: Vec<UnavailableDto>,
}

impl From<KeyInsight> for KeyInsightDto {
    fn from(insight: KeyInsight) -> Self {
        Self {
            days: insight.days,
            first_day: insight.first_day,
            read_at: insight.read_at,
            kinds: insight.kinds.into_iter().map(Into::into).collect(),
            spend: insight.spend,
            unavailable: unavailable(insight.unavailable),
        }
    }
}

/// One project's spend per day.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ProjectSpend")]
pub struct ProjectSpendDto {
    /// Project id.
    pub project_id: String,
    /// Its name.
    pub name: String,
    /// Spend per day, oldest first.
    pub daily: Vec<f64>,
    /// The sum.
    pub total: f64,
}

/// The organization's spend per project and day.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "SpendByProject")]
pub struct SpendByProjectDto {
    /// How many days.
    pub days: u32,
    /// The first day (UTC midnight).
    pub first_day: DateTime<Utc>,
    /// Projects that spent anything, largest first.
    pub projects: Vec<ProjectSpendDto>,
}

impl From<SpendByProject> for SpendByProjectDto {
    fn from(spend: SpendByProject) -> Self {
        Self {
            days: spend.days,
            first_day: spend.first_day,
            projects: spend
                .projects
                .into_iter()
                .map(|p| ProjectSpendDto {
                    project_id: p.project_id,
                    name: p.name,
                    daily: p.daily,
                    total: p.total,
                })
                .collect(),
        }
    }
}

/// One event of a key's audit timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "TimelineEvent")]
pub struct TimelineEventDto {
    /// e.g. `api_key.updated`.
    pub kind: String,
    /// When.
    pub at: DateTime<Utc>,
    /// About the owning service account rather than the key.
    pub about_service_account: bool,
    /// Who (email, user id or API key id).
    pub actor: Option<String>,
    /// `session` or `api_key`.
    pub actor_kind: Option<String>,
    /// From which IP address.
    pub ip_address: Option<String>,
    /// With which user agent.
    pub user_agent: Option<String>,
    /// The permissions set or asked for (`[]` = all).
    pub scopes: Option<Vec<String>>,
}

impl From<TimelineEvent> for TimelineEventDto {
    fn from(e: TimelineEvent) -> Self {
        Self {
            kind: e.kind,
            at: e.at,
            about_service_account: e.about_service_account,
            actor: e.actor,
            actor_kind: e.actor_kind,
            ip_address: e.ip_address,
            user_agent: e.user_agent,
            scopes: e.scopes,
        }
    }
}

/// Why a timeline could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase", tag = "reason")]
#[ts(rename = "TimelineGap")]
pub enum TimelineGapDto {
    /// Audit logging is off for the organization.
    LoggingOff {
        /// What to say.
        message: String,
    },
    /// The admin key may not read the audit log.
    NotPermitted {
        /// What to say.
        message: String,
    },
    /// Reading failed otherwise.
    Failed {
        /// What to say.
        message: String,
    },
}

/// A key's audit timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeyTimeline")]
pub struct KeyTimelineDto {
    /// Newest first.
    pub events: Vec<TimelineEventDto>,
    /// Set when the log could not be read.
    pub gap: Option<TimelineGapDto>,
    /// More events exist than are shown.
    pub truncated: bool,
}

impl From<KeyTimeline> for KeyTimelineDto {
    fn from(timeline: KeyTimeline) -> Self {
        Self {
            events: timeline.events.into_iter().map(Into::into).collect(),
            gap: timeline.gap.map(|gap| match gap {
                TimelineGap::LoggingOff(message) => TimelineGapDto::LoggingOff { message },
                TimelineGap::NotPermitted(message) => TimelineGapDto::NotPermitted { message },
                TimelineGap::Failed(message) => TimelineGapDto::Failed { message },
            }),
            truncated: timeline.truncated,
        }
    }
}
