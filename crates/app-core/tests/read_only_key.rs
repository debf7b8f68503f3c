//! A read-only admin key (no `api.management.write`): browsing keeps working, and the first
//! refused change marks the organization read-only with an explanation instead of a bare error.

mod support;

use app_core::Error;
use fake_admin_api::{Fault, FaultRule};
use openai_admin::ProjectId;

#[tokio::test]
async fn a_refused_change_marks_the_organization_read_only_and_browsing_still_works() {
    let h = support::harness().await;
    let demo = support::demo_org(&h.keywarden);
    let server = h.keywarden.demo().unwrap().server();
    let project = ProjectId::from(server.state().projects(false)[0].id.as_str());
    server.inject(
        FaultRule::new(Fault::MissingWriteScope)
            .on_method("POST")
            .always(),
    );
    server.inject(
        FaultRule::new(Fault::MissingWriteScope)
            .on_method("DELETE")
            .always(),
    );
    let before = server.state().service_accounts(project.as_str()).len();

    let error = demo
        .create_key(&project, "ci", &Default::default(), "request-1")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::ReadOnly { .. }), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("read-only") && message.contains("api.management.write"),
        "{message}"
    );
    assert!(message.contains("give the key write access"), "{message}");
    assert!(h.keywarden.list_organizations()[0].read_only);
    assert_eq!(
        server.state().service_accounts(project.as_str()).len(),
        before,
        "nothing created"
    );

    let keys = demo.list_keys(&project).await.expect("reading still works");
    let error = demo
        .revoke_key(&project, &keys[0].id, keys[0].name.as_deref())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::ReadOnly { .. }), "{error:?}");
    assert_eq!(demo.list_keys(&project).await.unwrap().len(), keys.len());
    let rotation = demo.rotate_admin_key("new", Some(30)).await.unwrap_err();
    assert!(matches!(rotation, Error::ReadOnly { .. }), "{rotation:?}");
}
