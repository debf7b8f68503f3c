//! Organization users and project users.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::open_enum::open_enum;
use super::UserId;

open_enum! {
    /// Role of a user in the organization or a project.
    pub enum UserRole {
        /// Organization or project owner.
        Owner => "owner",
        /// Project member.
        Member => "member",
        /// Organization reader.
        Reader => "reader",
    }
}

/// A user of a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectUser {
    /// The user id.
    pub id: UserId,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Project role.
    #[serde(default)]
    pub role: Option<UserRole>,
    /// When the user was added to the project.
    #[serde(default, with = "super::wire::unix_opt")]
    pub added_at: Option<DateTime<Utc>>,
}

/// A user of the organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganizationUser {
    /// The user id.
    pub id: UserId,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Organization role.
    #[serde(default)]
    pub role: Option<UserRole>,
    /// When the user was added to the organization.
    #[serde(default, with = "super::wire::unix_opt")]
    pub added_at: Option<DateTime<Utc>>,
    /// Whether this user is a service account.
    #[serde(default)]
    pub is_service_account: Option<bool>,
    /// When one of the user's API keys was last used.
    #[serde(default, with = "super::wire::unix_opt")]
    pub api_key_last_used_at: Option<DateTime<Utc>>,
}

/// Query of `GET /organization/projects/{id}/users`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectUserListParams {
    /// Page size, 1–100.
    pub limit: Option<u32>,
    /// Cursor: id of the last user of the previous page.
    pub after: Option<String>,
}

/// Query of `GET /organization/users`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserListParams {
    /// Page size, 1–100.
    pub limit: Option<u32>,
    /// Cursor: id of the last user of the previous page.
    pub after: Option<String>,
    /// Only these e-mail addresses (`emails[]`).
    pub emails: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organization_user_with_extra_fields_decodes() {
        let user: OrganizationUser = serde_json::from_str(
            r#"{"object":"organization.user","id":"user_1","name":null,"email":"a@b.c",
                "role":"billing","added_at":1,"is_default":true,"projects":null}"#,
        )
        .unwrap();
        assert_eq!(user.role, Some(UserRole::Other("billing".into())));
    }
}
