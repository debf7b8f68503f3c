//! The hygiene counts are the keys table's filters, with thresholds that are kept.

use super::*;

/// What each rule should find among `keys` (the fake's keys that are cached), computed from
/// the fake's own data, and how many keys meet at least one urgent rule.
fn expected_findings(
    server: &FakeServer,
    keys: &HashSet<String>,
    thresholds: &HygieneThresholds,
    now: DateTime<Utc>,
) -> (Vec<(HygieneRule, u64)>, u64) {
    let now = now.timestamp();
    let days = |d: u32| i64::from(d) * DAY;
    let state = server.state();
    let cached: Vec<_> = state
        .api_keys
        .iter()
        .filter(|k| keys.contains(&k.key.id))
        .collect();
    let meets = |rule: HygieneRule, k: &fake_admin_api::state::StoredApiKey| {
        let key = &k.key;
        match rule {
            HygieneRule::Expired => key.expires_at.is_some_and(|t| t <= now),
            HygieneRule::Expiring => key
                .expires_at
                .is_some_and(|t| t > now && t <= now + days(thresholds.expiring_days)),
            HygieneRule::OwnerLostAccess => key.owner_project_access == "inactive",
            HygieneRule::NeverUsed => {
                key.last_used_at.is_none()
                    && key.created_at <= now - days(thresholds.never_used_days)
            }
            HygieneRule::Idle => key
                .last_used_at
                .is_some_and(|t| t <= now - days(thresholds.idle_days)),
            HygieneRule::NeverExpires => key.expires_at.is_none(),
            HygieneRule::UnrestrictedServiceAccount => {
                key.owner.kind == "service_account" && k.scopes.is_empty()
            }
        }
    };
    let findings = HygieneRule::ALL
        .iter()
        .map(|&rule| {
            let n = cached.iter().filter(|k| meets(rule, k)).count();
            (rule, n as u64)
        })
        .collect();
    let urgent = cached
        .iter()
        .filter(|k| {
            HygieneRule::ALL
                .iter()
                .any(|&rule| rule.is_urgent() && meets(rule, k))
        })
        .count();
    (findings, urgent as u64)
}

/// Checks that every count of the report is what the keys table's filter of that rule totals.
async fn assert_counts_match_the_filters(org: &Org, findings: &[(HygieneRule, u64)]) {
    for &(rule, count) in findings {
        let query = KeyQuery {
            filter: Some(org.hygiene_filter(rule)),
            limit: 400,
            ..KeyQuery::default()
        };
        let page = org.query_keys(query).await.unwrap();
        assert_eq!(
            page.total, count,
            "{rule:?}: the filter and the count agree"
        );
        assert_eq!(page.rows.len() as u64, count, "{rule:?}");
    }
}

#[tokio::test]
async fn each_hygiene_count_is_what_the_keys_tables_filter_of_that_rule_finds() {
    let (_h, server, acme, project) = acme_on(4, 6).await;
    // An unrestricted service-account key and one expiring in three days, made by Keywarden.
    let default = KeyPolicy::default();
    create(&acme, &project, "unrestricted", &default, "req-all").await;
    let soon = policy(Permissions::ReadOnly, Expiry::Days(3));
    create(&acme, &project, "expiring", &soon, "req-soon").await;
    let rows = cached_rows(&acme).await;
    let ids: HashSet<String> = rows.iter().map(|r| r.id.clone()).collect();

    let now = Utc::now();
    let report = acme.hygiene(now).await.unwrap();

    assert_eq!(report.thresholds, HygieneThresholds::default());
    assert_eq!(report.total_keys, rows.len() as u64);
    let rules: Vec<_> = report.findings.iter().map(|(rule, _)| *rule).collect();
    assert_eq!(rules, HygieneRule::ALL);
    let count = |rule| report.findings.iter().find(|(r, _)| *r == rule).unwrap().1;
    assert!(count(HygieneRule::Expired) >= 1, "{report:?}");
    assert!(count(HygieneRule::NeverUsed) >= 1, "{report:?}");
    assert!(count(HygieneRule::Expiring) >= 1, "{report:?}");
    assert!(
        count(HygieneRule::UnrestrictedServiceAccount) >= 1,
        "{report:?}"
    );
    let (expected, urgent) = expected_findings(&server, &ids, &HygieneThresholds::default(), now);
    assert_eq!(
        report.findings, expected,
        "the counts match the fake's keys"
    );
    assert_eq!(report.needing_attention, urgent);
    assert_counts_match_the_filters(&acme, &report.findings).await;
}

#[tokio::test]
async fn thresholds_outside_one_day_to_ten_years_change_nothing_and_a_valid_change_is_saved_and_used(
) {
    let h = support::harness().await;
    let server = remote(3, 6).await;
    let acme_id = acme(&h, &server).await.id().clone();
    let defaults = HygieneThresholds::default();
    let saved_before = h.config_text();

    let bad = [
        (
            HygieneThresholds {
                never_used_days: 0,
                ..defaults
            },
            "“never used” threshold",
        ),
        (
            HygieneThresholds {
                idle_days: 3651,
                ..defaults
            },
            "“idle” threshold",
        ),
        (
            HygieneThresholds {
                expiring_days: 0,
                ..defaults
            },
            "“expiring” threshold",
        ),
    ];
    for (thresholds, names) in bad {
        let error = h.keywarden.set_hygiene_thresholds(thresholds).unwrap_err();
        assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
        let message = error.to_string();
        assert!(message.contains(names), "{message}");
        assert!(message.contains("between 1 and 3650 days"), "{message}");
        assert_eq!(h.keywarden.hygiene_thresholds(), defaults);
        assert_eq!(h.config_text(), saved_before, "the settings are untouched");
    }

    let chosen = HygieneThresholds {
        never_used_days: 1,
        idle_days: 7,
        expiring_days: 365,
    };
    assert_eq!(h.keywarden.set_hygiene_thresholds(chosen).unwrap(), chosen);
    assert_eq!(
        settings(&h)["preferences"]["hygiene"],
        json!({"neverUsedDays": 1, "idleDays": 7, "expiringDays": 365})
    );

    let h = h.restart().await;
    assert_eq!(
        h.keywarden.hygiene_thresholds(),
        chosen,
        "kept across a restart"
    );
    let acme = h.keywarden.org(&acme_id).unwrap();
    let ids: HashSet<String> = cached_rows(&acme).await.into_iter().map(|r| r.id).collect();
    let now = Utc::now();
    let report = acme.hygiene(now).await.unwrap();
    assert_eq!(report.thresholds, chosen);
    let (expected, urgent) = expected_findings(&server, &ids, &chosen, now);
    assert_eq!(report.findings, expected, "counted with the new thresholds");
    assert_eq!(report.needing_attention, urgent);
    let (with_defaults, _) = expected_findings(&server, &ids, &defaults, now);
    assert_ne!(
        report.findings, with_defaults,
        "the seeded keys count differently with these thresholds"
    );
    assert_counts_match_the_filters(&acme, &report.findings).await;
}
