//! The hygiene view on the wire: its rules (also filters of the keys table), the day counts that
//! tune them, and one organization's findings.

use app_core::hygiene::{HygieneRule, HygieneThresholds};
use app_core::org::HygieneReport;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A hygiene finding (also a filter of the keys table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "HygieneRule")]
pub enum HygieneRuleDto {
    /// Never used and older than the threshold.
    NeverUsed,
    /// Not used for longer than the threshold.
    Idle,
    /// Expiring within the threshold.
    Expiring,
    /// Expired.
    Expired,
    /// The owner lost access to the project.
    OwnerLostAccess,
    /// No expiry.
    NeverExpires,
    /// A service-account key with all permissions, or none recorded.
    UnrestrictedServiceAccount,
}

impl From<HygieneRuleDto> for HygieneRule {
    fn from(dto: HygieneRuleDto) -> Self {
        match dto {
            HygieneRuleDto::NeverUsed => HygieneRule::NeverUsed,
            HygieneRuleDto::Idle => HygieneRule::Idle,
            HygieneRuleDto::Expiring => HygieneRule::Expiring,
            HygieneRuleDto::Expired => HygieneRule::Expired,
            HygieneRuleDto::OwnerLostAccess => HygieneRule::OwnerLostAccess,
            HygieneRuleDto::NeverExpires => HygieneRule::NeverExpires,
            HygieneRuleDto::UnrestrictedServiceAccount => HygieneRule::UnrestrictedServiceAccount,
        }
    }
}

impl From<HygieneRule> for HygieneRuleDto {
    fn from(rule: HygieneRule) -> Self {
        match rule {
            HygieneRule::NeverUsed => HygieneRuleDto::NeverUsed,
            HygieneRule::Idle => HygieneRuleDto::Idle,
            HygieneRule::Expiring => HygieneRuleDto::Expiring,
            HygieneRule::Expired => HygieneRuleDto::Expired,
            HygieneRule::OwnerLostAccess => HygieneRuleDto::OwnerLostAccess,
            HygieneRule::NeverExpires => HygieneRuleDto::NeverExpires,
            HygieneRule::UnrestrictedServiceAccount => HygieneRuleDto::UnrestrictedServiceAccount,
        }
    }
}

/// The hygiene rules' day counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "HygieneThresholds")]
pub struct HygieneThresholdsDto {
    /// A never-used key older than this many days is a finding.
    pub never_used_days: u32,
    /// A key unused for this many days is idle.
    pub idle_days: u32,
    /// A key expiring within this many days is a finding.
    pub expiring_days: u32,
}

impl From<HygieneThresholdsDto> for HygieneThresholds {
    fn from(dto: HygieneThresholdsDto) -> Self {
        HygieneThresholds {
            never_used_days: dto.never_used_days,
            idle_days: dto.idle_days,
            expiring_days: dto.expiring_days,
        }
    }
}

impl From<HygieneThresholds> for HygieneThresholdsDto {
    fn from(t: HygieneThresholds) -> Self {
        HygieneThresholdsDto {
            never_used_days: t.never_used_days,
            idle_days: t.idle_days,
            expiring_days: t.expiring_days,
        }
    }
}

/// How many keys one rule finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "HygieneFinding")]
pub struct HygieneFindingDto {
    /// The rule.
    pub rule: HygieneRuleDto,
    /// Whether it counts toward the sidebar's badge.
    pub urgent: bool,
    /// How many keys it finds.
    pub count: u64,
}

/// The hygiene view of one organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "HygieneReport")]
pub struct HygieneReportDto {
    /// Every rule with its count, in the order to show them.
    pub findings: Vec<HygieneFindingDto>,
    /// Keys meeting at least one urgent rule (the sidebar's badge).
    pub needing_attention: u64,
    /// Every cached key.
    pub total_keys: u64,
    /// The day counts used.
    pub thresholds: HygieneThresholdsDto,
}

impl From<HygieneReport> for HygieneReportDto {
    fn from(report: HygieneReport) -> Self {
        HygieneReportDto {
            findings: report
                .findings
                .into_iter()
                .map(|(rule, count)| HygieneFindingDto {
                    rule: rule.into(),
                    urgent: rule.is_urgent(),
                    count,
                })
                .collect(),
            needing_attention: report.needing_attention,
            total_keys: report.total_keys,
            thresholds: report.thresholds.into(),
        }
    }
}
