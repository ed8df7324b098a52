//! The site supervisor's limited view of the clients placed at their sites.

use axum::extract::State;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::auth::{Access, ClientIp, CurrentUser, Role, Routes};
use crate::error::AppError;
use crate::services::supervision::{self, PlacedClient};

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new().api(
        Access::Roles(&[Role::SiteSupervisor]),
        routes!(placed_clients),
    )
}

/// Clients placed at the caller's sites: name, since when, and the restrictions the site must
/// respect. Never the offence or order details.
#[utoipa::path(get, path = "/api/v1/supervisor/clients", tag = "supervisor", security(("bearer" = [])),
    responses((status = 200, description = "Placed clients", body = Vec<PlacedClient>)))]
async fn placed_clients(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
) -> Result<axum::Json<Vec<PlacedClient>>, AppError> {
    Ok(axum::Json(
        supervision::placed_clients(&app.db, &user, &ip).await?,
    ))
}
