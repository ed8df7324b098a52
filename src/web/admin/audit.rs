//! The audit log page, with filters.

use axum::extract::State;
use axum::response::Response;
use tera::Context;

use crate::app::AppState;
use crate::auth::{Access, Routes};
use crate::error::AppError;
use crate::extract::Query;
use crate::services::audit::{self, AuditFilter};
use crate::web::listing::{PER_PAGE, paginate};
use crate::web::page::Page;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new().get("/admin/audit", Access::ADMIN, list)
}

async fn list(
    State(app): State<AppState>,
    page: Page,
    Query(filter): Query<AuditFilter>,
) -> Result<Response, AppError> {
    let (entries, total) = audit::search(&app.db, &filter, PER_PAGE).await?;
    let mut ctx = Context::new();
    ctx.insert("entries", &entries);
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    ctx.insert("filter_action", &text(&filter.action));
    ctx.insert("filter_actor", &text(&filter.actor));
    ctx.insert("filter_object_type", &text(&filter.object_type));
    ctx.insert(
        "filter_object_id",
        &filter.object_id.map(|i| i.to_string()).unwrap_or_default(),
    );
    ctx.insert(
        "filter_from",
        &filter.from.map(|d| d.to_string()).unwrap_or_default(),
    );
    ctx.insert(
        "filter_to",
        &filter.to.map(|d| d.to_string()).unwrap_or_default(),
    );
    paginate(
        &mut ctx,
        filter.page.unwrap_or(1),
        total,
        "/admin/audit",
        &[
            ("action", text(&filter.action)),
            ("actor", text(&filter.actor)),
            ("object_type", text(&filter.object_type)),
            (
                "object_id",
                filter.object_id.map(|i| i.to_string()).unwrap_or_default(),
            ),
            (
                "from",
                filter.from.map(|d| d.to_string()).unwrap_or_default(),
            ),
            ("to", filter.to.map(|d| d.to_string()).unwrap_or_default()),
        ],
    );
    page.render("admin/audit.html", ctx)
}
