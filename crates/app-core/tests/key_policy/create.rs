//! Creating keys with a policy: the chosen scopes and expiry reach the server and the cache.

use super::*;

#[tokio::test]
async fn a_read_only_key_for_30_days_is_minted_so_and_its_cached_row_says_so() {
    let (_h, server, acme, project) = acme_on(2, 2).await;
    let asked_at = Utc::now().timestamp();

    let chosen = policy(Permissions::ReadOnly, Expiry::Days(30));
    let key = create(&acme, &project, "read-only ci", &chosen, "req-ro").await;

    let sent = body(&last_post(&server, "/service_accounts"));
    assert_eq!(sent["scopes"], json!(["api.all.read"]), "{sent}");
    assert_eq!(sent["expires_in_seconds"], json!(30 * DAY), "{sent}");
    let held = server.api_key_policy(key.key_id.as_str()).expect("minted");
    assert_eq!(held.scopes, ["api.all.read"]);
    let expires_at = held.expires_at.expect("the key expires");
    assert_near(expires_at, asked_at + 30 * DAY, "expires_at");

    let row = cached_row(&acme, key.key_id.as_str())
        .await
        .expect("the new key is cached without a refresh");
    let recorded = row.permissions.expect("its permissions are recorded");
    assert_eq!(recorded.scopes, ["api.all.read"]);
    assert_eq!(recorded.source, PermissionSource::Keywarden);
    assert!((Utc::now() - recorded.set_at).num_seconds().abs() < 60);
    assert_eq!(row.expires_at.map(|t| t.timestamp()), Some(expires_at));
}

#[tokio::test]
async fn restricted_permissions_are_sent_trimmed_without_blanks_or_repeats() {
    let (_h, server, acme, project) = acme_on(2, 2).await;
    let typed = [
        " api.files.read ",
        "",
        "api.files.read",
        " \t ",
        "api.responses.write ",
        "api.files.read",
    ];
    let typed = typed.iter().map(|s| s.to_string()).collect();

    let chosen = policy(Permissions::Restricted(typed), Expiry::Days(7));
    let key = create(&acme, &project, "files bot", &chosen, "req-restricted").await;

    let wanted = ["api.files.read", "api.responses.write"];
    let sent = body(&last_post(&server, "/service_accounts"));
    assert_eq!(
        sent["scopes"],
        json!(wanted),
        "sent as typed, trimmed, deduplicated, in order: {sent}"
    );
    let held = server.api_key_policy(key.key_id.as_str()).unwrap();
    assert_eq!(held.scopes, wanted);
    let row = cached_row(&acme, key.key_id.as_str()).await.unwrap();
    let recorded = row.permissions.expect("recorded");
    assert_eq!(recorded.scopes, wanted);
    assert_eq!(recorded.source, PermissionSource::Keywarden);
}

#[tokio::test]
async fn all_permissions_and_no_expiry_mint_an_unrestricted_key_that_never_expires() {
    let (_h, server, acme, project) = acme_on(2, 2).await;

    let default = KeyPolicy::default();
    let key = create(&acme, &project, "admin tool", &default, "req-all").await;

    let sent = body(&last_post(&server, "/service_accounts"));
    assert!(
        sent.get("scopes").is_none_or(|s| s == &json!([])),
        "no restriction is sent: {sent}"
    );
    assert!(
        sent.get("expires_in_seconds").is_none_or(Value::is_null),
        "no expiry is sent: {sent}"
    );
    let held = server.api_key_policy(key.key_id.as_str()).unwrap();
    assert!(held.scopes.is_empty(), "{:?}", held.scopes);
    assert_eq!(held.expires_at, None);
    let row = cached_row(&acme, key.key_id.as_str()).await.unwrap();
    assert_eq!(row.expires_at, None);
    let recorded = row.permissions.expect("recorded, as all permissions");
    assert!(recorded.scopes.is_empty());
    assert_eq!(recorded.source, PermissionSource::Keywarden);
}

#[tokio::test]
async fn an_extra_key_for_a_service_account_gets_its_permissions_and_expires_at_the_end_of_the_chosen_day(
) {
    let (_h, server, acme, project) = acme_on(2, 3).await;
    let account = server.state().service_accounts(project.as_str())[0]
        .id
        .clone();
    let day = (Local::now() + chrono::Duration::days(10)).date_naive();
    let end_of_day = end_of_local_day(day);

    let chosen = policy(
        Permissions::Restricted(vec!["api.files.read".into()]),
        Expiry::Date(day.to_string()),
    );
    let key = created(
        acme.add_key_to_service_account(
            &project,
            &ServiceAccountId::from(account.as_str()),
            "second key",
            &chosen,
            "req-extra",
        )
        .await
        .expect("created"),
    );

    assert_eq!(key.service_account_id.as_str(), account);
    let sent = body(&last_post(&server, &format!("/{account}/api_keys")));
    assert_eq!(sent["scopes"], json!(["api.files.read"]), "{sent}");
    assert!(sent["expires_in_seconds"].as_i64().is_some(), "{sent}");
    let held = server.api_key_policy(key.key_id.as_str()).unwrap();
    assert_eq!(held.scopes, ["api.files.read"]);
    let expires_at = held.expires_at.expect("it expires");
    assert_near(expires_at, end_of_day, "the end of the chosen day");
    let row = cached_row(&acme, key.key_id.as_str()).await.unwrap();
    assert_eq!(row.expires_at.map(|t| t.timestamp()), Some(expires_at));
    let recorded = row.permissions.expect("recorded");
    assert_eq!(recorded.scopes, ["api.files.read"]);
    assert_eq!(recorded.source, PermissionSource::Keywarden);
}

#[tokio::test]
async fn the_latest_expiry_date_a_refusal_suggests_is_accepted() {
    let (_h, server, acme, project) = acme_on(2, 2).await;
    let too_far = (Local::now() + chrono::Duration::days(366))
        .date_naive()
        .to_string();

    let error = acme
        .create_key(
            &project,
            "too far",
            &policy(Permissions::ReadOnly, Expiry::Date(too_far)),
            "req-far",
        )
        .await
        .unwrap_err();
    let message = error.to_string();
    let (_, latest) = message
        .split_once("the latest possible expiry is ")
        .unwrap_or_else(|| panic!("no latest date in: {message}"));
    let latest = latest.trim_end_matches('.');

    let chosen = policy(Permissions::ReadOnly, Expiry::Date(latest.to_owned()));
    let key = created(
        acme.create_key(&project, "latest", &chosen, "req-latest")
            .await
            .unwrap_or_else(|e| panic!("the suggested {latest} is refused: {e}")),
    );
    let expires_at = server
        .api_key_policy(key.key_id.as_str())
        .unwrap()
        .expires_at;
    let latest: NaiveDate = latest.parse().expect("a date");
    assert_near(
        expires_at.expect("it expires"),
        end_of_local_day(latest),
        "the end of the suggested day",
    );
    let day_after = latest.succ_opt().unwrap().to_string();
    let error = acme
        .create_key(
            &project,
            "a day later",
            &policy(Permissions::ReadOnly, Expiry::Date(day_after)),
            "req-day-after",
        )
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("more than 365 days away"),
        "the suggested day is the last one: {error}"
    );
}
