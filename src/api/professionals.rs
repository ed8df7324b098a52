//! The register of psychologists and social workers over the API (coordinators and admins).

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa_axum::routes;

use super::paged::Paged;
use super::sites::{CodeName, LangQuery};
use crate::app::AppState;
use crate::auth::{Access, ClientIp, CurrentUser, Routes};
use crate::domain::availability::WindowInput;
use crate::domain::location::LocationInput;
use crate::domain::specialty::Specialty;
use crate::error::AppError;
use crate::extract::{Json, Path, Query};
use crate::i18n::{self, Lang};
use crate::services::audit::Actor;
use crate::services::professionals::query::ProfessionalQuery;
use crate::services::professionals::{self, ProfessionalInput, ProfessionalView};
use crate::services::regions;
use crate::web::error_page::ErrorBody;
use crate::web::listing::PER_PAGE;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .api(Access::STAFF, routes!(list, create))
        .api(Access::STAFF, routes!(get_one, replace))
        .api(Access::STAFF, routes!(close))
        .api(Access::SignedIn, routes!(specialties))
}

fn yes() -> bool {
    true
}

/// A professional as sent to the API.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ProfessionalBody {
    /// Full name.
    #[serde(default)]
    pub name: String,
    /// `psychologist` or `social_worker`.
    #[serde(default)]
    pub kind: String,
    /// Employer or practice.
    #[serde(default)]
    pub organisation: String,
    /// E-mail.
    #[serde(default)]
    pub email: String,
    /// Phone.
    #[serde(default)]
    pub phone: String,
    /// Settlement of the gazetteer; used for the point unless `lat` and `lon` are given.
    #[serde(default)]
    pub settlement: String,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Specialty codes (see `GET /api/v1/specialties`); at least one.
    #[serde(default)]
    pub specialties: Vec<String>,
    /// Languages (ISO 639 codes); at least one.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Sees clients in person (default true).
    #[serde(default = "yes")]
    pub in_person: bool,
    /// Sees clients remotely.
    #[serde(default)]
    pub remote: bool,
    /// Clients at once (1 to 500).
    pub caseload_capacity: Option<i64>,
    /// Weekly availability.
    #[serde(default)]
    pub availability: Vec<WindowInput>,
    /// Takes referrals (default true).
    #[serde(default = "yes")]
    pub active: bool,
    /// User id of their own account (role `psychologist`).
    pub user_id: Option<i64>,
    /// Region code (default: the region with the nearest centre).
    pub region: Option<String>,
}

impl From<ProfessionalBody> for ProfessionalInput {
    fn from(b: ProfessionalBody) -> ProfessionalInput {
        let number = |n: Option<f64>| n.map(|v| v.to_string()).unwrap_or_default();
        ProfessionalInput {
            name: b.name,
            kind: b.kind,
            organisation: b.organisation,
            email: b.email,
            phone: b.phone,
            location: LocationInput {
                settlement: b.settlement,
                lat: number(b.lat),
                lon: number(b.lon),
            },
            specialties: b.specialties,
            languages: b.languages,
            in_person: b.in_person,
            remote: b.remote,
            caseload_capacity: b
                .caseload_capacity
                .map(|c| c.to_string())
                .unwrap_or_default(),
            availability: b.availability,
            active: b.active,
            account: b.user_id.map(|u| u.to_string()).unwrap_or_default(),
            region: b.region.unwrap_or_default(),
        }
    }
}

/// Professionals matching the filters, by name.
#[utoipa::path(get, path = "/api/v1/professionals", tag = "professionals", params(ProfessionalQuery), security(("bearer" = [])),
    responses((status = 200, description = "A page of professionals", body = Paged<ProfessionalView>),
        (status = 400, description = "Unknown filter value", body = ErrorBody)))]
async fn list(
    State(app): State<AppState>,
    Query(q): Query<ProfessionalQuery>,
) -> Result<axum::Json<Paged<ProfessionalView>>, AppError> {
    let filter = q.filter(&regions::list(&app.db).await?)?;
    let page = q.page();
    let (items, total) = professionals::list(&app.db, &filter, page, PER_PAGE).await?;
    Ok(axum::Json(Paged {
        items,
        total,
        page,
        per_page: PER_PAGE,
    }))
}

/// Adds a professional to the register.
#[utoipa::path(post, path = "/api/v1/professionals", tag = "professionals", request_body = ProfessionalBody, security(("bearer" = [])),
    responses((status = 201, description = "Created", body = ProfessionalView),
        (status = 422, description = "Invalid fields", body = ErrorBody)))]
async fn create(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Json(body): Json<ProfessionalBody>,
) -> Result<(StatusCode, axum::Json<ProfessionalView>), AppError> {
    let created = professionals::create(&app.db, &Actor::user(&user), &ip, &body.into()).await?;
    Ok((StatusCode::CREATED, axum::Json(created)))
}

/// One professional.
#[utoipa::path(get, path = "/api/v1/professionals/{id}", tag = "professionals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Professional id")),
    responses((status = 200, description = "The professional", body = ProfessionalView),
        (status = 404, description = "No such professional", body = ErrorBody)))]
async fn get_one(
    State(app): State<AppState>,
    Path(id): Path<i64>,
) -> Result<axum::Json<ProfessionalView>, AppError> {
    Ok(axum::Json(professionals::get(&app.db, id).await?))
}

/// Replaces a professional's values.
#[utoipa::path(put, path = "/api/v1/professionals/{id}", tag = "professionals", request_body = ProfessionalBody, security(("bearer" = [])),
    params(("id" = i64, Path, description = "Professional id")),
    responses((status = 200, description = "The professional", body = ProfessionalView),
        (status = 404, description = "No such professional", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody)))]
async fn replace(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Json(body): Json<ProfessionalBody>,
) -> Result<axum::Json<ProfessionalView>, AppError> {
    Ok(axum::Json(
        professionals::update(&app.db, &Actor::user(&user), &ip, id, &body.into()).await?,
    ))
}

/// Marks a professional as no longer taking referrals.
#[utoipa::path(post, path = "/api/v1/professionals/{id}/close", tag = "professionals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Professional id")),
    responses((status = 200, description = "The professional, inactive", body = ProfessionalView),
        (status = 404, description = "No such professional", body = ErrorBody)))]
async fn close(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
) -> Result<axum::Json<ProfessionalView>, AppError> {
    Ok(axum::Json(
        professionals::close(&app.db, &Actor::user(&user), &ip, id).await?,
    ))
}

/// The specialties of psychologists and social workers.
#[utoipa::path(get, path = "/api/v1/specialties", tag = "reference", params(LangQuery), security(("bearer" = [])),
    responses((status = 200, description = "Specialties", body = Vec<CodeName>)))]
async fn specialties(Query(q): Query<LangQuery>) -> axum::Json<Vec<CodeName>> {
    let lang = q.lang.as_deref().and_then(Lang::parse).unwrap_or(Lang::En);
    axum::Json(
        Specialty::ALL
            .iter()
            .map(|s| CodeName {
                code: s.as_str(),
                name: i18n::t(lang, s.message_key()),
            })
            .collect(),
    )
}
