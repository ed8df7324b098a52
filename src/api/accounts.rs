//! The signed-in user's account over the API: password, tokens; and the public
//! password-reset request.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa_axum::routes;

use crate::app::AppState;
use crate::auth::{Access, ClientIp, CurrentUser, Routes, rate_limit};
use crate::error::AppError;
use crate::extract::{Json, Path};
use crate::i18n::Lang;
use crate::services::audit::Actor;
use crate::services::{api_tokens, passwords};
use crate::web::error_page::ErrorBody;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .api(Access::Public, routes!(request_password_reset))
        .api(Access::SignedIn, routes!(change_password))
        .api(Access::SignedIn, routes!(list_tokens, issue_token))
        .api(Access::SignedIn, routes!(revoke_token))
}

/// A password-reset request.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct ResetRequest {
    /// The account's e-mail address.
    pub email: String,
}

/// Asks for a password-reset e-mail. The answer is 202 whether or not the address has an
/// account; only an existing account gets a message.
#[utoipa::path(post, path = "/api/v1/password-reset", tag = "accounts", request_body = ResetRequest,
    responses(
        (status = 202, description = "Accepted (whether or not the account exists)"),
        (status = 429, description = "Too many requests from this address", body = ErrorBody),
    ))]
async fn request_password_reset(
    State(app): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(body): Json<ResetRequest>,
) -> Result<StatusCode, AppError> {
    rate_limit::hit(
        &app.db,
        &format!("reset:{ip}"),
        app.config.rate_reset_per_hour,
        3600,
    )
    .await?;
    passwords::request_reset(&app.db, &app.mailer, &body.email, Lang::En, &ip).await?;
    Ok(StatusCode::ACCEPTED)
}

/// A password change.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct PasswordChange {
    /// The current password.
    pub current_password: String,
    /// The new password (12+ characters, not a common one).
    pub password: String,
    /// The new password again.
    pub password_confirmation: String,
}

/// Changes the user's password; every session of the user ends.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "accounts", request_body = PasswordChange,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Changed"),
        (status = 422, description = "Wrong current password or a weak new one", body = ErrorBody),
    ))]
async fn change_password(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Json(body): Json<PasswordChange>,
) -> Result<StatusCode, AppError> {
    passwords::change(
        &app.db,
        &Actor::user(&user),
        user.id,
        &body.current_password,
        &body.password,
        &body.password_confirmation,
        &ip,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An API token (without its secret).
#[derive(Serialize, utoipa::ToSchema)]
pub struct TokenInfo {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// First characters.
    pub prefix: String,
    /// Created at.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Last used at.
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Revoked at.
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The user's API tokens.
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, description = "Tokens, newest first", body = Vec<TokenInfo>)))]
async fn list_tokens(
    State(app): State<AppState>,
    user: CurrentUser,
) -> Result<axum::Json<Vec<TokenInfo>>, AppError> {
    Ok(axum::Json(
        api_tokens::list(&app.db, user.id)
            .await?
            .into_iter()
            .map(|t| TokenInfo {
                id: t.id,
                name: t.name,
                prefix: t.prefix,
                created_at: t.created_at,
                last_used_at: t.last_used_at,
                revoked_at: t.revoked_at,
            })
            .collect(),
    ))
}

/// A token request.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewToken {
    /// A name to recognise the token by.
    pub name: String,
}

/// A new token; the secret is shown only here.
#[derive(Serialize, utoipa::ToSchema)]
pub struct IssuedToken {
    /// Id.
    pub id: i64,
    /// The secret, to send as `Authorization: Bearer …`.
    pub token: String,
}

/// Issues a new API token acting with the user's roles.
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "accounts", request_body = NewToken, security(("bearer" = [])),
    responses((status = 201, description = "Issued", body = IssuedToken)))]
async fn issue_token(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Json(body): Json<NewToken>,
) -> Result<(StatusCode, axum::Json<IssuedToken>), AppError> {
    if body.name.trim().is_empty() {
        return Err(AppError::field("name", "error-required"));
    }
    let (row, token) =
        api_tokens::issue(&app.db, &Actor::user(&user), &ip, user.id, &body.name).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(IssuedToken { id: row.id, token }),
    ))
}

/// Revokes one of the user's tokens.
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "accounts", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Token id")),
    responses((status = 204, description = "Revoked"), (status = 404, description = "No such token of yours", body = ErrorBody)))]
async fn revoke_token(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    api_tokens::revoke(&app.db, &Actor::user(&user), &ip, id, Some(user.id)).await?;
    Ok(StatusCode::NO_CONTENT)
}
