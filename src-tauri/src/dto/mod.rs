//! The shapes the webview sees (camelCase JSON). Metadata only: no type here can hold a secret,
//! and none implements `Deserialize` from a secret. App-core types never cross IPC themselves:
//! each has its wire type here, converted with `From`.
//!
//! Keep `ui/src/types.ts` in step with these files.

mod inventory;
mod keys;
mod organizations;

pub use inventory::{
    CacheStateDto, InventoryStatusDto, KeyPageDto, KeyQueryDto, KeyRowDto, KeySortDto, ProgressDto,
    ProjectPageDto, ProjectQueryDto, ProjectRowDto,
};
pub use keys::{
    ActivityEntryDto, BlastRadiusDto, CopyDeadlineDto, CreateOutcomeDto, CreatedKeyDto,
    PendingRevealDto, RevokeOutcomeDto, RevokePreviewDto, ServiceAccountDto,
};
pub use organizations::{
    AdminKeyAcceptedDto, AdminKeyHealthDto, KeySourcesDto, OrgKindDto, OrgStatusDto,
    OrganizationDto, RotationDto,
};
