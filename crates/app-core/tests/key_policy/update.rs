//! Updating a key's policy: a new expiry or new permissions, and every refusal.

use super::*;

#[tokio::test]
async fn a_new_expiry_moves_it_on_the_server_and_in_the_cached_row_and_keeps_the_permissions() {
    let (_h, server, acme, project) = acme_on(2, 3).await;
    let key = live_key(&server, &project, &[]);
    let before = server.api_key_policy(key.as_str()).unwrap();
    let row_before = cached_row(&acme, key.as_str()).await.unwrap();
    let asked_at = Utc::now().timestamp();

    let change = new_expiry(Expiry::Days(90));
    let updated = acme
        .update_key_policy(&project, &key, &change)
        .await
        .expect("updated");

    let sent = body(&last_post(&server, &format!("/api_keys/{key}")));
    assert_eq!(sent, json!({"expires_in_seconds": 90 * DAY}));
    let held = server.api_key_policy(key.as_str()).unwrap();
    assert_eq!(held.scopes, before.scopes, "the permissions are kept");
    let expires_at = held.expires_at.expect("it now expires");
    assert_near(expires_at, asked_at + 90 * DAY, "expires_at");
    assert_eq!(updated.key_id, key);
    assert_eq!(updated.expires_at.map(|t| t.timestamp()), Some(expires_at));
    assert_eq!(updated.scopes, None);

    let row = cached_row(&acme, key.as_str()).await.unwrap();
    assert_eq!(row.expires_at.map(|t| t.timestamp()), Some(expires_at));
    assert_eq!(
        row.permissions, row_before.permissions,
        "no permissions were set, so none are recorded"
    );
    let latest = &acme.activity()[0];
    assert_eq!(latest.action, ActivityAction::PolicyChanged);
    assert_eq!(latest.key_id.as_ref(), Some(&key));
    assert_eq!(latest.project_id, project);
}

#[tokio::test]
async fn new_permissions_alone_replace_the_scopes_keep_the_expiry_and_are_recorded() {
    let (_h, server, acme, project) = acme_on(2, 3).await;
    let key = live_key(&server, &project, &[]);
    let before = server.api_key_policy(key.as_str()).unwrap();

    let change = new_permissions(Permissions::Restricted(vec![
        "api.files.read".into(),
        " api.files.read".into(),
        "api.batch.write".into(),
    ]));
    let updated = acme
        .update_key_policy(&project, &key, &change)
        .await
        .expect("updated");

    let wanted = ["api.files.read", "api.batch.write"];
    let sent = body(&last_post(&server, &format!("/api_keys/{key}")));
    assert_eq!(sent, json!({"scopes": wanted}), "no expiry is sent");
    let held = server.api_key_policy(key.as_str()).unwrap();
    assert_eq!(held.scopes, wanted);
    assert_eq!(held.expires_at, before.expires_at, "the expiry is kept");
    assert_eq!(
        updated.scopes.as_deref(),
        Some(&wanted.map(String::from)[..])
    );
    let row = cached_row(&acme, key.as_str()).await.unwrap();
    let recorded = row.permissions.expect("recorded");
    assert_eq!(recorded.scopes, wanted);
    assert_eq!(recorded.source, PermissionSource::Keywarden);
    assert_eq!(
        row.expires_at.map(|t| t.timestamp()),
        before.expires_at,
        "the row keeps the expiry"
    );

    let read_only = new_permissions(Permissions::ReadOnly);
    acme.update_key_policy(&project, &key, &read_only)
        .await
        .expect("updated again");
    let row = cached_row(&acme, key.as_str()).await.unwrap();
    assert_eq!(row.permissions.unwrap().scopes, ["api.all.read"]);
    assert_eq!(
        server.api_key_policy(key.as_str()).unwrap().scopes,
        ["api.all.read"]
    );
}

#[tokio::test]
async fn an_expired_key_cannot_be_changed_and_the_servers_reason_is_shown() {
    let (_h, server, acme, project) = acme_on(2, 3).await;
    let key = live_key(&server, &project, &[]);
    assert!(server.set_api_key_expires_at(key.as_str(), Some(Utc::now().timestamp() - 3_600)));
    let before = server.api_key_policy(key.as_str()).unwrap();
    let row_before = cached_row(&acme, key.as_str()).await.unwrap();

    let change = PolicyChange {
        permissions: Some(Permissions::ReadOnly),
        expiry: Some(Expiry::Days(30)),
    };
    let error = acme
        .update_key_policy(&project, &key, &change)
        .await
        .unwrap_err();

    let message = error.to_string();
    assert!(message.contains(EXPIRED), "{message}");
    assert!(
        !message.contains("may or may not"),
        "the server refused for certain: {message}"
    );
    assert!(!is_read_only(&acme));
    assert_eq!(server.api_key_policy(key.as_str()).unwrap(), before);
    assert_eq!(
        cached_row(&acme, key.as_str()).await.unwrap(),
        row_before,
        "nothing recorded for a refused change"
    );
    assert!(acme.activity().is_empty(), "nothing to record");
}

