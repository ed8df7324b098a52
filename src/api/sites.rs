//! Placement sites over the API: list with filters, one site, create, replace, close; the map
//! markers as GeoJSON; the kinds of work. Site supervisors may read their own sites.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa_axum::routes;

use super::paged::Paged;
use crate::app::AppState;
use crate::auth::{Access, ClientIp, CurrentUser, Role, Routes};
use crate::domain::availability::WindowInput;
use crate::domain::location::LocationInput;
use crate::domain::site::SiteFlags;
use crate::error::AppError;
use crate::extract::{Json, Path, Query};
use crate::i18n::{self, Lang};
use crate::services::audit::Actor;
use crate::services::regions;
use crate::services::sites::map::{self, MarkerCollection};
use crate::services::sites::query::SiteQuery;
use crate::services::sites::{self, Scope, SiteInput, SiteView};
use crate::web::error_page::ErrorBody;
use crate::web::listing::PER_PAGE;

/// Who may read sites (supervisors only their own).
pub const SITE_READERS: Access =
    Access::Roles(&[Role::Admin, Role::Coordinator, Role::SiteSupervisor]);

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .api(SITE_READERS, routes!(list))
        .api(Access::STAFF, routes!(create))
        .api(SITE_READERS, routes!(geojson))
        .api(SITE_READERS, routes!(get_one))
        .api(Access::STAFF, routes!(replace))
        .api(Access::STAFF, routes!(close))
        .api(Access::SignedIn, routes!(work_kinds))
}

/// A site as sent to the API.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct SiteBody {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Host organisation.
    #[serde(default)]
    pub organisation: String,
    /// Street address.
    #[serde(default)]
    pub address: String,
    /// Settlement of the gazetteer; used for the point unless `lat` and `lon` are given.
    #[serde(default)]
    pub settlement: String,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Contact person.
    #[serde(default)]
    pub contact_name: String,
    /// Contact phone.
    #[serde(default)]
    pub contact_phone: String,
    /// Contact e-mail.
    #[serde(default)]
    pub contact_email: String,
    /// Kinds of work (codes, see `GET /api/v1/work-kinds`); at least one.
    #[serde(default)]
    pub work_kinds: Vec<String>,
    /// Skill codes the work needs.
    #[serde(default)]
    pub skills_needed: Vec<String>,
    /// Skill codes the site teaches.
    #[serde(default)]
    pub skills_taught: Vec<String>,
    /// People at once (1 to 1000).
    pub capacity: Option<i64>,
    /// Weekly sessions.
    #[serde(default)]
    pub schedule: Vec<WindowInput>,
    /// Suitability flags.
    #[serde(default)]
    pub flags: SiteFlags,
    /// Languages spoken (ISO 639 codes); at least one.
    #[serde(default)]
    pub languages: Vec<String>,
    /// First active day, `YYYY-MM-DD` (default today).
    pub active_from: Option<String>,
    /// First day no longer active, `YYYY-MM-DD`.
    pub active_to: Option<String>,
    /// Region code (default: the region with the nearest centre).
    pub region: Option<String>,
    /// Supervisors: user ids of accounts with the `site_supervisor` role.
    #[serde(default)]
    pub supervisor_ids: Vec<i64>,
}

impl From<SiteBody> for SiteInput {
    fn from(b: SiteBody) -> SiteInput {
        let number = |n: Option<f64>| n.map(|v| v.to_string()).unwrap_or_default();
        SiteInput {
            name: b.name,
            organisation: b.organisation,
            address: b.address,
            location: LocationInput {
                settlement: b.settlement,
                lat: number(b.lat),
                lon: number(b.lon),
            },
            contact_name: b.contact_name,
            contact_phone: b.contact_phone,
            contact_email: b.contact_email,
            work_kinds: b.work_kinds,
            skills_needed: b.skills_needed,
            skills_taught: b.skills_taught,
            capacity: b.capacity.map(|c| c.to_string()).unwrap_or_default(),
            schedule: b.schedule,
            flags: b
                .flags
                .set_flags()
                .iter()
                .map(|f| f.as_str().to_owned())
                .collect(),
            languages: b.languages,
            active_from: b.active_from.unwrap_or_default(),
            active_to: b.active_to.unwrap_or_default(),
            region: b.region.unwrap_or_default(),
            supervisors: b.supervisor_ids.iter().map(i64::to_string).collect(),
        }
    }
}

/// Sites matching the filters, by name (a supervisor sees only their own).
#[utoipa::path(get, path = "/api/v1/sites", tag = "sites", params(SiteQuery), security(("bearer" = [])),
    responses((status = 200, description = "A page of sites", body = Paged<SiteView>),
        (status = 400, description = "Unknown filter value", body = ErrorBody)))]
