//! A volunteer's profile as submitted (the sign-up form, the dashboard, JSON) and its
//! validation: every problem becomes a field error, in one pass, so a form shows them all.

use entity::volunteer;
use sea_orm::{ConnectionTrait, Set};
use serde::{Deserialize, Serialize};

use crate::domain::availability::{Weekly, WindowInput};
use crate::domain::email::Email;
use crate::domain::language;
use crate::domain::location::{LocationInput, Place};
use crate::domain::specialty::specialty_codes;
use crate::domain::volunteer::{
    MAX_TRAVEL_KM, ProfessionalKind, RoleSought, number_or_text, parse_codes, parse_line,
    parse_phone, parse_text, parse_whole,
};
use crate::error::{AppError, FieldError, FieldErrors};
use crate::i18n::Lang;
use crate::services::accounts::parse_name;
use crate::services::lookup::Lookup;
use crate::services::skills;

/// Longest motivation, in characters.
pub const MAX_MOTIVATION: usize = 2000;
/// Mentees a mentor may take at most (the default is 2).
pub const MAX_MENTEES: i32 = 5;
/// Mentees a new mentor takes.
pub const DEFAULT_MENTEES: i32 = 2;

/// The profile fields of a volunteer as submitted. Numbers may be JSON numbers or text.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ProfileInput {
    /// Full name, with Azerbaijani letters as written.
    #[serde(default)]
    pub name: String,
    /// Phone number (optional).
    #[serde(default)]
    pub phone: String,
    /// Language of e-mails and pages: `az`, `en` or `ru`.
    #[serde(default)]
    pub language: String,
    /// Languages spoken, ISO 639-1 codes (`az`, `ru`, `en`, `tr` …); at least one.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Skill codes from the curated list (`GET /api/v1/skills`).
    #[serde(default)]
    pub skills: Vec<String>,
    /// Other skills in words.
    #[serde(default)]
    pub skills_other: String,
    /// What they want to do: `mentor`, `site_helper`, `professional`; at least one.
    #[serde(default)]
    pub roles: Vec<String>,
    /// For professionals: `psychologist` or `social_worker`.
    #[serde(default)]
    pub professional_kind: String,
    /// For professionals: `addiction`, `trauma`, `family`, `anger`, `mental_health`,
    /// `employment_counselling`, `education`, `housing`, `debt`, `youth`.
    #[serde(default)]
    pub specialties: Vec<String>,
    /// Home settlement from the gazetteer (`GET /api/v1/gazetteer`) …
    #[serde(default)]
    pub home_settlement: String,
    /// … or a point: latitude …
    #[serde(default, deserialize_with = "number_or_text")]
    #[schema(value_type = Option<f64>)]
    pub home_lat: String,
    /// … and longitude.
    #[serde(default, deserialize_with = "number_or_text")]
    #[schema(value_type = Option<f64>)]
    pub home_lon: String,
    /// How far they will travel, km (0 to 500).
    #[serde(default, deserialize_with = "number_or_text")]
    #[schema(value_type = i32)]
    pub travel_km: String,
    /// Weekly availability; at least one window, each ending after it starts.
    #[serde(default)]
    pub availability: Vec<WindowInput>,
    /// Why they want to volunteer (up to 2000 characters).
    #[serde(default)]
    pub motivation: String,
    /// Mentees they take at most (1 to 5; default 2).
    #[serde(default, deserialize_with = "number_or_text")]
    #[schema(value_type = Option<i32>)]
    pub max_mentees: String,
}

/// A sign-up: the profile plus the address to verify and the consent.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ApplicationInput {
    /// E-mail address; a link to verify it is sent there.
    #[serde(default)]
    pub email: String,
    /// The profile.
    #[serde(flatten)]
    pub profile: ProfileInput,
    /// Consent to the processing of the data under the privacy notice (`/privacy`); required.
    #[serde(default)]
    pub consent: bool,
}

