//! The server's expiry policies refuse with their own words and create nothing.

use super::*;

#[tokio::test]
async fn expiry_policies_refuse_with_the_servers_words_and_create_nothing() {
    let server = FakeServer::start(FakeOptions {
        projects: 2,
        keys_per_project: 2,
        expiry_policy_max_days: Some(90),
        ..FakeOptions::default()
    })
    .await
    .unwrap();
    let (_h, server, acme, project) = acme_served_by(server).await;
    let accounts = |server: &FakeServer| server.state().service_accounts(project.as_str()).len();
    let keys = |server: &FakeServer| server.state().api_keys.len();
    let (accounts_before, keys_before) = (accounts(&server), keys(&server));

    let never = policy(Permissions::ReadOnly, Expiry::Never);
    let error = acme
        .create_key(&project, "forever", &never, "req-never")
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(message.contains(ORG_POLICY_90), "{message}");
    assert!(!matches!(error, Error::ReadOnly { .. }), "{error:?}");
    assert!(
        !is_read_only(&acme),
        "a policy refusal is not a read-only key"
    );
    assert_eq!(accounts(&server), accounts_before, "no service account");
    assert_eq!(keys(&server), keys_before, "no key");
    assert!(acme.activity().is_empty(), "nothing to record");

    let month = policy(Permissions::ReadOnly, Expiry::Days(30));
    let key = created(
        acme.create_key(&project, "monthly", &month, "req-30")
            .await
            .expect("30 days is within the organization's 90"),
    );
    assert!(server
        .api_key_policy(key.key_id.as_str())
        .unwrap()
        .expires_at
        .is_some());
    let (accounts_before, keys_before) = (accounts(&server), keys(&server));

    server.set_project_expiry_policy(project.as_str(), Some(7));
    let error = acme
        .create_key(&project, "monthly 2", &month, "req-30-again")
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains(PROJECT_POLICY_7),
        "the stricter, project's policy: {message}"
    );
    assert_eq!(accounts(&server), accounts_before);
    assert_eq!(keys(&server), keys_before);

    let held = server.api_key_policy(key.key_id.as_str()).unwrap();
    let longer = new_expiry(Expiry::Days(120));
    let error = acme
        .update_key_policy(&project, &key.key_id, &longer)
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(message.contains(PROJECT_POLICY_7), "{message}");
    assert!(
        !message.contains("may or may not"),
        "a policy refusal is certain, not a lost answer: {message}"
    );
    assert_eq!(server.api_key_policy(key.key_id.as_str()).unwrap(), held);

    let week = policy(Permissions::ReadOnly, Expiry::Days(7));
    created(
        acme.create_key(&project, "weekly", &week, "req-7")
            .await
            .expect("7 days meets both policies"),
    );
}
