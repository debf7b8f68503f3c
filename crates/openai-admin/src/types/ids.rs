//! Typed identifiers for the objects of the Admin API.
//!
//! Each id is a transparent `String` newtype so a project id can never be passed where an API
//! key id is expected. The client never validates ids by prefix (the API does not promise one);
//! emptiness and path safety are checked where an id becomes part of a URL.

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an id received from elsewhere (configuration, the UI, a response).
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as sent on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Unwraps the id.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<&String> for $name {
            fn from(id: &String) -> Self {
                Self(id.clone())
            }
        }

        impl From<&$name> for $name {
            fn from(id: &$name) -> Self {
                id.clone()
            }
        }
    };
}

typed_id!(
    /// Id of a project (`proj_…`).
    ProjectId
);
typed_id!(
    /// Id of a project API key (`key_…`).
    ApiKeyId
);
typed_id!(
    /// Id of a project service account (`svc_acct_…`).
    ServiceAccountId
);
typed_id!(
    /// Id of an organization or project user (`user_…`).
    UserId
);
typed_id!(
    /// Id of an organization admin API key.
    AdminApiKeyId
);
typed_id!(
    /// Id of an audit log entry.
    AuditLogId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_transparent_strings_on_the_wire() {
        let id: ProjectId = serde_json::from_str("\"proj_abc\"").unwrap();
        assert_eq!(id.as_str(), "proj_abc");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"proj_abc\"");
        assert_eq!(id.to_string(), "proj_abc");
    }

    #[test]
    fn ids_convert_from_borrowed_and_owned_strings() {
        let a = ApiKeyId::from("key_1");
        let b = ApiKeyId::from(String::from("key_1"));
        assert_eq!(ApiKeyId::from(&a), b);
    }
}
