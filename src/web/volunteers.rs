//! Volunteer pages: the public sign-up and e-mail verification ([`apply`]), the coordinators'
//! queue and detail pages ([`queue`], [`detail`]) and the volunteer's own dashboard ([`me`]).
//! The sign-up form and the dashboard share the profile form defined here.

pub mod apply;
pub mod detail;
pub mod me;
pub mod queue;

use serde::{Deserialize, Serialize};
use tera::Context;

use super::page::Page;
use crate::app::AppState;
use crate::auth::Routes;
use crate::domain::availability::WindowInput;
use crate::domain::language::COMMON;
use crate::domain::specialty::specialty_codes;
use crate::domain::volunteer::{MAX_TRAVEL_KM, ProfessionalKind, RoleSought};
use crate::error::{AppError, FieldErrors};
use crate::services::skills;
use crate::services::volunteers::profile::{ApplicationInput, ProfileInput};

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .merge(apply::routes())
        .merge(queue::routes())
        .merge(detail::routes())
        .merge(me::routes())
}

/// Rows of availability a form offers at least (without JavaScript there is no "add row").
pub const AVAILABILITY_ROWS: usize = 7;

/// The profile form as the browser sends it: lists come as repeated fields, availability as
/// three parallel lists (one entry per row), numbers as text.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct VolunteerForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    languages_other: String,
    #[serde(default)]
    skills: Vec<String>,
    #[serde(default)]
    skills_other: String,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    professional_kind: String,
    #[serde(default)]
    specialties: Vec<String>,
    #[serde(default)]
    home_settlement: String,
    #[serde(default)]
    home_lat: String,
    #[serde(default)]
    home_lon: String,
    #[serde(default)]
    travel_km: String,
    #[serde(default)]
    avail_day: Vec<String>,
    #[serde(default)]
    avail_start: Vec<String>,
    #[serde(default)]
    avail_end: Vec<String>,
    #[serde(default)]
    motivation: String,
    #[serde(default)]
    max_mentees: String,
    #[serde(default)]
    consent: Option<String>,
}

impl VolunteerForm {
    /// The availability rows as submitted (blank rows included, so error indices match rows).
    fn windows(&self) -> Vec<WindowInput> {
        let rows = self
            .avail_day
            .len()
            .max(self.avail_start.len())
            .max(self.avail_end.len());
        (0..rows)
            .map(|i| {
                let day = self.avail_day.get(i).map(|d| d.trim()).unwrap_or_default();
                WindowInput {
                    // A value that is not a day at all is reported as a wrong day.
                    day: (!day.is_empty()).then(|| day.parse().unwrap_or(u8::MAX)),
                    start: self.avail_start.get(i).cloned().unwrap_or_default(),
                    end: self.avail_end.get(i).cloned().unwrap_or_default(),
                }
            })
            .collect()
    }

    /// The profile part as service input.
    pub fn profile_input(&self) -> ProfileInput {
        let mut languages = self.languages.clone();
        languages.extend(
            self.languages_other
                .split([',', ';', ' '])
                .filter(|s| !s.trim().is_empty())
                .map(str::to_owned),
        );
        ProfileInput {
            name: self.name.clone(),
            phone: self.phone.clone(),
            language: self.language.clone(),
            languages,
            skills: self.skills.clone(),
            skills_other: self.skills_other.clone(),
            roles: self.roles.clone(),
            professional_kind: self.professional_kind.clone(),
            specialties: self.specialties.clone(),
            home_settlement: self.home_settlement.clone(),
            home_lat: self.home_lat.clone(),
            home_lon: self.home_lon.clone(),
            travel_km: self.travel_km.clone(),
            availability: self.windows(),
            motivation: self.motivation.clone(),
            max_mentees: self.max_mentees.clone(),
        }
    }

    /// The whole sign-up as service input.
    pub fn application_input(&self) -> ApplicationInput {
        ApplicationInput {
            email: self.email.clone(),
            profile: self.profile_input(),
            consent: self.consent.as_deref().is_some_and(|c| !c.is_empty()),
        }
    }

    /// A form filled with a stored profile.
    pub fn from_profile(input: &ProfileInput, email: &str) -> Self {
        let (common, other): (Vec<String>, Vec<String>) = input
            .languages
            .iter()
            .cloned()
            .partition(|l| COMMON.contains(&l.as_str()));
        VolunteerForm {
            email: email.to_owned(),
            name: input.name.clone(),
            phone: input.phone.clone(),
            language: input.language.clone(),
            languages: common,
            languages_other: other.join(", "),
            skills: input.skills.clone(),
            skills_other: input.skills_other.clone(),
            roles: input.roles.clone(),
            professional_kind: input.professional_kind.clone(),
            specialties: input.specialties.clone(),
            home_settlement: input.home_settlement.clone(),
            home_lat: input.home_lat.clone(),
            home_lon: input.home_lon.clone(),
            travel_km: input.travel_km.clone(),
            avail_day: input
                .availability
                .iter()
                .map(|w| w.day.map(|d| d.to_string()).unwrap_or_default())
                .collect(),
            avail_start: input.availability.iter().map(|w| w.start.clone()).collect(),
            avail_end: input.availability.iter().map(|w| w.end.clone()).collect(),
            motivation: input.motivation.clone(),
            max_mentees: input.max_mentees.clone(),
            consent: None,
        }
    }
}

/// One availability row of the form, with its errors.
#[derive(Serialize)]
struct RowView {
    index: usize,
    day: String,
    start: String,
    end: String,
    day_error: Option<String>,
    start_error: Option<String>,
    end_error: Option<String>,
}

/// The context of a page holding the profile form: the form, its availability rows (at least
/// [`AVAILABILITY_ROWS`], with per-row errors) and the choices.
pub async fn form_context(
    app: &AppState,
    page: &Page,
    form: &VolunteerForm,
    errors: Option<&FieldErrors>,
) -> Result<Context, AppError> {
    let messages = errors.map(|e| e.by_field(page.lang)).unwrap_or_default();
    let windows = form.windows();
    let count = windows.len().max(AVAILABILITY_ROWS);
    let rows: Vec<RowView> = (0..count)
        .map(|i| {
            let w = windows.get(i).cloned().unwrap_or_default();
            let error = |part: &str| messages.get(&format!("availability[{i}].{part}")).cloned();
            RowView {
                index: i,
                day: form.avail_day.get(i).cloned().unwrap_or_default(),
                start: w.start,
                end: w.end,
                day_error: error("day"),
                start_error: error("start"),
                end_error: error("end"),
            }
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("form", form);
    ctx.insert("rows", &rows);
    ctx.insert("days", &["0", "1", "2", "3", "4", "5", "6"]);
    ctx.insert("skills", &skills::list(&app.db, page.lang, false).await?);
    ctx.insert("common_languages", &COMMON);
    ctx.insert(
        "roles_sought",
        &RoleSought::ALL.map(RoleSought::as_str).to_vec(),
    );
    ctx.insert(
        "professional_kinds",
        &ProfessionalKind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>(),
    );
    ctx.insert("specialties", &specialty_codes());
    ctx.insert("max_travel_km", &MAX_TRAVEL_KM);
    ctx.insert("show_mentees", &false);
    Ok(ctx)
}
