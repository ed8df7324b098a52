//! Restrictions that orders bring and matching must respect: no driving, barred kinds of work,
//! a permitted area, curfew hours, exclusion zones and risk flags. [`RestrictionInput`]
//! validates one as submitted; [`Constraints`] folds a client's restrictions in force into
//! what matching asks: may they drive, how far may they travel, may they be at this place,
//! do this work, at this time.

mod constraints;
mod curfew;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use constraints::{Constraints, PlaceRefusal};
pub use curfew::Curfew;

use super::area::Area;
use super::case_fields::multi_line;
use super::codes::parse_list;
use super::location::Location;
use super::work::WorkKind;
use crate::error::{FieldError, FieldErrors};

crate::code_enum! {
    /// A kind of restriction. Names are Fluent messages `restriction-kind-<code>`.
    pub enum RestrictionKind : "restriction-kind-" {
        /// May not drive (travel radius shrinks to public transport or walking).
        NoDriving = "no_driving",
        /// Barred from some kinds of work (position ban).
        BarredWork = "barred_work",
        /// Must stay within an area (restriction of freedom).
        PermittedArea = "permitted_area",
        /// Must be at home during these hours (restriction of freedom).
        Curfew = "curfew",
        /// Must not enter an area (for example around a victim's home).
        ExclusionZone = "exclusion_zone",
        /// A risk flag from the order or the assessment.
        RiskFlag = "risk_flag",
    }
}

crate::code_enum! {
    /// A risk flag. Names are Fluent messages `risk-flag-<code>`.
    pub enum RiskFlag : "risk-flag-" {
        /// No work with children.
        NoWorkWithChildren = "no_work_with_children",
        /// No work with vulnerable adults.
        NoWorkWithVulnerableAdults = "no_work_with_vulnerable_adults",
        /// Must not work alone.
        MustNotWorkAlone = "must_not_work_alone",
    }
}

/// One restriction.
#[derive(Clone, Debug, PartialEq)]
pub enum Restriction {
    /// May not drive.
    NoDriving,
    /// Barred from these kinds of work.
    BarredWork(Vec<WorkKind>),
    /// Must stay within this area.
    PermittedArea(Area),
    /// Must be at home in these hours.
    Curfew(Curfew),
    /// Must not enter this area.
    ExclusionZone(Area),
    /// A risk flag.
    RiskFlag(RiskFlag),
}

impl Restriction {
    /// Its kind.
    pub fn kind(&self) -> RestrictionKind {
        match self {
            Restriction::NoDriving => RestrictionKind::NoDriving,
            Restriction::BarredWork(_) => RestrictionKind::BarredWork,
            Restriction::PermittedArea(_) => RestrictionKind::PermittedArea,
            Restriction::Curfew(_) => RestrictionKind::Curfew,
            Restriction::ExclusionZone(_) => RestrictionKind::ExclusionZone,
            Restriction::RiskFlag(_) => RestrictionKind::RiskFlag,
        }
    }
}

/// A restriction as submitted (form or JSON). Only the fields of its kind are read.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct RestrictionInput {
    /// Kind code.
    #[serde(default)]
    pub kind: String,
    /// Barred work kinds (`barred_work`).
    #[serde(default)]
    pub work_kinds: Vec<String>,
    /// GeoJSON of the area (`permitted_area`, `exclusion_zone`), as text or inline; or leave
    /// it empty and give a radius.
    #[serde(default, deserialize_with = "super::case_fields::lenient::json_text")]
    #[schema(value_type = Option<Object>)]
    pub area: String,
    /// Radius in metres of a circular area (around the centre, or the client's home).
    #[serde(
        default,
        deserialize_with = "super::case_fields::lenient::text_or_number"
    )]
    #[schema(value_type = Option<f64>)]
    pub radius_m: String,
    /// Centre latitude of a circular area (default: the client's home).
    #[serde(
        default,
        deserialize_with = "super::case_fields::lenient::text_or_number"
    )]
    #[schema(value_type = Option<f64>)]
    pub centre_lat: String,
    /// Centre longitude of a circular area.
    #[serde(
        default,
        deserialize_with = "super::case_fields::lenient::text_or_number"
    )]
    #[schema(value_type = Option<f64>)]
    pub centre_lon: String,
    /// Curfew start, `HH:MM` (`curfew`).
    #[serde(default)]
    pub curfew_start: String,
    /// Curfew end, `HH:MM`.
    #[serde(default)]
    pub curfew_end: String,
    /// Risk flag code (`risk_flag`).
    #[serde(default)]
    pub risk_flag: String,
    /// A note (for example "around the victim's home"); never shown to site supervisors.
    #[serde(default)]
    pub note: String,
}

