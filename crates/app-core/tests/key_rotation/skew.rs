//! A machine clock hours away from the server's: "used" is decided by the server's timestamps,
//! and times are shown against the server's clock, never as "in -3 minutes".

use chrono::Utc;

use super::*;

const HOURS: i64 = 3 * 3600;

/// Rotates a key on a server whose clock is `offset` seconds from this machine's, with the old
/// key last used ten minutes before the server's present, and checks what the watch says.
async fn watch_with_server_clock_off_by(offset: i64) {
    let acme = acme_with(FakeOptions {
        projects: 2,
        keys_per_project: 2,
        now: Some(Utc::now().timestamp() + offset),
        ..FakeOptions::default()
    })
    .await;
    let old = service_account_key(&acme, "skewed").await;
    let server_now = acme.server.state().clock();
    let id = old.key_id.to_string();
    acme.server.with_state(|s| {
        let key = s.api_keys.iter_mut().find(|k| k.key.id == id).unwrap();
        key.key.last_used_at = Some(server_now - 600);
    });
    let started = start(&acme, &old.key_id, "rotate-skewed").await;
    let new = new_key_id(&started);

    let waiting = status(&acme, &started).await;
    let estimate = waiting
        .server_now
        .expect("the server's clock is known")
        .timestamp();
    let server_now = acme.server.state().clock();
    assert!(
        (estimate - server_now).abs() < 60,
        "{estimate} vs the server's {server_now}"
    );
    let ago = waiting
        .old_key
        .last_used_seconds_ago
        .expect("measured on the server's clock");
    assert!(
        (595..700).contains(&ago),
        "the old key was used 10 minutes ago, not {ago} s"
    );
    assert!(!waiting.new_key_used);

    // A last use the server dates before the new key existed is not a use of it.
    let created = stored(&acme.server, &new).unwrap().key.created_at;
    acme.server.with_state(|s| {
        let key = s
            .api_keys
            .iter_mut()
            .find(|k| k.key.id == new.as_str())
            .unwrap();
        key.key.last_used_at = Some(created - 1);
    });
    assert!(!status(&acme, &started).await.new_key_used);

    acme.server.use_key(new.as_str());
    let used = status(&acme, &started).await;
    assert!(used.new_key_used && used.can_finish, "{used:?}");
    let new_ago = used.new_key.unwrap().last_used_seconds_ago.unwrap();
    assert!(
        new_ago < 60,
        "used just now by the server's clock, not {new_ago} s ago"
    );
}

#[tokio::test]
async fn with_the_servers_clock_hours_ahead_use_is_judged_and_shown_by_the_servers_clock() {
    watch_with_server_clock_off_by(HOURS).await;
}

#[tokio::test]
async fn with_the_servers_clock_hours_behind_use_is_judged_and_shown_by_the_servers_clock() {
    watch_with_server_clock_off_by(-HOURS).await;
}
