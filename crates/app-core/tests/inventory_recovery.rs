//! An inventory cache that cannot be used never stops the app: a corrupt file is rebuilt at
//! start with a notice, and a cache folder that cannot be written turns the cache off while the
//! organization keeps working from the network.

mod support;

use std::sync::Arc;

use app_core::clipboard::MemoryClipboard;
use app_core::inventory_store::KeyQuery;
use app_core::org::CacheState;
use app_core::MemoryStore;
use fake_admin_api::{FakeOptions, FakeServer};

#[allow(clippy::expect_used)]
async fn remote() -> FakeServer {
    let options = FakeOptions {
        projects: 3,
        keys_per_project: 3,
        ..FakeOptions::default()
    };
    FakeServer::start(options).await.expect("fake server")
}

#[tokio::test]
async fn a_cache_file_that_is_corrupt_at_start_is_rebuilt_and_the_user_is_told() {
    let h = support::harness().await;
    let server = remote().await;
    let acme = support::add_remote(&h, "Acme", &server).await;
    acme.refresh_inventory(|_| {}).await.unwrap();
    let id = acme.id().clone();
    drop(acme);
    let support::Harness {
        keywarden,
        store,
        clipboard,
        dir,
    } = h;
    drop(keywarden);
    let file = dir.path().join("cache").join(format!("{id}.sqlite3"));
    std::fs::write(&file, b"this is not a database, it was damaged on disk").unwrap();
    for companion in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{companion}", file.display()));
    }

    let keywarden = support::start_with(&dir, store, clipboard).await;
    let acme = keywarden.org(&id).unwrap();
    let status = acme.inventory_status().await.unwrap();
    let notice = status.notice.expect("a notice says what happened");
    assert!(notice.contains("rebuilt"), "{notice}");
    assert_eq!(status.cache, CacheState::On);
    assert_eq!((status.refreshed_at, status.key_count), (None, 0));

    let refreshed = acme.refresh_inventory(|_| {}).await.unwrap();
    assert_eq!(
        refreshed.notice, None,
        "the notice goes once the cache is filled"
    );
    // 3 projects × 3 keys, and the seed's embeddings-only key.
    assert_eq!(refreshed.key_count, 10);
}

#[tokio::test]
async fn a_cache_folder_that_cannot_be_written_turns_the_cache_off_and_the_app_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"a file where the cache folder should go").unwrap();
    let store = Arc::new(MemoryStore::new());
    let clipboard = Arc::new(MemoryClipboard::new());
    let cache = Some(blocker.join("cache"));
    let keywarden = support::start_with_cache(&dir, store.clone(), clipboard.clone(), cache).await;
    let h = support::Harness {
        keywarden,
        store,
        clipboard,
        dir,
    };
    let server = remote().await;
    let acme = support::add_remote(&h, "Acme", &server).await;

    let status = acme.inventory_status().await.unwrap();
    let CacheState::Off { reason } = status.cache else {
        panic!("expected the cache to be off, got {:?}", status.cache);
    };
    assert!(
        reason.contains("keeps working from the network"),
        "{reason}"
    );

    let refreshed = acme.refresh_inventory(|_| {}).await.unwrap();
    assert_eq!(
        refreshed.key_count, 10,
        "3 projects × 3 keys and the embeddings-only key"
    );
    assert!(matches!(refreshed.cache, CacheState::Off { .. }));
    let page = acme.query_keys(KeyQuery::default()).await.unwrap();
    assert_eq!(page.total, 10);
    assert!(!blocker.join("cache").exists());
}
