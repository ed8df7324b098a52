//! The JSON API under `/api/v1`, described by the OpenAPI document at `/api/openapi.json`
//! (browsable at `/api/docs`). Handlers call the same services as the pages.

pub mod accounts;
pub mod admin;
pub mod batches;
pub mod clients;
pub mod csv;
pub mod health;
pub mod matching;
pub mod me;
pub mod me_volunteer;
pub mod paged;
pub mod professionals;
pub mod reference;
pub mod sites;
pub mod supervisor;
pub mod training;
pub mod users;
pub mod volunteer_applications;
pub mod volunteers;

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::auth::Routes;
use crate::web::error_page::{ErrorBody, ErrorDetail, FieldDetail};

/// All API routes (and the health probes).
pub fn routes() -> Routes {
    Routes::new()
        .merge(health::routes())
        .merge(me::routes())
        .merge(accounts::routes())
        .merge(users::routes())
        .merge(admin::routes())
        .merge(reference::routes())
        .merge(volunteer_applications::routes())
        .merge(volunteers::routes())
        .merge(training::routes())
        .merge(me_volunteer::routes())
        .merge(sites::routes())
        .merge(professionals::routes())
        .merge(csv::routes())
        .merge(clients::routes())
        .merge(matching::routes())
        .merge(supervisor::routes())
        .merge(batches::routes())
}

/// The parts of the OpenAPI document that are not paths.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Körpü API",
        description = "JSON API of Körpü. Authenticate with `Authorization: Bearer <token>` \
            (issue one with `korpu token issue --email …`). Errors share one shape: \
            `{\"error\": {\"code\", \"message\", \"fields\"}}`.",
        license(name = "AGPL-3.0-or-later")
    ),
    modifiers(&BearerAuth),
    components(schemas(ErrorBody, ErrorDetail, FieldDetail))
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An API token issued with `korpu token issue`."))
                    .build(),
            ),
        );
    }
}
