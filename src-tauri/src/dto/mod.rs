//! The shapes the webview sees (camelCase JSON). Metadata only: no type here can hold a secret,
//! and none implements `Deserialize` from a secret. App-core types never cross IPC themselves:
//! each has its wire type here, converted with `From` (or, for queries coming in, `TryFrom`).
//!
//! `ui/src/wire-types.ts` is generated from these types (see `wire_types.rs`); after changing
//! one, run `UPDATE_WIRE_TYPES=1 cargo test -p keywarden --test wire_types`.

mod bounds;
mod export;
mod hygiene;
mod insight;
mod inventory;
mod keys;
mod organizations;
mod policy;
mod queries;
mod reveal;
mod revoke;
mod rotation;
mod rotation_watch;
mod shell;
mod vault;
mod vocabulary;
mod wire_types;

pub use export::{ExportFormatDto, ExportedDto};
pub use hygiene::{HygieneFindingDto, HygieneReportDto, HygieneRuleDto, HygieneThresholdsDto};
pub use insight::{
    KeyInsightDto, KeyTimelineDto, KindSeriesDto, ProjectSpendDto, SpendByProjectDto,
    TimelineEventDto, TimelineGapDto, UnavailableDto, UsageReadDto,
};
pub use inventory::{
    CacheStateDto, InventoryStatusDto, KeyPageDto, KeyRowDto, ProgressDto, ProjectPageDto,
    ProjectRowDto,
};
pub use keys::{ActivityEntryDto, CreateOutcomeDto, CreatedKeyDto, ServiceAccountDto};
pub use organizations::{
    AdminKeyAcceptedDto, AdminKeyHealthDto, AdminKeyInfoDto, KeySourceDto, KeySourcesDto,
    OrgKindDto, OrgStatusDto, OrganizationDto, RotationDto,
};
pub use policy::{
    ExpiryDto, KeyPolicyDto, PermissionSourceDto, PermissionsDto, PolicyChangeDto,
    PolicyUpdatedDto, RecordedPermissionsDto,
};
pub use queries::{key_query, KeyQueryDto, KeySortDto, ProjectQueryDto};
pub use reveal::{AcknowledgedDto, CopyDeadlineDto, LostKeyDto, PendingRevealDto};
pub use revoke::{BlastRadiusDto, RevokeOutcomeDto, RevokePreviewDto};
pub use rotation::{
    KeyRotationDto, KeyRotationPhaseDto, KeyRotationPlanDto, KeyRotationStartedDto, RotatedKeyDto,
};
pub use rotation_watch::{
    KeyRotationInProgressDto, KeyRotationStatusDto, WatchedKeyDto, WatchedKeyStateDto,
};
pub use shell::{AboutDto, CloseRequestDto};
pub use vault::{
    StoredDto, VaultChoiceDto, VaultKindDto, VaultOfferDto, VaultRequestDto, VaultSetupDto,
    VaultUnlockDto,
};
pub use vocabulary::{ActivityActionDto, KeySortColumnDto, OwnerKindDto};
pub use wire_types::{wire_types, WireType};
