//! Pages of the register of psychologists and social workers (coordinators and admins): the
//! list with search and filters, one record, the form (`form`) and closing.

mod form;

use axum::extract::State;
use axum::response::Response;
use tera::Context;

use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{Access, ClientIp, CurrentUser, Routes};
use crate::domain::specialty::{ProfessionalKind, Specialty};
use crate::error::AppError;
use crate::extract::{Path, Query};
use crate::services::audit::Actor;
use crate::services::professionals::{self, query::ProfessionalQuery};
use crate::services::regions;
use crate::web::form_parts::{self, choices};
use crate::web::listing::{PER_PAGE, paginate};
use crate::web::page::Page;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .get("/professionals", Access::STAFF, list)
        .post("/professionals", Access::STAFF, form::create)
        .get("/professionals/new", Access::STAFF, form::new_form)
        .get("/professionals/{id}", Access::STAFF, show)
        .post("/professionals/{id}", Access::STAFF, form::update)
        .get("/professionals/{id}/edit", Access::STAFF, form::edit_form)
        .post("/professionals/{id}/close", Access::STAFF, close)
}

async fn list(
    State(app): State<AppState>,
    page: Page,
    Query(query): Query<ProfessionalQuery>,
) -> Result<Response, AppError> {
    let all_regions = regions::list(&app.db).await?;
    let filter = query.filter(&all_regions)?;
    let current = query.page();
    let (items, total) = professionals::list(&app.db, &filter, current, PER_PAGE).await?;
    let lang = page.lang;
    let mut ctx = Context::new();
    ctx.insert("professionals", &items);
    ctx.insert("query", &query);
    ctx.insert("regions", &all_regions);
    ctx.insert(
        "kinds",
        &choices(
            lang,
            ProfessionalKind::ALL
                .iter()
                .map(|k| (k.as_str(), k.message_key())),
        ),
    );
    ctx.insert(
        "specialty_choices",
        &choices(
            lang,
            Specialty::ALL.iter().map(|s| (s.as_str(), s.message_key())),
        ),
    );
    ctx.insert("language_choices", &form_parts::language_choices(lang));
    paginate(&mut ctx, current, total, "/professionals", &query.pairs());
    page.render("professionals/list.html", ctx)
}

async fn show(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let p = professionals::get(&app.db, id).await?;
    let mut ctx = Context::new();
    ctx.insert("p", &p);
    page.render_form("professionals/show.html", ctx)
}

async fn close(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    professionals::close(&app.db, &Actor::user(&user), &ip, id).await?;
    Ok(page.redirect_with(
        &format!("/professionals/{id}"),
        FlashKind::Success,
        "flash-prof-closed",
    ))
}
