//! HTML pages (tera templates and forms), one module per area.

pub mod account;
pub mod admin;
pub mod assets;
pub mod auth;
pub mod clients;
pub mod error_page;
pub mod home;
pub mod listing;
pub mod nav;
pub mod page;
pub mod supervisor;
pub mod templates;

use crate::auth::Routes;

/// All page routes.
pub fn routes() -> Routes {
    Routes::new()
        .merge(home::routes())
        .merge(auth::routes())
        .merge(account::routes())
        .merge(admin::routes())
        .merge(clients::routes())
        .merge(supervisor::routes())
}
