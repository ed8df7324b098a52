//! Admin pages for users: list and search, invite, roles, lock and unlock.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{Access, ClientIp, CurrentUser, Role, Routes};
use crate::error::AppError;
use crate::extract::{Form, Path, Query};
use crate::services::accounts::{self, NewUser};
use crate::services::audit::Actor;
use crate::services::regions;
use crate::web::listing::{PER_PAGE, paginate};
use crate::web::page::Page;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .get("/admin/users", Access::ADMIN, list)
        .get("/admin/users/new", Access::ADMIN, invite_form)
        .post("/admin/users", Access::ADMIN, invite_submit)
        .get("/admin/users/{id}", Access::ADMIN, show)
        .post("/admin/users/{id}/roles", Access::ADMIN, set_roles)
        .post("/admin/users/{id}/region", Access::ADMIN, set_region)
        .post("/admin/users/{id}/lock", Access::ADMIN, lock)
        .post("/admin/users/{id}/unlock", Access::ADMIN, unlock)
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    q: String,
    page: Option<u64>,
}

async fn list(
    State(app): State<AppState>,
    page: Page,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let current = query.page.unwrap_or(1).max(1);
    let (users, total) = accounts::list(&app.db, &query.q, current, PER_PAGE).await?;
    let mut ctx = Context::new();
    ctx.insert("users", &users);
    ctx.insert("q", &query.q);
    paginate(
        &mut ctx,
        current,
        total,
        "/admin/users",
        &[("q", query.q.clone())],
    );
    page.render("admin/users.html", ctx)
}

#[derive(Deserialize, Serialize, Default)]
struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    language: String,
    /// Region id, or empty for none.
    #[serde(default)]
    region: String,
}

/// A region choice from a form: empty is none; anything else must be an id.
fn parse_region(input: &str) -> Result<Option<i64>, AppError> {
    match input.trim() {
        "" => Ok(None),
        id => id
            .parse()
            .map(Some)
            .map_err(|_| AppError::field("region_id", "error-region-unknown")),
    }
}

/// The regions to choose from.
async fn insert_regions(app: &AppState, ctx: &mut Context) -> Result<(), AppError> {
    ctx.insert("regions", &regions::list(&app.db).await?);
    Ok(())
}

fn role_names() -> Vec<&'static str> {
    Role::ALL.iter().map(|r| r.as_str()).collect()
}

async fn invite_form(State(app): State<AppState>, page: Page) -> Result<Response, AppError> {
    let mut ctx = Context::new();
    insert_regions(&app, &mut ctx).await?;
    ctx.insert(
        "form",
        &InviteForm {
            language: page.lang.code().to_owned(),
            ..Default::default()
        },
    );
    ctx.insert("all_roles", &role_names());
    page.render_form("admin/invite.html", ctx)
}

async fn invite_submit(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    let parsed = parse_region(&form.region).and_then(|region| {
        NewUser::parse(&form.email, &form.name, &form.roles, &form.language, region)
    });
    let result = match parsed {
        Ok(new) => accounts::invite(&app.db, &app.mailer, &Actor::user(&user), &ip, &new).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(created) => Ok(page.redirect_with(
            &format!("/admin/users/{}", created.id),
            FlashKind::Success,
            "flash-user-invited",
        )),
        Err(AppError::Validation(errors)) => {
            let mut ctx = Context::new();
            ctx.insert("form", &form);
            ctx.insert("all_roles", &role_names());
            insert_regions(&app, &mut ctx).await?;
            page.rerender_form("admin/invite.html", ctx, &errors)
        }
        Err(other) => Err(other),
    }
}

async fn show(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let shown = accounts::get(&app.db, id).await?;
    let mut ctx = Context::new();
    ctx.insert("shown", &shown);
    ctx.insert("all_roles", &role_names());
    insert_regions(&app, &mut ctx).await?;
    page.render_form("admin/user.html", ctx)
}

#[derive(Deserialize)]
struct RegionForm {
    #[serde(default)]
    region: String,
}

async fn set_region(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Form(form): Form<RegionForm>,
) -> Result<Response, AppError> {
    let target = format!("/admin/users/{id}");
    let region = parse_region(&form.region)?;
    match accounts::set_region(&app.db, &Actor::user(&user), &ip, id, region).await {
        Ok(()) => Ok(page.redirect_with(&target, FlashKind::Success, "flash-region-saved")),
        Err(AppError::Validation(_)) => {
            Ok(page.redirect_with(&target, FlashKind::Error, "error-region-unknown"))
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
struct RolesForm {
    #[serde(default)]
    roles: Vec<String>,
}

async fn set_roles(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Form(form): Form<RolesForm>,
) -> Result<Response, AppError> {
    let roles: Vec<Role> = form.roles.iter().filter_map(|r| Role::parse(r)).collect();
    if roles.len() != form.roles.len() {
        return Err(AppError::field("roles", "error-role-unknown"));
    }
    match accounts::set_roles(&app.db, &Actor::user(&user), &ip, id, &roles).await {
        Ok(()) => Ok(page.redirect_with(
            &format!("/admin/users/{id}"),
            FlashKind::Success,
            "flash-roles-saved",
        )),
        Err(AppError::Conflict(key)) => {
            Ok(page.redirect_with(&format!("/admin/users/{id}"), FlashKind::Error, key))
        }
        Err(other) => Err(other),
    }
}

async fn lock(
    state: State<AppState>,
    page: Page,
    user: CurrentUser,
    ip: ClientIp,
    id: Path<i64>,
) -> Result<Response, AppError> {
    set_locked(state, page, user, ip, id, true).await
}

async fn unlock(
    state: State<AppState>,
    page: Page,
    user: CurrentUser,
    ip: ClientIp,
    id: Path<i64>,
) -> Result<Response, AppError> {
    set_locked(state, page, user, ip, id, false).await
}

async fn set_locked(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    locked: bool,
) -> Result<Response, AppError> {
    let target = format!("/admin/users/{id}");
    match accounts::set_locked(&app.db, &Actor::user(&user), &ip, id, locked).await {
        Ok(()) => {
            let key = if locked {
                "flash-user-locked"
            } else {
                "flash-user-unlocked"
            };
            Ok(page.redirect_with(&target, FlashKind::Success, key))
        }
        Err(AppError::Conflict(key)) => Ok(page.redirect_with(&target, FlashKind::Error, key)),
        Err(other) => Err(other),
    }
    .map(|r| r.into_response())
    .or_else(|e| match e {
        AppError::NotFound => Ok(Redirect::to("/admin/users").into_response()),
        other => Err(other),
    })
}