#[tokio::test]
async fn a_key_deleted_elsewhere_is_not_found_and_leaves_the_cached_list() {
    let (_h, server, acme, project) = acme_on(2, 2).await;
    let default = KeyPolicy::default();
    let key = create(&acme, &project, "short-lived", &default, "req-gone").await;
    assert!(cached_row(&acme, key.key_id.as_str()).await.is_some());
    outside(&server)
        .project(project.clone())
        .service_accounts()
        .delete(key.service_account_id.clone())
        .await
        .expect("deleted elsewhere");

    let change = new_expiry(Expiry::Days(30));
    let error = acme
        .update_key_policy(&project, &key.key_id, &change)
        .await
        .unwrap_err();

    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("no longer exists"), "{message}");
    assert!(message.contains(key.key_id.as_str()), "{message}");
    assert!(
        cached_row(&acme, key.key_id.as_str()).await.is_none(),
        "the cached list no longer shows it"
    );
    assert!(server.api_key_policy(key.key_id.as_str()).is_none());
}

#[tokio::test]
async fn a_change_that_changes_nothing_or_removes_an_expiry_is_refused_before_any_request() {
    let (_h, server, acme, project) = acme_on(2, 3).await;
    let key = live_key(&server, &project, &[]);
    let before = server.api_key_policy(key.as_str()).unwrap();
    let row_before = cached_row(&acme, key.as_str()).await.unwrap();
    let sent_before = server.requests().len();

    let cases = [
        (PolicyChange::default(), "nothing would change"),
        (
            PolicyChange {
                expiry: Some(Expiry::Never),
                ..PolicyChange::default()
            },
            "cannot remove a key's expiry",
        ),
        (
            PolicyChange {
                permissions: Some(Permissions::ReadOnly),
                expiry: Some(Expiry::Never),
            },
            "cannot remove a key's expiry",
        ),
    ];
    for (change, says) in cases {
        let error = acme
            .update_key_policy(&project, &key, &change)
            .await
            .unwrap_err();
        assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
        assert!(error.to_string().contains(says), "{error}");
    }

    let sent: Vec<_> = server.requests().split_off(sent_before);
    assert!(sent.is_empty(), "requests were sent: {sent:?}");
    assert_eq!(server.api_key_policy(key.as_str()).unwrap(), before);
    assert_eq!(cached_row(&acme, key.as_str()).await.unwrap(), row_before);
}

#[tokio::test]
async fn a_lost_answer_is_not_retried_and_the_row_shows_what_the_server_now_holds() {
    let (_h, server, acme, project) = acme_on(2, 3).await;
    let key = live_key(&server, &project, &[]);
    let path = format!("/api_keys/{key}");
    server.inject(
        FaultRule::new(Fault::LoseCreateResponse)
            .on_method("POST")
            .on_path(&path)
            .times(1),
    );
    let asked_at = Utc::now().timestamp();

    let change = new_expiry(Expiry::Days(30));
    let error = acme
        .update_key_policy(&project, &key, &change)
        .await
        .unwrap_err();

    assert!(matches!(error, Error::KeyChangeFailed(_)), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("may or may not have been applied"),
        "{message}"
    );
    assert!(
        message.contains("a retry moves the expiry again"),
        "{message}"
    );
    let posts = server
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with(&path))
        .count();
    assert_eq!(posts, 1, "the update is never retried");
    let expires_at = server.api_key_policy(key.as_str()).unwrap().expires_at;
    let expires_at = expires_at.expect("the server applied it");
    assert_near(expires_at, asked_at + 30 * DAY, "expires_at");
    let row = cached_row(&acme, key.as_str()).await.unwrap();
    assert_eq!(
        row.expires_at.map(|t| t.timestamp()),
        Some(expires_at),
        "the key was read back"
    );
}

#[tokio::test]
async fn an_update_refused_for_lack_of_write_access_marks_the_organization_read_only() {
    let (_h, server, acme, project) = acme_on(2, 3).await;
    let key = live_key(&server, &project, &[]);
    let before = server.api_key_policy(key.as_str()).unwrap();
    server.inject(
        FaultRule::new(Fault::MissingWriteScope)
            .on_method("POST")
            .always(),
    );

    let change = new_permissions(Permissions::ReadOnly);
    let error = acme
        .update_key_policy(&project, &key, &change)
        .await
        .unwrap_err();

    assert!(matches!(error, Error::ReadOnly { .. }), "{error:?}");
    assert!(is_read_only(&acme));
    assert_eq!(server.api_key_policy(key.as_str()).unwrap(), before);
}
