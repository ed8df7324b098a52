//! The approved volunteer's own profile over JSON: read and change it, pause, withdraw.

use axum::extract::State;
use chrono::Utc;
use serde::Deserialize;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::auth::{ClientIp, CurrentUser, Routes};
use crate::error::AppError;
use crate::extract::Json;
use crate::i18n::Lang;
use crate::services::audit::Actor;
use crate::services::volunteers::VolunteerProfile;
use crate::services::volunteers::own;
use crate::services::volunteers::profile::ProfileInput;
use crate::web::error_page::ErrorBody;
use crate::web::volunteers::me::VOLUNTEER_ROLES;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .api(VOLUNTEER_ROLES, routes!(show, update))
        .api(VOLUNTEER_ROLES, routes!(pause))
        .api(VOLUNTEER_ROLES, routes!(withdraw))
}

async fn profile(app: &AppState, user: &CurrentUser) -> Result<VolunteerProfile, AppError> {
    let lang = Lang::parse(&user.language).unwrap_or(Lang::En);
    own::own(&app.db, user.id, lang, Utc::now().date_naive()).await
}

/// The signed-in volunteer's profile, training and status.
#[utoipa::path(get, path = "/api/v1/me/volunteer", tag = "volunteers", security(("bearer" = [])),
    responses(
        (status = 200, description = "The profile", body = VolunteerProfile),
        (status = 404, description = "The user has no volunteer profile", body = ErrorBody),
    ))]
async fn show(
    State(app): State<AppState>,
    user: CurrentUser,
) -> Result<axum::Json<VolunteerProfile>, AppError> {
    Ok(axum::Json(profile(&app, &user).await?))
}

/// Replaces the profile (name, phone, languages, skills, roles, home, travel distance,
/// availability, motivation, mentees); the e-mail address cannot be changed here.
#[utoipa::path(put, path = "/api/v1/me/volunteer", tag = "volunteers", request_body = ProfileInput,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Saved", body = VolunteerProfile),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    ))]
async fn update(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Json(body): Json<ProfileInput>,
) -> Result<axum::Json<VolunteerProfile>, AppError> {
    own::update_own(&app.db, &Actor::user(&user), &ip, user.id, &body).await?;
    Ok(axum::Json(profile(&app, &user).await?))
}

/// Pausing or resuming.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct PauseBody {
    /// True to pause (not matched), false to resume.
    pub paused: bool,
}

/// Pauses or resumes the volunteer's availability.
#[utoipa::path(post, path = "/api/v1/me/volunteer/pause", tag = "volunteers", request_body = PauseBody,
    security(("bearer" = [])),
    responses((status = 200, description = "Saved", body = VolunteerProfile)))]
async fn pause(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Json(body): Json<PauseBody>,
) -> Result<axum::Json<VolunteerProfile>, AppError> {
    own::set_paused(&app.db, &Actor::user(&user), &ip, user.id, body.paused).await?;
    Ok(axum::Json(profile(&app, &user).await?))
}

/// Confirmation of a withdrawal.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct WithdrawBody {
    /// Must be true: withdraw and erase personal data.
    pub confirm: bool,
}

/// Withdraws the volunteer with a request to delete their data: personal data is erased at
/// once, the account is deactivated (this token stops working) and a confirmation is e-mailed.
#[utoipa::path(post, path = "/api/v1/me/volunteer/withdraw", tag = "volunteers", request_body = WithdrawBody,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Withdrawn and erased"),
        (status = 422, description = "Not confirmed", body = ErrorBody),
    ))]
async fn withdraw(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Json(body): Json<WithdrawBody>,
) -> Result<axum::http::StatusCode, AppError> {
    if !body.confirm {
        return Err(AppError::field("confirm", "error-withdraw-confirm"));
    }
    own::withdraw(&app.db, &app.mailer, &Actor::user(&user), &ip, user.id).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}
