//! Where an admin key may be sent, and who decides.
//!
//! The webview names an organization's API base URL, but a script in the page must not be able
//! to aim an admin key at a host of its choosing. So the decision is Rust's: OpenAI itself and
//! this machine (loopback) need no question; any other host is sent the key only after the user
//! said yes in a native dialog that names the host ([`HostConfirmation`], which the desktop shell
//! implements and tests stand in for). The admin key from `OPENAI_ADMIN_KEY` is read once at
//! start-up and only ever sent to OpenAI.

use std::net::IpAddr;

use secrecy::SecretString;

use crate::admin_key_input::{ADMIN_KEY_ENV, OPENAI_BASE_URL};

/// Asks the person at the keyboard, outside the webview, whether an admin key may be sent to a
/// host that is neither OpenAI nor this machine.
pub trait HostConfirmation: Send + Sync {
    /// Whether the admin key for the organization labelled `label` may be sent to `host`. Blocks
    /// until the user answers; `false` when they decline or the question cannot be asked.
    fn allow_admin_key_to(&self, host: &str, label: &str) -> bool;
}

/// Declines every host that needs a question: for a service with no one to ask.
#[derive(Debug, Clone, Copy, Default)]
pub struct DeclineOtherHosts;

impl HostConfirmation for DeclineOtherHosts {
    fn allow_admin_key_to(&self, _host: &str, _label: &str) -> bool {
        false
    }
}

/// Where a base URL sends the admin key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// OpenAI's own API (`https://api.openai.com`, default port).
    OpenAi,
    /// This machine (`localhost`, 127.0.0.0/8, `::1`).
    Loopback,
    /// Any other host, by name (with its port when it is not the default).
    Other(String),
}

impl Destination {
    /// The destination of an already validated base URL.
    pub fn of(url: &url::Url) -> Self {
        let host = url.host_str().unwrap_or_default();
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let loopback = bare.eq_ignore_ascii_case("localhost")
            || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
        if loopback {
            return Destination::Loopback;
        }
        let default_port = url.port().is_none();
        if url.scheme() == "https" && host.eq_ignore_ascii_case("api.openai.com") && default_port {
            return Destination::OpenAi;
        }
        match url.port() {
            Some(port) => Destination::Other(format!("{host}:{port}")),
            None => Destination::Other(host.to_owned()),
        }
    }
}

/// The admin key read from `OPENAI_ADMIN_KEY` at start-up, bound to OpenAI's API.
#[derive(Clone, Default)]
pub struct EnvironmentKey(Option<SecretString>);

impl std::fmt::Debug for EnvironmentKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("EnvironmentKey")
            .field(&self.0.as_ref().map(|_| "…"))
            .finish()
    }
}

impl EnvironmentKey {
    /// A key given at start-up (`None`: the variable was not set).
    pub fn new(key: Option<SecretString>) -> Self {
        Self(key.filter(|k| !secrecy::ExposeSecret::expose_secret(k).is_empty()))
    }

    /// Reads `OPENAI_ADMIN_KEY` and removes it from this process's environment, so neither the
    /// webview's processes nor anything started later inherit it.
    ///
    /// Call it first thing in `main`, before any other thread exists: changing the environment
    /// while another thread reads it (a C library's `getenv`, which std's own lock does not
    /// cover) is a data race. With one thread, nothing can read it meanwhile.
    pub fn take_from_environment() -> Self {
        let value = std::env::var(ADMIN_KEY_ENV).ok();
        if std::env::var_os(ADMIN_KEY_ENV).is_some() {
            std::env::remove_var(ADMIN_KEY_ENV);
        }
        Self::new(value.map(SecretString::from))
    }

    /// Whether a key was given.
    pub fn is_available(&self) -> bool {
        self.0.is_some()
    }

    /// The key, for OpenAI's API only.
    pub(crate) fn key_for(&self, destination: &Destination) -> Result<SecretString, String> {
        let Some(key) = &self.0 else {
            return Err(format!(
                "{ADMIN_KEY_ENV} was not set when Keywarden started; start it with the variable \
                 set, or paste the key"
            ));
        };
        match destination {
            Destination::OpenAi => Ok(key.clone()),
            _ => Err(format!(
                "the key from {ADMIN_KEY_ENV} is only sent to OpenAI ({OPENAI_BASE_URL}); leave \
                 the API base URL empty, or paste the key for this organization from the clipboard"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(raw: &str) -> Destination {
        Destination::of(&url::Url::parse(raw).unwrap())
    }

    #[test]
    fn openai_and_this_machine_are_known_and_every_other_host_is_named() {
        assert_eq!(of("https://api.openai.com/v1"), Destination::OpenAi);
        assert_eq!(of("https://API.openai.com/v1"), Destination::OpenAi);
        assert_eq!(of("http://127.0.0.1:8080/v1"), Destination::Loopback);
        assert_eq!(of("http://localhost:9/v1"), Destination::Loopback);
        assert_eq!(of("http://[::1]:9/v1"), Destination::Loopback);
        assert_eq!(
            of("https://api.openai.com:8443/v1"),
            Destination::Other("api.openai.com:8443".into())
        );
        assert_eq!(
            of("https://api.openai.com.evil.example/v1"),
            Destination::Other("api.openai.com.evil.example".into())
        );
        assert_eq!(
            of("http://api.openai.com/v1"),
            Destination::Other("api.openai.com".into())
        );
    }
}
