//! The site supervisor's page of the clients placed at their sites: names, since when, and
//! only the restrictions that matter on site (see `services::supervision`).

use axum::extract::State;
use axum::response::Response;
use tera::Context;

use crate::app::AppState;
use crate::auth::{Access, ClientIp, CurrentUser, Role, Routes};
use crate::error::AppError;
use crate::services::supervision;
use crate::web::page::Page;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new().get(
        "/supervisor/clients",
        Access::Roles(&[Role::SiteSupervisor]),
        clients_page,
    )
}

async fn clients_page(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
) -> Result<Response, AppError> {
    let placed = supervision::placed_clients(&app.db, &user, &ip).await?;
    let mut ctx = Context::new();
    ctx.insert("placed", &placed);
    page.render("supervisor/clients.html", ctx)
}
