//! `/organization/audit_logs`: newest first, filtered by time, type, project and resource.

use axum::extract::{RawQuery, State};
use axum::Json;

use super::Shared;
use crate::error::ApiError;
use crate::model::{AuditLog, ListResponse};
use crate::pagination::paginate;
use crate::query::QueryParams;

pub(super) async fn list(
    State(shared): State<Shared>,
    RawQuery(raw): RawQuery,
) -> Result<Json<ListResponse<AuditLog>>, ApiError> {
    let query = QueryParams::parse(raw.as_deref());
    let gt = query.int("effective_at[gt]")?;
    let gte = query.int("effective_at[gte]")?;
    let lt = query.int("effective_at[lt]")?;
    let lte = query.int("effective_at[lte]")?;
    let event_types = query.all("event_types");
    let project_ids = query.all("project_ids");
    let resource_ids = query.all("resource_ids");
    let in_window = |t: i64| {
        gt.is_none_or(|b| t > b)
            && gte.is_none_or(|b| t >= b)
            && lt.is_none_or(|b| t < b)
            && lte.is_none_or(|b| t <= b)
    };
    // Only the page is cloned: cloning every match for each page made reading 100,000 events
    // quadratic, and held the state lock (stalling every other request) while it ran.
    let page = shared.with(|s| {
        let matches: Vec<&AuditLog> = s
            .audit_logs
            .iter()
            .rev()
            .filter(|e| in_window(e.effective_at))
            .filter(|e| event_types.is_empty() || event_types.contains(&e.kind))
            .filter(|e| {
                project_ids.is_empty()
                    || e.project
                        .as_ref()
                        .is_some_and(|p| project_ids.contains(&p.id))
            })
            .filter(|e| {
                resource_ids.is_empty()
                    || e.details
                        .get(&e.kind)
                        .and_then(|d| d.get("id"))
                        .and_then(|id| id.as_str())
                        .is_some_and(|id| resource_ids.iter().any(|r| r == id))
            })
            .collect();
        let page = paginate(matches, |e| e.id.as_str(), &query)?;
        Ok::<_, ApiError>(ListResponse {
            object: page.object,
            data: page.data.into_iter().cloned().collect(),
            first_id: page.first_id,
            last_id: page.last_id,
            has_more: page.has_more,
        })
    })?;
    Ok(Json(page))
}
