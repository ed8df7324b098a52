//! Adding and lifting a client's restrictions through forms. The form shows the fields of one
//! kind (`?kind=`); areas are pasted as GeoJSON or drawn on the map, or given as a radius.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::{choices, map};
use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{Access, ClientIp, CurrentUser, Routes};
use crate::domain::restrictions::{RestrictionInput, RestrictionKind, RiskFlag};
use crate::domain::work::WorkKind;
use crate::error::AppError;
use crate::extract::{Form, Path, Query};
use crate::services::clients::{self, ClientDetail, restrictions};
use crate::web::page::Page;

/// Routes of this part.
pub fn routes() -> Routes {
    Routes::new()
        .get("/clients/{id}/restrictions/new", Access::STAFF, new_page)
        .post("/clients/{id}/restrictions", Access::STAFF, create)
        .post(
            "/clients/{id}/restrictions/{restriction_id}/remove",
            Access::STAFF,
            remove,
        )
}

/// The restriction form as the browser sends it (the fields of [`RestrictionInput`] and the
/// order it belongs to).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
struct RestrictionForm {
    #[serde(default)]
    order_id: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    work_kinds: Vec<String>,
    #[serde(default)]
    area: String,
    #[serde(default)]
    radius_m: String,
    #[serde(default)]
    centre_lat: String,
    #[serde(default)]
    centre_lon: String,
    #[serde(default)]
    curfew_start: String,
    #[serde(default)]
    curfew_end: String,
    #[serde(default)]
    risk_flag: String,
    #[serde(default)]
    note: String,
}

impl RestrictionForm {
    fn input(&self) -> RestrictionInput {
        RestrictionInput {
            kind: self.kind.clone(),
            work_kinds: self.work_kinds.clone(),
            area: self.area.clone(),
            radius_m: self.radius_m.clone(),
            centre_lat: self.centre_lat.clone(),
            centre_lon: self.centre_lon.clone(),
            curfew_start: self.curfew_start.clone(),
            curfew_end: self.curfew_end.clone(),
            risk_flag: self.risk_flag.clone(),
            note: self.note.clone(),
        }
    }
}

#[derive(Deserialize)]
struct KindQuery {
    kind: Option<String>,
}

fn context(app: &AppState, client: &ClientDetail, form: &RestrictionForm) -> Context {
    let mut ctx = Context::new();
    ctx.insert("client", client);
    ctx.insert("form", form);
    ctx.insert(
        "kinds",
        &choices(
            RestrictionKind::ALL,
            RestrictionKind::as_str,
            RestrictionKind::message_key,
        ),
    );
    ctx.insert(
        "work_kinds",
        &choices(WorkKind::ALL, WorkKind::as_str, WorkKind::message_key),
    );
    ctx.insert(
        "risk_flags",
        &choices(RiskFlag::ALL, RiskFlag::as_str, RiskFlag::message_key),
    );
    map::insert(&mut ctx, app, client, &[]);
    ctx
}

async fn new_page(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Query(query): Query<KindQuery>,
) -> Result<Response, AppError> {
    let client = clients::read(&app.db, &user, &ip, id).await?;
    if client.closed_on.is_some() {
        return Ok(page.redirect_with(
            &format!("/clients/{id}"),
            FlashKind::Error,
            "error-client-closed",
        ));
    }
    let kind = query
        .kind
        .as_deref()
        .and_then(RestrictionKind::parse)
        .map(|k| k.as_str().to_owned())
        .unwrap_or_default();
    let form = RestrictionForm {
        kind,
        ..Default::default()
    };
    page.render_form(
        "clients/restriction_form.html",
        context(&app, &client, &form),
    )
}

async fn create(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Form(form): Form<RestrictionForm>,
) -> Result<Response, AppError> {
    let target = format!("/clients/{id}");
    let order_id = match form.order_id.trim() {
        "" => None,
        text => Some(text.parse().unwrap_or(0)),
    };
    match restrictions::add(&app.db, &user, &ip, id, order_id, &form.input()).await {
        Ok(_) => Ok(page.redirect_with(&target, FlashKind::Success, "flash-restriction-added")),
        Err(AppError::Validation(errors)) => {
            let client = clients::read(&app.db, &user, &ip, id).await?;
            page.rerender_form(
                "clients/restriction_form.html",
                context(&app, &client, &form),
                &errors,
            )
        }
        Err(AppError::Conflict(key)) => Ok(page.redirect_with(&target, FlashKind::Error, key)),
        Err(other) => Err(other),
    }
}

async fn remove(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path((id, restriction_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let target = format!("/clients/{id}");
    match restrictions::remove(&app.db, &user, &ip, id, restriction_id).await {
        Ok(()) => Ok(page.redirect_with(&target, FlashKind::Success, "flash-restriction-removed")),
        Err(AppError::Conflict(key)) => Ok(page.redirect_with(&target, FlashKind::Error, key)),
        Err(other) => Err(other),
    }
}
