//! Users and roles over the API (admins).

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa_axum::routes;

use super::paged::{PageQuery, Paged};
use crate::app::AppState;
use crate::auth::{Access, ClientIp, CurrentUser, Role, Routes};
use crate::error::AppError;
use crate::extract::{Json, Path, Query};
use crate::services::accounts::{self, NewUser, UserSummary};
use crate::services::audit::Actor;
use crate::web::error_page::ErrorBody;
use crate::web::listing::PER_PAGE;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .api(Access::ADMIN, routes!(list, invite))
        .api(Access::ADMIN, routes!(get_one))
        .api(Access::ADMIN, routes!(set_roles))
        .api(Access::ADMIN, routes!(set_region))
        .api(Access::ADMIN, routes!(lock))
        .api(Access::ADMIN, routes!(unlock))
}

/// Search parameters.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct UserQuery {
    /// Name or e-mail contains (Azerbaijani-aware, case-insensitive).
    pub q: Option<String>,
    /// Page, from 1.
    pub page: Option<u64>,
}

/// Users matching the query.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", params(UserQuery), security(("bearer" = [])),
    responses((status = 200, description = "A page of users", body = Paged<UserSummary>)))]
async fn list(
    State(app): State<AppState>,
    Query(q): Query<UserQuery>,
) -> Result<axum::Json<Paged<UserSummary>>, AppError> {
    let page = PageQuery { page: q.page }.page();
    let (items, total) =
        accounts::list(&app.db, q.q.as_deref().unwrap_or_default(), page, PER_PAGE).await?;
    Ok(axum::Json(Paged {
        items,
        total,
        page,
        per_page: PER_PAGE,
    }))
}

/// An invitation.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct Invitation {
    /// E-mail address.
    pub email: String,
    /// Name.
    pub name: String,
    /// Roles: `admin`, `coordinator`, `site_supervisor`, `psychologist`, `mentor`.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Language of e-mails: `az`, `en`, `ru`.
    #[serde(default)]
    pub language: String,
    /// Region id (coordinators).
    pub region_id: Option<i64>,
}

/// Invites a user: creates the account and e-mails a link to choose a password.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = Invitation, security(("bearer" = [])),
    responses(
        (status = 201, description = "Invited", body = UserSummary),
        (status = 422, description = "Invalid fields or e-mail taken", body = ErrorBody),
    ))]
async fn invite(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Json(body): Json<Invitation>,
) -> Result<(StatusCode, axum::Json<UserSummary>), AppError> {
    let new = NewUser::parse(
        &body.email,
        &body.name,
        &body.roles,
        &body.language,
        body.region_id,
    )?;
    let created = accounts::invite(&app.db, &app.mailer, &Actor::user(&user), &ip, &new).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(accounts::get(&app.db, created.id).await?),
    ))
}

/// One user.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses((status = 200, description = "The user", body = UserSummary), (status = 404, description = "No such user", body = ErrorBody)))]
async fn get_one(
    State(app): State<AppState>,
    Path(id): Path<i64>,
) -> Result<axum::Json<UserSummary>, AppError> {
    Ok(axum::Json(accounts::get(&app.db, id).await?))
}

/// The roles a user should hold.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct RolesBody {
    /// Roles.
    pub roles: Vec<String>,
}

/// Replaces a user's roles; effective at their next request.
#[utoipa::path(put, path = "/api/v1/users/{id}/roles", tag = "users", request_body = RolesBody, security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, description = "The user with the new roles", body = UserSummary),
        (status = 409, description = "An admin cannot remove their own admin role", body = ErrorBody),
        (status = 422, description = "Unknown role", body = ErrorBody),
    ))]
async fn set_roles(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Json(body): Json<RolesBody>,
) -> Result<axum::Json<UserSummary>, AppError> {
    let roles: Vec<Role> = body.roles.iter().filter_map(|r| Role::parse(r)).collect();
    if roles.len() != body.roles.len() {
        return Err(AppError::field("roles", "error-role-unknown"));
    }
    accounts::set_roles(&app.db, &Actor::user(&user), &ip, id, &roles).await?;
    Ok(axum::Json(accounts::get(&app.db, id).await?))
}

/// The region a user should belong to.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct RegionBody {
    /// Region id, or null for none.
    pub region_id: Option<i64>,
}

/// Puts a user in a region (coordinators see the clients of their region); effective at their
/// next request.
#[utoipa::path(put, path = "/api/v1/users/{id}/region", tag = "users", request_body = RegionBody, security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, description = "The user in the new region", body = UserSummary),
        (status = 404, description = "No such user", body = ErrorBody),
        (status = 422, description = "No such region", body = ErrorBody),
    ))]
async fn set_region(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Json(body): Json<RegionBody>,
) -> Result<axum::Json<UserSummary>, AppError> {
    accounts::set_region(&app.db, &Actor::user(&user), &ip, id, body.region_id).await?;
    Ok(axum::Json(accounts::get(&app.db, id).await?))
}

/// Locks an account and ends its sessions.
#[utoipa::path(post, path = "/api/v1/users/{id}/lock", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses((status = 200, description = "Locked", body = UserSummary), (status = 409, description = "Cannot lock yourself", body = ErrorBody)))]
async fn lock(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
) -> Result<axum::Json<UserSummary>, AppError> {
    accounts::set_locked(&app.db, &Actor::user(&user), &ip, id, true).await?;
    Ok(axum::Json(accounts::get(&app.db, id).await?))
}

/// Unlocks an account (also lifts a lock after failed sign-ins).
#[utoipa::path(post, path = "/api/v1/users/{id}/unlock", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses((status = 200, description = "Unlocked", body = UserSummary)))]
async fn unlock(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
) -> Result<axum::Json<UserSummary>, AppError> {
    accounts::set_locked(&app.db, &Actor::user(&user), &ip, id, false).await?;
    Ok(axum::Json(accounts::get(&app.db, id).await?))
}
