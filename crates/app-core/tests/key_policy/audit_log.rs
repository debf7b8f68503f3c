//! Permissions come from the audit log unless Keywarden set them later.

use super::*;

#[tokio::test]
async fn permissions_come_from_the_audit_log_unless_keywarden_set_them_later() {
    let (_h, server, acme, project) = acme_on(2, 4).await;
    let audit_reads = server
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/organization/audit_logs"))
        .count();
    assert!(audit_reads >= 1, "a refresh reads the audit log");
    let a = live_key(&server, &project, &[]);
    let b = live_key(&server, &project, &[&a]);
    let c = live_key(&server, &project, &[&a, &b]);
    let rows = cached_rows(&acme).await;
    let untouched = rows
        .iter()
        .find(|r| [&a, &b, &c].iter().all(|k| k.as_str() != r.id))
        .expect("another key");
    let untouched = ApiKeyId::from(untouched.id.as_str());
    let seeded = recorded(&acme, &untouched).await;
    assert_eq!(seeded.scopes, [SEEDED]);
    assert_eq!(seeded.source, PermissionSource::AuditLog);
    for key in [&a, &b, &c] {
        assert_eq!(recorded(&acme, key).await.scopes, [SEEDED], "{key} before");
    }

    let admin = outside(&server);
    let keys = admin.project(project.clone()).api_keys();
    let scopes = |list: &[&str]| ApiKeyUpdate {
        scopes: Some(list.iter().map(|s| s.to_string()).collect()),
        expires_in_seconds: None,
    };

    // A: changed outside Keywarden only.
    keys.update(a.clone(), &scopes(&["api.files.read", "api.batch.write"]))
        .await
        .unwrap();
    // B: changed outside, then by Keywarden.
    keys.update(b.clone(), &scopes(&["api.files.read"]))
        .await
        .unwrap();
    wait_past(&server, Utc::now()).await;
    let read_only = new_permissions(Permissions::ReadOnly);
    acme.update_key_policy(&project, &b, &read_only)
        .await
        .unwrap();
    // C: changed by Keywarden, then outside.
    acme.update_key_policy(&project, &c, &read_only)
        .await
        .unwrap();
    let kept = cached_row(&acme, c.as_str()).await.unwrap().permissions;
    wait_past(&server, kept.expect("recorded").set_at).await;
    keys.update(c.clone(), &scopes(&["api.files.write"]))
        .await
        .unwrap();

    acme.refresh_inventory(|_| {}).await.unwrap();

    let event_time = |id: &ApiKeyId| {
        let state = server.state();
        let event = state
            .audit_logs
            .iter()
            .rev()
            .find(|e| {
                e.kind == "api_key.updated"
                    && e.details["api_key.updated"]["id"] == json!(id.as_str())
            })
            .expect("the update is in the audit log");
        event.effective_at
    };

    let a_now = recorded(&acme, &a).await;
    assert_eq!(a_now.scopes, ["api.files.read", "api.batch.write"]);
    assert_eq!(a_now.source, PermissionSource::AuditLog);
    assert_eq!(a_now.set_at.timestamp(), event_time(&a));

    let b_now = recorded(&acme, &b).await;
    assert_eq!(
        b_now.scopes,
        ["api.all.read"],
        "Keywarden's later change wins over the older outside one"
    );
    assert_eq!(b_now.source, PermissionSource::Keywarden);

    let c_now = recorded(&acme, &c).await;
    assert_eq!(
        c_now.scopes,
        ["api.files.write"],
        "the later outside change wins over Keywarden's"
    );
    assert_eq!(c_now.source, PermissionSource::AuditLog);
    assert_eq!(c_now.set_at.timestamp(), event_time(&c));

    assert_eq!(
        recorded(&acme, &untouched).await,
        seeded,
        "an untouched key keeps its record"
    );
}
