//! Taking in a new admin key, for a new organization or in place of a rejected one: read it from
//! the clipboard or the key held from `OPENAI_ADMIN_KEY`, check its shape, make sure the user
//! agreed to its destination (see `key_destination`), and prove it works with one small read.
//!
//! A key Keywarden refuses is taken off the clipboard; a key that could not be checked stays.

use openai_admin::ProjectListParams;
use secrecy::{ExposeSecret, SecretString};

use crate::admin_key_input::{self, KeySource, ADMIN_KEY_ENV};
use crate::key_destination::Destination;
use crate::keywarden::Keywarden;
use crate::org::OrgApi;
use crate::Error;

/// A key that passed every check, with the client it was checked with.
pub(crate) struct AcceptedKey {
    /// The key.
    pub(crate) key: SecretString,
    /// Whether it was read from the clipboard.
    pub(crate) from_clipboard: bool,
    /// A client of the organization using this key.
    pub(crate) api: OrgApi,
}

impl Keywarden {
    /// Whether a key from `OPENAI_ADMIN_KEY` was held at start-up.
    pub fn environment_key_available(&self) -> bool {
        self.app().environment_key.is_available()
    }

    /// Reads, checks and validates a key for the organization `label` at `base_url`.
    /// `declined` phrases the error when the user declines to send it to a host.
    pub(crate) async fn take_admin_key(
        &self,
        label: &str,
        base_url: &str,
        source: KeySource,
        declined: impl FnOnce(&str) -> String,
    ) -> Result<AcceptedKey, Error> {
        // A malformed URL is refused by `OrgApi::connect` below, before anything is sent.
        let destination = url::Url::parse(base_url).map_or_else(
            |_| Destination::Other(base_url.to_owned()),
            |u| Destination::of(&u),
        );
        let (key, from_clipboard) = self.read_admin_key(source, &destination)?;
        let api = OrgApi::connect(label, base_url, key.clone(), &self.app().client_options)?;
        if let Destination::Other(host) = &destination {
            if !self.user_allows(host, label).await {
                return Err(Error::InvalidInput(declined(host)));
            }
        }
        let api = self
            .refused_key_off_clipboard(from_clipboard, &key, self.validated(api))
            .await?;
        Ok(AcceptedKey {
            key,
            from_clipboard,
            api,
        })
    }

    /// Asks (natively, off the async threads) whether the key may go to `host`.
    async fn user_allows(&self, host: &str, label: &str) -> bool {
        let confirmation = self.app().host_confirmation.clone();
        let (host, label) = (host.to_owned(), label.to_owned());
        tokio::task::spawn_blocking(move || confirmation.allow_admin_key_to(&host, &label))
            .await
            .unwrap_or(false)
    }

    fn read_admin_key(
        &self,
        source: KeySource,
        destination: &Destination,
    ) -> Result<(SecretString, bool), Error> {
        let raw = match source {
            KeySource::Clipboard => self
                .app()
                .clipboard
                .read_text()
                .map_err(|e| {
                    Error::InvalidInput(format!(
                        "the clipboard cannot be read ({e}); start Keywarden with {ADMIN_KEY_ENV} \
                         set instead"
                    ))
                })?
                .ok_or_else(|| {
                    Error::InvalidInput(
                        "the clipboard holds no text; copy the admin key from OpenAI \
                         (Organization settings → Admin keys) and try again"
                            .into(),
                    )
                })?,
            KeySource::Environment => self
                .app()
                .environment_key
                .key_for(destination)
                .map_err(Error::InvalidInput)?,
        };
        let from_clipboard = source == KeySource::Clipboard;
        match admin_key_input::parse_admin_key(&raw) {
            Ok(key) => Ok((key, from_clipboard)),
            Err(error)
                if from_clipboard
                    && looks_like_a_key(&raw)
                    && self.clear_clipboard_if_holds(&raw) =>
            {
                Err(removed_from_clipboard(error))
            }
            Err(error) => Err(error),
        }
    }

    /// Runs the live check of a key; when OpenAI refuses a key read from the clipboard (401),
    /// takes it off the clipboard too (as after a successful add), so a wrong key does not
    /// linger there. A working key that lacks a permission stays: it is the right key.
    pub(crate) async fn refused_key_off_clipboard<T>(
        &self,
        from_clipboard: bool,
        key: &SecretString,
        check: impl std::future::Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        match check.await {
            Err(error @ (Error::KeyNotAccepted { .. } | Error::OtherOrganization { .. }))
                if from_clipboard && self.clear_clipboard_if_holds(key) =>
            {
                Err(removed_from_clipboard(error))
            }
            other => other,
        }
    }

    /// Proves the key works with one small read.
    async fn validated(&self, api: OrgApi) -> Result<OrgApi, Error> {
        let probe = ProjectListParams {
            limit: Some(1),
            ..ProjectListParams::default()
        };
        match api.client.projects().list(&probe).await {
            Ok(_) => Ok(api),
            Err(error) => match api.error(error) {
                Error::KeyRejected { label, .. } => Err(Error::KeyNotAccepted {
                    label,
                    removed_from_clipboard: false,
                }),
                other => Err(other),
            },
        }
    }

    /// Clears the clipboard if it still holds this key (surrounding whitespace aside).
    pub(crate) fn clear_clipboard_if_holds(&self, key: &SecretString) -> bool {
        let clipboard = &self.app().clipboard;
        let holds = match clipboard.read_text() {
            Ok(Some(text)) => text.expose_secret().trim() == key.expose_secret().trim(),
            _ => false,
        };
        holds && clipboard.clear().is_ok()
    }
}

/// Whether refused clipboard text is key material (`sk-…`, `sess-…`) that should not linger
/// there; other text (a sentence, whitespace) is the user's and is left alone.
fn looks_like_a_key(raw: &SecretString) -> bool {
    let text = raw.expose_secret().trim_start();
    text.starts_with("sk-") || text.starts_with("sess-")
}

/// The refusal, saying the refused key was taken off the clipboard.
fn removed_from_clipboard(error: Error) -> Error {
    match error {
        Error::InvalidInput(message) => Error::InvalidInput(format!(
            "{message}. Keywarden removed that key from the clipboard."
        )),
        Error::KeyNotAccepted { label, .. } => Error::KeyNotAccepted {
            label,
            removed_from_clipboard: true,
        },
        Error::OtherOrganization { label, known, .. } => Error::OtherOrganization {
            label,
            known,
            removed_from_clipboard: true,
        },
        other => other,
    }
}
