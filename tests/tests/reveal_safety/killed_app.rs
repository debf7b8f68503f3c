//! When the app is killed while a reveal is open, the next start warns about the lost key, marks
//! it in the keys table until the user decides, and revokes it on request.

use std::time::Duration;

use keywarden_e2e::flows::{
    add_organization, dialogs_closed, eventually, fresh_settings, open_project, org_id_of,
};
use keywarden_e2e::Window;
use serde_json::json;

use crate::steps::{
    fake_org, lost_key_mark, lost_key_warning, lost_key_warning_armed, open_create_dialog,
    reveal_state,
};

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn a_reveal_open_when_the_app_is_killed_comes_back_as_a_warning_that_revokes_the_key() {
    let config_dir = std::env::temp_dir().join(format!("kw-e2e-killed-{}", std::process::id()));
    fresh_settings(&config_dir, 30).unwrap();
    let server = fake_org(1).await;
    let project = server.state().projects(false)[0].clone();
    std::env::set_var("GTK_THEME", "Adwaita:dark");
    let window = Window::open().await.expect("the app window opens");
    window
        .wait_for(".org[data-org-id='demo'] .project")
        .await
        .unwrap();
    add_organization(&window, "Killed", &server.base_url(), &server.admin_key())
        .await
        .unwrap();
    let org_id = org_id_of(&window, "Killed").await.unwrap();
    open_project(&window, &org_id, &project.id).await.unwrap();
    open_create_dialog(&window, "ci-deploy").await;
    window
        .click("[data-testid='create-key-confirm']")
        .await
        .unwrap();
    window
        .page(
            "await waitFor(() => opened('reveal-dialog'), 30000);",
            vec![],
        )
        .await
        .unwrap();
    window.screenshot("45-reveal-arming-dark").await.unwrap();
    let state = reveal_state(&window, &org_id, "ci-deploy").await;
    window.screenshot("46-reveal-armed-dark").await.unwrap();
    let key_id = state["pending"][0]["keyId"].as_str().unwrap().to_owned();
    let account = state["pending"][0]["serviceAccountId"]
        .as_str()
        .unwrap()
        .to_owned();
    let journal = config_dir.join("pending-reveals.dev.json");
    let record = std::fs::read_to_string(&journal).expect("the reveal was journaled first");
    assert!(record.contains(&key_id), "{record}");
    for secret in server.state().minted_values() {
        assert!(!record.contains(&secret), "the journal holds no secret");
    }

    let killed = window.kill_app().unwrap();
    drop(window);
    println!("killed the app (pid {killed}) with its reveal open");

    let window = Window::open().await.expect("the app starts again");
    let warning = lost_key_warning(&window).await;
    assert_eq!(
        warning["message"],
        "Keywarden closed while the key ci-deploy was waiting to be copied. Its secret is lost. \
         Revoke it?"
    );
    assert_eq!(warning["name"], "ci-deploy");
    assert!(
        warning["blast"]
            .as_str()
            .unwrap()
            .contains("service account"),
        "{warning}"
    );
    assert_ne!(warning["focused"], "lost-key-revoke", "{warning}");
    lost_key_warning_armed(&window).await;
    window.screenshot("47-lost-key-warning-dark").await.unwrap();
    window
        .click("[data-testid='lost-key-later']")
        .await
        .unwrap();
    dialogs_closed(&window).await.unwrap();
    open_project(&window, &org_id, &project.id).await.unwrap();
    let marked = lost_key_mark(&window, &key_id).await;
    assert_eq!(marked["text"], "secret lost", "{marked}");
    assert_eq!(marked["others"], 0, "only the lost key is marked: {marked}");
    window.screenshot("47-lost-key-marked-dark").await.unwrap();
    window.close().await.unwrap();

    std::env::remove_var("GTK_THEME");
    let window = Window::open().await.expect("the app starts a third time");
    let warning = lost_key_warning(&window).await;
    assert_eq!(
        warning["name"], "ci-deploy",
        "asked again after “decide later”"
    );
    lost_key_warning_armed(&window).await;
    window.screenshot("48-lost-key-warning").await.unwrap();
    window
        .click("[data-testid='lost-key-revoke']")
        .await
        .unwrap();
    let after = window
        .page(
            "const [orgId, keyId] = args; \
             await waitFor(() => !opened('lost-key-warning'), 20000); \
             const activity = await invoke('list_activity', { orgId }); \
             const lost = await invoke('lost_new_keys'); \
             return { lost: lost.length, \
               actions: activity.filter((a) => a.keyId === keyId).map((a) => a.action) };",
            vec![json!(org_id), json!(key_id)],
        )
        .await
        .unwrap();
    let actions = after["actions"].to_string();
    assert!(
        actions.contains("lost"),
        "the activity marks the key lost: {actions}"
    );
    assert!(actions.contains("revoked"), "{actions}");
    assert!(!actions.contains("acknowledged"), "{actions}");
    assert_eq!(after["lost"], 0);
    eventually(
        "the service account to be deleted",
        Duration::from_secs(20),
        || async {
            let accounts = server.state().service_accounts(&project.id);
            (!accounts.iter().any(|a| a.id == account)).then_some(())
        },
    )
    .await
    .unwrap();
    assert!(!journal.exists(), "nothing is left in the journal");
    window.close().await.unwrap();
    let _ = std::fs::remove_dir_all(&config_dir);
}
