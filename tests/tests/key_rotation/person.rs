//! A person's key: explained, and a service-account key offered instead.

use super::*;

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn a_persons_key_is_explained_and_a_service_account_key_offered_instead() {
    let (server, project, _, _) = organization_with_key("unused").await;
    let user_key = server
        .state()
        .api_keys(&project)
        .into_iter()
        .find(|k| k.owner.kind == "user")
        .expect("a seeded user key")
        .id;
    let (url, admin) = (server.base_url(), server.admin_key());
    let window = window_with_organization("rotation-user", LABEL, &url, &admin)
        .await
        .unwrap();
    let org = org_id_of(&window, LABEL).await.unwrap();
    open_project(&window, &org, &project).await.unwrap();
    let row = format!("tr[data-key-id='{user_key}']");
    window
        .click(&format!("{row} [data-testid='key-rotate']"))
        .await
        .unwrap();
    let explained = window
        .text_of("[data-testid='rotation-user-owned']")
        .await
        .unwrap();
    assert!(explained.contains("belongs to a person"), "{explained}");
    assert!(
        explained.contains("service-account key instead"),
        "{explained}"
    );
    window.screenshot("86-rotation-user-owned").await.unwrap();
    let keys_before = server.state().api_keys.len();
    window
        .click("[data-testid='rotation-create-instead']")
        .await
        .unwrap();
    window
        .wait_for("[data-testid='create-key-dialog']")
        .await
        .expect("the create dialog of the key's project opens");
    assert_eq!(
        server.state().api_keys.len(),
        keys_before,
        "nothing was created"
    );
    window.close().await.unwrap();
}