/// A validated profile.
#[derive(Clone, Debug)]
pub struct Profile {
    /// Name.
    pub name: String,
    /// Phone.
    pub phone: Option<String>,
    /// Language of e-mails.
    pub language: Lang,
    /// Languages spoken.
    pub languages: Vec<String>,
    /// Skill codes.
    pub skills: Vec<String>,
    /// Other skills.
    pub skills_other: String,
    /// What they want to do.
    pub roles: Vec<RoleSought>,
    /// Kind of professional.
    pub professional_kind: Option<ProfessionalKind>,
    /// Specialties of a professional.
    pub specialties: Vec<String>,
    /// Home.
    pub place: Place,
    /// Nearest region.
    pub region_id: Option<i64>,
    /// Travel distance, km.
    pub travel_km: i32,
    /// Weekly availability.
    pub availability: Weekly,
    /// Motivation.
    pub motivation: String,
    /// Mentees at most, when given.
    pub max_mentees: Option<i32>,
}

/// A validated sign-up.
#[derive(Clone, Debug)]
pub struct Application {
    /// Address.
    pub email: Email,
    /// Profile.
    pub profile: Profile,
}

fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

/// Reads a JSON list column; an unreadable value reads as empty.
pub fn read_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

fn collect<T>(errors: &mut FieldErrors, result: Result<T, FieldErrors>) -> Option<T> {
    match result {
        Ok(v) => Some(v),
        Err(e) => {
            errors.0.extend(e.0);
            None
        }
    }
}

/// Validates a profile; `fallback` is the language when none is given.
pub async fn parse_profile(
    db: &impl ConnectionTrait,
    input: &ProfileInput,
    fallback: Lang,
    errors: &mut FieldErrors,
) -> Result<Option<Profile>, AppError> {
    let lookup = Lookup::basic(db).await?;
    Ok(parse_profile_with(&lookup, input, fallback, errors))
}

/// Validates a profile against reference data loaded once (the skills and regions of
/// `lookup`), so that many can be checked without a query each (a CSV import).
pub fn parse_profile_with(
    lookup: &Lookup,
    input: &ProfileInput,
    fallback: Lang,
    errors: &mut FieldErrors,
) -> Option<Profile> {
    // A line break cannot come from a name field typed in a browser: refuse it rather than
    // fold it, so "Name\r\nBcc: …" is never stored, let alone put in a header.
    let name = if input.name.contains(['\r', '\n']) {
        errors.add("name", "error-name-invalid");
        None
    } else {
        errors.take(parse_name("name", &input.name))
    };
    let phone = errors.take(parse_phone("phone", &input.phone));
    let language = Lang::parse(&input.language).unwrap_or(fallback);
    let languages = match language::parse_list("languages", &input.languages) {
        Ok(list) if list.is_empty() => {
            errors.add("languages", "error-languages-required");
            None
        }
        other => errors.take(other),
    };
    let skills = errors.take(skills::check_codes("skills", &input.skills, |c| {
        lookup.skill_known(c)
    }));
    let skills_other = errors.take(parse_line("skills_other", &input.skills_other, 300));
    let role_names: Vec<&str> = RoleSought::ALL.iter().map(|r| r.as_str()).collect();
    let roles = match parse_codes("roles", &input.roles, &role_names) {
        Ok(list) if list.is_empty() => {
            errors.add("roles", "error-roles-sought-required");
            None
        }
        other => errors.take(other).map(|l| {
            l.iter()
                .filter_map(|r| RoleSought::parse(r))
                .collect::<Vec<_>>()
        }),
    };
    let professional = roles
        .as_ref()
        .is_some_and(|r| r.contains(&RoleSought::Professional));
    let (professional_kind, specialties) = if professional {
        let kind = ProfessionalKind::parse(&input.professional_kind);
        if kind.is_none() {
            errors.add("professional_kind", "error-professional-kind");
        }
        let specialties = match parse_codes("specialties", &input.specialties, &specialty_codes()) {
            Ok(list) if list.is_empty() => {
                errors.add("specialties", "error-specialties-required");
                None
            }
            other => errors.take(other),
        };
        (kind, specialties.unwrap_or_default())
    } else {
        (None, Vec::new())
    };
    let home = LocationInput {
        settlement: input.home_settlement.clone(),
        lat: input.home_lat.clone(),
        lon: input.home_lon.clone(),
    };
    let place = collect(errors, home.resolve("home_", true)).flatten();
    let travel_km = errors.take(parse_whole("travel_km", &input.travel_km, 0, MAX_TRAVEL_KM));
    let availability = match Weekly::parse("availability", &input.availability) {
        Ok(w) if w.is_empty() => {
            errors.add("availability", "error-availability-required");
            None
        }
        other => collect(errors, other),
    };
    let motivation = errors.take(parse_text(
        "motivation",
        &input.motivation,
        MAX_MOTIVATION,
        true,
    ));
    let max_mentees = if input.max_mentees.trim().is_empty() {
        None
    } else {
        errors.take(parse_whole(
            "max_mentees",
            &input.max_mentees,
            1,
            MAX_MENTEES,
        ))
    };
    let region_id = place
        .as_ref()
        .and_then(|place| lookup.nearest_region(&place.location))
        .map(|r| r.id);
    let (
        Some(name),
        Some(phone),
        Some(languages),
        Some(skills),
        Some(skills_other),
        Some(roles),
        Some(place),
        Some(travel_km),
        Some(availability),
        Some(motivation),
    ) = (
        name,
        phone,
        languages,
        skills,
        skills_other,
        roles,
        place,
        travel_km,
        availability,
        motivation,
    )
    else {
        return None;
    };
    if !errors.is_empty() {
        return None;
    }
    Some(Profile {
        name,
        phone,
        language,
        languages,
        skills,
        skills_other,
        roles,
        professional_kind,
        specialties,
        place,
        region_id,
        travel_km,
        availability,
        motivation,
        max_mentees,
    })
}

