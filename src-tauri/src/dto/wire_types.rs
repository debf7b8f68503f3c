//! The one list of every type that crosses IPC, in the order `ui/src/wire-types.ts` declares
//! them. `tests/wire_types.rs` writes that file from this list, fails when the committed file
//! differs, and fails when a command takes or returns a type missing here.

use ts_rs::{Config, TS};

use super::*;
use crate::error::{CommandError, ErrorCode};

/// One wire type: its Rust name and its TypeScript declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireType {
    /// The Rust type's name, e.g. `KeyRowDto`.
    pub rust_name: &'static str,
    /// Its TypeScript name, e.g. `KeyRow`.
    pub ts_name: String,
    /// `export type KeyRow = …;`, after its doc comment.
    pub declaration: String,
    /// The TypeScript names of the wire types it refers to.
    pub refers_to: Vec<String>,
}

impl WireType {
    fn of<T: TS + 'static>(config: &Config) -> Self {
        let path = std::any::type_name::<T>();
        let rust_name = path.rsplit("::").next().unwrap_or(path);
        Self {
            rust_name,
            ts_name: T::ident(config),
            declaration: format!(
                "{}export {}",
                T::docs().unwrap_or_default(),
                T::decl(config)
            ),
            refers_to: T::dependencies(config)
                .into_iter()
                .map(|dependency| dependency.ts_name)
                .collect(),
        }
    }
}

/// How the declarations are written. Every 64-bit integer on the wire is a count or an offset
/// far below 2^53, so it is a TypeScript `number` (ts-rs would write `bigint`, which
/// `JSON.parse` never produces).
fn config() -> Config {
    Config::new().with_large_int("number")
}

/// Every type that crosses IPC (command arguments, results, channel messages and the error), in
/// declaration order. Add each new DTO here.
pub fn wire_types() -> Vec<WireType> {
    let config = config();
    vec![
        // Errors.
        WireType::of::<CommandError>(&config),
        WireType::of::<ErrorCode>(&config),
        // Organizations and their admin keys.
        WireType::of::<OrganizationDto>(&config),
        WireType::of::<OrgKindDto>(&config),
        WireType::of::<OrgStatusDto>(&config),
        WireType::of::<KeySourcesDto>(&config),
        WireType::of::<KeySourceDto>(&config),
        WireType::of::<AdminKeyAcceptedDto>(&config),
        WireType::of::<AdminKeyInfoDto>(&config),
        WireType::of::<AdminKeyHealthDto>(&config),
        WireType::of::<RotationDto>(&config),
        // Inventory: status, refresh progress and paged queries.
        WireType::of::<InventoryStatusDto>(&config),
        WireType::of::<CacheStateDto>(&config),
        WireType::of::<ProgressDto>(&config),
        WireType::of::<ProjectQueryDto>(&config),
        WireType::of::<ProjectPageDto>(&config),
        WireType::of::<ProjectRowDto>(&config),
        WireType::of::<KeyQueryDto>(&config),
        WireType::of::<KeySortDto>(&config),
        WireType::of::<KeySortColumnDto>(&config),
        WireType::of::<KeyPageDto>(&config),
        WireType::of::<KeyRowDto>(&config),
        WireType::of::<OwnerKindDto>(&config),
        WireType::of::<RecordedPermissionsDto>(&config),
        WireType::of::<PermissionSourceDto>(&config),
        // Key policy and hygiene.
        WireType::of::<KeyPolicyDto>(&config),
        WireType::of::<PermissionsDto>(&config),
        WireType::of::<ExpiryDto>(&config),
        WireType::of::<PolicyChangeDto>(&config),
        WireType::of::<PolicyUpdatedDto>(&config),
        WireType::of::<HygieneRuleDto>(&config),
        WireType::of::<HygieneReportDto>(&config),
        WireType::of::<HygieneFindingDto>(&config),
        WireType::of::<HygieneThresholdsDto>(&config),
        // The key lifecycle.
        WireType::of::<CreateOutcomeDto>(&config),
        WireType::of::<CreatedKeyDto>(&config),
        WireType::of::<ServiceAccountDto>(&config),
        WireType::of::<CopyDeadlineDto>(&config),
        WireType::of::<PendingRevealDto>(&config),
        WireType::of::<AcknowledgedDto>(&config),
        WireType::of::<LostKeyDto>(&config),
        WireType::of::<RevokePreviewDto>(&config),
        WireType::of::<BlastRadiusDto>(&config),
        WireType::of::<RevokeOutcomeDto>(&config),
        WireType::of::<ActivityEntryDto>(&config),
        WireType::of::<ActivityActionDto>(&config),
        // Rotating a service-account key.
        WireType::of::<KeyRotationPlanDto>(&config),
        WireType::of::<KeyRotationStartedDto>(&config),
        WireType::of::<KeyRotationDto>(&config),
        WireType::of::<KeyRotationPhaseDto>(&config),
        WireType::of::<RotatedKeyDto>(&config),
        WireType::of::<KeyRotationStatusDto>(&config),
        WireType::of::<WatchedKeyDto>(&config),
        WireType::of::<WatchedKeyStateDto>(&config),
        WireType::of::<KeyRotationInProgressDto>(&config),
        // Send to vault.
        WireType::of::<VaultSetupDto>(&config),
        WireType::of::<VaultOfferDto>(&config),
        WireType::of::<VaultKindDto>(&config),
        WireType::of::<VaultChoiceDto>(&config),
        WireType::of::<VaultRequestDto>(&config),
        WireType::of::<VaultUnlockDto>(&config),
        WireType::of::<StoredDto>(&config),
        // Exporting the inventory.
        WireType::of::<ExportFormatDto>(&config),
        WireType::of::<ExportedDto>(&config),
        // Usage, spend and history of keys.
        WireType::of::<UsageReadDto>(&config),
        WireType::of::<UnavailableDto>(&config),
        WireType::of::<KeyInsightDto>(&config),
        WireType::of::<KindSeriesDto>(&config),
        WireType::of::<SpendByProjectDto>(&config),
        WireType::of::<ProjectSpendDto>(&config),
        WireType::of::<KeyTimelineDto>(&config),
        WireType::of::<TimelineEventDto>(&config),
        WireType::of::<TimelineGapDto>(&config),
        // The shell: the About box and close requests.
        WireType::of::<AboutDto>(&config),
        WireType::of::<CloseRequestDto>(&config),
    ]
}
