//! A client as a form or JSON gives it, and its validation: field by field in the domain
//! types, then against the database (skills, region, coordinator, named staff).

use chrono::NaiveDate;
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

use super::staff;
use crate::auth::Role;
use crate::auth::current_user::AuthUser;
use crate::domain::availability::{Weekly, WindowInput};
use crate::domain::case_fields::{self, lenient, multi_line, phone, single_line};
use crate::domain::codes::parse_list;
use crate::domain::email::Email;
use crate::domain::language;
use crate::domain::location::{LocationInput, Place};
use crate::domain::needs::Need;
use crate::error::{AppError, FieldError, FieldErrors};
use crate::services::lookup::Lookup;
use crate::services::skills;

/// A client as submitted.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ClientInput {
    /// Full name.
    #[serde(default)]
    pub name: String,
    /// Date of birth, `YYYY-MM-DD`.
    #[serde(default)]
    pub birth_date: String,
    /// Languages spoken, ISO 639 codes (`az`, `ru`).
    #[serde(default)]
    pub languages: Vec<String>,
    /// Phone number.
    #[serde(default)]
    pub phone: String,
    /// E-mail address.
    #[serde(default)]
    pub email: String,
    /// Postal address.
    #[serde(default)]
    pub address: String,
    /// Home: a settlement of the gazetteer, or a point.
    #[serde(default)]
    pub home: HomeInput,
    /// Needs: `employment`, `education`, `housing`, `addiction`, `mental_health`, `family`,
    /// `debt`, `community_ties`.
    #[serde(default)]
    pub needs: Vec<String>,
    /// Skill codes from the curated list.
    #[serde(default)]
    pub skills: Vec<String>,
    /// Interests, in words.
    #[serde(default)]
    pub interests: String,
    /// Weekly availability.
    #[serde(default)]
    pub availability: Vec<WindowInput>,
    /// Region id; default: the region with the nearest centre.
    #[serde(default)]
    pub region_id: Option<i64>,
    /// Responsible coordinator's user id; default: the coordinator creating the record.
    #[serde(default)]
    pub coordinator_id: Option<i64>,
    /// Whether only named staff may see the record.
    #[serde(default)]
    pub restricted: bool,
    /// User ids of the staff named on a restricted record.
    #[serde(default)]
    pub access: Vec<i64>,
    /// Confidential notes.
    #[serde(default)]
    pub notes: String,
}

/// A home as submitted: a settlement name, or a point (numbers in JSON, text in forms).
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct HomeInput {
    /// A settlement of the gazetteer ("Gəncə", "gence").
    #[serde(default)]
    pub settlement: String,
    /// Latitude.
    #[serde(default, deserialize_with = "lenient::text_or_number")]
    #[schema(value_type = Option<f64>)]
    pub lat: String,
    /// Longitude.
    #[serde(default, deserialize_with = "lenient::text_or_number")]
    #[schema(value_type = Option<f64>)]
    pub lon: String,
}

impl HomeInput {
    fn location_input(&self) -> LocationInput {
        LocationInput {
            settlement: self.settlement.clone(),
            lat: self.lat.clone(),
            lon: self.lon.clone(),
        }
    }
}

/// A validated client.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientData {
    /// Name.
    pub name: String,
    /// Date of birth.
    pub birth_date: NaiveDate,
    /// Language codes.
    pub languages: Vec<String>,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Home.
    pub home: Place,
    /// Needs.
    pub needs: Vec<Need>,
    /// Skill codes.
    pub skills: Vec<String>,
    /// Interests.
    pub interests: Option<String>,
    /// Availability.
    pub availability: Weekly,
    /// Region.
    pub region_id: Option<i64>,
    /// Responsible coordinator.
    pub coordinator_id: i64,
    /// Restricted.
    pub restricted: bool,
    /// Named staff (empty unless restricted).
    pub access: Vec<i64>,
    /// Notes.
    pub notes: Option<String>,
}

/// Youngest age at which a person can be under probation supervision here.
const MIN_AGE_YEARS: i32 = 10;

fn birth_date(text: &str) -> Result<NaiveDate, FieldError> {
    let date = case_fields::date("birth_date", text, true)?
        .ok_or_else(|| FieldError::new("birth_date", "error-required"))?;
    let today = case_fields::today();
    let latest = today
        .with_year_saturating(MIN_AGE_YEARS)
        .ok_or_else(|| FieldError::new("birth_date", "error-client-birth-date"))?;
    if date > latest {
        return Err(
            FieldError::new("birth_date", "error-client-birth-date").with("min", MIN_AGE_YEARS)
        );
    }
    Ok(date)
}

trait YearsBack {
    fn with_year_saturating(self, years: i32) -> Option<NaiveDate>;
}

impl YearsBack for NaiveDate {
    /// The same day `years` earlier (28 February for 29 February).
    fn with_year_saturating(self, years: i32) -> Option<NaiveDate> {
        self.checked_sub_months(chrono::Months::new(12 * years.unsigned_abs()))
    }
}