/// Validates a sign-up: the address, the profile and the consent.
pub async fn parse_application(
    db: &impl ConnectionTrait,
    input: &ApplicationInput,
    fallback: Lang,
) -> Result<Application, AppError> {
    let mut errors = FieldErrors::new();
    let email = errors.take(Email::parse("email", &input.email));
    let profile = parse_profile(db, &input.profile, fallback, &mut errors).await?;
    if !input.consent {
        errors.push(FieldError::new("consent", "error-consent-required"));
    }
    match (email, profile) {
        (Some(email), Some(profile)) if errors.is_empty() => Ok(Application { email, profile }),
        _ => Err(AppError::Validation(errors)),
    }
}

/// Writes the profile's fields into a volunteer row.
pub fn write(profile: &Profile, row: &mut volunteer::ActiveModel) {
    row.name = Set(profile.name.clone());
    row.name_key = Set(crate::domain::text::search_key(&profile.name));
    row.phone = Set(profile.phone.clone());
    row.language = Set(profile.language.code().to_owned());
    row.languages = Set(json_list(&profile.languages));
    row.skills = Set(json_list(&profile.skills));
    row.skills_other = Set(profile.skills_other.clone());
    let roles: Vec<String> = profile
        .roles
        .iter()
        .map(|r| r.as_str().to_owned())
        .collect();
    row.roles_sought = Set(json_list(&roles));
    row.professional_kind = Set(profile.professional_kind.map(|k| k.as_str().to_owned()));
    row.specialties = Set(json_list(&profile.specialties));
    row.settlement = Set(profile.place.settlement.clone());
    row.lat = Set(Some(profile.place.location.lat));
    row.lon = Set(Some(profile.place.location.lon));
    row.region_id = Set(profile.region_id);
    row.travel_km = Set(profile.travel_km);
    row.availability = Set(profile.availability.to_json());
    row.motivation = Set(profile.motivation.clone());
    if let Some(max) = profile.max_mentees {
        row.max_mentees = Set(max);
    }
}

/// The stored profile as input again (to fill a form or answer `GET /me/volunteer`).
pub fn to_input(model: &volunteer::Model) -> ProfileInput {
    ProfileInput {
        name: model.name.clone(),
        phone: model.phone.clone().unwrap_or_default(),
        language: model.language.clone(),
        languages: read_list(&model.languages),
        skills: read_list(&model.skills),
        skills_other: model.skills_other.clone(),
        roles: read_list(&model.roles_sought),
        professional_kind: model.professional_kind.clone().unwrap_or_default(),
        specialties: read_list(&model.specialties),
        home_settlement: model.settlement.clone().unwrap_or_default(),
        home_lat: model.lat.map(|v| v.to_string()).unwrap_or_default(),
        home_lon: model.lon.map(|v| v.to_string()).unwrap_or_default(),
        travel_km: model.travel_km.to_string(),
        availability: Weekly::from_json(&model.availability).to_inputs(),
        motivation: model.motivation.clone(),
        max_mentees: model.max_mentees.to_string(),
    }
}
