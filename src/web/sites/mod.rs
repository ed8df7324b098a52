//! Pages of placement sites: the list with search and filters, one site, the form (`form`),
//! closing, and the map (`map`). Coordinators and admins change sites; a site supervisor sees
//! their own sites, read-only.

mod form;
mod map;

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use tera::Context;

use crate::api::sites::SITE_READERS;
use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{Access, ClientIp, CurrentUser, Routes};
use crate::domain::site::SiteFlag;
use crate::domain::work::WorkKind;
use crate::error::AppError;
use crate::extract::{Form, Path, Query};
use crate::services::audit::Actor;
use crate::services::regions;
use crate::services::sites::query::SiteQuery;
use crate::services::sites::{self, Scope};
use crate::web::form_parts::{self, choices};
use crate::web::listing::{PER_PAGE, paginate};
use crate::web::page::Page;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .get("/sites", SITE_READERS, list)
        .post("/sites", Access::STAFF, form::create)
        .get("/sites/new", Access::STAFF, form::new_form)
        .get("/sites/map", SITE_READERS, map::page)
        .get("/sites/{id}", SITE_READERS, show)
        .post("/sites/{id}", Access::STAFF, form::update)
        .get("/sites/{id}/edit", Access::STAFF, form::edit_form)
        .post("/sites/{id}/close", Access::STAFF, close)
}

async fn list(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    Query(query): Query<SiteQuery>,
) -> Result<Response, AppError> {
    let all_regions = regions::list(&app.db).await?;
    let filter = query.filter(&all_regions)?;
    let scope = Scope::of(&user);
    let current = query.page();
    let (items, total) = sites::list(&app.db, &scope, &filter, current, PER_PAGE).await?;
    let lang = page.lang;
    let mut ctx = Context::new();
    ctx.insert("sites", &items);
    ctx.insert("query", &query);
    ctx.insert("can_edit", &scope.can_edit());
    ctx.insert("regions", &all_regions);
    ctx.insert(
        "work_kinds",
        &choices(
            lang,
            WorkKind::ALL.iter().map(|k| (k.as_str(), k.message_key())),
        ),
    );
    ctx.insert(
        "site_flags",
        &choices(
            lang,
            SiteFlag::ALL.iter().map(|f| (f.as_str(), f.message_key())),
        ),
    );
    ctx.insert("language_choices", &form_parts::language_choices(lang));
    ctx.insert(
        "selected_flag",
        &query.flag.first().cloned().unwrap_or_default(),
    );
    paginate(&mut ctx, current, total, "/sites", &query.pairs());
    page.render("sites/list.html", ctx)
}

async fn show(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&user);
    let site = sites::get(&app.db, &scope, id).await?;
    let lang = page.lang;
    let skill_names: std::collections::HashMap<String, String> =
        crate::services::skills::list(&app.db, lang, true)
            .await?
            .into_iter()
            .map(|s| (s.code, s.name))
            .collect();
    let mut ctx = Context::new();
    ctx.insert("site", &site);
    ctx.insert("can_edit", &scope.can_edit());
    ctx.insert("skill_names", &skill_names);
    ctx.insert("today", &chrono::Utc::now().date_naive().to_string());
    let flags: Vec<&str> = site.flags.set_flags().iter().map(|f| f.as_str()).collect();
    ctx.insert("set_flags", &flags);
    page.render_form("sites/show.html", ctx)
}

#[derive(Deserialize)]
struct CloseForm {
    #[serde(default)]
    active_to: String,
}

async fn close(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Form(form): Form<CloseForm>,
) -> Result<Response, AppError> {
    let target = format!("/sites/{id}");
    let date = match crate::domain::fields::date("active_to", &form.active_to) {
        Ok(date) => date,
        Err(_) => return Ok(page.redirect_with(&target, FlashKind::Error, "error-value-date")),
    };
    sites::close(&app.db, &Actor::user(&user), &ip, id, date).await?;
    Ok(page.redirect_with(&target, FlashKind::Success, "flash-site-closed"))
}
