//! What the commands share: Keywarden, started in the background so the window paints at once.
//!
//! `setup` manages an [`AppState`] and builds the window without waiting; Keywarden starts on
//! the async runtime (settings, keychain, inventory caches, the demo server). Every command
//! awaits [`AppState::keywarden`], which returns as soon as the start has finished, so no
//! command ever sees a half-loaded list of organizations.

use std::future::Future;
use std::sync::Arc;

use app_core::{Keywarden, Org, OrgId};
use tokio::sync::watch;

use crate::error::{CommandError, ErrorCode};

/// How the start ended: the running service, or why it could not start.
type Started = Result<Arc<Keywarden>, String>;

/// Keywarden, once started.
pub struct AppState {
    ready: watch::Receiver<Option<Started>>,
}

impl AppState {
    /// Starts Keywarden on the async runtime and returns at once.
    pub fn starting(
        start: impl Future<Output = Result<Keywarden, app_core::Error>> + Send + 'static,
    ) -> Self {
        let (sender, ready) = watch::channel(None);
        tauri::async_runtime::spawn(async move {
            let started = start.await;
            if let Err(error) = &started {
                tracing::error!(%error, "Keywarden could not start");
            }
            sender.send_replace(Some(started.map(Arc::new).map_err(|e| e.to_string())));
        });
        Self { ready }
    }

    /// A state over an already started Keywarden.
    pub fn started(keywarden: Keywarden) -> Self {
        let (_, ready) = watch::channel(Some(Ok(Arc::new(keywarden))));
        Self { ready }
    }

    /// Keywarden, once its start has finished.
    pub async fn keywarden(&self) -> Result<Arc<Keywarden>, CommandError> {
        let mut ready = self.ready.clone();
        let started = match ready.wait_for(Option::is_some).await {
            Ok(started) => started.clone(),
            Err(_) => None,
        };
        match started {
            Some(Ok(keywarden)) => Ok(keywarden),
            Some(Err(reason)) => Err(not_started(reason)),
            None => Err(not_started("the start was interrupted".into())),
        }
    }

    /// The organization with this id, once Keywarden has started.
    pub async fn org(&self, id: String) -> Result<Org, CommandError> {
        Ok(self.keywarden().await?.org(&OrgId::new(id))?)
    }

    /// Keywarden if it has started already; for window events, which must not wait.
    pub fn loaded(&self) -> Option<Arc<Keywarden>> {
        match &*self.ready.borrow() {
            Some(Ok(keywarden)) => Some(keywarden.clone()),
            _ => None,
        }
    }
}

fn not_started(reason: String) -> CommandError {
    CommandError::new(
        ErrorCode::Internal,
        format!("Keywarden could not start ({reason}); quit and open it again"),
    )
}
