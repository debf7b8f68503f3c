//! Deterministic, realistic seed data for tests and the demo organization.
//!
//! The same `(seed, projects, keys_per_project, now)` always yields an identical [`State`]. The
//! data deliberately contains hostile and awkward names (markup, RTL text, emoji, a 300-character
//! name) so that every consumer renders untrusted strings as text.
//!
//! Key expiries come from a separate generator (see `expiry`): most keys never expire, some expire
//! within 400 days, a few (at least one in the first project) already have.
//! The first project also gets `embeddings-indexer` (see `embeddings_indexer`).

mod embeddings_indexer;
mod expiry;

use serde_json::json;

use crate::model::{ApiKeyOwner, OwnerServiceAccount, OwnerUser, ProjectUser, User};
use crate::prng::Prng;
use crate::state::{NewKey, State};
pub use embeddings_indexer::{EMBEDDINGS_INDEXER, EMBEDDINGS_INDEXER_MODEL};
use expiry::SeededKey;

/// The scopes every seeded key was created with (as its `api_key.created` audit event says).
pub const SEEDED_SCOPE: &str = "api.model.request";

/// Markup that must render as text: an image with an error handler.
pub const IMG_MARKUP: &str = "<img src=x onerror=alert(1)>";
/// Markup that must render as text: an inline script.
pub const SCRIPT_MARKUP: &str = "<script>window.__pwned=1</script>";
/// The index of the project that is archived when there are at least three projects.
pub const ARCHIVED_PROJECT_INDEX: usize = 2;

const DAY: i64 = 86_400;

const PROJECT_NAMES: [&str; 11] = [
    "Production API",
    "Customer Support Bot 🤖",
    "Legacy Chatbot",
    "Growth lab <script>window.__pwned=1</script><img src=x onerror=alert(1)>",
    "مختبر البيانات · מעבדת נתונים",
    "Internal Tools",
    "Mobile App 📱",
    "Search Relevance",
    "Evaluation Harness",
    "Marketing Site",
    "Data Warehouse Sync",
];

const KEY_NAMES: [&str; 16] = [
    "Backend server",
    "CI deploy",
    "Local development",
    "Nightly batch job",
    "Zapier integration 🔌",
    SCRIPT_MARKUP,
    "مفتاح الإنتاج",
    "מפתח בדיקות",
    IMG_MARKUP,
    "", // replaced by the 300-character name
    "Analytics export 📊",
    "Support inbox triage",
    "Evaluation runner",
    "Data labeling",
    "Webhook relay",
    "Staging smoke tests",
];

const SERVICE_ACCOUNT_NAMES: [&str; 6] = [
    "deploy-bot",
    "ci-runner <script>window.__pwned=1</script>",
    "🤖 ingestion-worker",
    "<img src=x onerror=alert(1)>",
    "خدمة المزامنة",
    "billing-sync",
];

const USERS: [(&str, &str, &str); 8] = [
    ("Ada Lovelace", "ada@example.com", "owner"),
    ("Grace Hopper", "grace@example.com", "owner"),
    ("Zoë Müller 🦊", "zoe@example.com", "reader"),
    ("محمد الفارسي", "m.alfarsi@example.com", "reader"),
    ("נועה כהן", "noa@example.com", "reader"),
    (
        "Mallory <script>window.__pwned=1</script>",
        "mallory@example.com",
        "reader",
    ),
    (
        "<img src=x onerror=alert(1)> Eve",
        "eve@example.com",
        "reader",
    ),
    ("Linus Chen", "linus@example.com", "reader"),
];

/// The one name of exactly 300 characters in the seeded data (a key name).
pub fn long_name() -> String {
    let stem = "Quarterly revenue forecasting pipeline for the EMEA, APAC and LATAM regions ";
    stem.chars().cycle().take(300).collect()
}

