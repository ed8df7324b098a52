//! HTML pages (tera templates and forms), one module per area.

pub mod account;
pub mod admin;
pub mod assets;
pub mod auth;
pub mod batch;
pub mod clients;
pub mod csv;
pub mod error_page;
pub mod form_parts;
pub mod home;
pub mod listing;
pub mod matching;
pub mod nav;
pub mod page;
pub mod professionals;
pub mod sites;
pub mod supervisor;
pub mod templates;
pub mod training;
pub mod volunteers;

use crate::auth::Routes;

/// All page routes.
pub fn routes() -> Routes {
    Routes::new()
        .merge(home::routes())
        .merge(auth::routes())
        .merge(account::routes())
        .merge(admin::routes())
        .merge(volunteers::routes())
        .merge(training::routes())
        .merge(sites::routes())
        .merge(professionals::routes())
        .merge(csv::routes())
        .merge(clients::routes())
        .merge(matching::routes())
        .merge(supervisor::routes())
        .merge(batch::routes())
}
