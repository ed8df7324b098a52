//! Admin pages for reference data: regions and the curated skills list.

use axum::extract::State;
use axum::response::Response;
use tera::Context;

use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{Access, Routes};
use crate::error::AppError;
use crate::extract::Form;
use crate::services::regions::{self, NewRegion};
use crate::services::skills::{self, NewSkill};
use crate::web::page::Page;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .get("/admin/regions", Access::ADMIN, regions_page)
        .post("/admin/regions", Access::ADMIN, create_region)
        .get("/admin/skills", Access::ADMIN, skills_page)
        .post("/admin/skills", Access::ADMIN, create_skill)
}

async fn regions_context(app: &AppState) -> Result<Context, AppError> {
    let mut ctx = Context::new();
    ctx.insert("regions", &regions::list(&app.db).await?);
    Ok(ctx)
}

async fn regions_page(State(app): State<AppState>, page: Page) -> Result<Response, AppError> {
    let mut ctx = regions_context(&app).await?;
    ctx.insert("form", &RegionForm::default());
    page.render_form("admin/regions.html", ctx)
}

/// Form fields arrive as text, so that a bad number is a field error, not a rejection.
#[derive(serde::Deserialize, serde::Serialize, Default)]
struct RegionForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    lat: String,
    #[serde(default)]
    lon: String,
}

async fn create_region(
    State(app): State<AppState>,
    page: Page,
    Form(form): Form<RegionForm>,
) -> Result<Response, AppError> {
    let number = |s: &str| s.trim().parse::<f64>().ok();
    let mut errors = crate::error::FieldErrors::new();
    for (field, value) in [("lat", &form.lat), ("lon", &form.lon)] {
        if !value.trim().is_empty() && number(value).is_none() {
            errors.add(
                field,
                if field == "lat" {
                    "error-latitude"
                } else {
                    "error-longitude"
                },
            );
        }
    }
    let new = NewRegion {
        code: form.code.clone(),
        name: form.name.clone(),
        lat: number(&form.lat),
        lon: number(&form.lon),
    };
    let result = if errors.is_empty() {
        regions::create(&app.db, &new).await.map(|_| ())
    } else {
        Err(AppError::Validation(errors))
    };
    match result {
        Ok(()) => Ok(page.redirect_with("/admin/regions", FlashKind::Success, "flash-saved")),
        Err(AppError::Validation(errors)) => {
            let mut ctx = regions_context(&app).await?;
            ctx.insert("form", &form);
            page.rerender_form("admin/regions.html", ctx, &errors)
        }
        Err(other) => Err(other),
    }
}

async fn skills_context(app: &AppState, page: &Page) -> Result<Context, AppError> {
    let mut ctx = Context::new();
    ctx.insert("skills", &skills::list(&app.db, page.lang, true).await?);
    Ok(ctx)
}

async fn skills_page(State(app): State<AppState>, page: Page) -> Result<Response, AppError> {
    let mut ctx = skills_context(&app, &page).await?;
    ctx.insert("form", &NewSkill::default());
    page.render_form("admin/skills.html", ctx)
}

async fn create_skill(
    State(app): State<AppState>,
    page: Page,
    Form(form): Form<NewSkill>,
) -> Result<Response, AppError> {
    match skills::create(&app.db, &form).await {
        Ok(_) => Ok(page.redirect_with("/admin/skills", FlashKind::Success, "flash-saved")),
        Err(AppError::Validation(errors)) => {
            let mut ctx = skills_context(&app, &page).await?;
            ctx.insert("form", &form);
            page.rerender_form("admin/skills.html", ctx, &errors)
        }
        Err(other) => Err(other),
    }
}
