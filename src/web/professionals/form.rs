//! The professional form: new and edit pages, and their submissions.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{ClientIp, CurrentUser, Role};
use crate::domain::location::LocationInput;
use crate::domain::specialty::{ProfessionalKind, Specialty};
use crate::error::AppError;
use crate::extract::{Form, Path};
use crate::services::audit::Actor;
use crate::services::professionals::{self, ProfessionalInput};
use crate::services::{lookup, regions};
use crate::web::form_parts::{self, Choice, checked, choices};
use crate::web::page::Page;

/// The form as posted.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ProfessionalForm {
    name: String,
    kind: String,
    organisation: String,
    email: String,
    phone: String,
    settlement: String,
    lat: String,
    lon: String,
    specialties: Vec<String>,
    languages: Vec<String>,
    other_languages: String,
    in_person: Option<String>,
    remote: Option<String>,
    caseload_capacity: String,
    avail_day: Vec<String>,
    avail_start: Vec<String>,
    avail_end: Vec<String>,
    active: Option<String>,
    account: String,
    region: String,
}

fn on(value: bool) -> Option<String> {
    value.then(|| "on".to_owned())
}

impl ProfessionalForm {
    fn input(&self) -> ProfessionalInput {
        ProfessionalInput {
            name: self.name.clone(),
            kind: self.kind.clone(),
            organisation: self.organisation.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            location: LocationInput {
                settlement: self.settlement.clone(),
                lat: self.lat.clone(),
                lon: self.lon.clone(),
            },
            specialties: self.specialties.clone(),
            languages: form_parts::languages_from_form(&self.languages, &self.other_languages),
            in_person: checked(&self.in_person),
            remote: checked(&self.remote),
            caseload_capacity: self.caseload_capacity.clone(),
            availability: form_parts::windows_from_form(
                &self.avail_day,
                &self.avail_start,
                &self.avail_end,
            ),
            active: checked(&self.active),
            account: self.account.clone(),
            region: self.region.clone(),
        }
    }

    fn from_input(input: ProfessionalInput, account_id: Option<i64>) -> ProfessionalForm {
        let (avail_day, avail_start, avail_end) = form_parts::windows_to_form(&input.availability);
        let (languages, other_languages) = form_parts::languages_to_form(&input.languages);
        ProfessionalForm {
            name: input.name,
            kind: input.kind,
            organisation: input.organisation,
            email: input.email,
            phone: input.phone,
            settlement: input.location.settlement,
            lat: input.location.lat,
            lon: input.location.lon,
            specialties: input.specialties,
            languages,
            other_languages,
            in_person: on(input.in_person),
            remote: on(input.remote),
            caseload_capacity: input.caseload_capacity,
            avail_day,
            avail_start,
            avail_end,
            active: on(input.active),
            account: account_id.map(|id| id.to_string()).unwrap_or_default(),
            region: input.region,
        }
    }
}

async fn form_context(
    app: &AppState,
    page: &Page,
    form: &ProfessionalForm,
    action: &str,
    id: Option<i64>,
) -> Result<Context, AppError> {
    let lang = page.lang;
    let mut ctx = Context::new();
    ctx.insert("form", form);
    ctx.insert("action", action);
    ctx.insert("professional_id", &id);
    ctx.insert(
        "rows",
        &form_parts::week_rows(&form.avail_day, &form.avail_start, &form.avail_end),
    );
    ctx.insert(
        "kinds",
        &choices(
            lang,
            ProfessionalKind::ALL
                .iter()
                .map(|k| (k.as_str(), k.message_key())),
        ),
    );
    ctx.insert(
        "specialty_choices",
        &choices(
            lang,
            Specialty::ALL.iter().map(|s| (s.as_str(), s.message_key())),
        ),
    );
    ctx.insert("language_choices", &form_parts::language_choices(lang));
    ctx.insert("regions", &regions::list(&app.db).await?);
    ctx.insert(
        "account_choices",
        &lookup::accounts_with_role(&app.db, Role::Psychologist)
            .await?
            .into_iter()
            .map(|a| Choice {
                code: a.id.to_string(),
                name: format!("{} ({})", a.name, a.email),
            })
            .collect::<Vec<_>>(),
    );
    ctx.insert("days", &(0..7).collect::<Vec<u8>>());
    Ok(ctx)
}

const TEMPLATE: &str = "professionals/form.html";

pub(super) async fn new_form(
    State(app): State<AppState>,
    page: Page,
) -> Result<Response, AppError> {
    let form = ProfessionalForm {
        kind: ProfessionalKind::Psychologist.as_str().to_owned(),
        caseload_capacity: "10".into(),
        languages: vec!["az".into()],
        in_person: on(true),
        active: on(true),
        ..Default::default()
    };
    let ctx = form_context(&app, &page, &form, "/professionals", None).await?;
    page.render_form(TEMPLATE, ctx)
}

pub(super) async fn create(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Form(form): Form<ProfessionalForm>,
) -> Result<Response, AppError> {
    match professionals::create(&app.db, &Actor::user(&user), &ip, &form.input()).await {
        Ok(p) => Ok(page.redirect_with(
            &format!("/professionals/{}", p.id),
            FlashKind::Success,
            "flash-prof-created",
        )),
        Err(AppError::Validation(errors)) => {
            let ctx = form_context(&app, &page, &form, "/professionals", None).await?;
            page.rerender_form(TEMPLATE, ctx, &errors)
        }
        Err(other) => Err(other),
    }
}

pub(super) async fn edit_form(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let p = professionals::get(&app.db, id).await?;
    let account_id = p.account.as_ref().map(|a| a.id);
    let form = ProfessionalForm::from_input(p.to_input(), account_id);
    let ctx = form_context(
        &app,
        &page,
        &form,
        &format!("/professionals/{id}"),
        Some(id),
    )
    .await?;
    page.render_form(TEMPLATE, ctx)
}

pub(super) async fn update(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Form(form): Form<ProfessionalForm>,
) -> Result<Response, AppError> {
    match professionals::update(&app.db, &Actor::user(&user), &ip, id, &form.input()).await {
        Ok(_) => Ok(page.redirect_with(
            &format!("/professionals/{id}"),
            FlashKind::Success,
            "flash-prof-saved",
        )),
        Err(AppError::Validation(errors)) => {
            let action = format!("/professionals/{id}");
            let ctx = form_context(&app, &page, &form, &action, Some(id)).await?;
            page.rerender_form(TEMPLATE, ctx, &errors)
        }
        Err(other) => Err(other),
    }
}
