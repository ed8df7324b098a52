//! The coordinators' queue of volunteers: filter by stage, region and role sought, search by
//! name or e-mail (Azerbaijani-aware), page through.

use axum::extract::State;
use axum::response::Response;
use tera::Context;

use crate::app::AppState;
use crate::auth::{Access, Routes};
use crate::domain::vetting::Stage;
use crate::domain::volunteer::RoleSought;
use crate::error::AppError;
use crate::extract::Query;
use crate::services::{regions, volunteers};
use crate::web::listing::{PER_PAGE, paginate};
use crate::web::page::Page;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new().get("/volunteers", Access::STAFF, list)
}

/// Filters as the form sends them: every value is text, an empty one means "all".
#[derive(serde::Deserialize, serde::Serialize, Default)]
struct QueueQuery {
    #[serde(default)]
    stage: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    q: String,
    page: Option<u64>,
}

async fn list(
    State(app): State<AppState>,
    page: Page,
    Query(query): Query<QueueQuery>,
) -> Result<Response, AppError> {
    let current = query.page.unwrap_or(1).max(1);
    let region_id = match query.region.trim() {
        "" => None,
        text => Some(
            text.parse::<i64>()
                .map_err(|_| AppError::BadRequest("error-query-invalid"))?,
        ),
    };
    let filter = volunteers::QueueFilter {
        stage: Some(query.stage.clone()),
        region_id,
        role: Some(query.role.clone()),
        q: Some(query.q.clone()),
        page: Some(current),
    };
    let (items, total) = volunteers::queue(&app.db, &filter, PER_PAGE).await?;
    let mut ctx = Context::new();
    ctx.insert("volunteers", &items);
    ctx.insert("filter", &query);
    ctx.insert("stages", &Stage::ALL.map(Stage::as_str).to_vec());
    ctx.insert(
        "roles_sought",
        &RoleSought::ALL.map(RoleSought::as_str).to_vec(),
    );
    ctx.insert("regions", &regions::list(&app.db).await?);
    paginate(
        &mut ctx,
        current,
        total,
        "/volunteers",
        &[
            ("stage", query.stage.clone()),
            ("region", query.region.clone()),
            ("role", query.role.clone()),
            ("q", query.q.clone()),
        ],
    );
    page.render("volunteers/queue.html", ctx)
}
