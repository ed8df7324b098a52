//! The volunteer's own dashboard: profile, availability and travel distance; training and
//! check status; pausing; withdrawing with a request to delete their data.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;

use super::{VolunteerForm, form_context};
use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{Access, ClientIp, CurrentUser, Role, Routes};
use crate::error::{AppError, FieldErrors};
use crate::extract::Form;
use crate::services::audit::Actor;
use crate::services::volunteers::own;
use crate::services::volunteers::profile::to_input;
use crate::web::page::Page;

/// Who has a volunteer dashboard: approved volunteers hold one of these roles.
pub const VOLUNTEER_ROLES: Access = Access::Roles(&[Role::Mentor, Role::Psychologist]);

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .get("/me/volunteer", VOLUNTEER_ROLES, show)
        .post("/me/volunteer", VOLUNTEER_ROLES, save)
        .post("/me/volunteer/pause", VOLUNTEER_ROLES, pause)
        .post("/me/volunteer/withdraw", VOLUNTEER_ROLES, withdraw)
}

async fn render(
    app: &AppState,
    page: &Page,
    user: &CurrentUser,
    form: Option<&VolunteerForm>,
    errors: Option<&FieldErrors>,
) -> Result<Response, AppError> {
    let today = Utc::now().date_naive();
    let model = match own::find_own(&app.db, user.id).await {
        Ok(model) => model,
        // Staff psychologists have no volunteer profile: say so, and how to get one.
        Err(AppError::NotFound) if errors.is_none() => {
            return page.render("volunteers/me_none.html", tera::Context::new());
        }
        Err(other) => return Err(other),
    };
    let stored = VolunteerForm::from_profile(&to_input(&model), &model.email);
    let profile = own::own(&app.db, user.id, page.lang, today).await?;
    let mut ctx = form_context(app, page, form.unwrap_or(&stored), errors).await?;
    ctx.insert(
        "show_mentees",
        &profile.roles_sought.iter().any(|r| r == "mentor"),
    );
    ctx.insert("v", &profile);
    match errors {
        Some(errors) => page.rerender_form("volunteers/me.html", ctx, errors),
        None => page.render_form("volunteers/me.html", ctx),
    }
}

async fn show(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<Response, AppError> {
    render(&app, &page, &user, None, None).await
}

async fn save(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Form(form): Form<VolunteerForm>,
) -> Result<Response, AppError> {
    let input = form.profile_input();
    match own::update_own(&app.db, &Actor::user(&user), &ip, user.id, &input).await {
        Ok(()) => Ok(page.redirect_with("/me/volunteer", FlashKind::Success, "flash-saved")),
        Err(AppError::Validation(errors)) => {
            render(&app, &page, &user, Some(&form), Some(&errors)).await
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
struct PauseForm {
    #[serde(default)]
    paused: String,
}

async fn pause(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Form(form): Form<PauseForm>,
) -> Result<Response, AppError> {
    let paused = form.paused == "true";
    own::set_paused(&app.db, &Actor::user(&user), &ip, user.id, paused).await?;
    let key = if paused {
        "flash-volunteer-paused"
    } else {
        "flash-volunteer-resumed"
    };
    Ok(page.redirect_with("/me/volunteer", FlashKind::Success, key))
}

#[derive(Deserialize)]
struct WithdrawForm {
    #[serde(default)]
    confirm: String,
}

async fn withdraw(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Form(form): Form<WithdrawForm>,
) -> Result<Response, AppError> {
    if form.confirm.is_empty() {
        let mut errors = FieldErrors::new();
        errors.add("confirm", "error-withdraw-confirm");
        return render(&app, &page, &user, None, Some(&errors)).await;
    }
    match own::withdraw(&app.db, &app.mailer, &Actor::user(&user), &ip, user.id).await {
        Ok(()) => {
            page.session.sign_out();
            page.session
                .flash(FlashKind::Success, "flash-volunteer-withdrawn");
            Ok(Redirect::to("/").into_response())
        }
        Err(AppError::Conflict(key)) => {
            Ok(page.redirect_with("/me/volunteer", FlashKind::Error, key))
        }
        Err(other) => Err(other),
    }
}
