//! A site as submitted (form, JSON or CSV row) and its validation into a [`ValidSite`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::auth::Role;
use crate::domain::availability::{Weekly, WindowInput};
use crate::domain::codes::parse_list;
use crate::domain::fields;
use crate::domain::language;
use crate::domain::location::{LocationInput, Place};
use crate::domain::site::{SiteFlag, SiteFlags, SkillMode};
use crate::domain::text::search_key;
use crate::domain::work::WorkKind;
use crate::error::{FieldError, FieldErrors};
use crate::services::lookup::Lookup;
use crate::services::search::search_text;

/// Most people a site can take at once.
pub const MAX_CAPACITY: i64 = 1000;

/// A site as submitted, every value as text so that a bad value is a field error. Error
/// fields are named as here (`name`, `capacity`, `schedule[0].end`), with the location as
/// `settlement`, `lat`, `lon`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct SiteInput {
    /// Name of the site.
    pub name: String,
    /// Host organisation.
    pub organisation: String,
    /// Street address.
    pub address: String,
    /// Settlement or point.
    pub location: LocationInput,
    /// Contact person.
    pub contact_name: String,
    /// Contact phone.
    pub contact_phone: String,
    /// Contact e-mail.
    pub contact_email: String,
    /// Kinds of work (codes of [`WorkKind`]).
    pub work_kinds: Vec<String>,
    /// Skill codes the work needs.
    pub skills_needed: Vec<String>,
    /// Skill codes the site teaches.
    pub skills_taught: Vec<String>,
    /// People at once.
    pub capacity: String,
    /// Weekly sessions.
    pub schedule: Vec<WindowInput>,
    /// Codes of the flags that are set ([`SiteFlag`]).
    pub flags: Vec<String>,
    /// Language codes.
    pub languages: Vec<String>,
    /// First active day, `YYYY-MM-DD`; empty means today.
    pub active_from: String,
    /// First day no longer active, `YYYY-MM-DD`; empty while open-ended.
    pub active_to: String,
    /// Region code; empty picks the region with the nearest centre.
    pub region: String,
    /// Supervisors by user id or e-mail (accounts with the `site_supervisor` role).
    pub supervisors: Vec<String>,
}

/// A validated site, ready to store.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidSite {
    /// Name.
    pub name: String,
    /// Host organisation.
    pub organisation: String,
    /// Street address.
    pub address: String,
    /// Location.
    pub place: Place,
    /// Contact person.
    pub contact_name: String,
    /// Contact phone.
    pub contact_phone: String,
    /// Contact e-mail.
    pub contact_email: String,
    /// Kinds of work (at least one).
    pub work_kinds: Vec<WorkKind>,
    /// Skills with whether needed or taught.
    pub skills: Vec<(String, SkillMode)>,
    /// People at once.
    pub capacity: i32,
    /// Weekly sessions.
    pub schedule: Weekly,
    /// Suitability flags.
    pub flags: SiteFlags,
    /// Languages spoken (at least one).
    pub languages: Vec<String>,
    /// First active day.
    pub active_from: NaiveDate,
    /// First day no longer active.
    pub active_to: Option<NaiveDate>,
    /// Region.
    pub region_id: Option<i64>,
    /// Supervisor user ids.
    pub supervisor_ids: Vec<i64>,
}

impl ValidSite {
    /// The folded name for sorting.
    pub fn name_key(&self) -> String {
        search_key(&self.name)
    }

    /// The search text stored with the site.
    pub fn search_text(&self) -> String {
        search_text(&[
            &self.name,
            &self.organisation,
            self.place.settlement.as_deref().unwrap_or_default(),
            &self.address,
        ])
    }
}

fn skills(
    lookup: &Lookup,
    field: &str,
    codes: &[String],
    mode: SkillMode,
    out: &mut Vec<(String, SkillMode)>,
) -> Result<(), FieldError> {
    for code in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        if !lookup.skill_known(code) {
            return Err(FieldError::new(field, "error-sites-skill").with("code", code));
        }
        if !out.iter().any(|(c, m)| c == code && *m == mode) {
            out.push((code.to_owned(), mode));
        }
    }
    Ok(())
}

