//! The shapes the webview sees (camelCase JSON). Metadata only: no type here can hold a secret,
//! and none implements `Deserialize` from a secret. App-core types never cross IPC themselves:
//! each has its wire type here, converted with `From` (or, for queries coming in, `TryFrom`).
//!
//! Keep `ui/src/types.ts` in step with these files.

mod inventory;
mod keys;
mod organizations;
mod queries;
mod reveal;
mod revoke;

pub use inventory::{
    CacheStateDto, InventoryStatusDto, KeyPageDto, KeyRowDto, ProgressDto, ProjectPageDto,
    ProjectRowDto,
};
pub use keys::{ActivityEntryDto, CreateOutcomeDto, CreatedKeyDto, ServiceAccountDto};
pub use organizations::{
    AdminKeyAcceptedDto, AdminKeyHealthDto, KeySourcesDto, OrgKindDto, OrgStatusDto,
    OrganizationDto, RotationDto,
};
pub use queries::{KeyQueryDto, KeySortDto, ProjectQueryDto};
pub use reveal::{AcknowledgedDto, CopyDeadlineDto, LostKeyDto, PendingRevealDto};
pub use revoke::{BlastRadiusDto, RevokeOutcomeDto, RevokePreviewDto};