impl RestrictionInput {
    /// Validates the fields of the chosen kind; a circle without a centre is drawn around `home`.
    pub fn parse(&self, home: Location) -> Result<(Restriction, Option<String>), FieldErrors> {
        let mut errors = FieldErrors::new();
        let note = errors.take(multi_line("note", &self.note, 1000)).flatten();
        let restriction = match RestrictionKind::parse(&self.kind) {
            None => {
                errors.add("kind", "error-restriction-kind");
                None
            }
            Some(RestrictionKind::NoDriving) => Some(Restriction::NoDriving),
            Some(RestrictionKind::BarredWork) => {
                match parse_list(
                    "work_kinds",
                    &self.work_kinds,
                    WorkKind::parse,
                    "error-restriction-work-kind",
                ) {
                    Ok(kinds) if kinds.is_empty() => {
                        errors.add("work_kinds", "error-required");
                        None
                    }
                    Ok(mut kinds) => {
                        kinds.sort();
                        Some(Restriction::BarredWork(kinds))
                    }
                    Err(e) => {
                        errors.push(e);
                        None
                    }
                }
            }
            Some(RestrictionKind::PermittedArea) => {
                errors.take(self.area(home)).map(Restriction::PermittedArea)
            }
            Some(RestrictionKind::ExclusionZone) => {
                errors.take(self.area(home)).map(Restriction::ExclusionZone)
            }
            Some(RestrictionKind::Curfew) => {
                match Curfew::parse(&self.curfew_start, &self.curfew_end) {
                    Ok(c) => Some(Restriction::Curfew(c)),
                    Err(e) => {
                        errors.0.extend(e.0);
                        None
                    }
                }
            }
            Some(RestrictionKind::RiskFlag) => match RiskFlag::parse(&self.risk_flag) {
                Some(flag) => Some(Restriction::RiskFlag(flag)),
                None => {
                    errors.add("risk_flag", "error-restriction-risk-flag");
                    None
                }
            },
        };
        match restriction {
            Some(r) if errors.is_empty() => Ok((r, note)),
            _ => Err(errors),
        }
    }

    fn area(&self, home: Location) -> Result<Area, FieldError> {
        if !self.area.trim().is_empty() {
            return Area::parse_geojson("area", &self.area);
        }
        let radius = self.radius_m.trim();
        if radius.is_empty() {
            return Err(FieldError::new("area", "error-area-required"));
        }
        let radius: f64 = radius.replace(',', ".").parse().map_err(|_| {
            FieldError::new("radius_m", "error-area-radius")
                .with("min", super::area::MIN_RADIUS_M)
                .with("max", super::area::MAX_RADIUS_M / 1000.0)
        })?;
        let centre = if self.centre_lat.trim().is_empty() && self.centre_lon.trim().is_empty() {
            home
        } else {
            let number = |t: &str| {
                t.trim()
                    .replace(',', ".")
                    .parse::<f64>()
                    .unwrap_or(f64::NAN)
            };
            Location::parse(
                "centre_",
                number(&self.centre_lat),
                number(&self.centre_lon),
            )
            .map_err(|e| {
                e.0.into_iter()
                    .next()
                    .unwrap_or_else(|| FieldError::new("centre_lat", "error-latitude"))
            })?
        };
        Area::circle("radius_m", centre, radius)
    }
}
