//! The map of sites (`/sites/map`). The page carries the tile settings as data attributes;
//! `static/js/sites-map.js` fetches the markers from `/api/v1/sites/geojson`. Without tiles
//! (none configured, or unreachable) the markers show on a plain background with an outline
//! of Azerbaijan. A list of the same sites below the map serves keyboards and screen readers.

use axum::extract::State;
use axum::response::Response;
use tera::Context;

use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::services::sites::{self, Scope, SiteFilter};
use crate::web::page::Page;

pub(super) async fn page(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let scope = Scope::of(&user);
    let sites = sites::all(&app.db, &scope, &SiteFilter::default()).await?;
    let mut ctx = Context::new();
    ctx.insert("sites", &sites);
    ctx.insert("tile_url", &app.config.tile_url);
    ctx.insert("tile_attribution", &app.config.tile_attribution);
    ctx.insert("can_see_professionals", &scope.can_edit());
    page.render("sites/map.html", ctx)
}
