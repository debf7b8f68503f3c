//! Rotating a service-account key in the real window, against a fake organization on loopback:
//! the plan, the one-time reveal of the new key, the watch of both keys until traffic moves to
//! the new one, and the old key revoked from the window, leaving one working key on the service
//! account. A person's key is explained instead; a rotation in progress is listed again after a
//! restart and can be abandoned there. The page never holds a secret. Needs `make test`'s
//! desktop session.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use fake_admin_api::state::NewKeyTerms;
use fake_admin_api::{FakeOptions, FakeServer};
use keywarden_e2e::driver::WAIT;
use keywarden_e2e::flows::{
    eventually, open_project, org_id_of, store_revealed_key, window_with_organization,
};
use keywarden_e2e::traces::sweep_session;
use keywarden_e2e::{TextMatch, Window};

pub(crate) const LABEL: &str = "Rotation e2e";

/// A fake organization with a service account `account` in its first project whose one key
/// (read only, 90 days) was used ten minutes ago: the server, the project id, the account id and
/// the key id.
pub(crate) async fn organization_with_key(account: &str) -> (FakeServer, String, String, String) {
    let server = FakeServer::start(FakeOptions {
        projects: 2,
        keys_per_project: 2,
        ..Default::default()
    })
    .await
    .unwrap();
    let project = server.state().projects(false)[0].id.clone();
    let terms = NewKeyTerms {
        scopes: vec!["api.all.read".into()],
        expires_in_seconds: Some(90 * 86_400),
    };
    let made = server
        .with_state(|s| s.create_service_account(&project, account, false, &terms))
        .unwrap();
    let key = made.api_key.unwrap().id;
    server.with_state(|s| {
        let now = s.clock();
        let stored = s.api_keys.iter_mut().find(|k| k.key.id == key).unwrap();
        stored.key.last_used_at = Some(now - 600);
    });
    (server, project, made.id, key)
}

/// The keys of `account` that still work (not deleted, not expiring within the next second).
pub(crate) fn working_keys(server: &FakeServer, account: &str) -> Vec<String> {
    server.state().working_keys_of(account)
}

/// The key of `account` that is not `old`: the new one.
pub(crate) fn new_key_of(server: &FakeServer, account: &str, old: &str) -> String {
    let state = server.state();
    let key = state.api_keys.iter().find(|k| {
        k.key.id != old
            && k.key
                .owner
                .service_account
                .as_ref()
                .map(|sa| sa.id.as_str())
                == Some(account)
    });
    key.expect("the new key was minted").key.id.clone()
}

/// Opens the project of the organization labelled [`LABEL`] and starts rotating `key` until its
/// reveal is open and armed.
pub(crate) async fn rotate_until_revealed(window: &Window, project: &str, key: &str) {
    let org = org_id_of(window, LABEL).await.unwrap();
    open_project(window, &org, project).await.unwrap();
    let row = format!("tr[data-key-id='{key}']");
    window.wait_for(&row).await.unwrap();
    window.screenshot("80-rotation-row").await.unwrap();
    window
        .click(&format!("{row} [data-testid='key-rotate']"))
        .await
        .unwrap();
    window
        .wait_for_text(
            "[data-testid='rotation-plan-name']",
            &TextMatch::containing("(rotated "),
        )
        .await
        .expect("the plan names the new key");
}

pub(crate) async fn confirm_until_revealed(window: &Window) {
    window
        .click("[data-testid='rotation-start-confirm']")
        .await
        .unwrap();
    window
        .page(
            "const d = await waitFor(() => opened('reveal-dialog'), 60000); \
             await waitFor(() => d.dataset.armed === 'true', 20000);",
            vec![],
        )
        .await
        .unwrap();
}

mod person;
mod restart;
mod watched;
