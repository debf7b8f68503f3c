//! Spend by project: read with every refresh from costs grouped by key and project; the chart
//! keeps the projects that spent most and sums the rest; one project alone for its header.

use std::collections::BTreeMap;

use app_core::org::CHART_PROJECTS;
use fake_admin_api::{FakeOptions, FakeServer, Fault, FaultRule};

use super::{refreshed_org, support};

#[tokio::test]
async fn spend_by_project_adds_up_to_the_keys_spend_and_the_costs_without_a_key() {
    let h = support::harness().await;
    let (server, org) = refreshed_org(&h).await;
    let spend = org.spend_by_project(30, None).await.unwrap();
    assert_eq!(spend.days, 30);
    assert!(!spend.projects.is_empty(), "the fake's keys spend");
    let mut totals: Vec<f64> = spend.projects.iter().map(|p| p.total).collect();
    let sorted = {
        let mut t = totals.clone();
        t.sort_by(|a, b| b.total_cmp(a));
        t
    };
    assert_eq!(totals, sorted, "largest first");
    for project in &spend.projects {
        assert_eq!(project.daily.len(), 30);
        let sum: f64 = project.daily.iter().sum();
        assert!((sum - project.total).abs() < 1e-6, "{}", project.name);
        assert!(!project.name.is_empty());
    }
    let costs = org.key_costs(30).await.unwrap();
    let state = server.state();
    let mut by_project: BTreeMap<String, f64> = BTreeMap::new();
    for project in state.projects(true) {
        for key in state.api_keys(&project.id) {
            *by_project.entry(project.id.clone()).or_default() +=
                costs.by_key.get(&key.id).copied().unwrap_or(0.0);
        }
    }
    for project in &spend.projects {
        let keys = by_project.get(&project.project_id).copied().unwrap_or(0.0);
        assert!(
            (project.total - keys).abs() < 0.05 * keys.max(0.01),
            "{}: {} vs keys' {keys}",
            project.name,
            project.total
        );
    }
    let first = &spend.projects[0];
    let alone = org
        .spend_by_project(7, Some(&first.project_id))
        .await
        .unwrap();
    assert_eq!(alone.projects.len(), 1);
    assert_eq!(alone.projects[0].daily[..], first.daily[23..]);
    totals.clear();
    for days in [0, 8, 365] {
        assert!(org.spend_by_project(days, None).await.is_err(), "{days}");
    }
}

#[tokio::test]
async fn a_chart_of_many_projects_keeps_the_largest_and_sums_the_rest() {
    let h = support::harness().await;
    let server = FakeServer::start(FakeOptions {
        projects: 14,
        keys_per_project: 2,
        ..FakeOptions::default()
    })
    .await
    .unwrap();
    let org = support::add_remote(&h, "Many", &server).await;
    org.refresh_inventory(|_| {}).await.unwrap();
    let spend = org.spend_by_project(30, None).await.unwrap();
    let all: f64 = {
        let mut total = 0.0;
        for p in server.state().projects(true) {
            let one = org.spend_by_project(30, Some(&p.id)).await.unwrap();
            total += one.projects.first().map_or(0.0, |p| p.total);
        }
        total
    };
    assert!(
        spend.projects.len() <= CHART_PROJECTS,
        "{}",
        spend.projects.len()
    );
    let charted: f64 = spend.projects.iter().map(|p| p.total).sum();
    assert!(
        (charted - all).abs() < 1e-6,
        "nothing is lost: {charted} vs {all}"
    );
    if spend.projects.len() == CHART_PROJECTS {
        let rest = spend.projects.last().unwrap();
        assert!(
            rest.project_id.is_empty() && rest.name.ends_with("other projects"),
            "{}",
            rest.name
        );
    }
}

#[tokio::test]
async fn a_page_of_costs_too_large_on_a_first_refresh_is_read_again_a_day_a_page() {
    let h = support::harness().await;
    let server = FakeServer::start(FakeOptions {
        projects: 2,
        keys_per_project: 3,
        ..FakeOptions::default()
    })
    .await
    .unwrap();
    let org = support::add_remote(&h, "Outgrown", &server).await;
    server.record_requests(true);
    server.inject(
        FaultRule::new(Fault::Oversized)
            .on_path("/organization/costs")
            .times(1),
    );

    org.refresh_inventory(|_| {})
        .await
        .expect("the refresh succeeds");

    let limits: Vec<String> = server
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/organization/costs"))
        .filter_map(|r| r.query)
        .filter(|q| !q.contains("page="))
        .map(|q| {
            let limit = q.split('&').find(|p| p.starts_with("limit="));
            limit.unwrap_or("limit=?").to_owned()
        })
        .collect();
    assert_eq!(
        limits,
        ["limit=7", "limit=1"],
        "a week a page, then a day a page"
    );
    let spend = org.spend_by_project(30, None).await.unwrap();
    assert!(
        spend.projects.iter().any(|p| p.total > 0.0),
        "the first refresh already shows spend"
    );
}
