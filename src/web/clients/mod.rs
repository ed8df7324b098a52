//! Pages of the case register for coordinators and admins: the client list with search and
//! filters, a client's record (orders, restrictions, map), and the forms to create, change and
//! close records, record orders and add restrictions. The JSON twins are in `api::clients`.

mod form;
pub(crate) mod map;
mod orders;
mod restrictions;

use axum::extract::State;
use axum::response::Response;
use serde::Serialize;
use tera::Context;

use crate::app::AppState;
use crate::auth::{Access, ClientIp, CurrentUser, Routes};
use crate::domain::needs::Need;
use crate::domain::orders::{OrderKind, OrderStatus};
use crate::error::AppError;
use crate::extract::{Path, Query};
use crate::services::clients::list::{self, ClientFilter};
use crate::services::clients::{self, staff};
use crate::services::{regions, skills};
use crate::web::listing::{PER_PAGE, paginate};
use crate::web::page::Page;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .get("/clients", Access::STAFF, list_page)
        .get("/clients/new", Access::STAFF, form::new_page)
        .post("/clients", Access::STAFF, form::create)
        .get("/clients/{id}", Access::STAFF, show)
        .get("/clients/{id}/edit", Access::STAFF, form::edit_page)
        .post("/clients/{id}", Access::STAFF, form::update)
        .get("/clients/{id}/close", Access::STAFF, form::close_page)
        .post("/clients/{id}/close", Access::STAFF, form::close)
        .merge(orders::routes())
        .merge(restrictions::routes())
}

/// A code with its message key, for selects and checkbox lists.
#[derive(Serialize)]
struct Choice {
    code: &'static str,
    key: &'static str,
}

fn choices<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    key: fn(T) -> &'static str,
) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice {
            code: code(*v),
            key: key(*v),
        })
        .collect()
}

fn need_choices() -> Vec<Choice> {
    choices(Need::ALL, Need::as_str, Need::message_key)
}

fn order_kind_choices() -> Vec<Choice> {
    choices(OrderKind::ALL, OrderKind::as_str, OrderKind::message_key)
}

fn order_status_choices() -> Vec<Choice> {
    choices(
        OrderStatus::ALL,
        OrderStatus::as_str,
        OrderStatus::message_key,
    )
}

async fn list_page(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    Query(filter): Query<ClientFilter>,
) -> Result<Response, AppError> {
    let filters = filter.parse()?;
    let (items, total) = list::list(&app.db, &user, &filters, PER_PAGE).await?;
    let mut ctx = Context::new();
    ctx.insert("clients", &items);
    ctx.insert("regions", &regions::list(&app.db).await?);
    ctx.insert("coordinators", &staff::coordinators(&app.db).await?);
    ctx.insert("needs", &need_choices());
    ctx.insert("order_kinds", &order_kind_choices());
    ctx.insert("order_statuses", &order_status_choices());
    let text = |v: &Option<String>| v.as_deref().unwrap_or_default().trim().to_owned();
    let values = [
        ("q", text(&filter.q)),
        ("region_id", text(&filter.region_id)),
        ("coordinator_id", text(&filter.coordinator_id)),
        ("need", text(&filter.need)),
        ("order_kind", text(&filter.order_kind)),
        ("order_status", text(&filter.order_status)),
        ("state", text(&filter.state)),
    ];
    let shown: std::collections::HashMap<&str, String> = values.iter().cloned().collect();
    ctx.insert("filter", &shown);
    paginate(&mut ctx, filters.page, total, "/clients", &values);
    page.render("clients/list.html", ctx)
}

async fn show(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let detail = clients::read(&app.db, &user, &ip, id).await?;
    let mut ctx = Context::new();
    let skill_names: std::collections::HashMap<String, String> =
        skills::list(&app.db, page.lang, true)
            .await?
            .into_iter()
            .map(|s| (s.code, s.name))
            .collect();
    ctx.insert("skill_names", &skill_names);
    map::insert(&mut ctx, &app, &detail, &[]);
    ctx.insert(
        "assignments",
        &crate::services::matching::assignments::of_client(&app.db, id).await?,
    );
    ctx.insert(
        "batch_pending",
        &crate::services::matching::batch::pending_for_client(&app.db, &user, id).await?,
    );
    ctx.insert("client", &detail);
    page.render_form("clients/show.html", ctx)
}
