//! The site form: new and edit pages, and their submissions.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{ClientIp, CurrentUser, Role};
use crate::domain::location::LocationInput;
use crate::domain::site::SiteFlag;
use crate::domain::work::WorkKind;
use crate::error::AppError;
use crate::extract::{Form, Path};
use crate::services::audit::Actor;
use crate::services::sites::{self, Scope, SiteInput};
use crate::services::{lookup, regions, skills};
use crate::web::form_parts::{self, choices};
use crate::web::page::Page;

/// The form as posted: text fields, ticked boxes as lists, schedule rows as parallel lists.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SiteForm {
    name: String,
    organisation: String,
    address: String,
    settlement: String,
    lat: String,
    lon: String,
    contact_name: String,
    contact_phone: String,
    contact_email: String,
    work_kinds: Vec<String>,
    skills_needed: Vec<String>,
    skills_taught: Vec<String>,
    capacity: String,
    sched_day: Vec<String>,
    sched_start: Vec<String>,
    sched_end: Vec<String>,
    flags: Vec<String>,
    languages: Vec<String>,
    other_languages: String,
    active_from: String,
    active_to: String,
    region: String,
    supervisors: Vec<String>,
}

impl SiteForm {
    fn input(&self) -> SiteInput {
        SiteInput {
            name: self.name.clone(),
            organisation: self.organisation.clone(),
            address: self.address.clone(),
            location: LocationInput {
                settlement: self.settlement.clone(),
                lat: self.lat.clone(),
                lon: self.lon.clone(),
            },
            contact_name: self.contact_name.clone(),
            contact_phone: self.contact_phone.clone(),
            contact_email: self.contact_email.clone(),
            work_kinds: self.work_kinds.clone(),
            skills_needed: self.skills_needed.clone(),
            skills_taught: self.skills_taught.clone(),
            capacity: self.capacity.clone(),
            schedule: form_parts::windows_from_form(
                &self.sched_day,
                &self.sched_start,
                &self.sched_end,
            ),
            flags: self.flags.clone(),
            languages: form_parts::languages_from_form(&self.languages, &self.other_languages),
            active_from: self.active_from.clone(),
            active_to: self.active_to.clone(),
            region: self.region.clone(),
            supervisors: self.supervisors.clone(),
        }
    }

    fn from_input(input: SiteInput, supervisor_ids: Vec<String>) -> SiteForm {
        let (sched_day, sched_start, sched_end) = form_parts::windows_to_form(&input.schedule);
        let (languages, other_languages) = form_parts::languages_to_form(&input.languages);
        SiteForm {
            name: input.name,
            organisation: input.organisation,
            address: input.address,
            settlement: input.location.settlement,
            lat: input.location.lat,
            lon: input.location.lon,
            contact_name: input.contact_name,
            contact_phone: input.contact_phone,
            contact_email: input.contact_email,
            work_kinds: input.work_kinds,
            skills_needed: input.skills_needed,
            skills_taught: input.skills_taught,
            capacity: input.capacity,
            sched_day,
            sched_start,
            sched_end,
            flags: input.flags,
            languages,
            other_languages,
            active_from: input.active_from,
            active_to: input.active_to,
            region: input.region,
            supervisors: supervisor_ids,
        }
    }
}

/// Everything the form template needs besides the values.
async fn form_context(
    app: &AppState,
    page: &Page,
    form: &SiteForm,
    action: &str,
    site_id: Option<i64>,
) -> Result<Context, AppError> {
    let lang = page.lang;
    let mut ctx = Context::new();
    ctx.insert("form", form);
    ctx.insert("action", action);
    ctx.insert("site_id", &site_id);
    ctx.insert(
        "rows",
        &form_parts::week_rows(&form.sched_day, &form.sched_start, &form.sched_end),
    );
    ctx.insert(
        "work_kinds",
        &choices(
            lang,
            WorkKind::ALL.iter().map(|k| (k.as_str(), k.message_key())),
        ),
    );
    ctx.insert(
        "site_flags",
        &choices(
            lang,
            SiteFlag::ALL.iter().map(|f| (f.as_str(), f.message_key())),
        ),
    );
    ctx.insert("skills", &skills::list(&app.db, lang, false).await?);
    ctx.insert("language_choices", &form_parts::language_choices(lang));
    ctx.insert("regions", &regions::list(&app.db).await?);
    ctx.insert(
        "supervisor_choices",
        &lookup::accounts_with_role(&app.db, Role::SiteSupervisor)
            .await?
            .into_iter()
            .map(|a| form_parts::Choice {
                code: a.id.to_string(),
                name: format!("{} ({})", a.name, a.email),
            })
            .collect::<Vec<_>>(),
    );
    ctx.insert("days", &(0..7).collect::<Vec<u8>>());
    Ok(ctx)
}

pub(super) async fn new_form(
    State(app): State<AppState>,
    page: Page,
) -> Result<Response, AppError> {
    let form = SiteForm {
        capacity: "1".into(),
        languages: vec!["az".into()],
        active_from: chrono::Utc::now().date_naive().to_string(),
        ..Default::default()
    };
    let ctx = form_context(&app, &page, &form, "/sites", None).await?;
    page.render_form("sites/form.html", ctx)
}

pub(super) async fn create(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Form(form): Form<SiteForm>,
) -> Result<Response, AppError> {
    match sites::create(&app.db, &Actor::user(&user), &ip, &form.input()).await {
        Ok(site) => Ok(page.redirect_with(
            &format!("/sites/{}", site.id),
            FlashKind::Success,
            "flash-site-created",
        )),
        Err(AppError::Validation(errors)) => {
            let ctx = form_context(&app, &page, &form, "/sites", None).await?;
            page.rerender_form("sites/form.html", ctx, &errors)
        }
        Err(other) => Err(other),
    }
}

pub(super) async fn edit_form(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let site = sites::get(&app.db, &Scope::All, id).await?;
    let ids = site.supervisors.iter().map(|s| s.id.to_string()).collect();
    let form = SiteForm::from_input(site.to_input(), ids);
    let ctx = form_context(&app, &page, &form, &format!("/sites/{id}"), Some(id)).await?;
    page.render_form("sites/form.html", ctx)
}

pub(super) async fn update(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Form(form): Form<SiteForm>,
) -> Result<Response, AppError> {
    match sites::update(&app.db, &Actor::user(&user), &ip, id, &form.input()).await {
        Ok(_) => Ok(page.redirect_with(
            &format!("/sites/{id}"),
            FlashKind::Success,
            "flash-site-saved",
        )),
        Err(AppError::Validation(errors)) => {
            let ctx = form_context(&app, &page, &form, &format!("/sites/{id}"), Some(id)).await?;
            page.rerender_form("sites/form.html", ctx, &errors)
        }
        Err(other) => Err(other),
    }
}
