//! Batch proposal pages: `/batch` (choose a region and a kind, run; recent runs) and
//! `/batch/{id}` (the proposals with cost and distance, accept selected or all, the clients
//! left unassigned with why). Same services as `/api/v1/batches`.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{Access, ClientIp, CurrentUser, Routes};
use crate::error::AppError;
use crate::extract::{Form, Path};
use crate::services::matching::batch::{self, RunRequest, Selection, may_use_region};
use crate::services::regions;
use crate::web::page::Page;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .get("/batch", Access::STAFF, index)
        .post("/batch", Access::STAFF, create)
        .get("/batch/{id}", Access::STAFF, show)
        .post("/batch/{id}/accept", Access::STAFF, accept)
}

/// Recent runs shown on `/batch`.
const RECENT: u64 = 20;

async fn index_context(
    app: &AppState,
    user: &CurrentUser,
    form: &RunRequest,
) -> Result<Context, AppError> {
    let mut ctx = Context::new();
    let usable: Vec<serde_json::Value> = regions::list(&app.db)
        .await?
        .into_iter()
        .filter(|r| may_use_region(user, r.id))
        .map(|r| serde_json::json!({ "id": r.id.to_string(), "name": r.name }))
        .collect();
    ctx.insert("regions", &usable);
    ctx.insert("kinds", &["site", "mentor"]);
    ctx.insert("form", form);
    ctx.insert("runs", &batch::recent(&app.db, user, RECENT).await?);
    Ok(ctx)
}

async fn index(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let form = RunRequest {
        region_id: user.region_id.map(|r| r.to_string()).unwrap_or_default(),
        kind: "site".into(),
    };
    page.render_form("batch/index.html", index_context(&app, &user, &form).await?)
}

async fn create(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Form(form): Form<RunRequest>,
) -> Result<Response, AppError> {
    match batch::run(&app.db, &app.matching, &user, &ip, &form).await {
        Ok(id) => Ok(page.redirect_with(
            &format!("/batch/{id}"),
            FlashKind::Success,
            "batch-run-done",
        )),
        Err(AppError::Validation(errors)) => page.rerender_form(
            "batch/index.html",
            index_context(&app, &user, &form).await?,
            &errors,
        ),
        Err(other) => Err(other),
    }
}

async fn show_context(app: &AppState, user: &CurrentUser, id: i64) -> Result<Context, AppError> {
    let mut ctx = Context::new();
    ctx.insert(
        "batch",
        &batch::view(&app.db, &app.matching, user, id).await?,
    );
    Ok(ctx)
}

async fn show(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    page.render_form("batch/show.html", show_context(&app, &user, id).await?)
}

/// The acceptance form: the ticked proposals, or "all".
#[derive(Debug, Default, Deserialize, Serialize)]
struct AcceptForm {
    #[serde(default)]
    proposal: Vec<String>,
    #[serde(default)]
    all: String,
}

async fn accept(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, AppError> {
    let selection = if form.all.is_empty() {
        // An id that is not a number cannot be of this run.
        Selection::Ids(
            form.proposal
                .iter()
                .map(|p| p.trim().parse().unwrap_or(-1))
                .collect(),
        )
    } else {
        Selection::All
    };
    match batch::accept(
        &app.db,
        &app.matching,
        &app.mailer,
        &user,
        &ip,
        id,
        &selection,
    )
    .await
    {
        Ok(outcome) => {
            let key = if outcome.refused.is_empty() {
                "batch-accepted"
            } else {
                "batch-accepted-some-refused"
            };
            Ok(page.redirect_with(&format!("/batch/{id}"), FlashKind::Success, key))
        }
        Err(AppError::Validation(errors)) => page.rerender_form(
            "batch/show.html",
            show_context(&app, &user, id).await?,
            &errors,
        ),
        Err(other) => Err(other),
    }
}
