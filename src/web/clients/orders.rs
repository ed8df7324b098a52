//! Recording and changing a client's orders through forms.

use axum::extract::State;
use axum::response::Response;
use serde::Serialize;
use tera::Context;

use super::{order_kind_choices, order_status_choices};
use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{Access, ClientIp, CurrentUser, Routes};
use crate::domain::orders::{OrderInput, OrderKind};
use crate::error::AppError;
use crate::extract::{Form, Path};
use crate::services::clients::{self, ClientDetail, orders};
use crate::web::page::Page;

/// Routes of this part.
pub fn routes() -> Routes {
    Routes::new()
        .get("/clients/{id}/orders/new", Access::STAFF, new_page)
        .post("/clients/{id}/orders", Access::STAFF, create)
        .get(
            "/clients/{id}/orders/{order_id}/edit",
            Access::STAFF,
            edit_page,
        )
        .post("/clients/{id}/orders/{order_id}", Access::STAFF, update)
}

/// The hour range of an hour-counted kind under the loaded rules, for the form's hint.
#[derive(Serialize)]
struct HourHint {
    kind: &'static str,
    key: &'static str,
    min: u32,
    max: u32,
}

fn context(app: &AppState, client: &ClientDetail, form: &OrderInput, action: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert("client", client);
    ctx.insert("form", form);
    ctx.insert("action", action);
    ctx.insert("kinds", &order_kind_choices());
    ctx.insert("statuses", &order_status_choices());
    let hints: Vec<HourHint> = OrderKind::ALL
        .iter()
        .filter_map(|k| {
            let range = app.rules.hour_range(*k)?;
            Some(HourHint {
                kind: k.as_str(),
                key: k.message_key(),
                min: range.min,
                max: range.max,
            })
        })
        .collect();
    ctx.insert("hour_hints", &hints);
    ctx.insert("jurisdiction", &app.rules.name);
    ctx.insert("max_hours_per_day", &app.rules.max_hours_per_day.hours);
    ctx
}

async fn open_client(
    app: &AppState,
    page: &Page,
    user: &CurrentUser,
    ip: &str,
    id: i64,
) -> Result<Result<ClientDetail, Response>, AppError> {
    let client = clients::read(&app.db, user, ip, id).await?;
    if client.closed_on.is_some() {
        return Ok(Err(page.redirect_with(
            &format!("/clients/{id}"),
            FlashKind::Error,
            "error-client-closed",
        )));
    }
    Ok(Ok(client))
}

async fn new_page(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let client = match open_client(&app, &page, &user, &ip, id).await? {
        Ok(c) => c,
        Err(redirect) => return Ok(redirect),
    };
    let form = OrderInput {
        status: "active".into(),
        ..Default::default()
    };
    let ctx = context(&app, &client, &form, &format!("/clients/{id}/orders"));
    page.render_form("clients/order_form.html", ctx)
}

async fn create(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Form(form): Form<OrderInput>,
) -> Result<Response, AppError> {
    let target = format!("/clients/{id}");
    match orders::create(&app.db, &app.rules, &user, &ip, id, &form).await {
        Ok(_) => Ok(page.redirect_with(&target, FlashKind::Success, "flash-order-saved")),
        Err(AppError::Validation(errors)) => {
            let client = clients::read(&app.db, &user, &ip, id).await?;
            let ctx = context(&app, &client, &form, &format!("/clients/{id}/orders"));
            page.rerender_form("clients/order_form.html", ctx, &errors)
        }
        Err(AppError::Conflict(key)) => Ok(page.redirect_with(&target, FlashKind::Error, key)),
        Err(other) => Err(other),
    }
}

async fn edit_page(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path((id, order_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let client = match open_client(&app, &page, &user, &ip, id).await? {
        Ok(c) => c,
        Err(redirect) => return Ok(redirect),
    };
    let order = client
        .orders
        .iter()
        .find(|o| o.id == order_id)
        .ok_or(AppError::NotFound)?;
    let mut ctx = context(
        &app,
        &client,
        &order.to_input(),
        &format!("/clients/{id}/orders/{order_id}"),
    );
    ctx.insert("order_id", &order_id);
    page.render_form("clients/order_form.html", ctx)
}

async fn update(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path((id, order_id)): Path<(i64, i64)>,
    Form(form): Form<OrderInput>,
) -> Result<Response, AppError> {
    let target = format!("/clients/{id}");
    match orders::update(&app.db, &app.rules, &user, &ip, id, order_id, &form).await {
        Ok(_) => Ok(page.redirect_with(&target, FlashKind::Success, "flash-order-saved")),
        Err(AppError::Validation(errors)) => {
            let client = clients::read(&app.db, &user, &ip, id).await?;
            let mut ctx = context(
                &app,
                &client,
                &form,
                &format!("/clients/{id}/orders/{order_id}"),
            );
            ctx.insert("order_id", &order_id);
            page.rerender_form("clients/order_form.html", ctx, &errors)
        }
        Err(AppError::Conflict(key)) => Ok(page.redirect_with(&target, FlashKind::Error, key)),
        Err(other) => Err(other),
    }
}
