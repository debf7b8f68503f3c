//! What crosses IPC after a key is created holds no secret: the create's outcome, the pending
//! reveal, the activity, and the cached pages and status, serialized exactly as the commands
//! return them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use app_core::clipboard::MemoryClipboard;
use app_core::{ConfigStore, Keywarden, MemoryStore, OrgId, StartOptions, DEMO_ORG_ID};
use keywarden_lib::dto::{
    ActivityEntryDto, CreateOutcomeDto, InventoryStatusDto, KeyPageDto, KeyQueryDto, KeySortDto,
    PendingRevealDto,
};
use openai_admin::ProjectId;

#[tokio::test]
async fn a_created_key_crosses_ipc_without_its_secret_in_any_response() {
    let dir = tempfile::tempdir().unwrap();
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
    ];

    let secret = server.state().minted_values().pop().unwrap();
    assert!(responses[0].contains("\"revealId\""), "{}", responses[0]);
    for response in responses {
        assert!(!response.contains(&secret), "{response}");
        assert!(
            !response.contains(&secret[secret.len() - 12..]),
            "{response}"
        );
    }
}
