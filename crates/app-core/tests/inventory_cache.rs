//! The inventory cache through app-core: a refresh is written to the organization's cache with
//! each key's spend, pages are read from it without the network, a restart shows the last
//! refresh at once, a create or revoke patches its project, and removing an organization deletes
//! its cache, even while a refresh of it runs.

mod support;

use std::time::Duration;

use app_core::inventory_store::{KeyQuery, ProjectQuery};
use app_core::key_lifecycle::{CreateOutcome, RevokeOutcome};
use app_core::org::CacheState;
use app_core::Error;
use fake_admin_api::{FakeOptions, FakeServer, Fault, FaultRule};
use openai_admin::{ApiKeyId, ProjectId};

#[allow(clippy::expect_used)]
async fn remote(projects: usize, keys_per_project: usize) -> FakeServer {
    let options = FakeOptions {
        projects,
        keys_per_project,
        ..FakeOptions::default()
    };
    FakeServer::start(options).await.expect("fake server")
}

fn every_key() -> KeyQuery {
    KeyQuery {
        limit: 400,
        ..KeyQuery::default()
    }
}

fn every_project() -> ProjectQuery {
    ProjectQuery {
        limit: 400,
        ..ProjectQuery::default()
    }
}

#[tokio::test]
async fn the_demo_starts_filled_and_a_refresh_fills_the_cache_with_every_key_and_what_it_cost() {
    let h = support::harness().await;
    let demo = support::demo_org(&h.keywarden);
    let server = h.keywarden.demo().unwrap().server();
    let state = server.state();
    let projects = state.projects(true);
    let keys: usize = projects.iter().map(|p| state.api_keys(&p.id).len()).sum();
    let before = demo.inventory_status().await.unwrap();
    assert!(before.refreshed_at.is_some(), "filled during the start");
    assert_eq!(before.key_count, keys as u64);
    assert_eq!(before.cache, CacheState::On);

    let status = demo.refresh_inventory(|_| {}).await.unwrap();

    assert!(status.refreshed_at > before.refreshed_at);
    assert_eq!(status.project_count, projects.len() as u64);
    assert_eq!(status.key_count, keys as u64);
    assert!(status.refreshed_at.is_some() && !status.refreshing);
    let page = demo.query_keys(every_key()).await.unwrap();
    assert_eq!(page.total, keys as u64);
    assert!(page.rows.iter().all(|row| row.spend_usd.is_some()));
    assert!(page.rows.iter().any(|row| row.spend_usd > Some(0.0)));
    let requests = server.requests();
    let costs: Vec<_> = requests
        .iter()
        .filter(|r| r.path.ends_with("/organization/costs"))
        .collect();
    assert!(!costs.is_empty(), "spend comes from the costs endpoint");
    assert!(
        costs.len() >= 2,
        "30 days of costs are read a week's page at a time, not as one answer"
    );
    for call in costs {
        let query = call.query.clone().unwrap_or_default();
        assert!(query.contains("api_key_id"), "{query}");
        assert!(query.contains("limit=7"), "{query}");
    }
}

#[tokio::test]
async fn the_costs_are_fetched_beside_the_projects_not_after_them() {
    let h = support::harness().await;
    let server = remote(24, 2).await;
    let acme = support::add_remote(&h, "Acme", &server).await;
    server.set_latency(Duration::from_millis(40));

    acme.refresh_inventory(|_| {}).await.unwrap();

    let requests = server.requests();
    let position = |wanted: &dyn Fn(&str) -> bool| requests.iter().rposition(|r| wanted(&r.path));
    let costs = requests
        .iter()
        .position(|r| r.path.ends_with("/organization/costs"))
        .expect("the costs were asked for");
    let last_keys = position(&|path| path.ends_with("/api_keys")).expect("keys were listed");
    assert!(
        costs < last_keys,
        "the costs (request {costs}) went out before the last project's keys (request {last_keys})"
    );
}

