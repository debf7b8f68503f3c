//! The key lifecycle in the real window against a fake organization on loopback: create a key
//! (a double-click makes one), see it masked, copy it from Rust, watch the clipboard clear,
//! acknowledge, revoke it with its blast radius, and recover from a lost create response; one
//! key of a service account with two is expired alone. The page never holds the secret. Needs
//! `make test`'s desktop session.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use fake_admin_api::state::NewKeyTerms;
use fake_admin_api::{FakeOptions, FakeServer, Fault, FaultRule};
use keywarden_e2e::driver::WAIT;
use keywarden_e2e::flows::{
    acknowledge_revealed_key, dialogs_closed, eventually, open_project, org_id_of, start_create,
    text_of, window_with_organization,
};
use keywarden_e2e::traces::sweep_session;
use keywarden_e2e::{x_clipboard, TextMatch};

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn a_key_is_created_once_copied_from_rust_cleared_acknowledged_and_revoked() {
    let server = FakeServer::start(FakeOptions {
        projects: 2,
        keys_per_project: 2,
        ..Default::default()
    })
    .await
    .unwrap();
    let project = server.state().projects(false)[0].clone();
    let accounts_before = server.state().service_accounts(&project.id).len();
    let (url, key) = (server.base_url(), server.admin_key());
    let window = window_with_organization("keys", "Keys e2e", &url, &key)
        .await
        .expect("the window opens with the organization added");
    let config_dir = window.config_dir().to_path_buf();
    let mut sources = Vec::new();

    window
        .click(&format!(
            ".org:nth-of-type(2) button[data-project-id='{}']",
            project.id
        ))
        .await
        .unwrap();
    window.wait_for(".keys-table tbody tr").await.unwrap();
    window.screenshot("20-keys-table").await.unwrap();
    window.click("[data-testid='create-key']").await.unwrap();
    window
        .type_into("[data-testid='key-name']", "ci-deploy <b>e2e</b>")
        .await
        .unwrap();
    window
        .click_twice_at_once("[data-testid='create-key-confirm']")
        .await
        .unwrap();

    let masked = text_of(&window, "[data-testid='masked-key']")
        .await
        .unwrap();
    let accounts = server.state().service_accounts(&project.id);
    assert_eq!(
        accounts.len(),
        accounts_before + 1,
        "a double-click created exactly one key"
    );
    let minted: Vec<String> = server.state().minted_values();
    let value = minted.iter().find(|v| {
        let (head, tail) = masked.split_once('…').unwrap();
        v.starts_with(head) && v.ends_with(tail)
    });
    let value = value
        .expect("the masked key matches a value the server minted")
        .clone();
    assert_ne!(masked, value);
    window.screenshot("21-reveal-masked").await.unwrap();
    sources.push(window.source().await.unwrap());

    window.click("[data-testid='reveal-copy']").await.unwrap();
    let copied = eventually("the copy", WAIT, || async {
        x_clipboard::read().filter(|text| !text.is_empty())
    })
    .await
    .unwrap();
    assert_eq!(
        copied, value,
        "the clipboard holds exactly the minted value"
    );
    window
        .wait_for_text(
            "[data-testid='clipboard-countdown']",
            &TextMatch::containing("cleared in"),
        )
        .await
        .expect("a countdown says when the clipboard is cleared");
    window.screenshot("22-reveal-copied").await.unwrap();
    sources.push(window.source().await.unwrap());
    eventually("the clipboard to clear", WAIT, || async {
        x_clipboard::read()
            .unwrap_or_default()
            .is_empty()
            .then_some(())
    })
    .await
    .unwrap();

    acknowledge_revealed_key(&window)
        .await
        .expect("the reveal closes");
    sources.push(window.source().await.unwrap());

    let new_account = accounts.last().unwrap().clone();
    window
        .wait_for_text(
            "tr[data-key-id] .owner-name",
            &TextMatch::exactly(&new_account.name),
        )
        .await
        .expect("the new key's row appears");
    let new_key_id = server
        .state()
        .api_keys(&project.id)
        .into_iter()
        .find(|k| {
            k.owner
                .service_account
                .as_ref()
                .is_some_and(|sa| sa.id == new_account.id)
        })
        .unwrap()
        .id;
    window
        .click(&format!(
            "tr[data-key-id='{new_key_id}'] [data-testid='revoke-key']"
        ))
        .await
        .unwrap();
    let blast = text_of(&window, "[data-testid='blast-radius']")
        .await
        .unwrap();
    assert!(blast.contains("service account"), "{blast}");
    window.screenshot("23-revoke-preview").await.unwrap();
    window
        .click("[data-testid='revoke-confirm']")
        .await
        .unwrap();
    eventually("the service account to be deleted", WAIT, || async {
        let gone = !server
            .state()
            .service_accounts(&project.id)
            .iter()
            .any(|a| a.id == new_account.id);
        gone.then_some(())
    })
    .await
    .unwrap();

    dialogs_closed(&window).await.unwrap();
    server.inject(FaultRule::new(Fault::LoseCreateResponse).on_method("POST"));
    start_create(&window, "lost-response").await.unwrap();
    window
        .click("[data-testid='create-key-confirm']")
        .await
        .unwrap();
    window
        .wait_for("[data-testid='orphan-dialog']")
        .await
        .expect("the reconcile prompt appears");
    window.screenshot("24-lost-response").await.unwrap();
    window.click("[data-testid='revoke-orphan']").await.unwrap();
    eventually("the orphan to be revoked", WAIT, || async {
        let left = server.state().service_accounts(&project.id);
        (!left.iter().any(|a| a.name == "lost-response")).then_some(())
    })
    .await
    .unwrap();
    assert_eq!(
        server.state().service_accounts(&project.id).len(),
        accounts_before,
        "no orphan is left"
    );

    sources.push(window.source().await.unwrap());
    let ipc = window.recorded_ipc().await.unwrap();
    assert!(ipc.len() > 100, "IPC payloads were recorded");
    window.close().await.unwrap();

    let sweep = sweep_session(&server, &sources, &ipc, &config_dir);
    println!("searched {} places, {} bytes", sweep.places, sweep.bytes);
    assert!(sweep.hits.is_empty(), "secrets leaked: {:?}", sweep.hits);
    let _ = std::fs::remove_dir_all(&config_dir);
}

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn one_key_of_a_service_account_with_two_is_expired_alone_from_the_window() {
    let server = FakeServer::start(FakeOptions {
        projects: 2,
        keys_per_project: 2,
        ..Default::default()
    })
    .await
    .unwrap();
    let project = server.state().projects(false)[0].id.clone();
    let terms = NewKeyTerms {
        scopes: Vec::new(),
        expires_in_seconds: None,
    };
    let made = server
        .with_state(|s| s.create_service_account(&project, "ci-bot", false, &terms))
        .unwrap();
    let first = made.api_key.unwrap().id;
    let second = server
        .with_state(|s| s.create_service_account_key(&project, &made.id, Some("ci-bot 2"), &terms))
        .unwrap()
        .id;
    let (url, key) = (server.base_url(), server.admin_key());
    let window = window_with_organization("alone", "Alone e2e", &url, &key)
        .await
        .expect("the window opens with the organization added");
    let org = org_id_of(&window, "Alone e2e").await.unwrap();
    open_project(&window, &org, &project).await.unwrap();

    window
        .click(&format!(
            "tr[data-key-id='{second}'] [data-testid='revoke-key']"
        ))
        .await
        .unwrap();
    let hint = text_of(&window, "[data-testid='revoke-alone-hint']")
        .await
        .unwrap();
    assert!(hint.contains("its other key keep working"), "{hint}");
    window.screenshot("25-revoke-one-of-two").await.unwrap();
    window
        .click("[data-testid='revoke-key-alone']")
        .await
        .unwrap();
    window
        .wait_for_text(".toast", &TextMatch::containing("made to expire now"))
        .await
        .expect("the toast says the key expires and the account stays");
    dialogs_closed(&window).await.unwrap();

    let state = server.state();
    let working = state.working_keys_of(&made.id);
    assert_eq!(working, [first], "only the first key works");
    assert!(
        state
            .service_accounts(&project)
            .iter()
            .any(|a| a.id == made.id),
        "the service account stays"
    );
    window.close().await.unwrap();
}
