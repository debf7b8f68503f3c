//! *Send to vault* on the wire: the vaults offered, the last choice, a request, and where the key
//! went. None of these holds the key.
//!
//! One exception to "nothing here deserializes a secret": [`VaultUnlockDto`], the KeePassXC
//! database password or Bitwarden session the user types into the send form. It has to come from
//! the page (the webview has no secret of its own to protect it with), so it is wrapped in a
//! `SecretString` as it is decoded, never logged (`Debug` is redacted) and dropped, wiped, when
//! the send returns. It is never stored.

use std::fmt;

use app_core::org::{VaultChoice, VaultRequest, VaultSetup};
use app_core::vault_handoff::{Stored, VaultKind, VaultOffer, VaultUnlock};
use secrecy::SecretString;
use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;

/// A kind of password manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "VaultKind")]
pub enum VaultKindDto {
    /// `pass`.
    Pass,
    /// A KeePassXC database.
    KeepassXc,
    /// The Secret Service (GNOME Keyring, KWallet).
    SecretService,
    /// 1Password.
    OnePassword,
    /// Bitwarden.
    Bitwarden,
    /// The macOS Keychain or Windows Credential Manager.
    OsKeychain,
}

impl From<VaultKind> for VaultKindDto {
    fn from(kind: VaultKind) -> Self {
        match kind {
            VaultKind::Pass => Self::Pass,
            VaultKind::KeepassXc => Self::KeepassXc,
            VaultKind::SecretService => Self::SecretService,
            VaultKind::OnePassword => Self::OnePassword,
            VaultKind::Bitwarden => Self::Bitwarden,
            VaultKind::OsKeychain => Self::OsKeychain,
        }
    }
}

impl From<VaultKindDto> for VaultKind {
    fn from(kind: VaultKindDto) -> Self {
        match kind {
            VaultKindDto::Pass => Self::Pass,
            VaultKindDto::KeepassXc => Self::KeepassXc,
            VaultKindDto::SecretService => Self::SecretService,
            VaultKindDto::OnePassword => Self::OnePassword,
            VaultKindDto::Bitwarden => Self::Bitwarden,
            VaultKindDto::OsKeychain => Self::OsKeychain,
        }
    }
}

/// A vault as offered: whether it can be used here and what it asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "VaultOffer")]
pub struct VaultOfferDto {
    /// The kind.
    pub kind: VaultKindDto,
    /// Its name.
    pub label: String,
    /// Whether it can be used now.
    pub available: bool,
    /// Why not, and how to get it.
    pub unavailable_reason: Option<String>,
    /// Whether a database file must be chosen.
    pub needs_database: bool,
    /// Whether the vault's password must be typed.
    pub needs_password: bool,
    /// Whether a session token may be given.
    pub accepts_session: bool,
}

impl From<VaultOffer> for VaultOfferDto {
    fn from(offer: VaultOffer) -> Self {
        Self {
            kind: offer.kind.into(),
            label: offer.label.to_owned(),
            available: offer.available,
            unavailable_reason: offer.unavailable_reason,
            needs_database: offer.needs_database,
            needs_password: offer.needs_password,
            accepts_session: offer.accepts_session,
        }
    }
}

/// Where this organization's keys went last time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "VaultChoice")]
pub struct VaultChoiceDto {
    /// The vault.
    pub kind: VaultKindDto,
    /// The KeePassXC database file.
    pub database: Option<String>,
    /// The collection or 1Password vault.
    pub container: Option<String>,
}

impl From<VaultChoice> for VaultChoiceDto {
    fn from(choice: VaultChoice) -> Self {
        Self {
            kind: choice.kind.into(),
            database: choice.database.map(|path| path.display().to_string()),
            container: choice.container,
        }
    }
}

/// What the send form starts with for one new key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "VaultSetup")]
pub struct VaultSetupDto {
    /// Every vault kind, with whether it can be used here.
    pub offers: Vec<VaultOfferDto>,
    /// The last choice for this organization.
    pub choice: Option<VaultChoiceDto>,
    /// The suggested entry path.
    pub entry: String,
}

impl From<VaultSetup> for VaultSetupDto {
    fn from(setup: VaultSetup) -> Self {
        Self {
            offers: setup.offers.into_iter().map(Into::into).collect(),
            choice: setup.choice.map(Into::into),
            entry: setup.entry,
        }
    }
}

/// A send as the user filled it in.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "VaultRequest")]
pub struct VaultRequestDto {
    /// The vault.
    pub kind: VaultKindDto,
    /// The entry path, e.g. `OpenAI/Acme/Billing/ci-deploy`.
    pub entry: String,
    /// The KeePassXC database file (a full path).
    pub database: Option<String>,
    /// The collection or 1Password vault.
    pub container: Option<String>,
}

impl From<VaultRequestDto> for VaultRequest {
    fn from(request: VaultRequestDto) -> Self {
        Self {
            kind: request.kind.into(),
            entry: request.entry,
            database: request.database,
            container: request.container,
        }
    }
}

/// What unlocks the vault for one send; see the module doc.
#[derive(Default, TS)]
#[ts(rename = "VaultUnlock")]
pub struct VaultUnlockDto {
    /// The KeePassXC database password.
    #[ts(type = "string | null")]
    pub password: Option<SecretString>,
    /// A Bitwarden session token.
    #[ts(type = "string | null")]
    pub session: Option<SecretString>,
}

impl fmt::Debug for VaultUnlockDto {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VaultUnlockDto")
            .field("password", &self.password.as_ref().map(|_| "[redacted]"))
            .field("session", &self.session.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

impl<'de> Deserialize<'de> for VaultUnlockDto {
    fn deserialize<D: Deserializer<'de>>(from: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Typed {
            password: Option<String>,
            session: Option<String>,
        }
        let typed = Typed::deserialize(from)?;
        // Each `String` moves into its `SecretString` (no copy is left behind).
        Ok(Self {
            password: typed.password.map(SecretString::from),
            session: typed.session.map(SecretString::from),
        })
    }
}

impl From<VaultUnlockDto> for VaultUnlock {
    fn from(unlock: VaultUnlockDto) -> Self {
        Self {
            password: unlock.password,
            session: unlock.session,
        }
    }
}

/// Where a sent key went: shown in the reveal dialog (never the value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Stored")]
pub struct StoredDto {
    /// The vault.
    pub kind: VaultKindDto,
    /// Its name, e.g. `pass`.
    pub vault: String,
    /// The entry: a path, an item id or an `op://` reference.
    pub location: String,
}

impl From<Stored> for StoredDto {
    fn from(stored: Stored) -> Self {
        Self {
            kind: stored.kind.into(),
            vault: stored.kind.label().to_owned(),
            location: stored.location,
        }
    }
}