impl ClientInput {
    /// Validates the fields that need no database, collecting every problem.
    fn parse_fields(&self, errors: &mut FieldErrors) -> Option<ClientData> {
        let name = errors
            .take(single_line("name", &self.name, 200, true))
            .flatten();
        let birth = errors.take(birth_date(&self.birth_date));
        let languages = errors
            .take(language::parse_list("languages", &self.languages))
            .unwrap_or_default();
        let phone = errors.take(phone("phone", &self.phone)).flatten();
        let email = if self.email.trim().is_empty() {
            None
        } else {
            errors
                .take(Email::parse("email", &self.email))
                .map(|e| e.as_str().to_owned())
        };
        let address = errors
            .take(multi_line("address", &self.address, 500))
            .flatten();
        let home = match self.home.location_input().resolve("home_", true) {
            Ok(place) => place,
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        };
        let mut needs = errors
            .take(parse_list(
                "needs",
                &self.needs,
                Need::parse,
                "error-client-need",
            ))
            .unwrap_or_default();
        needs.sort();
        let interests = errors
            .take(multi_line("interests", &self.interests, 2000))
            .flatten();
        let availability = match Weekly::parse("availability", &self.availability) {
            Ok(w) => Some(w),
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        };
        let notes = errors
            .take(multi_line("notes", &self.notes, 8000))
            .flatten();
        Some(ClientData {
            name: name?,
            birth_date: birth?,
            languages,
            phone,
            email,
            address,
            home: home?,
            needs,
            skills: Vec::new(),
            interests,
            availability: availability?,
            region_id: None,
            coordinator_id: 0,
            restricted: self.restricted,
            access: Vec::new(),
            notes,
        })
    }
}

/// What a client record is validated against, loaded once (a form, or every row of a CSV
/// import): skills and regions, the coordinators who can be responsible and the staff who can
/// be named on a restricted record.
pub struct ClientRefs {
    /// Skills and regions.
    pub lookup: Lookup,
    /// Coordinators.
    pub coordinators: Vec<staff::Person>,
    /// Coordinators and admins.
    pub staff: Vec<staff::Person>,
}

impl ClientRefs {
    /// Loads them.
    pub async fn load(db: &impl ConnectionTrait) -> Result<ClientRefs, AppError> {
        Ok(ClientRefs {
            lookup: Lookup::basic(db).await?,
            coordinators: staff::coordinators(db).await?,
            staff: staff::staff(db).await?,
        })
    }
}

/// Validates a submission completely; `actor` is who submits it (the default coordinator, and
/// named on the record when they restrict it).
pub async fn validate(
    db: &impl ConnectionTrait,
    actor: &AuthUser,
    input: &ClientInput,
) -> Result<ClientData, AppError> {
    let refs = ClientRefs::load(db).await?;
    validate_with(&refs, actor, input).map_err(AppError::Validation)
}

/// [`validate`] against reference data loaded once.
pub fn validate_with(
    refs: &ClientRefs,
    actor: &AuthUser,
    input: &ClientInput,
) -> Result<ClientData, FieldErrors> {
    let mut errors = FieldErrors::new();
    let parsed = input.parse_fields(&mut errors);
    let skill_codes = errors
        .take(skills::check_codes("skills", &input.skills, |c| {
            refs.lookup.skill_known(c)
        }))
        .unwrap_or_default();
    let region_id = match input.region_id {
        Some(id) if refs.lookup.region_by_id(id).is_some() => Some(id),
        Some(_) => {
            errors.add("region_id", "error-client-region");
            None
        }
        None => parsed
            .as_ref()
            .and_then(|data| refs.lookup.nearest_region(&data.home.location))
            .map(|r| r.id),
    };
    let coordinator_id = match input.coordinator_id {
        Some(id) if refs.coordinators.iter().any(|c| c.id == id) => Some(id),
        Some(_) => {
            errors.add("coordinator_id", "error-client-coordinator");
            None
        }
        None if actor.has(Role::Coordinator) => Some(actor.id),
        None => {
            errors.add("coordinator_id", "error-required");
            None
        }
    };
    let mut access = Vec::new();
    if input.restricted {
        for id in input.access.iter().copied().chain([actor.id]) {
            if !refs.staff.iter().any(|s| s.id == id) {
                if id != actor.id {
                    errors.add("access", "error-client-access");
                }
                continue;
            }
            if !access.contains(&id) {
                access.push(id);
            }
        }
        access.sort();
    }
    let (Some(mut data), Some(coordinator_id), true) = (parsed, coordinator_id, errors.is_empty())
    else {
        return Err(errors);
    };
    data.skills = skill_codes;
    data.region_id = region_id;
    data.coordinator_id = coordinator_id;
    data.access = access;
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birth_dates_must_be_real_and_old_enough() {
        assert!(birth_date("1990-05-17").is_ok());
        assert_eq!(birth_date("").unwrap_err().code, "error-required");
        assert_eq!(
            birth_date("1990-02-30").unwrap_err().code,
            "error-case-date"
        );
        let tomorrow = (case_fields::today() + chrono::Days::new(1)).to_string();
        assert_eq!(
            birth_date(&tomorrow).unwrap_err().code,
            "error-client-birth-date"
        );
    }

    #[test]
    fn every_field_problem_is_reported() {
        let input = ClientInput {
            name: "x".repeat(201),
            birth_date: "yesterday".into(),
            languages: vec!["klingon".into()],
            phone: "=cmd".into(),
            email: "not-an-address".into(),
            home: HomeInput {
                settlement: String::new(),
                lat: "95".into(),
                lon: "49".into(),
            },
            needs: vec!["money".into()],
            availability: vec![WindowInput {
                day: Some(1),
                start: "18:00".into(),
                end: "17:00".into(),
            }],
            ..Default::default()
        };
        let mut errors = FieldErrors::new();
        assert!(input.parse_fields(&mut errors).is_none());
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        for field in [
            "name",
            "birth_date",
            "languages",
            "phone",
            "email",
            "home_lat",
            "needs",
            "availability[0].end",
        ] {
            assert!(fields.contains(&field), "{field} not in {fields:?}");
        }
    }
}
