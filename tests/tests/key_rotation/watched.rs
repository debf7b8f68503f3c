//! A full rotation from the window: plan, reveal, watch, the old key revoked.

use super::*;

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn a_service_account_key_is_rotated_revealed_watched_and_its_old_key_revoked_from_the_window()
{
    let (server, project, account, old) = organization_with_key("billing-worker").await;
    let (url, admin) = (server.base_url(), server.admin_key());
    let window = window_with_organization("rotation", LABEL, &url, &admin)
        .await
        .expect("the window opens with the organization added");
    let config_dir = window.config_dir().to_path_buf();
    let mut sources = Vec::new();

    rotate_until_revealed(&window, &project, &old).await;
    let permissions = window
        .text_of("[data-testid='rotation-plan-permissions']")
        .await
        .unwrap();
    assert!(permissions.contains("like the old key"), "{permissions}");
    window.screenshot("81-rotation-plan").await.unwrap();
    confirm_until_revealed(&window).await;
    let new = new_key_of(&server, &account, &old);
    assert_eq!(
        working_keys(&server, &account).len(),
        2,
        "one new key, on the same account"
    );
    assert_eq!(
        server.api_key_policy(&new).unwrap().scopes,
        ["api.all.read"],
        "the same permissions"
    );
    window.screenshot("82-rotation-reveal").await.unwrap();
    sources.push(window.source().await.unwrap());
    store_revealed_key(&window).await.unwrap();

    window
        .wait_for_text(
            "[data-testid='rotation-new-key-used']",
            &TextMatch::exactly("not used yet"),
        )
        .await
        .expect("the watch opens after the reveal");
    let old_use = window
        .wait_for_text(
            "[data-testid='rotation-old-key-used']",
            &TextMatch::containing("minutes ago"),
        )
        .await
        .unwrap();
    assert!(old_use.contains("10 minutes ago"), "{old_use}");
    let disabled = window
        .run(
            "return document.querySelector('[data-testid=rotation-finish]').disabled",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        disabled, true,
        "“Revoke old key” waits for the new key to be used"
    );
    window.screenshot("83-rotation-watch").await.unwrap();

    assert!(server.use_key(&new), "traffic moves to the new key");
    window
        .click("[data-testid='rotation-check']")
        .await
        .unwrap();
    window
        .wait_for_text(
            "[data-testid='rotation-new-key-used']",
            &TextMatch::exactly("last used just now"),
        )
        .await
        .expect("the watch sees the new key used");
    window
        .wait_for_text(
            "[data-testid='rotation-phase']",
            &TextMatch::containing("ready to revoke the old key"),
        )
        .await
        .unwrap();
    window.screenshot("84-rotation-used").await.unwrap();
    window
        .click("[data-testid='rotation-finish']")
        .await
        .unwrap();
    window
        .wait_for_text(
            "[data-testid='rotation-phase']",
            &TextMatch::exactly("Rotation complete"),
        )
        .await
        .expect("the rotation completes");
    window.screenshot("85-rotation-complete").await.unwrap();
    eventually("the old key to stop working", WAIT, || async {
        (working_keys(&server, &account) == [new.clone()]).then_some(())
    })
    .await
    .expect("exactly one working key is left on the service account: the new one");
    window
        .click("[data-testid='rotation-close']")
        .await
        .unwrap();
    window
        .wait_gone("[data-testid='rotation-banner']")
        .await
        .unwrap();
    sources.push(window.source().await.unwrap());

    let ipc = window.recorded_ipc().await.unwrap();
    assert!(
        ipc.contains("finish_key_rotation"),
        "IPC payloads were recorded"
    );
    window.close().await.unwrap();
    let sweep = sweep_session(&server, &sources, &ipc, &config_dir);
    println!("searched {} places, {} bytes", sweep.places, sweep.bytes);
    assert!(sweep.hits.is_empty(), "secrets leaked: {:?}", sweep.hits);
    let _ = std::fs::remove_dir_all(&config_dir);
}
