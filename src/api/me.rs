//! `GET /api/v1/me`: who the token or session belongs to.

use axum::Json;
use serde::Serialize;
use utoipa_axum::routes;

use crate::auth::{Access, CurrentUser, Role, Routes};

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new().api(Access::SignedIn, routes!(me))
}

/// The signed-in user.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Me {
    /// User id.
    pub id: i64,
    /// E-mail address.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Roles held: `admin`, `coordinator`, `site_supervisor`, `psychologist`, `mentor`.
    pub roles: Vec<String>,
    /// Preferred language.
    pub language: String,
}

/// The user the request is authenticated as.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in user", body = Me),
        (status = 401, description = "Missing or invalid token", body = crate::web::error_page::ErrorBody),
    ))]
async fn me(user: CurrentUser) -> Json<Me> {
    Json(Me {
        id: user.id,
        email: user.email.clone(),
        name: user.name.clone(),
        roles: user
            .roles
            .iter()
            .map(|r| Role::as_str(*r).to_owned())
            .collect(),
        language: user.language.clone(),
    })
}
