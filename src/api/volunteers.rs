//! The vetting queue over JSON (coordinators and admins): list, detail, decisions, interview
//! notes, background checks and training completions.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use utoipa_axum::routes;

use super::paged::Paged;
use crate::app::AppState;
use crate::auth::{Access, ClientIp, CurrentUser, Routes};
use crate::error::AppError;
use crate::extract::{Json, Path, Query};
use crate::i18n::Lang;
use crate::services::audit::Actor;
use crate::services::volunteers::vetting::{
    self, CheckInput, NoteInput, TrainingInput, TransitionInput,
};
use crate::services::volunteers::{self, QueueFilter, VolunteerDetail, VolunteerSummary};
use crate::web::error_page::ErrorBody;
use crate::web::listing::PER_PAGE;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .api(Access::STAFF, routes!(list))
        .api(Access::STAFF, routes!(get_one))
        .api(Access::STAFF, routes!(transition))
        .api(Access::STAFF, routes!(add_note))
        .api(Access::STAFF, routes!(record_check))
        .api(Access::STAFF, routes!(record_training))
}

/// The language of names and explanations in API answers.
fn lang_of(user: &CurrentUser) -> Lang {
    Lang::parse(&user.language).unwrap_or(Lang::En)
}

/// The queue: volunteers matching the filters, who waited longest first.
#[utoipa::path(get, path = "/api/v1/volunteers", tag = "volunteers", params(QueueFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of volunteers", body = Paged<VolunteerSummary>),
        (status = 400, description = "Unknown stage or role", body = ErrorBody),
    ))]
async fn list(
    State(app): State<AppState>,
    Query(filter): Query<QueueFilter>,
) -> Result<axum::Json<Paged<VolunteerSummary>>, AppError> {
    let (items, total) = volunteers::queue(&app.db, &filter, PER_PAGE).await?;
    Ok(axum::Json(Paged {
        items,
        total,
        page: filter.page.unwrap_or(1).max(1),
        per_page: PER_PAGE,
    }))
}

async fn detail_of(
    app: &AppState,
    user: &CurrentUser,
    ip: &str,
    id: i64,
) -> Result<axum::Json<VolunteerDetail>, AppError> {
    let today = Utc::now().date_naive();
    Ok(axum::Json(
        volunteers::detail(&app.db, &Actor::user(user), ip, id, lang_of(user), today).await?,
    ))
}

/// One volunteer with history and interview notes (the read is audited).
#[utoipa::path(get, path = "/api/v1/volunteers/{id}", tag = "volunteers", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Volunteer id")),
    responses(
        (status = 200, description = "The volunteer", body = VolunteerDetail),
        (status = 404, description = "No such volunteer", body = ErrorBody),
    ))]
async fn get_one(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
) -> Result<axum::Json<VolunteerDetail>, AppError> {
    detail_of(&app, &user, &ip, id).await
}

/// Moves a volunteer to another stage. Approval needs a passed, unexpired background check
/// and every mandatory training; it creates the volunteer's account and e-mails a link to set
/// a password. Rejection and suspension need a reason. The volunteer is e-mailed.
#[utoipa::path(post, path = "/api/v1/volunteers/{id}/transitions", tag = "volunteers",
    request_body = TransitionInput, security(("bearer" = [])),
    params(("id" = i64, Path, description = "Volunteer id")),
    responses(
        (status = 200, description = "Moved", body = VolunteerDetail),
        (status = 409, description = "Not a move allowed from the current stage", body = ErrorBody),
        (status = 422, description = "Reason missing, or check or training not valid", body = ErrorBody),
    ))]
async fn transition(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Json(body): Json<TransitionInput>,
) -> Result<axum::Json<VolunteerDetail>, AppError> {
    let today = Utc::now().date_naive();
    vetting::transition(
        &app.db,
        &app.mailer,
        &Actor::user(&user),
        &ip,
        id,
        &body,
        today,
    )
    .await?;
    detail_of(&app, &user, &ip, id).await
}

/// Adds a confidential interview note.
#[utoipa::path(post, path = "/api/v1/volunteers/{id}/notes", tag = "volunteers",
    request_body = NoteInput, security(("bearer" = [])),
    params(("id" = i64, Path, description = "Volunteer id")),
    responses(
        (status = 201, description = "Added"),
        (status = 409, description = "The application is closed or unverified", body = ErrorBody),
        (status = 422, description = "Empty or too long", body = ErrorBody),
    ))]
async fn add_note(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Json(body): Json<NoteInput>,
) -> Result<StatusCode, AppError> {
    vetting::add_note(&app.db, &Actor::user(&user), &ip, id, &body).await?;
    Ok(StatusCode::CREATED)
}

/// Records the outcome of the background check (replacing an earlier one).
#[utoipa::path(put, path = "/api/v1/volunteers/{id}/background-check", tag = "volunteers",
    request_body = CheckInput, security(("bearer" = [])),
    params(("id" = i64, Path, description = "Volunteer id")),
    responses(
        (status = 200, description = "Recorded", body = VolunteerDetail),
        (status = 409, description = "The application is closed or unverified", body = ErrorBody),
        (status = 422, description = "Invalid outcome or dates", body = ErrorBody),
    ))]
async fn record_check(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Json(body): Json<CheckInput>,
) -> Result<axum::Json<VolunteerDetail>, AppError> {
    let today = Utc::now().date_naive();
    vetting::record_check(&app.db, &Actor::user(&user), &ip, id, &body, today).await?;
    detail_of(&app, &user, &ip, id).await
}

/// Records that the volunteer completed a training module.
#[utoipa::path(post, path = "/api/v1/volunteers/{id}/trainings", tag = "volunteers",
    request_body = TrainingInput, security(("bearer" = [])),
    params(("id" = i64, Path, description = "Volunteer id")),
    responses(
        (status = 201, description = "Recorded", body = VolunteerDetail),
        (status = 409, description = "The application is closed or unverified", body = ErrorBody),
        (status = 422, description = "Unknown module or invalid date", body = ErrorBody),
    ))]
async fn record_training(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Json(body): Json<TrainingInput>,
) -> Result<(StatusCode, axum::Json<VolunteerDetail>), AppError> {
    let today = Utc::now().date_naive();
    vetting::record_training(&app.db, &Actor::user(&user), &ip, id, &body, today).await?;
    Ok((StatusCode::CREATED, detail_of(&app, &user, &ip, id).await?))
}
