//! Preferences shared by every organization that the window can change.

use crate::hygiene::HygieneThresholds;
use crate::{Error, Keywarden};

impl Keywarden {
    /// The hygiene rules' day counts.
    pub fn hygiene_thresholds(&self) -> HygieneThresholds {
        self.app().settings.get().preferences.hygiene
    }

    /// Saves the hygiene rules' day counts; each must be 1 to 3650 days, or nothing changes.
    pub fn set_hygiene_thresholds(
        &self,
        thresholds: HygieneThresholds,
    ) -> Result<HygieneThresholds, Error> {
        thresholds.check()?;
        self.app()
            .settings
            .change(|config| config.preferences.hygiene = thresholds)?;
        Ok(thresholds)
    }
}
