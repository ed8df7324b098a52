//! The signed-in user's own account: language, password and API tokens.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use tera::Context;

use super::page::Page;
use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{Access, ClientIp, CurrentUser, Routes};
use crate::error::{AppError, FieldErrors};
use crate::extract::{Form, Path};
use crate::i18n::Lang;
use crate::services::audit::Actor;
use crate::services::{accounts, api_tokens, passwords};

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .get("/account", Access::SignedIn, show)
        .post("/account/language", Access::SignedIn, set_language)
        .post("/account/password", Access::SignedIn, change_password)
        .post("/account/tokens", Access::SignedIn, issue_token)
        .post(
            "/account/tokens/{id}/revoke",
            Access::SignedIn,
            revoke_token,
        )
}

#[derive(Serialize)]
struct TokenView {
    id: i64,
    name: String,
    prefix: String,
    created_at: String,
    last_used_at: Option<String>,
    revoked: bool,
}

async fn context(app: &AppState, user: &CurrentUser) -> Result<Context, AppError> {
    let tokens: Vec<TokenView> = api_tokens::list(&app.db, user.id)
        .await?
        .into_iter()
        .map(|t| TokenView {
            id: t.id,
            name: t.name,
            prefix: t.prefix,
            created_at: t.created_at.to_rfc3339(),
            last_used_at: t.last_used_at.map(|d| d.to_rfc3339()),
            revoked: t.revoked_at.is_some(),
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("tokens", &tokens);
    ctx.insert("preferred_language", &user.language);
    ctx.insert(
        "languages",
        &Lang::ALL
            .iter()
            .map(|l| (l.code(), l.native_name()))
            .collect::<Vec<_>>(),
    );
    Ok(ctx)
}

async fn show(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let ctx = context(&app, &user).await?;
    page.render_form("account/show.html", ctx)
}

#[derive(Deserialize)]
struct LanguageForm {
    language: String,
}

async fn set_language(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    Form(form): Form<LanguageForm>,
) -> Result<Response, AppError> {
    let lang = Lang::parse(&form.language).ok_or(AppError::BadRequest("error-language-unknown"))?;
    accounts::set_language(&app.db, user.id, lang).await?;
    Ok(page.redirect_with("/account", FlashKind::Success, "flash-saved"))
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirmation: String,
}

async fn change_password(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let result = passwords::change(
        &app.db,
        &Actor::user(&user),
        user.id,
        &form.current_password,
        &form.password,
        &form.password_confirmation,
        &ip,
    )
    .await;
    match result {
        Ok(()) => {
            // Every session of the user ended; this browser continues under a new id.
            page.session.sign_in(user.id);
            Ok(page.redirect_with("/account", FlashKind::Success, "flash-password-changed"))
        }
        Err(AppError::Validation(errors)) => {
            let ctx = context(&app, &user).await?;
            page.rerender_form("account/show.html", ctx, &errors)
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    name: String,
}

async fn issue_token(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Form(form): Form<TokenForm>,
) -> Result<Response, AppError> {
    if form.name.trim().is_empty() {
        let mut errors = FieldErrors::new();
        errors.add("name", "error-required");
        let ctx = context(&app, &user).await?;
        return page.rerender_form("account/show.html", ctx, &errors);
    }
    let (_, secret) =
        api_tokens::issue(&app.db, &Actor::user(&user), &ip, user.id, &form.name).await?;
    let mut ctx = context(&app, &user).await?;
    ctx.insert("new_token", &secret);
    page.render_form("account/show.html", ctx)
}

async fn revoke_token(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    api_tokens::revoke(&app.db, &Actor::user(&user), &ip, id, Some(user.id)).await?;
    page.session
        .flash(FlashKind::Success, "flash-token-revoked");
    Ok(Redirect::to("/account").into_response())
}
