//! What crosses IPC after a key is created holds no secret: the create's outcome, the pending
//! reveal, the activity, the cached pages and status, and *Send to vault*'s set-up and result
//! (the key really sent to `pass`), serialized exactly as the commands return them.

// Linux only: it really sends the key to Debian's `pass` (the IPC shapes are the same everywhere).
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use app_core::clipboard::MemoryClipboard;
use app_core::org::VaultRequest;
use app_core::vault_handoff::{VaultKind, VaultTools, VaultUnlock, TOOL_TIME_LIMIT};
use app_core::{ConfigStore, Keywarden, MemoryStore, OrgId, StartOptions, DEMO_ORG_ID};
use keywarden_lib::dto::{
    ActivityEntryDto, CreateOutcomeDto, InventoryStatusDto, KeyPageDto, KeyQueryDto, KeySortDto,
    PendingRevealDto, StoredDto, VaultSetupDto,
};
use openai_admin::ProjectId;

/// A throwaway GnuPG key and `pass` store (Debian's `pass`, as `make test` installs it), and the
/// vault tools pointed at them.
fn password_store(dir: &std::path::Path) -> VaultTools {
    use std::os::unix::fs::PermissionsExt;
    let (gnupg, store) = (dir.join("gnupg"), dir.join("store"));
    std::fs::create_dir_all(&gnupg).unwrap();
    std::fs::set_permissions(&gnupg, std::fs::Permissions::from_mode(0o700)).unwrap();
    let run = |program: &str, args: &[&str]| {
        let status = std::process::Command::new(program)
            .args(args)
            .env("GNUPGHOME", &gnupg)
            .env("PASSWORD_STORE_DIR", &store)
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap_or_else(|e| panic!("{program} is needed (make test installs it): {e}"));
        assert!(status.success(), "{program} {args:?} failed");
    };
    let key = [
        "Keywarden IPC <ipc@keywarden.invalid>",
        "default",
        "default",
        "never",
    ];
    run(
        "gpg",
        &[
            &["--batch", "--passphrase", "", "--quick-gen-key"][..],
            &key[..],
        ]
        .concat(),
    );
    run("pass", &["init", "ipc@keywarden.invalid"]);
    VaultTools::new(
        std::env::var_os("PATH").unwrap_or_default(),
        TOOL_TIME_LIMIT,
    )
    .with_var("GNUPGHOME", gnupg)
    .with_var("PASSWORD_STORE_DIR", store)
}

#[tokio::test]
async fn a_created_key_crosses_ipc_without_its_secret_in_any_response() {
    let dir = tempfile::Builder::new()
        .prefix("kw-ipc")
        .tempdir_in("/tmp")
        .unwrap();
    let keywarden = Keywarden::start(StartOptions {
        demo: true,
        secret_store: Arc::new(MemoryStore::new()),
        clipboard: Arc::new(MemoryClipboard::new()),
        config_store: ConfigStore::new(dir.path().join("config.json")),
        client_options: openai_admin::ClientOptions::default(),
        reconcile_delay: Duration::ZERO,
        cache_dir: Some(dir.path().join("cache")),
        environment_key: app_core::EnvironmentKey::default(),
        host_confirmation: std::sync::Arc::new(app_core::DeclineOtherHosts),
        vault_tools: password_store(dir.path()),
    })
    .await
    .unwrap();
    let demo = keywarden.org(&OrgId::new(DEMO_ORG_ID)).unwrap();
    let server = keywarden.demo().unwrap().server();
    demo.refresh_inventory(|_| {}).await.unwrap();
    let project = ProjectId::from(server.state().projects(false)[0].id.as_str());

    let outcome = demo
        .create_key(&project, "deploy", &Default::default(), "req-1")
        .await
        .unwrap();
    let reveal = keywarden.pending_new_keys()[0].reveal_id.to_string();
    let setup = VaultSetupDto::from(demo.vault_setup(&reveal).await.unwrap());
    let request = VaultRequest {
        kind: VaultKind::Pass,
        entry: setup.entry.clone(),
        database: None,
        container: None,
    };
    let stored = demo
        .send_new_key_to_vault(&reveal, request, VaultUnlock::default())
        .await
        .unwrap();
    let page = KeyQueryDto {
        filter: None,
        project_id: Some(project.to_string()),
        text: None,
        sort: KeySortDto {
            column: "created".into(),
            descending: true,
        },
        offset: 0,
        limit: 400,
        usage_days: None,
    };
    let page = demo.query_keys(page.try_into().unwrap()).await.unwrap();
    let pending: Vec<PendingRevealDto> = keywarden
        .pending_new_keys()
        .into_iter()
        .map(PendingRevealDto::from)
        .collect();
    let activity: Vec<ActivityEntryDto> = demo
        .activity()
        .into_iter()
        .map(ActivityEntryDto::from)
        .collect();
    let status = InventoryStatusDto::from(demo.inventory_status().await.unwrap());
    let responses = [
        serde_json::to_string(&CreateOutcomeDto::from(outcome)).unwrap(),
        serde_json::to_string(&KeyPageDto::from(page)).unwrap(),
        serde_json::to_string(&pending).unwrap(),
        serde_json::to_string(&activity).unwrap(),
        serde_json::to_string(&status).unwrap(),
        serde_json::to_string(&setup).unwrap(),
        serde_json::to_string(&StoredDto::from(stored)).unwrap(),
    ];

    let secret = server.state().minted_values().pop().unwrap();
    assert!(responses[0].contains("\"revealId\""), "{}", responses[0]);
    assert!(
        responses[2].contains("\"storedIn\":{\"kind\":\"pass\""),
        "{}",
        responses[2]
    );
    assert!(responses[3].contains("\"sentToVault\""), "{}", responses[3]);
    for response in responses {
        assert!(!response.contains(&secret), "{response}");
        assert!(
            !response.contains(&secret[secret.len() - 12..]),
            "{response}"
        );
    }
    let _ = std::process::Command::new("gpgconf")
        .args(["--kill", "gpg-agent"])
        .env("GNUPGHOME", dir.path().join("gnupg"))
        .status();
}
