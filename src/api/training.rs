//! Training modules over JSON: coordinators read them, admins define them.

use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::auth::{Access, CurrentUser, Routes};
use crate::error::AppError;
use crate::extract::{Json, Path};
use crate::i18n::Lang;
use crate::services::training::{self, ModuleInput, ModuleView};
use crate::web::error_page::ErrorBody;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .api(Access::STAFF, routes!(list))
        .api(Access::ADMIN, routes!(create))
        .api(Access::ADMIN, routes!(update))
}

fn lang_of(user: &CurrentUser) -> Lang {
    Lang::parse(&user.language).unwrap_or(Lang::En)
}

/// All training modules, active or not.
#[utoipa::path(get, path = "/api/v1/training-modules", tag = "volunteers", security(("bearer" = [])),
    responses((status = 200, description = "Modules", body = Vec<ModuleView>)))]
async fn list(
    State(app): State<AppState>,
    user: CurrentUser,
) -> Result<axum::Json<Vec<ModuleView>>, AppError> {
    Ok(axum::Json(
        training::list(&app.db, lang_of(&user), true).await?,
    ))
}

/// Adds a training module.
#[utoipa::path(post, path = "/api/v1/training-modules", tag = "volunteers", request_body = ModuleInput,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Added", body = ModuleView),
        (status = 422, description = "Invalid fields or code taken", body = ErrorBody),
    ))]
async fn create(
    State(app): State<AppState>,
    user: CurrentUser,
    Json(body): Json<ModuleInput>,
) -> Result<(StatusCode, axum::Json<ModuleView>), AppError> {
    Ok((
        StatusCode::CREATED,
        axum::Json(training::create(&app.db, &body, lang_of(&user)).await?),
    ))
}

/// Changes a training module (not its code); completions keep their expiry.
#[utoipa::path(put, path = "/api/v1/training-modules/{id}", tag = "volunteers", request_body = ModuleInput,
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Module id")),
    responses(
        (status = 200, description = "Changed", body = ModuleView),
        (status = 404, description = "No such module", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    ))]
async fn update(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(body): Json<ModuleInput>,
) -> Result<axum::Json<ModuleView>, AppError> {
    Ok(axum::Json(
        training::update(&app.db, id, &body, lang_of(&user)).await?,
    ))
}