#[tokio::test]
async fn a_refresh_whose_costs_fail_keeps_every_key_without_spend() {
    let h = support::harness().await;
    let server = remote(4, 3).await;
    let acme = support::add_remote(&h, "Acme", &server).await;
    server.inject(
        FaultRule::new(Fault::Status {
            status: 500,
            retry_after: None,
        })
        .on_path("/organization/costs")
        .times(10),
    );

    let status = acme.refresh_inventory(|_| {}).await.unwrap();

    // 4 projects × 3 keys, and the seed's embeddings-only key.
    assert_eq!(status.key_count, 13);
    let page = acme.query_keys(every_key()).await.unwrap();
    assert_eq!(page.total, 13);
    assert!(page.rows.iter().all(|row| row.spend_usd.is_none()));
}

#[tokio::test]
async fn after_a_restart_the_last_refresh_is_shown_without_the_network() {
    let h = support::harness().await;
    let server = remote(3, 4).await;
    let acme = support::add_remote(&h, "Acme", &server).await;
    let refreshed = acme.refresh_inventory(|_| {}).await.unwrap();
    let keys = acme.query_keys(every_key()).await.unwrap();
    let projects = acme.query_projects(every_project()).await.unwrap();
    let id = acme.id().clone();
    drop(acme);
    server.shutdown().await;

    let h = h.restart().await;
    let acme = h.keywarden.org(&id).unwrap();
    let status = acme.inventory_status().await.unwrap();
    assert_eq!(status.refreshed_at, refreshed.refreshed_at);
    assert_eq!(status.key_count, refreshed.key_count);
    assert_eq!(status.cache, CacheState::On);
    assert_eq!(acme.query_keys(every_key()).await.unwrap(), keys);
    assert_eq!(
        acme.query_projects(every_project()).await.unwrap(),
        projects
    );
}

#[tokio::test]
async fn a_created_and_a_revoked_key_show_in_the_cache_without_a_refresh() {
    let h = support::harness().await;
    let demo = support::demo_org(&h.keywarden);
    demo.refresh_inventory(|_| {}).await.unwrap();
    let server = h.keywarden.demo().unwrap().server();
    let project = server.state().projects(false)[0].id.clone();
    let in_project = KeyQuery {
        project_id: Some(project.clone()),
        ..every_key()
    };
    let before = demo.query_keys(in_project.clone()).await.unwrap().total;

    let project = ProjectId::from(project);
    let outcome = demo
        .create_key(&project, "cache-ci", &Default::default(), "req-1")
        .await
        .unwrap();
    let CreateOutcome::Created(key) = outcome else {
        panic!("expected a created key, got {outcome:?}");
    };
    let page = demo.query_keys(in_project.clone()).await.unwrap();
    assert_eq!(page.total, before + 1);
    assert!(page.rows.iter().any(|row| row.id == key.key_id.as_str()));

    let revoked = demo.revoke_key(&project, &key.key_id, None).await.unwrap();
    assert!(matches!(revoked, RevokeOutcome::Revoked(_)), "{revoked:?}");
    let page = demo.query_keys(in_project).await.unwrap();
    assert_eq!(page.total, before);
    let gone = ApiKeyId::from(key.key_id.as_str());
    assert!(page.rows.iter().all(|row| row.id != gone.as_str()));
}

#[tokio::test]
async fn a_created_key_shows_under_its_chosen_name_and_its_service_account_is_counted_at_once() {
    let h = support::harness().await;
    let demo = support::demo_org(&h.keywarden);
    demo.refresh_inventory(|_| {}).await.unwrap();
    let server = h.keywarden.demo().unwrap().server();
    let project = ProjectId::from(server.state().projects(false)[0].id.clone());
    let accounts = || async {
        let page = demo.query_projects(every_project()).await.unwrap();
        let row = page.rows.into_iter().find(|row| row.id == project.as_str());
        row.unwrap().service_account_count.unwrap()
    };
    let before = accounts().await;

    let outcome = demo
        .create_key(&project, "ci-deploy", &Default::default(), "req-1")
        .await
        .unwrap();
    let CreateOutcome::Created(key) = outcome else {
        panic!("expected a created key, got {outcome:?}");
    };
    assert_eq!(accounts().await, before + 1);
    let search = KeyQuery {
        text: Some("ci-deploy".into()),
        ..every_key()
    };
    let found = demo.query_keys(search).await.unwrap().rows;
    let names: Vec<_> = found
        .iter()
        .map(|row| (row.id.as_str(), row.name.as_str()))
        .collect();
    assert_eq!(names, [(key.key_id.as_str(), "ci-deploy")]);

    let revoked = demo.revoke_key(&project, &key.key_id, None).await.unwrap();
    assert!(matches!(revoked, RevokeOutcome::Revoked(_)), "{revoked:?}");
    assert_eq!(accounts().await, before);
}

