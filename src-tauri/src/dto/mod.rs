//! The shapes the webview sees (camelCase JSON). Metadata only: no type here can hold a secret,
//! and none implements `Deserialize` from a secret.
//!
//! Keep `ui/src/types.ts` in step with these files.

mod browse;
mod keys;
mod organizations;

pub use browse::{KeyDto, ProjectDto};
pub use keys::{
    Acknowledged, ActivityEntry, CopyDeadline, CreateOutcomeDto, KeyCostsDto, LostKey,
    PendingReveal, RevokeOutcome, RevokePreview, ServiceAccountDto,
};
pub use organizations::{
    AdminKeyAcceptedDto, AdminKeyHealthDto, InventoryDto, KeySourcesDto, OrganizationDto,
    ProgressDto, RotationDto,
};
