//! Audit log and mail outbox over the API (admins).

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa_axum::routes;

use super::paged::Paged;
use crate::app::AppState;
use crate::auth::{Access, Routes};
use crate::error::AppError;
use crate::extract::{Path, Query};
use crate::mail::outbox::{self, OutboxEntry};
use crate::mail::worker;
use crate::services::audit::{self, AuditEntry, AuditFilter};
use crate::web::error_page::ErrorBody;
use crate::web::listing::PER_PAGE;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .api(Access::ADMIN, routes!(audit_log))
        .api(Access::ADMIN, routes!(outbox_list))
        .api(Access::ADMIN, routes!(outbox_retry))
}

/// Audit events, newest first.
#[utoipa::path(get, path = "/api/v1/audit", tag = "admin", params(AuditFilter), security(("bearer" = [])),
    responses((status = 200, description = "A page of audit events", body = Paged<AuditEntry>)))]
async fn audit_log(
    State(app): State<AppState>,
    Query(filter): Query<AuditFilter>,
) -> Result<axum::Json<Paged<AuditEntry>>, AppError> {
    let (items, total) = audit::search(&app.db, &filter, PER_PAGE).await?;
    Ok(axum::Json(Paged {
        items,
        total,
        page: filter.page.unwrap_or(1).max(1),
        per_page: PER_PAGE,
    }))
}

/// Outbox filter.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct OutboxQuery {
    /// `pending`, `sent` or `failed`.
    pub status: Option<String>,
    /// Page, from 1.
    pub page: Option<u64>,
}

/// Messages in the mail outbox, newest first.
#[utoipa::path(get, path = "/api/v1/mail/outbox", tag = "admin", params(OutboxQuery), security(("bearer" = [])),
    responses((status = 200, description = "A page of messages", body = Paged<OutboxEntry>)))]
async fn outbox_list(
    State(app): State<AppState>,
    Query(q): Query<OutboxQuery>,
) -> Result<axum::Json<Paged<OutboxEntry>>, AppError> {
    let page = q.page.unwrap_or(1).max(1);
    let (items, total) = outbox::list(&app.db, q.status.as_deref(), page, PER_PAGE).await?;
    Ok(axum::Json(Paged {
        items,
        total,
        page,
        per_page: PER_PAGE,
    }))
}

/// Queues a failed message again.
#[utoipa::path(post, path = "/api/v1/mail/outbox/{id}/retry", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Message id")),
    responses((status = 204, description = "Queued again"), (status = 404, description = "No failed message with this id", body = ErrorBody)))]
async fn outbox_retry(
    State(app): State<AppState>,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    if worker::retry_now(&app.db, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}