/// Builds the seeded organization. Timestamps are Unix seconds relative to `now`.
pub fn generate(seed: u64, projects: usize, keys_per_project: usize, now: i64) -> State {
    let mut state = State::empty(seed, now);
    let mut rng = Prng::new(seed);
    seed_users(&mut state, &mut rng);
    let mut key_index = 0;
    let mut account_index = 0;
    let forced_expired = expiry::forced_expired_index(keys_per_project);
    for p in 0..projects {
        let created_at = now - DAY * (400 + (projects - p) as i64) + rng.between(0, DAY - 1);
        let name = PROJECT_NAMES
            .get(p)
            .map_or_else(|| format!("Project {}", p + 1), |n| (*n).to_owned());
        let project = state.insert_project(&name, created_at);
        state.record_at(
            created_at,
            "project.created",
            Some(&project.id),
            &project.id,
            json!({"name": name}),
        );
        let members = seed_members(&mut state, &project.id, p, created_at);
        let archived = projects >= 3 && p == ARCHIVED_PROJECT_INDEX;
        let mut accounts = Vec::new();
        if !archived {
            for _ in 0..2 {
                let at = created_at + rng.between(DAY, 30 * DAY);
                let sa_name = SERVICE_ACCOUNT_NAMES.get(account_index).map_or_else(
                    || format!("service-account-{}", account_index + 1),
                    |n| (*n).to_owned(),
                );
                let account = state.insert_service_account(&project.id, &sa_name, "member", at);
                state.record_at(
                    at,
                    "service_account.created",
                    Some(&project.id),
                    &account.id,
                    json!({"role": "member"}),
                );
                accounts.push(account);
                account_index += 1;
            }
        }
        for j in 0..keys_per_project {
            let key_created = (created_at + rng.between(DAY, 300 * DAY)).min(now - 2 * DAY)
                + rng.between(0, DAY - 1);
            let sa_owned = j % 3 == 1 && !accounts.is_empty();
            let owner = if sa_owned {
                let a = &accounts[j % accounts.len()];
                ApiKeyOwner {
                    kind: "service_account".to_owned(),
                    user: None,
                    service_account: Some(OwnerServiceAccount {
                        id: a.id.clone(),
                        name: a.name.clone(),
                        created_at: a.created_at,
                        role: a.role.clone(),
                    }),
                }
            } else {
                let m = &members[j % members.len()];
                ApiKeyOwner {
                    kind: "user".to_owned(),
                    user: Some(OwnerUser {
                        id: m.id.clone(),
                        email: m.email.clone().unwrap_or_default(),
                        name: m.name.clone().unwrap_or_default(),
                        created_at: m.added_at,
                        role: m.role.clone(),
                    }),
                    service_account: None,
                }
            };
            let inactive =
                !sa_owned && j + 1 == keys_per_project && (keys_per_project >= 3 || p >= 1);
            let last_used_at = match key_index % 4 {
                0 => Some(now - 60 * rng.between(1, 59)),
                1 => Some(now - 3_600 * rng.between(1, 23)),
                2 => None,
                _ => Some((now - DAY * rng.between(2, 60)).max(key_created + 60)),
            };
            let seeded = SeededKey {
                index: key_index,
                created_at: key_created,
                last_used_at,
                force_expired: p == 0 && forced_expired == Some(j),
            };
            let stored = state.insert_key(NewKey {
                project_id: project.id.clone(),
                name: key_name(key_index),
                owner,
                secret_prefix: if sa_owned { "sk-svcacct-" } else { "sk-proj-" },
                created_at: key_created,
                last_used_at,
                owner_project_access: if inactive { "inactive" } else { "active" },
                scopes: vec![SEEDED_SCOPE.to_owned()],
                expires_at: expiry::expires_at(seed, &seeded, now),
            });
            state.record_at(
                key_created,
                "api_key.created",
                Some(&project.id),
                &stored.key.id,
                json!({"scopes": stored.scopes}),
            );
            key_index += 1;
        }
        if archived {
            let at = now - DAY * rng.between(5, 30);
            if let Some(p) = state.projects.iter_mut().find(|x| x.id == project.id) {
                p.archived_at = Some(at);
                p.status = Some("archived".to_owned());
            }
            state.record_at(
                at,
                "project.archived",
                Some(&project.id),
                &project.id,
                json!(null),
            );
        }
    }
    embeddings_indexer::seed_embeddings_indexer(&mut state);
    seed_admin_keys(&mut state, &mut rng);
    state.audit_logs.sort_by_key(|e| e.effective_at);
    state
}

fn key_name(index: usize) -> String {
    match KEY_NAMES.get(index) {
        Some(&"") => long_name(),
        Some(name) => (*name).to_owned(),
        None => format!("{} #{}", KEY_NAMES[index % 5], index / KEY_NAMES.len() + 1),
    }
}

fn seed_users(state: &mut State, rng: &mut Prng) {
    for (i, (name, email, role)) in USERS.iter().enumerate() {
        let user = User {
            object: "organization.user".to_owned(),
            id: format!("user-{}", rng.alnum(24)),
            name: Some((*name).to_owned()),
            email: Some((*email).to_owned()),
            role: Some((*role).to_owned()),
            added_at: state.now - DAY * (900 - 30 * i as i64) + rng.between(0, DAY - 1),
        };
        state.users.push(user);
    }
}

fn seed_members(
    state: &mut State,
    project_id: &str,
    p: usize,
    created_at: i64,
) -> Vec<ProjectUser> {
    let n = state.users.len();
    let mut picked = vec![0];
    for i in 0..3 {
        let candidate = (p * 2 + 1 + i) % n;
        if !picked.contains(&candidate) {
            picked.push(candidate);
        }
    }
    let members: Vec<ProjectUser> = picked
        .iter()
        .map(|&u| {
            let user = &state.users[u];
            ProjectUser {
                object: "organization.project.user".to_owned(),
                id: user.id.clone(),
                name: user.name.clone(),
                email: user.email.clone(),
                role: if u == 0 { "owner" } else { "member" }.to_owned(),
                added_at: created_at + 3_600 * u as i64,
            }
        })
        .collect();
    for m in &members {
        state.insert_membership(project_id, m.clone());
    }
    members
}

fn seed_admin_keys(state: &mut State, rng: &mut Prng) {
    let now = state.now;
    let ci = state.add_admin_key("Keywarden CI", None, now - 40 * DAY, Some(now + 50 * DAY));
    let old = state.add_admin_key("Old dashboard key", None, now - 200 * DAY, None);
    let used = [
        (ci.key.id, now - 3_600 * rng.between(1, 12)),
        (old.key.id, now - 35 * DAY),
    ];
    for (id, at) in used {
        if let Some(k) = state.admin_keys.iter_mut().find(|k| k.key.id == id) {
            k.key.last_used_at = Some(at);
        }
    }
}
