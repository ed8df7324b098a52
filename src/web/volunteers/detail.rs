//! A volunteer's page for coordinators: profile, vetting status and history, confidential
//! interview notes (each view is audited), and the forms to decide on the next stage, add a
//! note, record the background check and training completions.

use axum::extract::State;
use axum::response::Response;
use chrono::Utc;
use tera::Context;

use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{Access, ClientIp, CurrentUser, Routes};
use crate::error::{AppError, FieldErrors};
use crate::extract::{Form, Path};
use crate::services::audit::Actor;
use crate::services::training;
use crate::services::volunteers;
use crate::services::volunteers::vetting::{
    self, CheckInput, NoteInput, TrainingInput, TransitionInput,
};
use crate::web::page::Page;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .get("/volunteers/{id}", Access::STAFF, show)
        .post("/volunteers/{id}/transition", Access::STAFF, transition)
        .post("/volunteers/{id}/notes", Access::STAFF, add_note)
        .post("/volunteers/{id}/check", Access::STAFF, record_check)
        .post("/volunteers/{id}/trainings", Access::STAFF, record_training)
}

/// The values of the page's forms (kept after a failed submission).
#[derive(Default)]
struct Forms {
    transition: TransitionInput,
    note: NoteInput,
    check: CheckInput,
    training: TrainingInput,
}

/// The request a page or form answer is for.
struct Here<'a> {
    app: &'a AppState,
    page: &'a Page,
    user: &'a CurrentUser,
    ip: &'a str,
    id: i64,
}

impl Here<'_> {
    async fn render(
        &self,
        forms: Forms,
        errors: Option<&FieldErrors>,
    ) -> Result<Response, AppError> {
        let today = Utc::now().date_naive();
        let detail = volunteers::detail(
            &self.app.db,
            &Actor::user(self.user),
            self.ip,
            self.id,
            self.page.lang,
            today,
        )
        .await?;
        let mut ctx = Context::new();
        ctx.insert("v", &detail);
        ctx.insert("today", &today.to_string());
        ctx.insert(
            "modules",
            &training::list(&self.app.db, self.page.lang, false).await?,
        );
        let mut check = forms.check;
        if check.checked_on.is_empty() && errors.is_none() {
            check.checked_on = today.to_string();
        }
        let mut completion = forms.training;
        if completion.completed_on.is_empty() && errors.is_none() {
            completion.completed_on = today.to_string();
        }
        ctx.insert("transition", &forms.transition);
        ctx.insert("note", &forms.note);
        ctx.insert("check_form", &check);
        ctx.insert("training_form", &completion);
        match errors {
            Some(errors) => self
                .page
                .rerender_form("volunteers/detail.html", ctx, errors),
            None => self.page.render_form("volunteers/detail.html", ctx),
        }
    }

    /// What a form submission led to: back to the page with a flash, the page again with
    /// field errors, or an error page.
    async fn finish(
        &self,
        result: Result<(), AppError>,
        forms: Forms,
        success: &str,
    ) -> Result<Response, AppError> {
        let target = format!("/volunteers/{}", self.id);
        match result {
            Ok(()) => Ok(self
                .page
                .redirect_with(&target, FlashKind::Success, success)),
            Err(AppError::Validation(errors)) => self.render(forms, Some(&errors)).await,
            Err(AppError::Conflict(key)) => {
                Ok(self.page.redirect_with(&target, FlashKind::Error, key))
            }
            Err(other) => Err(other),
        }
    }
}

async fn show(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let here = Here {
        app: &app,
        page: &page,
        user: &user,
        ip: &ip,
        id,
    };
    here.render(Forms::default(), None).await
}

async fn transition(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Form(form): Form<TransitionInput>,
) -> Result<Response, AppError> {
    let today = Utc::now().date_naive();
    let result = vetting::transition(
        &app.db,
        &app.mailer,
        &Actor::user(&user),
        &ip,
        id,
        &form,
        today,
    )
    .await;
    let forms = Forms {
        transition: form,
        ..Default::default()
    };
    Here {
        app: &app,
        page: &page,
        user: &user,
        ip: &ip,
        id,
    }
    .finish(result, forms, "flash-volunteer-moved")
    .await
}

async fn add_note(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Form(form): Form<NoteInput>,
) -> Result<Response, AppError> {
    let result = vetting::add_note(&app.db, &Actor::user(&user), &ip, id, &form).await;
    let forms = Forms {
        note: form,
        ..Default::default()
    };
    Here {
        app: &app,
        page: &page,
        user: &user,
        ip: &ip,
        id,
    }
    .finish(result, forms, "flash-volunteer-note-added")
    .await
}

async fn record_check(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Form(form): Form<CheckInput>,
) -> Result<Response, AppError> {
    let today = Utc::now().date_naive();
    let result = vetting::record_check(&app.db, &Actor::user(&user), &ip, id, &form, today).await;
    let forms = Forms {
        check: form,
        ..Default::default()
    };
    Here {
        app: &app,
        page: &page,
        user: &user,
        ip: &ip,
        id,
    }
    .finish(result, forms, "flash-volunteer-check-recorded")
    .await
}

async fn record_training(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Form(form): Form<TrainingInput>,
) -> Result<Response, AppError> {
    let today = Utc::now().date_naive();
    let result =
        vetting::record_training(&app.db, &Actor::user(&user), &ip, id, &form, today).await;
    let forms = Forms {
        training: form,
        ..Default::default()
    };
    Here {
        app: &app,
        page: &page,
        user: &user,
        ip: &ip,
        id,
    }
    .finish(result, forms, "flash-volunteer-training-recorded")
    .await
}
