//! The public pages: the sign-up form, "check your inbox", the verification link and asking
//! for a new link.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::{VolunteerForm, form_context};
use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{Access, ClientIp, Routes, rate_limit};
use crate::error::AppError;
use crate::extract::{Form, Path};
use crate::services::volunteers::signup;
use crate::web::page::Page;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .get("/volunteer/apply", Access::Public, form)
        .post("/volunteer/apply", Access::Public, submit)
        .get("/volunteer/applied", Access::Public, applied)
        .get("/volunteer/verify/{token}", Access::Public, verify)
        .get("/volunteer/resend", Access::Public, resend_form)
        .post("/volunteer/resend", Access::Public, resend_submit)
}

async fn form(State(app): State<AppState>, page: Page) -> Result<Response, AppError> {
    let form = VolunteerForm {
        language: page.lang.code().to_owned(),
        ..Default::default()
    };
    let ctx = form_context(&app, &page, &form, None).await?;
    page.render_form("volunteers/apply.html", ctx)
}

async fn submit(
    State(app): State<AppState>,
    page: Page,
    ClientIp(ip): ClientIp,
    Form(form): Form<VolunteerForm>,
) -> Result<Response, AppError> {
    let input = form.application_input();
    match signup::apply(&app.db, &app.mailer, &app.config, &input, page.lang, &ip).await {
        Ok(()) => Ok(page.redirect_with(
            "/volunteer/applied",
            FlashKind::Success,
            "flash-volunteer-applied",
        )),
        Err(AppError::Validation(errors)) => {
            let ctx = form_context(&app, &page, &form, Some(&errors)).await?;
            page.rerender_form("volunteers/apply.html", ctx, &errors)
        }
        Err(other) => Err(other),
    }
}

async fn applied(State(app): State<AppState>, page: Page) -> Result<Response, AppError> {
    let mut ctx = Context::new();
    ctx.insert("valid_hours", &app.config.verify_hours);
    page.render("volunteers/applied.html", ctx)
}

async fn verify(
    State(app): State<AppState>,
    page: Page,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let outcome = signup::verify(&app.db, &app.mailer, &token, &ip).await;
    let mut ctx = Context::new();
    match outcome {
        Ok(()) => {
            ctx.insert("verified", &true);
            page.render("volunteers/verify.html", ctx)
        }
        Err(AppError::BadRequest(_)) => {
            ctx.insert("verified", &false);
            ctx.insert("form", &ResendForm::default());
            let mut response = page.render_form("volunteers/verify.html", ctx)?;
            *response.status_mut() = StatusCode::BAD_REQUEST;
            Ok(response)
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize, Serialize, Default)]
struct ResendForm {
    #[serde(default)]
    email: String,
}

async fn resend_form(page: Page) -> Result<Response, AppError> {
    let mut ctx = Context::new();
    ctx.insert("form", &ResendForm::default());
    page.render_form("volunteers/resend.html", ctx)
}

/// Answers the same whether or not the address has an unverified application.
async fn resend_submit(
    State(app): State<AppState>,
    page: Page,
    ClientIp(ip): ClientIp,
    Form(form): Form<ResendForm>,
) -> Result<Response, AppError> {
    rate_limit::hit(
        &app.db,
        &format!("verify-resend:{ip}"),
        app.config.rate_signup_per_hour,
        3600,
    )
    .await?;
    match signup::resend(&app.db, &app.mailer, &app.config, &form.email, &ip).await {
        Ok(()) => Ok(page.redirect_with(
            "/volunteer/applied",
            FlashKind::Info,
            "flash-volunteer-resent",
        )),
        Err(AppError::Validation(errors)) => {
            let mut ctx = Context::new();
            ctx.insert("form", &form);
            page.rerender_form("volunteers/resend.html", ctx, &errors)
        }
        Err(other) => Err(other),
    }
}
