//! The bounds of the DTOs the webview sends (see `crate::input`): every string within
//! `MAX_TEXT_CHARS`, every list within `MAX_LIST_ITEMS`. Values are checked again, more finely,
//! in app-core.

use super::export::ExportFormatDto;
use super::hygiene::HygieneThresholdsDto;
use super::organizations::KeySourceDto;
use super::policy::{ExpiryDto, KeyPolicyDto, PermissionsDto, PolicyChangeDto};
use super::queries::{KeyQueryDto, ProjectQueryDto};
use super::vault::{VaultRequestDto, VaultUnlockDto};
use crate::input::{check_text, check_texts, Bounded};

impl Bounded for KeySourceDto {
    fn check(&self) -> Result<(), String> {
        Ok(())
    }
}

impl Bounded for HygieneThresholdsDto {
    fn check(&self) -> Result<(), String> {
        Ok(())
    }
}

impl Bounded for PermissionsDto {
    fn check(&self) -> Result<(), String> {
        match self {
            PermissionsDto::All | PermissionsDto::ReadOnly => Ok(()),
            PermissionsDto::Restricted { scopes } => {
                check_texts(scopes).map_err(|problem| format!("(its scopes) {problem}"))
            }
        }
    }
}

impl Bounded for ExpiryDto {
    fn check(&self) -> Result<(), String> {
        match self {
            ExpiryDto::Never | ExpiryDto::Days { .. } => Ok(()),
            ExpiryDto::Date { date } => {
                check_text(date).map_err(|problem| format!("(its date) {problem}"))
            }
        }
    }
}

impl Bounded for KeyPolicyDto {
    fn check(&self) -> Result<(), String> {
        self.permissions.check()?;
        self.expiry.check()
    }
}

impl Bounded for PolicyChangeDto {
    fn check(&self) -> Result<(), String> {
        self.permissions.check()?;
        self.expiry.check()
    }
}

impl Bounded for KeyQueryDto {
    fn check(&self) -> Result<(), String> {
        let texts = [&self.project_id, &self.text];
        texts.into_iter().try_for_each(Bounded::check)?;
        check_text(&self.sort.column)
    }
}

impl Bounded for ProjectQueryDto {
    fn check(&self) -> Result<(), String> {
        self.text.check()
    }
}

impl Bounded for VaultRequestDto {
    fn check(&self) -> Result<(), String> {
        check_text(&self.entry)?;
        self.database.check()?;
        self.container.check()
    }
}

impl Bounded for VaultUnlockDto {
    fn check(&self) -> Result<(), String> {
        use secrecy::ExposeSecret;
        let too_long = [&self.password, &self.session]
            .into_iter()
            .flatten()
            .any(|secret| secret.expose_secret().chars().count() > crate::input::MAX_TEXT_CHARS);
        if too_long {
            return Err(format!(
                "is longer than {} characters",
                crate::input::MAX_TEXT_CHARS
            ));
        }
        Ok(())
    }
}

impl Bounded for ExportFormatDto {
    fn check(&self) -> Result<(), String> {
        Ok(())
    }
}
