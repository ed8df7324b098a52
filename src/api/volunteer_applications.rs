//! The public sign-up of volunteers over JSON: `POST /api/v1/volunteer-applications`, and
//! verifying the address or asking for a new link.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa_axum::routes;

use crate::app::AppState;
use crate::auth::{Access, ClientIp, Routes, rate_limit};
use crate::error::AppError;
use crate::extract::Json;
use crate::i18n::Lang;
use crate::services::volunteers::profile::ApplicationInput;
use crate::services::volunteers::signup;
use crate::web::error_page::ErrorBody;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .api(Access::Public, routes!(apply))
        .api(Access::Public, routes!(verify))
        .api(Access::Public, routes!(resend))
}

/// The answer to a sign-up or a request for a new link.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Accepted {
    /// Always `accepted`: the same whether or not the address was known.
    pub status: &'static str,
}

/// Signs up as a volunteer. On success a link to verify the address is e-mailed (valid for
/// `KORPU_VERIFY_HOURS`, 48 by default); until it is clicked the application is unverified and
/// invisible to matching. The answer is the same whether or not the address was already
/// registered (its owner gets an e-mail saying so instead). Rate-limited per client address.
#[utoipa::path(post, path = "/api/v1/volunteer-applications", tag = "volunteers",
    request_body = ApplicationInput,
    responses(
        (status = 202, description = "Accepted; check the inbox", body = Accepted),
        (status = 422, description = "Invalid fields", body = ErrorBody),
        (status = 429, description = "Too many sign-ups from this address", body = ErrorBody),
    ))]
async fn apply(
    State(app): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(body): Json<ApplicationInput>,
) -> Result<(StatusCode, axum::Json<Accepted>), AppError> {
    let fallback = Lang::parse(&app.config.default_language).unwrap_or(Lang::Az);
    signup::apply(&app.db, &app.mailer, &app.config, &body, fallback, &ip).await?;
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(Accepted { status: "accepted" }),
    ))
}

/// The secret of a verification link (the last part of `/volunteer/verify/{token}`).
#[derive(Deserialize, utoipa::ToSchema)]
pub struct VerifyBody {
    /// The token.
    pub token: String,
}

/// Verifies a volunteer's address with the token of the e-mailed link (single use).
#[utoipa::path(post, path = "/api/v1/volunteer-applications/verify", tag = "volunteers",
    request_body = VerifyBody,
    responses(
        (status = 204, description = "Verified"),
        (status = 400, description = "Unknown, used or expired link", body = ErrorBody),
    ))]
async fn verify(
    State(app): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(body): Json<VerifyBody>,
) -> Result<StatusCode, AppError> {
    signup::verify(&app.db, &app.mailer, &body.token, &ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An address to send a new verification link to.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct ResendBody {
    /// E-mail address of the application.
    pub email: String,
}

/// Sends a new verification link to an unverified application. The answer is the same for
/// any address; limited per client address and per e-mail address.
#[utoipa::path(post, path = "/api/v1/volunteer-applications/resend", tag = "volunteers",
    request_body = ResendBody,
    responses(
        (status = 202, description = "Accepted", body = Accepted),
        (status = 422, description = "Not an e-mail address", body = ErrorBody),
        (status = 429, description = "Too many requests", body = ErrorBody),
    ))]
async fn resend(
    State(app): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(body): Json<ResendBody>,
) -> Result<(StatusCode, axum::Json<Accepted>), AppError> {
    rate_limit::hit(
        &app.db,
        &format!("verify-resend:{ip}"),
        app.config.rate_signup_per_hour,
        3600,
    )
    .await?;
    signup::resend(&app.db, &app.mailer, &app.config, &body.email, &ip).await?;
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(Accepted { status: "accepted" }),
    ))
}
