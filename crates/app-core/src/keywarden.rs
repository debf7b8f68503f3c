//! The Keywarden service: the organizations in use and the use cases over them.
//!
//! The desktop shell holds exactly one [`Keywarden`] and delegates every command to it. It owns
//! each organization's API client (built from an admin key that never leaves Rust) and the secret
//! store.

use std::sync::Arc;

use openai_admin::ProjectListParams;
use openai_admin::{ApiKeyListParams, Client, ClientOptions, Project, ProjectApiKey, ProjectId};

use crate::demo::{Demo, DEMO_LABEL};
use crate::organizations::{OrgId, OrgKind, Organization};
use crate::secret_store::SecretStore;
use crate::Error;

/// The local id of the demo organization.
pub const DEMO_ORG_ID: &str = "demo";

/// How to start Keywarden.
pub struct StartOptions {
    /// Start the embedded demo organization.
    pub demo: bool,
    /// Where admin keys are kept.
    pub secret_store: Arc<dyn SecretStore>,
}

struct OrgEntry {
    org: Organization,
    /// The org's client, or why none could be made (shown when the org is opened).
    client: Result<Client, String>,
}

/// The running service: organizations, their clients, and the secret store.
pub struct Keywarden {
    orgs: Vec<OrgEntry>,
    secret_store: Arc<dyn SecretStore>,
    demo: Option<Demo>,
}

impl std::fmt::Debug for Keywarden {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keywarden")
            .field("orgs", &self.orgs.len())
            .field("demo", &self.demo)
            .finish_non_exhaustive()
    }
}

impl Keywarden {
    /// Starts the service, with the demo organization when asked.
    pub async fn start(options: StartOptions) -> Result<Self, Error> {
        let mut orgs = Vec::new();
        let mut demo = None;
        if options.demo {
            let (base_url, client) = match Demo::start().await {
                Ok(started) => {
                    let client = Client::new(
                        &started.base_url(),
                        started.admin_key().clone(),
                        client_options(),
                    )
                    .map_err(|e| e.to_string());
                    let base_url = started.base_url();
                    demo = Some(started);
                    (base_url, client)
                }
                Err(error) => (String::new(), Err(error.to_string())),
            };
            orgs.push(OrgEntry {
                org: Organization {
                    id: OrgId::new(DEMO_ORG_ID),
                    label: DEMO_LABEL.to_owned(),
                    kind: OrgKind::Demo,
                    base_url,
                },
                client,
            });
        }
        Ok(Self {
            orgs,
            secret_store: options.secret_store,
            demo,
        })
    }

    /// The organizations, in sidebar order.
    pub fn list_organizations(&self) -> Vec<Organization> {
        self.orgs.iter().map(|entry| entry.org.clone()).collect()
    }

    /// Every project of an organization, archived ones included, in the API's order.
    pub async fn list_projects(&self, org: &OrgId) -> Result<Vec<Project>, Error> {
        let (entry, client) = self.client(org)?;
        let params = ProjectListParams {
            include_archived: true,
            ..ProjectListParams::default()
        };
        client
            .projects()
            .list_all(&params)
            .await
            .map_err(|e| Error::for_org(&entry.org.label, e))
    }

    /// Every key of a project, whatever its owner's access (`owner_project_access=any`).
    pub async fn list_keys(
        &self,
        org: &OrgId,
        project: &ProjectId,
    ) -> Result<Vec<ProjectApiKey>, Error> {
        let (entry, client) = self.client(org)?;
        if project.as_str().trim().is_empty() {
            return Err(Error::InvalidInput("a project id is required".into()));
        }
        client
            .project(project)
            .api_keys()
            .list_all(&ApiKeyListParams::default())
            .await
            .map_err(|e| Error::for_org(&entry.org.label, e))
    }

    /// The secret store admin keys are kept in.
    pub fn secret_store(&self) -> &dyn SecretStore {
        self.secret_store.as_ref()
    }

    /// The demo organization, when it runs.
    pub fn demo(&self) -> Option<&Demo> {
        self.demo.as_ref()
    }

    fn client(&self, id: &OrgId) -> Result<(&OrgEntry, &Client), Error> {
        let entry = self
            .orgs
            .iter()
            .find(|entry| &entry.org.id == id)
            .ok_or_else(|| Error::NotFound(format!("organization “{id}”")))?;
        match &entry.client {
            Ok(client) => Ok((entry, client)),
            Err(reason) => Err(Error::Unavailable {
                label: entry.org.label.clone(),
                reason: reason.clone(),
            }),
        }
    }
}

fn client_options() -> ClientOptions {
    ClientOptions::default()
}
