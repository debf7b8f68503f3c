//! `/organization/projects`: list (optionally with archived), retrieve, create, modify, archive;
//! and [`ProjectScope`], the entry to the resources inside one project.

use std::future::Future;

use futures::stream::{BoxStream, TryStreamExt};

use super::{item_stream, project_path, ListCall, ProjectApiKeys, ProjectUsers, ServiceAccounts};
use crate::client::Client;
use crate::error::Error;
use crate::input;
use crate::pagination::Cursor;
use crate::transport::Call;
use crate::types::{ListPage, Project, ProjectCreate, ProjectId, ProjectListParams, ProjectUpdate};

const LIST: &str = "list projects";
const ROUTE_ONE: &str = "/organization/projects/{project_id}";

impl Cursor for Project {
    fn cursor(&self) -> &str {
        self.id.as_str()
    }
}

/// The projects of the organization.
#[derive(Debug, Clone, Copy)]
pub struct Projects<'a> {
    client: &'a Client,
}

impl<'a> Projects<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Projects { client }
    }

    fn list_call(params: &ProjectListParams) -> Result<ListCall, Error> {
        let call = Call::get(
            LIST,
            "/organization/projects",
            "organization/projects".into(),
        );
        ListCall::new(call, params.limit, params.after.as_deref(), |query| {
            if params.include_archived {
                query.push("include_archived", true);
            }
        })
    }

    /// One page of projects.
    pub async fn list(&self, params: &ProjectListParams) -> Result<ListPage<Project>, Error> {
        Self::list_call(params)?.page(self.client).await
    }

    /// All projects, fetched page by page as the stream is polled.
    pub fn stream(&self, params: &ProjectListParams) -> BoxStream<'static, Result<Project, Error>> {
        item_stream(self.client, Self::list_call(params))
    }

    /// All projects (every page).
    pub fn list_all(
        &self,
        params: &ProjectListParams,
    ) -> impl Future<Output = Result<Vec<Project>, Error>> + Send + 'static {
        self.stream(params).try_collect()
    }

    /// One project by id.
    pub async fn retrieve(&self, id: impl Into<ProjectId>) -> Result<Project, Error> {
        const OP: &str = "retrieve project";
        let path = project_path(OP, &id.into())?;
        self.client.execute(Call::get(OP, ROUTE_ONE, path)).await
    }

    /// Creates a project. Never retried automatically.
    pub async fn create(&self, body: &ProjectCreate) -> Result<Project, Error> {
        const OP: &str = "create project";
        input::name(OP, "project name", &body.name)?;
        let call = Call::post(OP, "/organization/projects", "organization/projects".into());
        self.client.execute(call.json(body)?).await
    }

    /// Modifies a project (e.g. renames it). The default project cannot be modified (400).
    pub async fn modify(
        &self,
        id: impl Into<ProjectId>,
        body: &ProjectUpdate,
    ) -> Result<Project, Error> {
        const OP: &str = "modify project";
        if let Some(name) = &body.name {
            input::name(OP, "project name", name)?;
        }
        let path = project_path(OP, &id.into())?;
        self.client
            .execute(Call::post(OP, ROUTE_ONE, path).json(body)?)
            .await
    }

    /// Archives a project. The default project cannot be archived.
    pub async fn archive(&self, id: impl Into<ProjectId>) -> Result<Project, Error> {
        const OP: &str = "archive project";
        let path = format!("{}/archive", project_path(OP, &id.into())?);
        let call = Call::post(OP, "/organization/projects/{project_id}/archive", path);
        self.client.execute(call).await
    }
}

/// The resources inside one project.
#[derive(Debug, Clone)]
pub struct ProjectScope<'a> {
    client: &'a Client,
    id: ProjectId,
}

impl<'a> ProjectScope<'a> {
    pub(crate) fn new(client: &'a Client, id: ProjectId) -> Self {
        ProjectScope { client, id }
    }

    /// The project id.
    pub fn id(&self) -> &ProjectId {
        &self.id
    }

    /// The project's API keys.
    pub fn api_keys(&self) -> ProjectApiKeys<'a> {
        ProjectApiKeys::new(self.client, self.id.clone())
    }

    /// The project's service accounts.
    pub fn service_accounts(&self) -> ServiceAccounts<'a> {
        ServiceAccounts::new(self.client, self.id.clone())
    }

    /// The project's users.
    pub fn users(&self) -> ProjectUsers<'a> {
        ProjectUsers::new(self.client, self.id.clone())
    }
}