async fn list(
    State(app): State<AppState>,
    user: CurrentUser,
    Query(q): Query<SiteQuery>,
) -> Result<axum::Json<Paged<SiteView>>, AppError> {
    let filter = q.filter(&regions::list(&app.db).await?)?;
    let page = q.page();
    let (items, total) = sites::list(&app.db, &Scope::of(&user), &filter, page, PER_PAGE).await?;
    Ok(axum::Json(Paged {
        items,
        total,
        page,
        per_page: PER_PAGE,
    }))
}

/// Creates a site.
#[utoipa::path(post, path = "/api/v1/sites", tag = "sites", request_body = SiteBody, security(("bearer" = [])),
    responses((status = 201, description = "Created", body = SiteView),
        (status = 422, description = "Invalid fields", body = ErrorBody)))]
async fn create(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Json(body): Json<SiteBody>,
) -> Result<(StatusCode, axum::Json<SiteView>), AppError> {
    let site = sites::create(&app.db, &Actor::user(&user), &ip, &body.into()).await?;
    Ok((StatusCode::CREATED, axum::Json(site)))
}

/// One site.
#[utoipa::path(get, path = "/api/v1/sites/{id}", tag = "sites", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Site id")),
    responses((status = 200, description = "The site", body = SiteView),
        (status = 404, description = "No such site, or not one of yours", body = ErrorBody)))]
async fn get_one(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<axum::Json<SiteView>, AppError> {
    Ok(axum::Json(
        sites::get(&app.db, &Scope::of(&user), id).await?,
    ))
}

/// Replaces a site's values.
#[utoipa::path(put, path = "/api/v1/sites/{id}", tag = "sites", request_body = SiteBody, security(("bearer" = [])),
    params(("id" = i64, Path, description = "Site id")),
    responses((status = 200, description = "The site", body = SiteView),
        (status = 404, description = "No such site", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody)))]
async fn replace(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Json(body): Json<SiteBody>,
) -> Result<axum::Json<SiteView>, AppError> {
    Ok(axum::Json(
        sites::update(&app.db, &Actor::user(&user), &ip, id, &body.into()).await?,
    ))
}

/// When a site closes.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct CloseBody {
    /// First day the site is no longer active (default today).
    pub active_to: Option<NaiveDate>,
}

/// Closes a site: from `active_to` (default today) it is no longer active.
#[utoipa::path(post, path = "/api/v1/sites/{id}/close", tag = "sites", request_body = CloseBody, security(("bearer" = [])),
    params(("id" = i64, Path, description = "Site id")),
    responses((status = 200, description = "The closed site", body = SiteView),
        (status = 404, description = "No such site", body = ErrorBody)))]
async fn close(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Json(body): Json<CloseBody>,
) -> Result<axum::Json<SiteView>, AppError> {
    Ok(axum::Json(
        sites::close(&app.db, &Actor::user(&user), &ip, id, body.active_to).await?,
    ))
}

/// Which layers the map shows.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct MapQuery {
    /// Include active psychologists and social workers (staff only).
    #[serde(default)]
    pub professionals: bool,
}

/// Active sites (and, for staff who ask, professionals) as GeoJSON points for the map.
#[utoipa::path(get, path = "/api/v1/sites/geojson", tag = "sites", params(MapQuery), security(("bearer" = [])),
    responses((status = 200, description = "A GeoJSON FeatureCollection", body = MarkerCollection)))]
async fn geojson(
    State(app): State<AppState>,
    user: CurrentUser,
    Query(q): Query<MapQuery>,
) -> Result<axum::Json<MarkerCollection>, AppError> {
    Ok(axum::Json(
        map::markers(&app.db, &Scope::of(&user), q.professionals).await?,
    ))
}

/// A code with its name.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct CodeName {
    /// Stable code.
    pub code: &'static str,
    /// Name in the requested language.
    pub name: String,
}

/// Language of names.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct LangQuery {
    /// `az`, `en` or `ru` (default `en`).
    pub lang: Option<String>,
}

/// The kinds of work sites offer (and position bans bar).
#[utoipa::path(get, path = "/api/v1/work-kinds", tag = "reference", params(LangQuery), security(("bearer" = [])),
    responses((status = 200, description = "Kinds of work", body = Vec<CodeName>)))]
async fn work_kinds(Query(q): Query<LangQuery>) -> axum::Json<Vec<CodeName>> {
    let lang = q.lang.as_deref().and_then(Lang::parse).unwrap_or(Lang::En);
    axum::Json(
        crate::domain::work::WorkKind::ALL
            .iter()
            .map(|k| CodeName {
                code: k.as_str(),
                name: i18n::t(lang, k.message_key()),
            })
            .collect(),
    )
}
