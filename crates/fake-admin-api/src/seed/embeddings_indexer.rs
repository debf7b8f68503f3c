//! The seeded `embeddings-indexer` key: its key object says it was never used, yet it makes
//! embeddings requests every day, which only the embeddings usage endpoint shows.

use serde_json::json;

use super::{DAY, SEEDED_SCOPE};
use crate::model::{ApiKeyOwner, OwnerServiceAccount};
use crate::state::{NewKey, State};

/// Name of the seeded service account and of its key.
pub const EMBEDDINGS_INDEXER: &str = "embeddings-indexer";
/// The model of the `embeddings-indexer` key.
pub const EMBEDDINGS_INDEXER_MODEL: &str = "text-embedding-3-small";

/// Adds, in the first project, a service account of its own and its key: created 60 days
/// before `now`, `last_used_at` null, active until `now`, never expiring; both with their
/// `created` audit events. Does nothing without projects.
pub(super) fn seed_embeddings_indexer(state: &mut State) {
    let Some(project_id) = state.projects.first().map(|p| p.id.clone()) else {
        return;
    };
    let now = state.now;
    let account_at = now - 60 * DAY - 3_600;
    let key_at = now - 60 * DAY;
    let account =
        state.insert_service_account(&project_id, EMBEDDINGS_INDEXER, "member", account_at);
    state.record_at(
        account_at,
        "service_account.created",
        Some(&project_id),
        &account.id,
        json!({"role": account.role}),
    );
    let owner = ApiKeyOwner {
        kind: "service_account".to_owned(),
        user: None,
        service_account: Some(OwnerServiceAccount {
            id: account.id.clone(),
            name: account.name.clone(),
            created_at: account.created_at,
            role: account.role.clone(),
        }),
    };
    let stored = state.insert_key(NewKey {
        project_id: project_id.clone(),
        name: EMBEDDINGS_INDEXER.to_owned(),
        owner,
        secret_prefix: "sk-svcacct-",
        created_at: key_at,
        last_used_at: None,
        owner_project_access: "active",
        scopes: vec![SEEDED_SCOPE.to_owned()],
        expires_at: None,
    });
    state.record_at(
        key_at,
        "api_key.created",
        Some(&project_id),
        &stored.key.id,
        json!({"scopes": stored.scopes}),
    );
    if let Some(key) = state
        .api_keys
        .iter_mut()
        .find(|k| k.key.id == stored.key.id)
    {
        EMBEDDINGS_INDEXER_MODEL.clone_into(&mut key.model);
        key.active_until = Some(now);
    }
}
