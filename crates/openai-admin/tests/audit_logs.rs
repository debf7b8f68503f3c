//! `/organization/audit_logs` against the fake.

mod common;

use chrono::DateTime;
use common::{query, start};
use openai_admin::{AuditEventType, AuditLogParams, ErrorKind, ProjectId, TimeFilter};

#[tokio::test]
async fn filters_are_sent_with_bracketed_names_and_applied() {
    let h = start().await;
    let project = ProjectId::from(h.server.state().projects(false)[0].id.clone());
    let params = AuditLogParams {
        effective_at: TimeFilter {
            gte: DateTime::from_timestamp(1, 0),
            lt: DateTime::from_timestamp(common::NOW + 1, 0),
            ..TimeFilter::default()
        },
        event_types: vec![AuditEventType::ApiKeyCreated],
        project_ids: vec![project.clone()],
        actor_ids: vec!["user_x".into()],
        resource_ids: vec![],
        limit: Some(100),
        ..Default::default()
    };
    let logs = h.client.audit_logs().list_all(&params).await.unwrap();
    assert!(!logs.is_empty());
    for log in &logs {
        assert_eq!(log.kind, AuditEventType::ApiKeyCreated);
        assert_eq!(
            log.project.as_ref().and_then(|p| p.id.clone()),
            Some(project.clone())
        );
    }
    let request = &h.requests("GET", "/v1/organization/audit_logs")[0];
    let pairs = query(request);
    let has = |k: &str, v: &str| pairs.iter().any(|(a, b)| a == k && b == v);
    assert!(has("effective_at[gte]", "1"), "{pairs:?}");
    assert!(
        has("effective_at[lt]", &(common::NOW + 1).to_string()),
        "{pairs:?}"
    );
    assert!(has("event_types[]", "api_key.created"), "{pairs:?}");
    assert!(has("project_ids[]", project.as_str()), "{pairs:?}");
    assert!(has("actor_ids[]", "user_x"), "{pairs:?}");
}

#[tokio::test]
async fn all_entries_are_listed_across_pages() {
    let h = start().await;
    let params = AuditLogParams {
        limit: Some(7),
        ..Default::default()
    };
    let logs = h.client.audit_logs().list_all(&params).await.unwrap();
    assert_eq!(logs.len(), h.server.state().audit_logs.len());
    let pages = h.requests("GET", "/v1/organization/audit_logs").len();
    assert_eq!(pages, logs.len().div_ceil(7).max(1));
}

#[tokio::test]
async fn an_empty_before_cursor_is_rejected_before_any_request() {
    let h = start().await;
    let params = AuditLogParams {
        before: Some(String::new()),
        ..Default::default()
    };
    let error = h.client.audit_logs().list(&params).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(h.server.requests().is_empty());
}
