//! Signing in and out, forgotten passwords and setting a password from an e-mailed link.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use tera::Context;

use super::home::safe_next;
use super::page::Page;
use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{Access, ClientIp, Routes, rate_limit};
use crate::error::{AppError, FieldErrors};
use crate::extract::{Form, Path, Query};
use crate::services::audit::Actor;
use crate::services::passwords::{self, Purpose};
use crate::services::sign_in::{self, SignInFailure};

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .get("/sign-in", Access::Public, sign_in_form)
        .post("/sign-in", Access::Public, sign_in_submit)
        .post("/sign-out", Access::SignedIn, sign_out)
        .get("/password/forgot", Access::Public, forgot_form)
        .post("/password/forgot", Access::Public, forgot_submit)
        .get("/password/set/{token}", Access::Public, set_form)
        .post("/password/set/{token}", Access::Public, set_submit)
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

#[derive(Deserialize, Serialize, Default)]
struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default, skip_serializing)]
    password: String,
    #[serde(default)]
    next: Option<String>,
}

async fn sign_in_form(page: Page, Query(q): Query<NextQuery>) -> Result<Response, AppError> {
    if page.user.is_some() {
        return Ok(
            Redirect::to(&safe_next(q.next.as_deref().or(Some("/dashboard")))).into_response(),
        );
    }
    let mut ctx = Context::new();
    ctx.insert(
        "form",
        &SignInForm {
            next: q.next,
            ..Default::default()
        },
    );
    page.render_form("auth/sign_in.html", ctx)
}

async fn sign_in_submit(
    State(app): State<AppState>,
    page: Page,
    ClientIp(ip): ClientIp,
    Form(form): Form<SignInForm>,
) -> Result<Response, AppError> {
    rate_limit::hit(
        &app.db,
        &format!("sign-in:{ip}"),
        app.config.rate_signin_per_minute,
        60,
    )
    .await?;
    let outcome = sign_in::sign_in(
        &app.db,
        &app.mailer,
        &app.config,
        &form.email,
        &form.password,
        &ip,
    )
    .await?;
    match outcome {
        Ok(user_id) => {
            page.session.sign_in(user_id);
            let target = match form.next.as_deref() {
                Some(next) if !next.is_empty() => safe_next(Some(next)),
                _ => "/dashboard".to_owned(),
            };
            Ok(Redirect::to(&target).into_response())
        }
        Err(failure) => {
            let mut errors = FieldErrors::new();
            errors.add(
                "email",
                match failure {
                    SignInFailure::Invalid => "error-sign-in-failed",
                    SignInFailure::Locked => "error-sign-in-locked",
                },
            );
            let mut ctx = Context::new();
            ctx.insert("form", &form);
            ctx.insert("failure", &true);
            page.rerender_form("auth/sign_in.html", ctx, &errors)
        }
    }
}

async fn sign_out(
    State(app): State<AppState>,
    page: Page,
    ClientIp(ip): ClientIp,
) -> Result<Response, AppError> {
    if let Some(user) = &page.user {
        sign_in::signed_out(&app.db, Actor::user(user), user.id, &ip).await?;
    }
    page.session.sign_out();
    Ok(Redirect::to("/").into_response())
}

#[derive(Deserialize, Serialize, Default)]
struct ForgotForm {
    #[serde(default)]
    email: String,
}

async fn forgot_form(page: Page) -> Result<Response, AppError> {
    let mut ctx = Context::new();
    ctx.insert("form", &ForgotForm::default());
    page.render_form("auth/forgot.html", ctx)
}

/// Answers the same whether or not the address has an account.
async fn forgot_submit(
    State(app): State<AppState>,
    page: Page,
    ClientIp(ip): ClientIp,
    Form(form): Form<ForgotForm>,
) -> Result<Response, AppError> {
    rate_limit::hit(
        &app.db,
        &format!("reset:{ip}"),
        app.config.rate_reset_per_hour,
        3600,
    )
    .await?;
    if form.email.trim().is_empty() {
        let mut errors = FieldErrors::new();
        errors.add("email", "error-required");
        let mut ctx = Context::new();
        ctx.insert("form", &form);
        return page.rerender_form("auth/forgot.html", ctx, &errors);
    }
    passwords::request_reset(&app.db, &app.mailer, &form.email, page.lang, &ip).await?;
    Ok(page.redirect_with("/sign-in", FlashKind::Info, "flash-reset-sent"))
}

#[derive(Deserialize, Default)]
struct SetForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirmation: String,
}

async fn set_form(
    State(app): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let live =
        passwords::find_live_token(&app.db, &token, &[Purpose::Reset, Purpose::Invite]).await?;
    let mut ctx = Context::new();
    ctx.insert("valid", &live.is_some());
    ctx.insert("token", &token);
    page.render_form("auth/set_password.html", ctx)
}

async fn set_submit(
    State(app): State<AppState>,
    page: Page,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
    Form(form): Form<SetForm>,
) -> Result<Response, AppError> {
    rate_limit::hit(
        &app.db,
        &format!("reset:{ip}"),
        app.config.rate_reset_per_hour,
        3600,
    )
    .await?;
    match passwords::set_from_token(
        &app.db,
        &token,
        &form.password,
        &form.password_confirmation,
        &ip,
    )
    .await
    {
        Ok(_) => Ok(page.redirect_with("/sign-in", FlashKind::Success, "flash-password-set")),
        Err(AppError::Validation(errors)) => {
            let mut ctx = Context::new();
            ctx.insert("valid", &true);
            ctx.insert("token", &token);
            page.rerender_form("auth/set_password.html", ctx, &errors)
        }
        Err(AppError::BadRequest(_)) => {
            let mut ctx = Context::new();
            ctx.insert("valid", &false);
            ctx.insert("token", &token);
            page.render_form("auth/set_password.html", ctx)
        }
        Err(other) => Err(other),
    }
}
