//! An Admin API failure reads as what happened and what to do; the operation, HTTP status, the
//! server's text, its code and request id are the error's details (for a "Details" disclosure
//! and the log), not its message.

#![allow(clippy::unwrap_used)]

mod support;

use fake_admin_api::{FakeOptions, FakeServer, Fault, FaultRule};

#[tokio::test]
async fn a_server_failure_leads_with_what_to_do_and_keeps_the_particulars_as_details() {
    let h = support::harness().await;
    let server = FakeServer::start(FakeOptions::default()).await.unwrap();
    let org = support::add_remote(&h, "Acme", &server).await;
    server.inject(
        FaultRule::new(Fault::Status {
            status: 500,
            retry_after: None,
        })
        .on_path("/organization/projects"),
    );
    let error = org.refresh_inventory(|_| {}).await.unwrap_err();
    let message = error.to_string();
    assert!(message.contains("HTTP 500"), "{message}");
    assert!(message.contains("try again"), "{message}");
    assert!(!message.contains("request id"), "{message}");
    assert!(!message.contains("[code"), "{message}");
    let details = error.details().expect("details");
    assert!(details.contains("failed to list projects"), "{details}");
}
