//! The fixed words of the wire: who owns a key, which column sorts the keys table, what happened
//! to a key. Each is an enum here and a string union in TypeScript, so both sides spell them
//! alike; each maps from (or to) its app-core counterpart.

use app_core::inventory_store::{KeyOwnerKind, KeySortColumn};
use app_core::key_lifecycle::ActivityAction;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who owns a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "OwnerKind")]
pub enum OwnerKindDto {
    /// A person in the organization.
    User,
    /// A project's service account.
    ServiceAccount,
    /// The API did not say.
    Unknown,
}

impl From<KeyOwnerKind> for OwnerKindDto {
    fn from(kind: KeyOwnerKind) -> Self {
        match kind {
            KeyOwnerKind::User => Self::User,
            KeyOwnerKind::ServiceAccount => Self::ServiceAccount,
            KeyOwnerKind::Unknown => Self::Unknown,
        }
    }
}

/// A column the keys table can be sorted by. A query names it as text, so that any other text
/// is refused as `invalidInput` rather than as a malformed call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeySortColumn")]
pub enum KeySortColumnDto {
    /// The key's name.
    Name,
    /// The owner's name.
    Owner,
    /// When the key was created.
    Created,
    /// When the key was last used; never-used keys sort as oldest.
    LastUsed,
    /// The project's name.
    Project,
    /// The spend of the last 30 days.
    Spend,
    /// The expiry; soonest first, never last.
    Expires,
}

impl From<KeySortColumnDto> for KeySortColumn {
    fn from(column: KeySortColumnDto) -> Self {
        match column {
            KeySortColumnDto::Name => Self::Name,
            KeySortColumnDto::Owner => Self::Owner,
            KeySortColumnDto::Created => Self::Created,
            KeySortColumnDto::LastUsed => Self::LastUsed,
            KeySortColumnDto::Project => Self::Project,
            KeySortColumnDto::Spend => Self::Spend,
            KeySortColumnDto::Expires => Self::Expires,
        }
    }
}

/// What Keywarden did to a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ActivityAction")]
pub enum ActivityActionDto {
    /// A key was created and its secret held.
    Created,
    /// A key was created but its secret was lost.
    Orphaned,
    /// A new key's secret was copied to the clipboard.
    Copied,
    /// A new key's secret was stored by the user and wiped.
    Acknowledged,
    /// The user chose to wipe a new key's secret without copying it.
    Discarded,
    /// Keywarden closed while the key waited to be stored; its secret is lost.
    Lost,
    /// A key was revoked.
    Revoked,
    /// A service account whose new key was lost was deleted.
    OrphanRevoked,
    /// A revoke found the key already gone.
    AlreadyGone,
    /// A key's permissions or expiry were changed.
    PolicyChanged,
    /// A new key was sent to the user's vault.
    SentToVault,
}

impl From<ActivityAction> for ActivityActionDto {
    fn from(action: ActivityAction) -> Self {
        match action {
            ActivityAction::Created => Self::Created,
            ActivityAction::Orphaned => Self::Orphaned,
            ActivityAction::Copied => Self::Copied,
            ActivityAction::Acknowledged => Self::Acknowledged,
            ActivityAction::Discarded => Self::Discarded,
            ActivityAction::Lost => Self::Lost,
            ActivityAction::Revoked => Self::Revoked,
            ActivityAction::OrphanRevoked => Self::OrphanRevoked,
            ActivityAction::AlreadyGone => Self::AlreadyGone,
            ActivityAction::PolicyChanged => Self::PolicyChanged,
            ActivityAction::SentToVault => Self::SentToVault,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_sort_column_arrives_as_its_camel_case_name() {
        let names = [
            "name", "owner", "created", "lastUsed", "project", "spend", "expires",
        ];
        let columns = names.map(|name| {
            KeySortColumn::from(serde_json::from_value::<KeySortColumnDto>(name.into()).unwrap())
        });
        assert_eq!(
            columns,
            [
                KeySortColumn::Name,
                KeySortColumn::Owner,
                KeySortColumn::Created,
                KeySortColumn::LastUsed,
                KeySortColumn::Project,
                KeySortColumn::Spend,
                KeySortColumn::Expires,
            ]
        );
    }

    #[test]
    fn owner_kinds_and_activity_actions_leave_in_camel_case() {
        let owner = serde_json::to_value(OwnerKindDto::from(KeyOwnerKind::ServiceAccount));
        let action = serde_json::to_value(ActivityActionDto::from(ActivityAction::AlreadyGone));
        assert_eq!(owner.unwrap(), "serviceAccount");
        assert_eq!(action.unwrap(), "alreadyGone");
    }
}
