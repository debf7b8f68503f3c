//! The [`Client`]: one configured HTTP client bound to one base URL and one admin key.
//!
//! The admin key is bound to the base URL it was validated with; both live behind an `Arc`, so
//! cloning a client is cheap and every clone shares one connection pool.

use std::fmt;
use std::sync::Arc;

use secrecy::SecretString;
use url::Url;

use crate::endpoint::{is_loopback, parse_base_url};
use crate::error::Error;
use crate::options::ClientOptions;
use crate::resources::{
    AdminApiKeys, AuditLogs, Costs, OrganizationUsers, ProjectScope, Projects, Usage,
};
use crate::types::ProjectId;

/// A client of the OpenAI Administration API. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base: Url,
    pub(crate) admin_key: SecretString,
    pub(crate) options: ClientOptions,
}

impl Client {
    /// Creates a client for `base_url` (e.g. `https://api.openai.com/v1`).
    ///
    /// The URL must be https, or http to a loopback host, with no user info, query or
    /// fragment; otherwise this fails with [`ErrorKind::InvalidInput`](crate::ErrorKind).
    pub fn new(
        base_url: &str,
        admin_key: SecretString,
        options: ClientOptions,
    ) -> Result<Client, Error> {
        let base = parse_base_url(base_url)?;
        let mut http = reqwest::Client::builder()
            .user_agent(concat!("keywarden/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .redirect(reqwest::redirect::Policy::none());
        if is_loopback(&base) {
            // A loopback organization (the demo, tests) speaks plain http with its bearer key:
            // never hand that to a proxy from HTTP_PROXY/ALL_PROXY. Redirects are off, so the
            // host cannot change afterwards.
            http = http.no_proxy();
        }
        let http = http.build().map_err(|_| {
            Error::invalid("configure the client", "the HTTP client could not start")
        })?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                admin_key,
                options,
            }),
        })
    }

    /// The validated base URL.
    pub fn base_url(&self) -> &Url {
        &self.inner.base
    }

    /// The options the client was created with.
    pub fn options(&self) -> &ClientOptions {
        &self.inner.options
    }

    /// Projects of the organization.
    pub fn projects(&self) -> Projects<'_> {
        Projects::new(self)
    }

    /// Resources inside one project: API keys, service accounts, users.
    pub fn project(&self, id: impl Into<ProjectId>) -> ProjectScope<'_> {
        ProjectScope::new(self, id.into())
    }

    /// Users of the organization.
    pub fn users(&self) -> OrganizationUsers<'_> {
        OrganizationUsers::new(self)
    }

    /// Admin API keys of the organization.
    pub fn admin_api_keys(&self) -> AdminApiKeys<'_> {
        AdminApiKeys::new(self)
    }

    /// The organization's audit log.
    pub fn audit_logs(&self) -> AuditLogs<'_> {
        AuditLogs::new(self)
    }

    /// Usage reports.
    pub fn usage(&self) -> Usage<'_> {
        Usage::new(self)
    }

    /// Cost reports.
    pub fn costs(&self) -> Costs<'_> {
        Costs::new(self)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base.as_str())
            .field("admin_key", &"[REDACTED]")
            .field("options", &self.inner.options)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_the_admin_key() {
        let key = SecretString::from("sk-admin-SENTINEL");
        let client = Client::new("https://api.openai.com/v1", key, ClientOptions::default());
        let text = format!("{:?}", client.unwrap());
        assert!(!text.contains("SENTINEL"), "{text}");
        assert!(text.contains("REDACTED"));
    }

    #[test]
    fn a_plain_http_remote_base_url_is_refused() {
        let key = SecretString::from("sk-admin-x");
        let error = Client::new("http://example.com/v1", key, ClientOptions::default());
        assert_eq!(error.unwrap_err().kind(), crate::ErrorKind::InvalidInput);
    }
}
