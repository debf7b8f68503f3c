//! The paged queries as the webview sends them, checked on the way in: a negative offset, a
//! page size outside `u32` or an unknown sort column is invalid input before anything is read.

use app_core::inventory_store::{KeyQuery, KeySort, KeySortColumn, ProjectQuery};
use serde::Deserialize;
use ts_rs::TS;

use super::hygiene::HygieneRuleDto;
use super::vocabulary::KeySortColumnDto;

/// How the keys table is sorted.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeySort")]
pub struct KeySortDto {
    /// `name`, `owner`, `created`, `lastUsed`, `project`, `spend` or `expires`.
    #[ts(as = "KeySortColumnDto")]
    pub column: String,
    /// Largest first.
    pub descending: bool,
}

/// What the keys table asks for.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "KeyQuery")]
pub struct KeyQueryDto {
    /// One project's keys; `null` for every project.
    pub project_id: Option<String>,
    /// A case-insensitive substring to match; `null` matches every key.
    pub text: Option<String>,
    /// Only the keys one hygiene rule finds (also the expiry filter); `null` for all.
    #[serde(default)]
    pub filter: Option<HygieneRuleDto>,
    /// The order.
    pub sort: KeySortDto,
    /// Matching rows to skip.
    pub offset: i64,
    /// Rows to return, 1 to 400.
    pub limit: i64,
    /// The days of usage each row carries (7 or 30); absent or `null` for none.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub usage_days: Option<u32>,
}

impl TryFrom<KeyQueryDto> for KeyQuery {
    type Error = app_core::Error;

    fn try_from(query: KeyQueryDto) -> Result<Self, Self::Error> {
        let column = match query.sort.column.as_str() {
            "name" => KeySortColumn::Name,
            "owner" => KeySortColumn::Owner,
            "created" => KeySortColumn::Created,
            "lastUsed" => KeySortColumn::LastUsed,
            "project" => KeySortColumn::Project,
            "spend" => KeySortColumn::Spend,
            "expires" => KeySortColumn::Expires,
            _ => {
                return Err(app_core::Error::InvalidInput(
                    "sort keys by name, owner, created, lastUsed, project, spend or expires".into(),
                ))
            }
        };
        Ok(KeyQuery {
            project_id: query.project_id,
            text: query.text,
            // The rule becomes a condition with the preferred thresholds in `query_keys`.
            filter: None,
            sort: KeySort {
                column,
                descending: query.sort.descending,
            },
            offset: offset(query.offset)?,
            limit: limit(query.limit)?,
        })
    }
}

/// What the sidebar asks for.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ProjectQuery")]
pub struct ProjectQueryDto {
    /// A case-insensitive substring of the name or id; `null` matches every project.
    pub text: Option<String>,
    /// Include archived projects.
    pub include_archived: bool,
    /// Matching projects to skip.
    pub offset: i64,
    /// Rows to return, 1 to 400.
    pub limit: i64,
}

impl TryFrom<ProjectQueryDto> for ProjectQuery {
    type Error = app_core::Error;

    fn try_from(query: ProjectQueryDto) -> Result<Self, Self::Error> {
        Ok(ProjectQuery {
            text: query.text,
            include_archived: query.include_archived,
            offset: offset(query.offset)?,
            limit: limit(query.limit)?,
        })
    }
}

fn offset(offset: i64) -> Result<u64, app_core::Error> {
    u64::try_from(offset).map_err(|_| {
        app_core::Error::InvalidInput("the offset must be 0 or more; nothing was read".into())
    })
}

/// A limit outside `u32` is refused here; the store refuses anything outside 1..=400.
fn limit(limit: i64) -> Result<u32, app_core::Error> {
    u32::try_from(limit).map_err(|_| {
        app_core::Error::InvalidInput(format!(
            "choose a page of 1 to {} rows (asked for {limit})",
            app_core::inventory_store::MAX_PAGE_ROWS
        ))
    })
}

/// A key query as the organization runs it: the DTO's checks, then its hygiene filter resolved
/// with the organization's thresholds. The keys table and an export of the view share it.
pub fn key_query(org: &app_core::Org, query: KeyQueryDto) -> Result<KeyQuery, app_core::Error> {
    let rule = query.filter;
    let mut query: KeyQuery = query.try_into()?;
    query.filter = rule.map(|rule| org.hygiene_filter(rule.into()));
    Ok(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_query(json: serde_json::Value) -> Result<KeyQuery, app_core::Error> {
        KeyQuery::try_from(serde_json::from_value::<KeyQueryDto>(json).unwrap())
    }

    #[test]
    fn a_key_query_arrives_in_camel_case_and_becomes_the_store_query() {
        let query = key_query(serde_json::json!({"projectId": "proj_1", "text": "ci",
            "sort": {"column": "lastUsed", "descending": true}, "offset": 500, "limit": 400}))
        .unwrap();
        assert_eq!(query.project_id.as_deref(), Some("proj_1"));
        assert_eq!(query.sort.column, KeySortColumn::LastUsed);
        assert!(query.sort.descending);
        assert_eq!((query.offset, query.limit), (500, 400));
    }

    #[test]
    fn a_negative_offset_a_huge_limit_or_an_unknown_sort_is_invalid_input() {
        let sort = serde_json::json!({"column": "name", "descending": false});
        let cases = [
            serde_json::json!({"projectId": null, "text": null, "sort": sort, "offset": -1,
                "limit": 10}),
            serde_json::json!({"projectId": null, "text": null, "sort": sort, "offset": 0,
                "limit": 1_i64 << 40}),
            serde_json::json!({"projectId": null, "text": null, "offset": 0, "limit": 10,
                "sort": {"column": "1; DROP TABLE keys", "descending": false}}),
        ];
        for case in cases {
            let error = key_query(case.clone()).unwrap_err();
            assert!(
                matches!(error, app_core::Error::InvalidInput(_)),
                "{case}: {error:?}"
            );
        }
    }
}
