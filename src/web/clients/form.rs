//! Creating, changing and closing a client record through forms.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::need_choices;
use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{ClientIp, CurrentUser};
use crate::domain::availability::WindowInput;
use crate::domain::language::COMMON;
use crate::error::AppError;
use crate::extract::{Form, Path};
use crate::services::clients::{self, ClientInput, CloseInput, HomeInput, staff};
use crate::services::{regions, skills};
use crate::web::page::Page;

/// Blank availability rows offered below the filled ones.
const BLANK_ROWS: usize = 2;

/// The client form as the browser sends it: text everywhere, lists for repeated fields.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ClientForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    other_languages: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    home_settlement: String,
    #[serde(default)]
    home_lat: String,
    #[serde(default)]
    home_lon: String,
    #[serde(default)]
    needs: Vec<String>,
    #[serde(default)]
    skills: Vec<String>,
    #[serde(default)]
    interests: String,
    #[serde(default)]
    av_day: Vec<String>,
    #[serde(default)]
    av_start: Vec<String>,
    #[serde(default)]
    av_end: Vec<String>,
    #[serde(default)]
    region_id: String,
    #[serde(default)]
    coordinator_id: String,
    #[serde(default)]
    restricted: String,
    #[serde(default)]
    access: Vec<String>,
    #[serde(default)]
    notes: String,
}

/// One availability row of the form.
#[derive(Serialize)]
struct AvRow {
    day: String,
    start: String,
    end: String,
}

/// An id from a select: empty is none; anything unreadable names no row (and fails validation).
fn id(text: &str) -> Option<i64> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.parse().unwrap_or(0))
}

impl ClientForm {
    fn to_input(&self) -> ClientInput {
        let mut languages = self.languages.clone();
        languages.extend(
            self.other_languages
                .split([',', ' ', ';'])
                .filter(|s| !s.trim().is_empty())
                .map(str::to_owned),
        );
        let availability = (0..self.av_day.len().max(self.av_start.len()))
            .map(|i| {
                let get = |v: &Vec<String>| v.get(i).cloned().unwrap_or_default();
                let day = get(&self.av_day);
                WindowInput {
                    day: (!day.trim().is_empty()).then(|| day.trim().parse().unwrap_or(u8::MAX)),
                    start: get(&self.av_start),
                    end: get(&self.av_end),
                }
            })
            .collect();
        ClientInput {
            name: self.name.clone(),
            birth_date: self.birth_date.clone(),
            languages,
            phone: self.phone.clone(),
            email: self.email.clone(),
            address: self.address.clone(),
            home: HomeInput {
                settlement: self.home_settlement.clone(),
                lat: self.home_lat.clone(),
                lon: self.home_lon.clone(),
            },
            needs: self.needs.clone(),
            skills: self.skills.clone(),
            interests: self.interests.clone(),
            availability,
            region_id: id(&self.region_id),
            coordinator_id: id(&self.coordinator_id),
            restricted: !self.restricted.trim().is_empty(),
            access: self.access.iter().filter_map(|a| id(a)).collect(),
            notes: self.notes.clone(),
        }
    }

    fn from_input(input: &ClientInput) -> ClientForm {
        let (common, other): (Vec<String>, Vec<String>) = input
            .languages
            .iter()
            .cloned()
            .partition(|l| COMMON.contains(&l.as_str()));
        ClientForm {
            name: input.name.clone(),
            birth_date: input.birth_date.clone(),
            languages: common,
            other_languages: other.join(", "),
            phone: input.phone.clone(),
            email: input.email.clone(),
            address: input.address.clone(),
            home_settlement: input.home.settlement.clone(),
            home_lat: input.home.lat.clone(),
            home_lon: input.home.lon.clone(),
            needs: input.needs.clone(),
            skills: input.skills.clone(),
            interests: input.interests.clone(),
            av_day: input
                .availability
                .iter()
                .map(|w| w.day.map(|d| d.to_string()).unwrap_or_default())
                .collect(),
            av_start: input.availability.iter().map(|w| w.start.clone()).collect(),
            av_end: input.availability.iter().map(|w| w.end.clone()).collect(),
            region_id: input.region_id.map(|r| r.to_string()).unwrap_or_default(),
            coordinator_id: input
                .coordinator_id
                .map(|c| c.to_string())
                .unwrap_or_default(),
            restricted: if input.restricted {
                "1".into()
            } else {
                String::new()
            },
            access: input.access.iter().map(|a| a.to_string()).collect(),
            notes: input.notes.clone(),
        }
    }

