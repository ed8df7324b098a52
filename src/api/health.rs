//! Health probes for load balancers and orchestration.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::auth::{Access, Routes};
use crate::error::AppError;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .api(Access::Public, routes!(healthz))
        .api(Access::Public, routes!(readyz))
}

/// Health of the process or its dependencies.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok` or `ready`.
    pub status: &'static str,
    /// Database state, for readiness: `ok`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database: Option<&'static str>,
}

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "The process is up", body = Health)))]
async fn healthz() -> Json<Health> {
    Json(Health {
        status: "ok",
        database: None,
    })
}

/// The service can serve requests: the database answers.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "The database does not answer", body = crate::web::error_page::ErrorBody),
    ))]
async fn readyz(State(app): State<AppState>) -> Result<Json<Health>, AppError> {
    if crate::db::ping(&app.db).await {
        Ok(Json(Health {
            status: "ready",
            database: Some("ok"),
        }))
    } else {
        Err(AppError::Unavailable)
    }
}
