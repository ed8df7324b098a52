//! Reference data: the gazetteer of settlements, the curated skills, regions.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::auth::{Access, Routes};
use crate::domain::gazetteer::{self, Settlement};
use crate::error::AppError;
use crate::extract::{Json, Query};
use crate::i18n::Lang;
use crate::services::regions::{self, NewRegion, RegionView};
use crate::services::skills::{self, NewSkill, SkillView};
use crate::web::error_page::ErrorBody;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .api(Access::Public, routes!(gazetteer_search))
        .api(Access::Public, routes!(list_skills))
        .api(Access::ADMIN, routes!(create_skill))
        .api(Access::SignedIn, routes!(list_regions))
        .api(Access::ADMIN, routes!(create_region))
}

/// Gazetteer search.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct GazetteerQuery {
    /// What was typed so far (`gən`, `gence`, `Bakı`).
    pub q: String,
    /// At most this many results (default 10, at most 50).
    pub limit: Option<usize>,
}

/// Settlements of Azerbaijan whose names match, largest first.
#[utoipa::path(get, path = "/api/v1/gazetteer", tag = "reference", params(GazetteerQuery),
    responses((status = 200, description = "Matching settlements", body = Vec<Settlement>)))]
async fn gazetteer_search(Query(q): Query<GazetteerQuery>) -> axum::Json<Vec<Settlement>> {
    let limit = q.limit.unwrap_or(10).clamp(1, 50);
    axum::Json(
        gazetteer::search(&q.q, limit)
            .into_iter()
            .cloned()
            .collect(),
    )
}

/// Language of names.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct LangQuery {
    /// `az`, `en` or `ru` (default `en`).
    pub lang: Option<String>,
}

/// The curated skills.
#[utoipa::path(get, path = "/api/v1/skills", tag = "reference", params(LangQuery),
    responses((status = 200, description = "Active skills", body = Vec<SkillView>)))]
async fn list_skills(
    State(app): State<AppState>,
    Query(q): Query<LangQuery>,
) -> Result<axum::Json<Vec<SkillView>>, AppError> {
    let lang = q.lang.as_deref().and_then(Lang::parse).unwrap_or(Lang::En);
    Ok(axum::Json(skills::list(&app.db, lang, false).await?))
}

/// Adds a skill to the curated list.
#[utoipa::path(post, path = "/api/v1/skills", tag = "reference", request_body = NewSkill, security(("bearer" = [])),
    responses((status = 201, description = "Added", body = SkillView), (status = 422, description = "Invalid or taken code", body = ErrorBody)))]
async fn create_skill(
    State(app): State<AppState>,
    Json(body): Json<NewSkill>,
) -> Result<(StatusCode, axum::Json<SkillView>), AppError> {
    Ok((
        StatusCode::CREATED,
        axum::Json(skills::create(&app.db, &body).await?),
    ))
}

/// Regions of the service.
#[utoipa::path(get, path = "/api/v1/regions", tag = "reference", security(("bearer" = [])),
    responses((status = 200, description = "Regions", body = Vec<RegionView>)))]
async fn list_regions(
    State(app): State<AppState>,
) -> Result<axum::Json<Vec<RegionView>>, AppError> {
    Ok(axum::Json(regions::list(&app.db).await?))
}

/// Creates a region.
#[utoipa::path(post, path = "/api/v1/regions", tag = "reference", request_body = NewRegion, security(("bearer" = [])),
    responses((status = 201, description = "Created", body = RegionView), (status = 422, description = "Invalid fields", body = ErrorBody)))]
async fn create_region(
    State(app): State<AppState>,
    Json(body): Json<NewRegion>,
) -> Result<(StatusCode, axum::Json<RegionView>), AppError> {
    Ok((
        StatusCode::CREATED,
        axum::Json(regions::create(&app.db, &body).await?),
    ))
}