#[tokio::test]
async fn removing_an_organization_while_it_refreshes_ends_the_refresh_and_leaves_no_cache() {
    let h = support::harness().await;
    let server = remote(6, 3).await;
    let acme = support::add_remote(&h, "Acme", &server).await;
    let cache = h.dir.path().join("cache");
    let file = cache.join(format!("{}.sqlite3", acme.id()));
    assert!(!file.exists(), "the cache is opened on first use");
    acme.inventory_status().await.unwrap();
    assert!(file.exists());
    server.set_latency(Duration::from_millis(200));

    let refresh = tokio::spawn({
        let acme = acme.clone();
        async move { acme.refresh_inventory(|_| {}).await }
    });
    while !acme.inventory_status().await.unwrap().refreshing {
        tokio::task::yield_now().await;
    }
    h.keywarden.remove_organization(acme.id()).await.unwrap();

    let error = refresh.await.unwrap().unwrap_err();
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(error.to_string().contains("was removed"), "{error}");
    let left: Vec<_> = std::fs::read_dir(&cache).unwrap().flatten().collect();
    assert!(left.is_empty(), "no cache file is left: {left:?}");
    assert!(h.keywarden.org(acme.id()).is_err());
    assert!(matches!(
        acme.query_keys(every_key()).await,
        Err(Error::NotFound(_))
    ));
}

#[tokio::test]
async fn a_cancelled_refresh_keeps_the_previous_inventory() {
    let h = support::harness().await;
    let server = remote(6, 2).await;
    let acme = support::add_remote(&h, "Acme", &server).await;
    let first = acme.refresh_inventory(|_| {}).await.unwrap();
    server.set_latency(Duration::from_millis(200));

    let refresh = tokio::spawn({
        let acme = acme.clone();
        async move { acme.refresh_inventory(|_| {}).await }
    });
    while !acme.cancel_refresh() {
        tokio::task::yield_now().await;
    }
    let error = refresh.await.unwrap().unwrap_err();
    assert!(matches!(error, Error::Cancelled), "{error:?}");
    let status = acme.inventory_status().await.unwrap();
    assert_eq!(status.refreshed_at, first.refreshed_at);
    assert_eq!(status.key_count, first.key_count);
    assert!(!status.refreshing);
}

#[tokio::test]
async fn a_second_refresh_reads_the_audit_log_only_from_the_newest_event_the_first_one_saw() {
    let h = support::harness().await;
    let server = remote(3, 2).await;
    let acme = support::add_remote(&h, "Acme", &server).await;
    let audit_queries = |server: &FakeServer| -> Vec<String> {
        let requests = server.requests();
        requests
            .iter()
            .filter(|r| r.path.ends_with("/organization/audit_logs"))
            .map(|r| r.query.clone().unwrap_or_default())
            .collect()
    };

    acme.refresh_inventory(|_| {}).await.unwrap();
    let first = audit_queries(&server);
    assert!(!first.is_empty(), "the first refresh reads the audit log");
    assert!(
        first.iter().all(|q| !q.contains("effective_at")),
        "the first read takes the newest events: {first:?}"
    );

    acme.refresh_inventory(|_| {}).await.unwrap();
    let second: Vec<String> = audit_queries(&server).split_off(first.len());
    assert!(!second.is_empty(), "the second refresh reads it again");
    assert!(
        second
            .iter()
            .all(|q| q.contains("effective_at%5Bgte%5D=") || q.contains("effective_at[gte]=")),
        "the second read starts at the newest event seen: {second:?}"
    );
}
