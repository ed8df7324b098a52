//! The helpers' own lists: a mentor's current mentees (`/me/mentees`) and a psychologist's or
//! social worker's open referrals (`/me/referrals`).

use axum::extract::State;
use axum::response::Response;
use tera::Context;

use crate::app::AppState;
use crate::auth::{Access, ClientIp, CurrentUser, Role, Routes};
use crate::error::AppError;
use crate::services::matching::mine;
use crate::web::page::Page;

/// Who sees a mentee list.
pub const MENTORS: Access = Access::Roles(&[Role::Mentor]);
/// Who sees a referral list.
pub const PSYCHOLOGISTS: Access = Access::Roles(&[Role::Psychologist]);

/// Routes of this part.
pub fn routes() -> Routes {
    Routes::new().get("/me/mentees", MENTORS, mentees).get(
        "/me/referrals",
        PSYCHOLOGISTS,
        referrals,
    )
}

async fn mentees(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
) -> Result<Response, AppError> {
    let mut ctx = Context::new();
    ctx.insert("mentees", &mine::mentees(&app.db, &user, &ip).await?);
    page.render("matching/mentees.html", ctx)
}

async fn referrals(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
) -> Result<Response, AppError> {
    let mut ctx = Context::new();
    ctx.insert("referrals", &mine::referrals(&app.db, &user, &ip).await?);
    page.render("matching/referrals.html", ctx)
}
