//! A professional as submitted (form, JSON or CSV row) and its validation.

use serde::{Deserialize, Serialize};

use crate::auth::Role;
use crate::domain::availability::{Weekly, WindowInput};
use crate::domain::codes::parse_list;
use crate::domain::fields;
use crate::domain::language;
use crate::domain::location::{LocationInput, Place};
use crate::domain::specialty::{ProfessionalKind, Specialty};
use crate::domain::text::search_key;
use crate::error::{FieldError, FieldErrors};
use crate::services::lookup::Lookup;
use crate::services::search::search_text;

/// Most clients one professional can hold.
pub const MAX_CASELOAD: i64 = 500;

/// A professional as submitted, every value as text. Error fields are named as here, with
/// the location as `settlement`, `lat`, `lon` and the availability as `availability[i].…`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ProfessionalInput {
    /// Full name.
    pub name: String,
    /// `psychologist` or `social_worker`.
    pub kind: String,
    /// Employer or practice.
    pub organisation: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Where they work from.
    pub location: LocationInput,
    /// Specialty codes.
    pub specialties: Vec<String>,
    /// Language codes.
    pub languages: Vec<String>,
    /// Sees clients in person.
    pub in_person: bool,
    /// Sees clients remotely.
    pub remote: bool,
    /// Clients at once.
    pub caseload_capacity: String,
    /// Weekly availability.
    pub availability: Vec<WindowInput>,
    /// Takes referrals.
    pub active: bool,
    /// Their own account (id or e-mail; role `psychologist`), if any.
    pub account: String,
    /// Region code; empty picks the region with the nearest centre.
    pub region: String,
}

/// A validated professional, ready to store.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidProfessional {
    /// Name.
    pub name: String,
    /// Profession.
    pub kind: ProfessionalKind,
    /// Employer or practice.
    pub organisation: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Location.
    pub place: Place,
    /// Specialties (at least one).
    pub specialties: Vec<Specialty>,
    /// Languages (at least one).
    pub languages: Vec<String>,
    /// In person.
    pub in_person: bool,
    /// Remote.
    pub remote: bool,
    /// Clients at once.
    pub caseload_capacity: i32,
    /// Weekly availability.
    pub availability: Weekly,
    /// Takes referrals.
    pub active: bool,
    /// Linked account.
    pub user_id: Option<i64>,
    /// Region.
    pub region_id: Option<i64>,
}

impl ValidProfessional {
    /// The folded name for sorting.
    pub fn name_key(&self) -> String {
        search_key(&self.name)
    }

    /// The search text stored with the record.
    pub fn search_text(&self) -> String {
        search_text(&[
            &self.name,
            &self.organisation,
            self.place.settlement.as_deref().unwrap_or_default(),
            &self.email,
        ])
    }
}

fn non_empty<T>(field: &str, list: Vec<T>) -> Result<Vec<T>, FieldError> {
    if list.is_empty() {
        Err(FieldError::new(field, "error-required"))
    } else {
        Ok(list)
    }
}

impl ProfessionalInput {
    /// Validates every field, reporting all problems at once.
    pub fn validate(&self, lookup: &Lookup) -> Result<ValidProfessional, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.take(fields::line("name", &self.name, 200, true));
        let kind = if self.kind.trim().is_empty() {
            errors.add("kind", "error-required");
            None
        } else {
            let kind = ProfessionalKind::parse(&self.kind);
            if kind.is_none() {
                errors.add("kind", "error-prof-kind");
            }
            kind
        };
        let organisation =
            errors.take(fields::line("organisation", &self.organisation, 200, false));
        let email = errors.take(fields::optional_email("email", &self.email));
        let phone = errors.take(fields::phone("phone", &self.phone));
        let place = match self.location.resolve("", true) {
            Ok(place) => place,
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        };
        let specialties = errors.take(
            parse_list(
                "specialties",
                &self.specialties,
                Specialty::parse,
                "error-prof-specialty",
            )
            .and_then(|l| non_empty("specialties", l)),
        );
        let languages = errors.take(
            language::parse_list("languages", &self.languages)
                .and_then(|l| non_empty("languages", l)),
        );
        if !self.in_person && !self.remote {
            errors.add("in_person", "error-prof-mode");
        }
        let caseload = errors.take(fields::int_in_range(
            "caseload_capacity",
            &self.caseload_capacity,
            1,
            MAX_CASELOAD,
        ));
        let availability = match Weekly::parse("availability", &self.availability) {
            Ok(weekly) => Some(weekly),
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        };
        let user_id = if self.account.trim().is_empty() {
            None
        } else {
            match lookup.account_with_role(&self.account, Role::Psychologist) {
                Some(account) => Some(account.id),
                None => {
                    errors.push(
                        FieldError::new("account", "error-prof-account")
                            .with("who", self.account.trim()),
                    );
                    None
                }
            }
        };
        let region_id = if self.region.trim().is_empty() {
            place
                .as_ref()
                .and_then(|p| lookup.nearest_region(&p.location))
                .map(|r| r.id)
        } else {
            match lookup.region(&self.region) {
                Some(r) => Some(r.id),
                None => {
                    errors.add("region", "error-sites-region");
                    None
                }
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let missing = || FieldErrors(vec![FieldError::new("name", "error-validation")]);
        Ok(ValidProfessional {
            name: name.ok_or_else(missing)?,
            kind: kind.ok_or_else(missing)?,
            organisation: organisation.ok_or_else(missing)?,
            email: email.ok_or_else(missing)?,
            phone: phone.ok_or_else(missing)?,
            place: place.ok_or_else(missing)?,
            specialties: specialties.ok_or_else(missing)?,
            languages: languages.ok_or_else(missing)?,
            in_person: self.in_person,
            remote: self.remote,
            caseload_capacity: i32::try_from(caseload.ok_or_else(missing)?)
                .map_err(|_| missing())?,
            availability: availability.ok_or_else(missing)?,
            active: self.active,
            user_id,
            region_id,
        })
    }
}
