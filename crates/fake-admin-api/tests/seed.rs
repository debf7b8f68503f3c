#![allow(clippy::unwrap_used, clippy::expect_used)]

use fake_admin_api::seed::{self, generate, IMG_MARKUP, SCRIPT_MARKUP};
use fake_admin_api::State;

const NOW: i64 = 1_750_000_000;

fn names(state: &State) -> [(&'static str, Vec<String>); 4] {
    [
        (
            "project",
            state
                .projects(true)
                .into_iter()
                .filter_map(|p| p.name)
                .collect(),
        ),
        (
            "key",
            state.api_keys.iter().map(|k| k.key.name.clone()).collect(),
        ),
        (
            "service account",
            state
                .service_accounts
                .iter()
                .map(|s| s.account.name.clone())
                .collect(),
        ),
        (
            "user",
            state.users.iter().filter_map(|u| u.name.clone()).collect(),
        ),
    ]
}

#[test]
fn the_same_seed_always_yields_the_same_state() {
    assert_eq!(generate(7, 5, 4, NOW), generate(7, 5, 4, NOW));
}

#[test]
fn a_different_seed_yields_different_ids_and_secrets() {
    let a = generate(7, 5, 4, NOW);
    let b = generate(8, 5, 4, NOW);
    assert_ne!(a.projects[0].id, b.projects[0].id);
    assert_ne!(a.minted_values(), b.minted_values());
}

#[test]
fn seeded_names_include_markup_in_every_kind_of_object() {
    let state = generate(7, 5, 4, NOW);
    for (kind, list) in names(&state) {
        for markup in [IMG_MARKUP, SCRIPT_MARKUP] {
            assert!(
                list.iter().any(|n| n.contains(markup)),
                "{kind} names lack {markup}"
            );
        }
    }
}

#[test]
fn seeded_names_include_emoji_rtl_text_and_one_300_character_name() {
    let state = generate(7, 5, 4, NOW);
    let all: Vec<String> = names(&state)
        .into_iter()
        .flat_map(|(_, list)| list)
        .collect();
    let has = |range: std::ops::RangeInclusive<char>| {
        all.iter().any(|n| n.chars().any(|c| range.contains(&c)))
    };
    assert!(has('\u{1F300}'..='\u{1FAFF}'), "emoji");
    assert!(has('\u{0600}'..='\u{06FF}'), "Arabic");
    assert!(has('\u{0590}'..='\u{05FF}'), "Hebrew");
    let long: Vec<_> = all.iter().filter(|n| n.chars().count() == 300).collect();
    assert_eq!(long.len(), 1);
    assert_eq!(long[0], &seed::long_name());
}

#[test]
fn the_first_project_is_plain_active_and_has_keys() {
    let state = generate(7, 5, 4, NOW);
    let first = &state.projects(false)[0];
    assert_eq!(first.name.as_deref(), Some("Production API"));
    let keys = state.api_keys(&first.id);
    assert_eq!(keys.len(), 5, "four generated keys and embeddings-indexer");
    assert_eq!(keys[4].name, seed::EMBEDDINGS_INDEXER);
}

#[test]
fn at_least_one_project_is_archived_when_there_are_three() {
    let state = generate(7, 3, 1, NOW);
    assert_eq!(state.projects(true).len(), 3);
    assert_eq!(state.projects(false).len(), 2);
    assert!(generate(7, 2, 1, NOW)
        .projects
        .iter()
        .all(|p| p.archived_at.is_none()));
}

#[test]
fn seeded_keys_mix_owners_usage_and_access() {
    let state = generate(7, 5, 4, NOW);
    let keys: Vec<_> = state.api_keys.iter().map(|k| &k.key).collect();
    assert!(keys
        .iter()
        .any(|k| k.owner.kind == "user" && k.owner.user.is_some()));
    assert!(keys
        .iter()
        .any(|k| k.owner.kind == "service_account" && k.owner.service_account.is_some()));
    assert!(keys.iter().any(|k| k.last_used_at.is_none()));
    assert!(keys
        .iter()
        .any(|k| k.last_used_at.is_some_and(|t| NOW - t < 3_600)));
    assert!(keys.iter().any(|k| k
        .last_used_at
        .is_some_and(|t| (3_600..86_400).contains(&(NOW - t)))));
    assert!(keys
        .iter()
        .any(|k| k.last_used_at.is_some_and(|t| NOW - t > 86_400)));
    assert!(keys.iter().any(|k| k.owner_project_access == "inactive"));
    assert!(keys
        .iter()
        .all(|k| k.id.starts_with("key_") && k.created_at < NOW));
    assert!(keys
        .iter()
        .all(|k| k.last_used_at.is_none_or(|t| t >= k.created_at)));
}

#[test]
fn project_ids_have_the_real_shape() {
    let state = generate(7, 5, 4, NOW);
    for project in &state.projects {
        let suffix = project.id.strip_prefix("proj_").unwrap();
        assert_eq!(suffix.len(), 24);
        assert!(suffix.chars().all(|c| c.is_ascii_alphanumeric()));
    }
}

#[test]
fn every_seeded_key_secret_is_listed_but_only_redacted_on_the_key() {
    let state = generate(7, 5, 4, NOW);
    let minted = state.minted_values();
    for stored in &state.api_keys {
        assert!(minted.contains(&stored.value));
        assert_eq!(
            stored.key.redacted_value,
            fake_admin_api::redact(&stored.value)
        );
        let wire = serde_json::to_string(&stored.key).unwrap();
        assert!(!wire.contains(&stored.value));
    }
}

#[test]
fn large_organizations_seed_quickly_and_stay_consistent() {
    let state = generate(3, 200, 12, NOW);
    assert_eq!(state.projects.len(), 200);
    assert_eq!(
        state.api_keys.len(),
        2_401,
        "12 per project and embeddings-indexer"
    );
    let mut ids: Vec<_> = state.api_keys.iter().map(|k| k.key.id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 2_401);
}

#[test]
fn seeded_keys_mostly_never_expire_some_expire_within_400_days_and_a_few_have_expired() {
    let state = generate(7, 5, 4, NOW);
    let expiries: Vec<Option<i64>> = state.api_keys.iter().map(|k| k.key.expires_at).collect();
    let never = expiries.iter().filter(|e| e.is_none()).count();
    let future = expiries.iter().flatten().filter(|&&t| t > NOW).count();
    let expired = expiries.iter().flatten().filter(|&&t| t <= NOW).count();
    assert!(never * 2 > expiries.len(), "{expiries:?}");
    assert!(future > 0 && expired > 0, "{expiries:?}");
    for stored in &state.api_keys {
        let key = &stored.key;
        let Some(at) = key.expires_at else { continue };
        if at > NOW {
            assert!((NOW + 86_400..=NOW + 400 * 86_400).contains(&at), "{at}");
        } else {
            assert!(at > key.created_at && key.last_used_at.is_none_or(|t| t < at));
        }
        assert_eq!(stored.scopes, [seed::SEEDED_SCOPE]);
    }
}

#[test]
fn every_seed_has_an_expired_key_in_the_first_project_and_an_old_never_used_key() {
    for seed in 0..40 {
        for (projects, keys) in [(5, 4), (3, 3), (2, 2), (1, 5), (12, 7)] {
            let state = generate(seed, projects, keys, NOW);
            let first = &state.projects[0].id;
            assert!(
                state
                    .api_keys(first)
                    .iter()
                    .any(|k| k.expires_at.is_some_and(|t| t <= NOW)),
                "seed {seed}, {projects}x{keys}: no expired key in the first project"
            );
            if projects * keys >= 3 {
                assert!(
                    state.api_keys.iter().any(|k| k.key.last_used_at.is_none()
                        && k.key.expires_at.is_none()
                        && NOW - k.key.created_at > 90 * 86_400),
                    "seed {seed}, {projects}x{keys}: no old never-used key"
                );
            }
        }
    }
}

#[test]
fn seeded_audit_events_name_the_scopes_the_keys_hold() {
    let state = generate(7, 5, 4, NOW);
    for stored in &state.api_keys {
        let event = state
            .audit_logs
            .iter()
            .find(|e| {
                e.kind == "api_key.created"
                    && e.details["api_key.created"]["id"] == stored.key.id.as_str()
            })
            .unwrap();
        assert_eq!(
            event.details["api_key.created"]["data"]["scopes"],
            serde_json::json!(stored.scopes)
        );
    }
}