impl SiteInput {
    /// Validates every field, reporting all problems at once.
    pub fn validate(&self, lookup: &Lookup) -> Result<ValidSite, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.take(fields::line("name", &self.name, 200, true));
        let organisation = errors.take(fields::line("organisation", &self.organisation, 200, true));
        let address = errors.take(fields::line("address", &self.address, 300, false));
        let place = match self.location.resolve("", true) {
            Ok(place) => place,
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        };
        let contact_name =
            errors.take(fields::line("contact_name", &self.contact_name, 200, false));
        let contact_phone = errors.take(fields::phone("contact_phone", &self.contact_phone));
        let contact_email =
            errors.take(fields::optional_email("contact_email", &self.contact_email));
        let work_kinds = errors.take(
            parse_list(
                "work_kinds",
                &self.work_kinds,
                WorkKind::parse,
                "error-sites-work-kind",
            )
            .and_then(|kinds| {
                if kinds.is_empty() {
                    Err(FieldError::new("work_kinds", "error-required"))
                } else {
                    Ok(kinds)
                }
            }),
        );
        let mut skill_list = Vec::new();
        errors.take(skills(
            lookup,
            "skills_needed",
            &self.skills_needed,
            SkillMode::Needed,
            &mut skill_list,
        ));
        errors.take(skills(
            lookup,
            "skills_taught",
            &self.skills_taught,
            SkillMode::Taught,
            &mut skill_list,
        ));
        let capacity = errors.take(fields::int_in_range(
            "capacity",
            &self.capacity,
            1,
            MAX_CAPACITY,
        ));
        let schedule = match Weekly::parse("schedule", &self.schedule) {
            Ok(weekly) => Some(weekly),
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        };
        let flags = errors
            .take(parse_list(
                "flags",
                &self.flags,
                SiteFlag::parse,
                "error-sites-flag",
            ))
            .map(|set| SiteFlags::from_set(&set));
        let languages = errors.take(language::parse_list("languages", &self.languages).and_then(
            |list| {
                if list.is_empty() {
                    Err(FieldError::new("languages", "error-required"))
                } else {
                    Ok(list)
                }
            },
        ));
        let active_from = errors
            .take(fields::date("active_from", &self.active_from))
            .map(|d| d.unwrap_or(lookup.today));
        let active_to = errors.take(fields::date("active_to", &self.active_to));
        if let (Some(from), Some(Some(to))) = (active_from, active_to)
            && to < from
        {
            errors.add("active_to", "error-end-before-start");
        }
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
        let mut supervisor_ids = Vec::new();
        for who in self.supervisors.iter().filter(|s| !s.trim().is_empty()) {
            match lookup.account_with_role(who, Role::SiteSupervisor) {
                Some(account) if !supervisor_ids.contains(&account.id) => {
                    supervisor_ids.push(account.id);
                }
                Some(_) => {}
                None => {
                    errors.push(
                        FieldError::new("supervisors", "error-sites-supervisor")
                            .with("who", who.trim()),
                    );
                    break;
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let missing = || FieldErrors(vec![FieldError::new("name", "error-validation")]);
        Ok(ValidSite {
            name: name.ok_or_else(missing)?,
            organisation: organisation.ok_or_else(missing)?,
            address: address.ok_or_else(missing)?,
            place: place.ok_or_else(missing)?,
            contact_name: contact_name.ok_or_else(missing)?,
            contact_phone: contact_phone.ok_or_else(missing)?,
            contact_email: contact_email.ok_or_else(missing)?,
            work_kinds: work_kinds.ok_or_else(missing)?,
            skills: skill_list,
            capacity: i32::try_from(capacity.ok_or_else(missing)?).map_err(|_| missing())?,
            schedule: schedule.ok_or_else(missing)?,
            flags: flags.ok_or_else(missing)?,
            languages: languages.ok_or_else(missing)?,
            active_from: active_from.ok_or_else(missing)?,
            active_to: active_to.flatten(),
            region_id,
            supervisor_ids,
        })
    }
}
