//! Creates that are refused or fail: bad names never leave Rust, a failed POST is never sent
//! again, and each error says whether anything was created and what to do.

#![allow(clippy::unwrap_used)]

mod support;

use support::lifecycle::{accounts_named, created, creates_sent, lifecycle, start};

use app_core::key_lifecycle::LifecycleError;
use fake_admin_api::{Fault, FaultRule};
use openai_admin::{Client, ClientOptions, ProjectId};
use secrecy::SecretString;

#[tokio::test]
async fn a_request_id_reused_for_another_name_is_refused() {
    let (_server, client, project) = start().await;
    let keys = lifecycle();
    keys.create_key(&client, &project, "one", &Default::default(), "req-r")
        .await
        .unwrap();
    let error = keys
        .create_key(&client, &project, "two", &Default::default(), "req-r")
        .await
        .unwrap_err();
    assert!(matches!(error, LifecycleError::RequestReused), "{error:?}");
}

#[tokio::test]
async fn empty_blank_long_and_control_character_names_are_refused_before_sending() {
    let (server, client, project) = start().await;
    let keys = lifecycle();
    let long = "x".repeat(10_000);
    let cases = [
        "",
        "   \t ",
        long.as_str(),
        "line\nbreak",
        "tab\there",
        "nul\u{0}",
    ];
    for (i, name) in cases.iter().enumerate() {
        let error = keys
            .create_key(
                &client,
                &project,
                name,
                &Default::default(),
                &format!("req-{i}"),
            )
            .await;
        let error = error.unwrap_err();
        assert!(
            matches!(error, LifecycleError::InvalidInput(_)),
            "{error:?}"
        );
        assert!(error.to_string().starts_with("the key name "), "{error}");
    }
    assert_eq!(creates_sent(&server), 0);
}

#[tokio::test]
async fn creating_in_an_archived_project_explains_the_refusal_and_creates_nothing() {
    let (server, client, _) = start().await;
    let archived = server.state().projects(false)[1].id.clone();
    server.with_state(|s| s.archive_project(&archived)).unwrap();
    let keys = lifecycle();
    let project = ProjectId::from(archived.as_str());
    let error = keys
        .create_key(&client, &project, "late", &Default::default(), "req-x")
        .await
        .unwrap_err();
    assert!(
        matches!(error, LifecycleError::ProjectArchived { .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("is archived") && message.contains("nothing was created"));
    assert_eq!(accounts_named(&server, &project, "late"), 0);
}

#[tokio::test]
async fn a_create_failing_with_500_is_sent_once_and_reported_as_not_created() {
    let (server, client, project) = start().await;
    let fault = Fault::Status {
        status: 500,
        retry_after: None,
    };
    server.inject(FaultRule::new(fault).on_method("POST").always());
    let keys = lifecycle();
    let error = keys
        .create_key(&client, &project, "flaky", &Default::default(), "req-5")
        .await
        .unwrap_err();
    assert!(
        matches!(error, LifecycleError::NotCreated { .. }),
        "{error:?}"
    );
    assert!(
        error.to_string().ends_with("it is safe to try again"),
        "{error}"
    );
    assert_eq!(creates_sent(&server), 1);
    let again = keys
        .create_key(&client, &project, "flaky", &Default::default(), "req-5")
        .await;
    assert!(matches!(again, Err(LifecycleError::NotCreated { .. })));
    assert_eq!(
        creates_sent(&server),
        1,
        "the same request id never posts again"
    );
}

#[tokio::test]
async fn adding_a_key_where_the_endpoint_is_missing_says_it_is_not_supported_yet() {
    let (server, client, project) = start().await;
    let keys = lifecycle();
    let first = created(
        keys.create_key(&client, &project, "bot", &Default::default(), "req-1")
            .await
            .unwrap(),
    );
    server.with_state(|s| s.supports_sa_key_create = false);
    let error = keys
        .add_key_to_service_account(
            &client,
            &project,
            &first.service_account_id,
            "x",
            &Default::default(),
            "req-2",
        )
        .await
        .unwrap_err();
    assert!(matches!(error, LifecycleError::NotSupported), "{error:?}");
    assert!(error
        .to_string()
        .contains("not supported by this organization yet"));
}

#[tokio::test]
async fn an_unreachable_server_creates_nothing_and_says_so() {
    let (_server, _, project) = start().await;
    let unused = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1", unused.local_addr().unwrap());
    drop(unused);
    let options = ClientOptions {
        max_retries: 0,
        ..ClientOptions::default()
    };
    let client = Client::new(&url, SecretString::from("sk-admin-x"), options).unwrap();
    let error = lifecycle()
        .create_key(&client, &project, "k", &Default::default(), "req-o")
        .await
        .unwrap_err();
    assert!(
        matches!(error, LifecycleError::Unreachable { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("nothing was changed"), "{error}");
}
