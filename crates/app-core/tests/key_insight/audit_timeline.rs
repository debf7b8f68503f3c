//! A key's audit timeline: its own events and its service account's, newest first, with who and
//! from where; an organization whose audit logging is off, or an admin key that may not read
//! it, gets a timeline that says which instead of an empty list.

use app_core::org::TimelineGap;
use app_core::Error;
use fake_admin_api::{Fault, FaultRule};

use super::{key_named, refreshed_org, support, INDEXER};

#[tokio::test]
async fn a_service_account_keys_timeline_holds_its_events_and_its_accounts() {
    let h = support::harness().await;
    let (server, org) = refreshed_org(&h).await;
    let indexer = key_named(&server, INDEXER);
    let timeline = org.key_timeline(&indexer).await.unwrap();
    assert_eq!(timeline.gap, None);
    let kinds: Vec<&str> = timeline.events.iter().map(|e| e.kind.as_str()).collect();
    assert!(kinds.contains(&"api_key.created"), "{kinds:?}");
    assert!(kinds.contains(&"service_account.created"), "{kinds:?}");
    let created = timeline
        .events
        .iter()
        .find(|e| e.kind == "api_key.created")
        .unwrap();
    assert!(!created.about_service_account);
    assert!(
        created.scopes.is_some(),
        "the permissions it was created with"
    );
    assert!(created.actor.is_some(), "who created it");
    let account = timeline
        .events
        .iter()
        .find(|e| e.kind == "service_account.created")
        .unwrap();
    assert!(account.about_service_account);
    assert!(
        timeline.events.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first"
    );
    let other = key_named(&server, "CI deploy");
    let others = org.key_timeline(&other).await.unwrap();
    assert!(
        others
            .events
            .iter()
            .all(|e| e.at != created.at || e.kind != "api_key.created" || e.about_service_account),
        "another key's timeline does not hold this key's creation"
    );
}

#[tokio::test]
async fn audit_logging_off_and_a_key_that_may_not_read_it_are_said_apart() {
    let h = support::harness().await;
    let (server, org) = refreshed_org(&h).await;
    let indexer = key_named(&server, INDEXER);
    server.inject(
        FaultRule::new(Fault::AuditLogsDisabled)
            .on_path("/organization/audit_logs")
            .times(1),
    );
    let off = org.key_timeline(&indexer).await.unwrap();
    assert!(off.events.is_empty());
    let Some(TimelineGap::LoggingOff(message)) = off.gap else {
        panic!("{:?}", off.gap);
    };
    assert!(message.contains("audit logging"), "{message}");

    server.inject(
        FaultRule::new(Fault::MissingScope)
            .on_path("/organization/audit_logs")
            .times(1),
    );
    let denied = org.key_timeline(&indexer).await.unwrap();
    let Some(TimelineGap::NotPermitted(message)) = denied.gap else {
        panic!("{:?}", denied.gap);
    };
    assert!(message.contains("may not read the audit log"), "{message}");

    server.inject(
        FaultRule::new(Fault::Status {
            status: 500,
            retry_after: None,
        })
        .on_path("/organization/audit_logs")
        .always(),
    );
    let failed = org.key_timeline(&indexer).await.unwrap();
    assert!(
        matches!(failed.gap, Some(TimelineGap::Failed(_))),
        "{:?}",
        failed.gap
    );
}

#[tokio::test]
async fn an_unknown_or_empty_key_id_is_refused_or_has_no_events() {
    let h = support::harness().await;
    let (_server, org) = refreshed_org(&h).await;
    for bad in ["", "   ", &"k".repeat(129)] {
        let error = org.key_timeline(bad).await.unwrap_err();
        assert!(
            matches!(error, Error::InvalidInput(_)),
            "{bad:?}: {error:?}"
        );
    }
    let unknown = org.key_timeline("key_does_not_exist").await.unwrap();
    assert!(unknown.events.is_empty() && unknown.gap.is_none());
}
