//! The mail outbox page: what was sent, what waits, what failed; failed mail can be retried.

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use tera::Context;

use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{Access, Routes};
use crate::error::AppError;
use crate::extract::{Path, Query};
use crate::mail::{outbox, worker};
use crate::web::listing::{PER_PAGE, paginate};
use crate::web::page::Page;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .get("/admin/outbox", Access::ADMIN, list)
        .post("/admin/outbox/{id}/retry", Access::ADMIN, retry)
}

#[derive(Deserialize)]
struct OutboxQuery {
    #[serde(default)]
    status: String,
    page: Option<u64>,
}

async fn list(
    State(app): State<AppState>,
    page: Page,
    Query(query): Query<OutboxQuery>,
) -> Result<Response, AppError> {
    let current = query.page.unwrap_or(1).max(1);
    let (messages, total) =
        outbox::list(&app.db, Some(query.status.as_str()), current, PER_PAGE).await?;
    let mut ctx = Context::new();
    ctx.insert("messages", &messages);
    ctx.insert("status", &query.status);
    paginate(
        &mut ctx,
        current,
        total,
        "/admin/outbox",
        &[("status", query.status.clone())],
    );
    page.render_form("admin/outbox.html", ctx)
}

async fn retry(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if worker::retry_now(&app.db, id).await? {
        Ok(page.redirect_with("/admin/outbox", FlashKind::Success, "flash-mail-requeued"))
    } else {
        Err(AppError::NotFound)
    }
}
