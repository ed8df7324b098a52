//! Admin pages for training modules: the list with a form to add one, and an edit page per
//! module.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{Access, Routes};
use crate::error::AppError;
use crate::extract::{Form, Path};
use crate::services::training::{self, ModuleInput};
use crate::web::page::Page;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .get("/admin/training", Access::ADMIN, list)
        .post("/admin/training", Access::ADMIN, create)
        .get("/admin/training/{id}", Access::ADMIN, edit)
        .post("/admin/training/{id}", Access::ADMIN, update)
}

/// A module form: checkboxes are present (any value) or absent.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
struct ModuleForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    name_az: String,
    #[serde(default)]
    name_ru: String,
    #[serde(default)]
    mandatory: Option<String>,
    #[serde(default)]
    validity_months: String,
    #[serde(default)]
    active: Option<String>,
}

impl ModuleForm {
    fn input(&self) -> ModuleInput {
        ModuleInput {
            code: self.code.clone(),
            name_en: self.name_en.clone(),
            name_az: self.name_az.clone(),
            name_ru: self.name_ru.clone(),
            mandatory: self.mandatory.is_some(),
            validity_months: self.validity_months.clone(),
            active: Some(self.active.is_some()),
        }
    }
}

async fn context(app: &AppState, page: &Page) -> Result<Context, AppError> {
    let mut ctx = Context::new();
    ctx.insert("modules", &training::list(&app.db, page.lang, true).await?);
    ctx.insert("max_validity", &training::MAX_VALIDITY_MONTHS);
    Ok(ctx)
}

async fn list(State(app): State<AppState>, page: Page) -> Result<Response, AppError> {
    let mut ctx = context(&app, &page).await?;
    ctx.insert(
        "form",
        &ModuleForm {
            mandatory: Some("true".into()),
            active: Some("true".into()),
            ..Default::default()
        },
    );
    page.render_form("volunteers/training_admin.html", ctx)
}

async fn edit(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let module = training::all(&app.db, true)
        .await?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or(AppError::NotFound)?;
    let form = ModuleForm {
        code: module.code.clone(),
        name_en: module.name_en.clone(),
        name_az: module.name_az.clone(),
        name_ru: module.name_ru.clone(),
        mandatory: module.mandatory.then(|| "true".into()),
        validity_months: module
            .validity_months
            .map(|m| m.to_string())
            .unwrap_or_default(),
        active: module.active.then(|| "true".into()),
    };
    let mut ctx = Context::new();
    ctx.insert("module", &training::view(module, page.lang));
    ctx.insert("form", &form);
    ctx.insert("max_validity", &training::MAX_VALIDITY_MONTHS);
    page.render_form("volunteers/training_edit.html", ctx)
}

async fn create(
    State(app): State<AppState>,
    page: Page,
    Form(form): Form<ModuleForm>,
) -> Result<Response, AppError> {
    match training::create(&app.db, &form.input(), page.lang).await {
        Ok(_) => Ok(page.redirect_with("/admin/training", FlashKind::Success, "flash-saved")),
        Err(AppError::Validation(errors)) => {
            let mut ctx = context(&app, &page).await?;
            ctx.insert("form", &form);
            page.rerender_form("volunteers/training_admin.html", ctx, &errors)
        }
        Err(other) => Err(other),
    }
}

async fn update(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
    Form(form): Form<ModuleForm>,
) -> Result<Response, AppError> {
    match training::update(&app.db, id, &form.input(), page.lang).await {
        Ok(_) => Ok(page.redirect_with("/admin/training", FlashKind::Success, "flash-saved")),
        Err(AppError::Validation(errors)) => {
            let module = training::all(&app.db, true)
                .await?
                .into_iter()
                .find(|m| m.id == id)
                .ok_or(AppError::NotFound)?;
            let mut ctx = Context::new();
            ctx.insert("module", &training::view(module, page.lang));
            ctx.insert("form", &form);
            ctx.insert("max_validity", &training::MAX_VALIDITY_MONTHS);
            page.rerender_form("volunteers/training_edit.html", ctx, &errors)
        }
        Err(other) => Err(other),
    }
}
