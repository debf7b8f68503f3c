//! `/organization/users` and `/organization/projects/{id}/users`: read-only listings.

use std::future::Future;

use futures::stream::{BoxStream, TryStreamExt};

use super::{item_stream, project_path, ListCall};
use crate::client::Client;
use crate::endpoint::id_segment;
use crate::error::Error;
use crate::pagination::Cursor;
use crate::transport::Call;
use crate::types::{
    ListPage, OrganizationUser, ProjectId, ProjectUser, ProjectUserListParams, UserId,
    UserListParams,
};

impl Cursor for ProjectUser {
    fn cursor(&self) -> &str {
        self.id.as_str()
    }
}

impl Cursor for OrganizationUser {
    fn cursor(&self) -> &str {
        self.id.as_str()
    }
}

/// The users of one project.
#[derive(Debug, Clone)]
pub struct ProjectUsers<'a> {
    client: &'a Client,
    project: ProjectId,
}

impl<'a> ProjectUsers<'a> {
    pub(crate) fn new(client: &'a Client, project: ProjectId) -> Self {
        ProjectUsers { client, project }
    }

    fn list_call(&self, params: &ProjectUserListParams) -> Result<ListCall, Error> {
        const OP: &str = "list project users";
        let path = format!("{}/users", project_path(OP, &self.project)?);
        let call = Call::get(OP, "/organization/projects/{project_id}/users", path);
        ListCall::new(call, params.limit, params.after.as_deref(), |_| {})
    }

    /// One page of project users.
    pub async fn list(
        &self,
        params: &ProjectUserListParams,
    ) -> Result<ListPage<ProjectUser>, Error> {
        self.list_call(params)?.page(self.client).await
    }

    /// All project users, fetched page by page as the stream is polled.
    pub fn stream(
        &self,
        params: &ProjectUserListParams,
    ) -> BoxStream<'static, Result<ProjectUser, Error>> {
        item_stream(self.client, self.list_call(params))
    }

    /// All project users (every page).
    pub fn list_all(
        &self,
        params: &ProjectUserListParams,
    ) -> impl Future<Output = Result<Vec<ProjectUser>, Error>> + Send + 'static {
        self.stream(params).try_collect()
    }
}

/// The users of the organization.
#[derive(Debug, Clone, Copy)]
pub struct OrganizationUsers<'a> {
    client: &'a Client,
}

impl<'a> OrganizationUsers<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        OrganizationUsers { client }
    }

    fn list_call(params: &UserListParams) -> Result<ListCall, Error> {
        let call = Call::get(
            "list users",
            "/organization/users",
            "organization/users".into(),
        );
        ListCall::new(call, params.limit, params.after.as_deref(), |query| {
            query.push_array("emails", &params.emails);
        })
    }

    /// One page of users.
    pub async fn list(&self, params: &UserListParams) -> Result<ListPage<OrganizationUser>, Error> {
        Self::list_call(params)?.page(self.client).await
    }

    /// All users, fetched page by page as the stream is polled.
    pub fn stream(
        &self,
        params: &UserListParams,
    ) -> BoxStream<'static, Result<OrganizationUser, Error>> {
        item_stream(self.client, Self::list_call(params))
    }

    /// All users (every page).
    pub fn list_all(
        &self,
        params: &UserListParams,
    ) -> impl Future<Output = Result<Vec<OrganizationUser>, Error>> + Send + 'static {
        self.stream(params).try_collect()
    }

    /// One user by id.
    pub async fn retrieve(&self, id: impl Into<UserId>) -> Result<OrganizationUser, Error> {
        const OP: &str = "retrieve user";
        let id = id_segment(OP, "user id", id.into().as_str())?;
        let call = Call::get(
            OP,
            "/organization/users/{user_id}",
            format!("organization/users/{id}"),
        );
        self.client.execute(call).await
    }
}
