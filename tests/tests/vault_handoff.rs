//! *Send to vault* in the real window: a new key goes from Rust straight into Debian's `pass`
//! (a throwaway GnuPG home and password store, handed to the app through its environment), the
//! user acknowledges without ever copying, `pass show` returns exactly the value the fake server
//! minted, and the X clipboard never held it. The clipboard plugin that copies non-secret values
//! from Rust cannot be called by the page. Needs `make test`'s desktop session.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use fake_admin_api::{FakeOptions, FakeServer};
use keywarden_e2e::flows::{
    acknowledge_revealed_key, create_until_revealed, eventually, open_project, org_id_of,
    window_with_organization,
};
use keywarden_e2e::{x_clipboard, TextMatch};

/// A GnuPG key without passphrase and a password store for it, under `dir`.
fn password_store(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let (gnupg, store) = (dir.join("gnupg"), dir.join("store"));
    std::fs::create_dir_all(&gnupg).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&gnupg, std::fs::Permissions::from_mode(0o700)).unwrap();
    let run = |program: &str, args: &[&str]| {
        let status = Command::new(program)
            .args(args)
            .env("GNUPGHOME", &gnupg)
            .env("PASSWORD_STORE_DIR", &store)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .status()
            .unwrap_or_else(|e| panic!("{program} is needed (make test installs it): {e}"));
        assert!(status.success(), "{program} {args:?} failed");
    };
    run(
        "gpg",
        &[
            "--batch",
            "--passphrase",
            "",
            "--quick-gen-key",
            "Keywarden E2E <e2e@keywarden.invalid>",
            "default",
            "default",
            "never",
        ],
    );
    run("pass", &["init", "e2e@keywarden.invalid"]);
    (gnupg, store)
}

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn a_key_sent_to_pass_is_stored_exactly_and_never_reaches_the_clipboard() {
    let dir = Path::new("/tmp").join(format!("kw-vault-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (gnupg, store) = password_store(&dir);
    // The app inherits these through tauri-driver, as it would from the user's session.
    std::env::set_var("GNUPGHOME", &gnupg);
    std::env::set_var("PASSWORD_STORE_DIR", &store);
    let server = FakeServer::start(FakeOptions {
        projects: 1,
        keys_per_project: 1,
        ..Default::default()
    })
    .await
    .unwrap();
    let project = server.state().projects(false)[0].clone();
    let window = window_with_organization(
        "vault",
        "Vault e2e",
        &server.base_url(),
        &server.admin_key(),
    )
    .await
    .expect("the window opens with the organization added");
    let org_id = org_id_of(&window, "Vault e2e").await.unwrap();
    open_project(&window, &org_id, &project.id).await.unwrap();
    x_clipboard::put("what the user had copied before").unwrap();

    create_until_revealed(&window, "ci-deploy").await.unwrap();
    window
        .click("[data-testid='reveal-send-to-vault']")
        .await
        .unwrap();
    window.wait_for("[data-testid='vault-kind']").await.unwrap();
    window
        .choose("[data-testid='vault-kind']", "pass")
        .await
        .unwrap();
    let suggested = window
        .page(
            "return document.querySelector('[data-testid=vault-entry]').value;",
            vec![],
        )
        .await
        .unwrap();
    let suggested = suggested.as_str().unwrap().to_owned();
    let project_name = project.name.clone().unwrap_or_else(|| project.id.clone());
    assert_eq!(
        suggested,
        format!("OpenAI/Vault e2e/{project_name}/ci-deploy")
    );
    window.screenshot("60-send-to-vault").await.unwrap();
    window.click("[data-testid='vault-send']").await.unwrap();
    let result = window
        .wait_for_text(
            "[data-testid='vault-result']",
            &TextMatch::containing("Stored in pass"),
        )
        .await
        .unwrap();
    window.screenshot("61-sent-to-vault").await.unwrap();
    // Never copied, but stored in a vault: acknowledged without the "never copied" question.
    acknowledge_revealed_key(&window).await.unwrap();

    let minted = server.state().minted_values().pop().unwrap();
    let shown = Command::new("pass")
        .args(["show", &suggested])
        .env("GNUPGHOME", &gnupg)
        .env("PASSWORD_STORE_DIR", &store)
        .output()
        .unwrap();
    let first_line = String::from_utf8_lossy(&shown.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .to_owned();
    assert_eq!(
        first_line, minted,
        "pass show returns the minted key ({result})"
    );
    assert_eq!(
        x_clipboard::read().as_deref(),
        Some("what the user had copied before"),
        "the clipboard was never written"
    );
    let page = window.source().await.unwrap();
    assert!(!page.contains(&minted), "the secret reached the page");

    // The clipboard plugin is registered for Rust alone: the page cannot call it.
    let refused = window
        .page(
            r#"const out = [];
            for (const [cmd, a] of [["plugin:clipboard-manager|write_text", { text: "from the page" }],
                                    ["plugin:clipboard-manager|read_text", {}]]) {
              try { await invoke(cmd, a); out.push("allowed"); }
              catch (e) { out.push(String(e?.message ?? e)); }
            }
            return out;"#,
            vec![],
        )
        .await
        .unwrap();
    let refused: Vec<String> = serde_json::from_value(refused).unwrap();
    assert!(
        refused.iter().all(|answer| answer != "allowed"),
        "{refused:?}"
    );
    assert_ne!(x_clipboard::read().as_deref(), Some("from the page"));
    // Non-secret copies go through it from Rust: a key's ID lands on the X clipboard.
    window.click("[data-testid='copy-key-id']").await.unwrap();
    let copied = eventually(
        "the key ID on the clipboard",
        Duration::from_secs(10),
        || async { x_clipboard::read().filter(|text| text.starts_with("key_")) },
    )
    .await
    .unwrap();
    println!("copied through the plugin: {copied}; the page's own calls: {refused:?}");
    window.close().await.unwrap();
    let _ = Command::new("gpgconf")
        .args(["--kill", "gpg-agent"])
        .env("GNUPGHOME", &gnupg)
        .status();
    let _ = std::fs::remove_dir_all(&dir);
}
