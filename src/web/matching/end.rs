//! Ending a placement, mentoring or referral from the client record, with a reason.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{Access, ClientIp, CurrentUser, Routes};
use crate::error::AppError;
use crate::extract::{Form, Path};
use crate::services::clients;
use crate::services::matching::assignments::{self, AssignmentKind, AssignmentView};
use crate::web::page::Page;

const PATH: &str = "/clients/{id}/assignments/{kind}/{assignment_id}/end";

/// Routes of this part.
pub fn routes() -> Routes {
    Routes::new()
        .get(PATH, Access::STAFF, end_page)
        .post(PATH, Access::STAFF, end)
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
struct EndForm {
    #[serde(default)]
    reason: String,
}

/// The assignment of the client at this address, or 404 (also when the kind names nothing or
/// the assignment belongs to another client).
async fn load(
    app: &AppState,
    user: &CurrentUser,
    ip: &str,
    (id, kind, assignment_id): (i64, String, i64),
) -> Result<(clients::ClientDetail, AssignmentView), AppError> {
    let kind = AssignmentKind::parse(&kind).ok_or(AppError::NotFound)?;
    let client = clients::read(&app.db, user, ip, id).await?;
    let assignment = assignments::find(&app.db, kind, assignment_id).await?;
    if assignment.client_id != id {
        return Err(AppError::NotFound);
    }
    Ok((client, assignment))
}

fn context(client: &clients::ClientDetail, assignment: &AssignmentView, form: &EndForm) -> Context {
    let mut ctx = Context::new();
    ctx.insert("client", client);
    ctx.insert("assignment", assignment);
    ctx.insert("form", form);
    ctx
}

async fn end_page(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(path): Path<(i64, String, i64)>,
) -> Result<Response, AppError> {
    let (client, assignment) = load(&app, &user, &ip, path).await?;
    page.render_form(
        "matching/end.html",
        context(&client, &assignment, &EndForm::default()),
    )
}

async fn end(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(path): Path<(i64, String, i64)>,
    Form(form): Form<EndForm>,
) -> Result<Response, AppError> {
    let id = path.0;
    let (client, assignment) = load(&app, &user, &ip, path).await?;
    let target = format!("/clients/{id}");
    match assignments::end(
        &app.db,
        &app.mailer,
        &user,
        &ip,
        assignment.kind,
        assignment.id,
        &form.reason,
    )
    .await
    {
        Ok(_) => Ok(page.redirect_with(&target, FlashKind::Success, "flash-assignment-ended")),
        Err(AppError::Validation(errors)) => page.rerender_form(
            "matching/end.html",
            context(&client, &assignment, &form),
            &errors,
        ),
        Err(AppError::Conflict(key)) => Ok(page.redirect_with(&target, FlashKind::Error, key)),
        Err(other) => Err(other),
    }
}