    fn rows(&self) -> Vec<AvRow> {
        let filled = self.av_day.len().max(self.av_start.len());
        (0..filled + BLANK_ROWS)
            .map(|i| {
                let get = |v: &Vec<String>| v.get(i).cloned().unwrap_or_default();
                AvRow {
                    day: get(&self.av_day),
                    start: get(&self.av_start),
                    end: get(&self.av_end),
                }
            })
            .collect()
    }
}

/// The form page's context: the values and every list the form offers.
async fn form_context(
    app: &AppState,
    page: &Page,
    form: &ClientForm,
    action: &str,
    client_id: Option<i64>,
) -> Result<Context, AppError> {
    let mut ctx = Context::new();
    ctx.insert("form", form);
    ctx.insert("av_rows", &form.rows());
    ctx.insert("action", action);
    ctx.insert("client_id", &client_id);
    ctx.insert("common_languages", &COMMON);
    ctx.insert("needs", &need_choices());
    ctx.insert("skills", &skills::list(&app.db, page.lang, false).await?);
    ctx.insert("regions", &regions::list(&app.db).await?);
    ctx.insert("coordinators", &staff::coordinators(&app.db).await?);
    ctx.insert("staff", &staff::staff(&app.db).await?);
    ctx.insert("days", &(0..7).collect::<Vec<u8>>());
    Ok(ctx)
}

pub(super) async fn new_page(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let form = ClientForm {
        coordinator_id: if user.has(crate::auth::Role::Coordinator) {
            user.id.to_string()
        } else {
            String::new()
        },
        ..Default::default()
    };
    let ctx = form_context(&app, &page, &form, "/clients", None).await?;
    page.render_form("clients/form.html", ctx)
}

pub(super) async fn create(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Form(form): Form<ClientForm>,
) -> Result<Response, AppError> {
    match clients::create(&app.db, &user, &ip, &form.to_input()).await {
        Ok(created) => Ok(page.redirect_with(
            &format!("/clients/{}", created.id),
            FlashKind::Success,
            "flash-client-created",
        )),
        Err(AppError::Validation(errors)) => {
            let ctx = form_context(&app, &page, &form, "/clients", None).await?;
            page.rerender_form("clients/form.html", ctx, &errors)
        }
        Err(other) => Err(other),
    }
}

pub(super) async fn edit_page(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let detail = clients::read(&app.db, &user, &ip, id).await?;
    if detail.closed_on.is_some() {
        return Ok(page.redirect_with(
            &format!("/clients/{id}"),
            FlashKind::Error,
            "error-client-closed",
        ));
    }
    let form = ClientForm::from_input(&detail.to_input());
    let mut ctx = form_context(&app, &page, &form, &format!("/clients/{id}"), Some(id)).await?;
    ctx.insert("client", &detail);
    page.render_form("clients/form.html", ctx)
}

pub(super) async fn update(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Form(form): Form<ClientForm>,
) -> Result<Response, AppError> {
    let target = format!("/clients/{id}");
    match clients::update(&app.db, &user, &ip, id, &form.to_input()).await {
        Ok(()) => Ok(page.redirect_with(&target, FlashKind::Success, "flash-client-saved")),
        Err(AppError::Validation(errors)) => {
            let ctx = form_context(&app, &page, &form, &target, Some(id)).await?;
            page.rerender_form("clients/form.html", ctx, &errors)
        }
        Err(AppError::Conflict(key)) => Ok(page.redirect_with(&target, FlashKind::Error, key)),
        Err(other) => Err(other),
    }
}

pub(super) async fn close_page(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let detail = clients::read(&app.db, &user, &ip, id).await?;
    let mut ctx = Context::new();
    ctx.insert("client", &detail);
    ctx.insert(
        "form",
        &CloseInput {
            closed_on: crate::domain::case_fields::today().to_string(),
            reason: String::new(),
        },
    );
    page.render_form("clients/close.html", ctx)
}

pub(super) async fn close(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Form(form): Form<CloseInput>,
) -> Result<Response, AppError> {
    let target = format!("/clients/{id}");
    match clients::close(&app.db, &user, &ip, id, &form).await {
        Ok(()) => Ok(page.redirect_with(&target, FlashKind::Success, "flash-client-closed")),
        Err(AppError::Validation(errors)) => {
            let detail = clients::read(&app.db, &user, &ip, id).await?;
            let mut ctx = Context::new();
            ctx.insert("client", &detail);
            ctx.insert("form", &form);
            page.rerender_form("clients/close.html", ctx, &errors)
        }
        Err(AppError::Conflict(key)) => Ok(page.redirect_with(&target, FlashKind::Error, key)),
        Err(other) => Err(other),
    }
}
