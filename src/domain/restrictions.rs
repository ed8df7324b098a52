//! Restrictions that orders bring and matching must respect: no driving, barred kinds of work,
//! a permitted area, curfew hours, exclusion zones and risk flags. [`RestrictionInput`]
//! validates one as submitted; [`Constraints`] folds a client's restrictions in force into
//! what matching asks: may they drive, how far may they travel, may they be at this place,
//! do this work, at this time.

use serde::{Deserialize, Serialize};

use super::area::Area;
use super::availability::{Window, format_hhmm, parse_hhmm};
use super::case_fields::multi_line;
use super::codes::parse_list;
use super::location::Location;
use super::rules::Rules;
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

/// Hours at home, every day; may run over midnight (22:00–06:00).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Curfew {
    /// Start, minutes after midnight.
    pub start: u16,
    /// End, minutes after midnight.
    pub end: u16,
}

impl Curfew {
    /// Parses `HH:MM` start and end; they must differ. Errors name `curfew_start|curfew_end`.
    pub fn parse(start: &str, end: &str) -> Result<Curfew, FieldErrors> {
        let mut errors = FieldErrors::new();
        let s = parse_hhmm(start).filter(|m| *m < 24 * 60);
        let e = parse_hhmm(end).filter(|m| *m < 24 * 60);
        if s.is_none() {
            errors.add("curfew_start", "error-time-invalid");
        }
        if e.is_none() {
            errors.add("curfew_end", "error-time-invalid");
        }
        match (s, e) {
            (Some(start), Some(end)) if start != end => Ok(Curfew { start, end }),
            (Some(_), Some(_)) => {
                errors.add("curfew_end", "error-restriction-curfew-empty");
                Err(errors)
            }
            _ => Err(errors),
        }
    }

    /// Whether the minute of the day falls in the curfew.
    pub fn covers(&self, minute: u16) -> bool {
        if self.start < self.end {
            (self.start..self.end).contains(&minute)
        } else {
            minute >= self.start || minute < self.end
        }
    }

    /// Whether a window of the week (on any day) overlaps the curfew.
    pub fn overlaps(&self, window: &Window) -> bool {
        let overlaps = |a: u16, b: u16| window.start < b && a < window.end;
        if self.start < self.end {
            overlaps(self.start, self.end)
        } else {
            overlaps(self.start, 24 * 60) || overlaps(0, self.end)
        }
    }

    /// `22:00–06:00`.
    pub fn label(&self) -> String {
        format!("{}–{}", format_hhmm(self.start), format_hhmm(self.end))
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

/// Why a place is out of bounds for a client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlaceRefusal {
    /// Outside a permitted area.
    OutsidePermittedArea,
    /// Inside an exclusion zone.
    InExclusionZone,
}

/// A client's restrictions in force, folded together for matching. The default is a client
/// without restrictions (who may drive).
#[derive(Clone, Debug, PartialEq)]
pub struct Constraints {
    /// Whether the client may drive.
    pub may_drive: bool,
    /// Kinds of work barred by a position ban.
    pub barred_work: Vec<WorkKind>,
    /// Areas the client must stay within (all of them).
    pub permitted_areas: Vec<Area>,
    /// Areas the client must not enter.
    pub exclusion_zones: Vec<Area>,
    /// Curfew hours.
    pub curfews: Vec<Curfew>,
    /// Risk flags.
    pub risk_flags: Vec<RiskFlag>,
}

impl Default for Constraints {
    fn default() -> Self {
        Constraints {
            may_drive: true,
            barred_work: Vec::new(),
            permitted_areas: Vec::new(),
            exclusion_zones: Vec::new(),
            curfews: Vec::new(),
            risk_flags: Vec::new(),
        }
    }
}

impl Constraints {
    /// Folds restrictions (pass those in force only) together.
    pub fn from_restrictions<'a>(restrictions: impl IntoIterator<Item = &'a Restriction>) -> Self {
        let mut c = Constraints::default();
        for r in restrictions {
            match r {
                Restriction::NoDriving => c.may_drive = false,
                Restriction::BarredWork(kinds) => c.barred_work.extend(kinds),
                Restriction::PermittedArea(a) => c.permitted_areas.push(a.clone()),
                Restriction::Curfew(cf) => c.curfews.push(*cf),
                Restriction::ExclusionZone(a) => c.exclusion_zones.push(a.clone()),
                Restriction::RiskFlag(f) => c.risk_flags.push(*f),
            }
        }
        c.barred_work.sort();
        c.barred_work.dedup();
        c.risk_flags.sort();
        c.risk_flags.dedup();
        c
    }

    /// How far (metres) the client may be sent: the rules' limit for drivers or non-drivers.
    pub fn travel_limit_m(&self, rules: &Rules) -> f64 {
        rules.travel_limit_m(self.may_drive)
    }

    /// Whether the client may be at `place`: inside every permitted area, outside every
    /// exclusion zone.
    pub fn place_allowed(&self, place: &Location) -> Result<(), PlaceRefusal> {
        if self.exclusion_zones.iter().any(|z| z.contains(place)) {
            return Err(PlaceRefusal::InExclusionZone);
        }
        if !self.permitted_areas.iter().all(|a| a.contains(place)) {
            return Err(PlaceRefusal::OutsidePermittedArea);
        }
        Ok(())
    }

    /// Whether the client may do this kind of work: not barred, not against a risk flag, and
    /// no driving work without the right to drive.
    pub fn work_allowed(&self, kind: WorkKind) -> bool {
        let flagged = |flag| self.risk_flags.contains(&flag);
        !(self.barred_work.contains(&kind)
            || (kind == WorkKind::Driving && !self.may_drive)
            || (matches!(kind, WorkKind::Childcare | WorkKind::Education)
                && flagged(RiskFlag::NoWorkWithChildren))
            || (matches!(kind, WorkKind::CareElderly | WorkKind::CareDisabled)
                && flagged(RiskFlag::NoWorkWithVulnerableAdults)))
    }

    /// Whether a weekly window is free of curfew hours.
    pub fn time_allowed(&self, window: &Window) -> bool {
        !self.curfews.iter().any(|c| c.overlaps(window))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BAKU: Location = Location {
        lat: 40.4093,
        lon: 49.8671,
    };

    fn input(kind: &str) -> RestrictionInput {
        RestrictionInput {
            kind: kind.into(),
            ..Default::default()
        }
    }

    #[test]
    fn each_kind_validates_its_own_fields() {
        assert_eq!(
            input("no_driving").parse(BAKU).unwrap().0,
            Restriction::NoDriving
        );
        let mut barred = input("barred_work");
        assert_eq!(barred.parse(BAKU).unwrap_err().0[0].field, "work_kinds");
        barred.work_kinds = vec!["childcare".into(), "teleportation".into()];
        assert_eq!(
            barred.parse(BAKU).unwrap_err().0[0].code,
            "error-restriction-work-kind"
        );
        barred.work_kinds = vec!["childcare".into(), "education".into(), "childcare".into()];
        assert_eq!(
            barred.parse(BAKU).unwrap().0,
            Restriction::BarredWork(vec![WorkKind::Childcare, WorkKind::Education])
        );
        let mut flag = input("risk_flag");
        assert_eq!(
            flag.parse(BAKU).unwrap_err().0[0].code,
            "error-restriction-risk-flag"
        );
        flag.risk_flag = "no_work_with_children".into();
        assert!(flag.parse(BAKU).is_ok());
        assert_eq!(
            input("levitation").parse(BAKU).unwrap_err().0[0].code,
            "error-restriction-kind"
        );
    }

    #[test]
    fn areas_come_from_geojson_or_a_radius_around_home_or_a_centre() {
        let mut zone = input("exclusion_zone");
        assert_eq!(
            zone.parse(BAKU).unwrap_err().0[0].code,
            "error-area-required"
        );
        zone.radius_m = "500".into();
        let (Restriction::ExclusionZone(area), _) = zone.parse(BAKU).unwrap() else {
            panic!()
        };
        assert!(area.contains(&BAKU));
        zone.centre_lat = "40.5".into();
        zone.centre_lon = "181".into();
        assert_eq!(zone.parse(BAKU).unwrap_err().0[0].field, "centre_lon");
        zone.radius_m = "5".into();
        zone.centre_lon = "49.9".into();
        assert_eq!(zone.parse(BAKU).unwrap_err().0[0].code, "error-area-radius");
        let mut permitted = input("permitted_area");
        permitted.area =
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}"#.into();
        assert_eq!(
            permitted.parse(BAKU).unwrap_err().0[0].code,
            "error-area-self-intersection"
        );
    }

    #[test]
    fn curfews_may_run_over_midnight() {
        let night = Curfew::parse("22:00", "06:00").unwrap();
        assert!(night.covers(23 * 60) && night.covers(5 * 60) && !night.covers(12 * 60));
        let evening = Window {
            day: 2,
            start: 18 * 60,
            end: 23 * 60,
        };
        let morning = Window {
            day: 2,
            start: 9 * 60,
            end: 13 * 60,
        };
        assert!(night.overlaps(&evening));
        assert!(!night.overlaps(&morning));
        assert_eq!(night.label(), "22:00–06:00");
        let same = Curfew::parse("22:00", "22:00").unwrap_err();
        assert_eq!(same.0[0].code, "error-restriction-curfew-empty");
        assert_eq!(Curfew::parse("25:00", "x").unwrap_err().0.len(), 2);
    }

    #[test]
    fn constraints_fold_what_matching_needs() {
        let rules = Rules::builtin("az").unwrap();
        let zone = Area::circle("a", BAKU, 1000.0).unwrap();
        let c = Constraints::from_restrictions(&[
            Restriction::NoDriving,
            Restriction::BarredWork(vec![WorkKind::Kitchen]),
            Restriction::ExclusionZone(zone),
            Restriction::RiskFlag(RiskFlag::NoWorkWithChildren),
            Restriction::Curfew(Curfew::parse("21:00", "07:00").unwrap()),
        ]);
        assert!(!c.may_drive);
        assert_eq!(c.travel_limit_m(&rules), rules.travel_limit_m(false));
        assert_eq!(c.place_allowed(&BAKU), Err(PlaceRefusal::InExclusionZone));
        assert_eq!(
            c.place_allowed(&Location {
                lat: 40.6828,
                lon: 46.3606
            }),
            Ok(())
        );
        for kind in [WorkKind::Kitchen, WorkKind::Driving, WorkKind::Childcare] {
            assert!(!c.work_allowed(kind), "{kind}");
        }
        assert!(c.work_allowed(WorkKind::Gardening));
        assert!(!c.time_allowed(&Window {
            day: 0,
            start: 20 * 60,
            end: 22 * 60
        }));
        let free = Constraints::from_restrictions(&[]);
        assert!(free.may_drive && free.work_allowed(WorkKind::Driving));
        let permitted = Constraints::from_restrictions(&[Restriction::PermittedArea(
            Area::circle("a", BAKU, 5000.0).unwrap(),
        )]);
        assert_eq!(
            permitted.place_allowed(&Location {
                lat: 40.6828,
                lon: 46.3606
            }),
            Err(PlaceRefusal::OutsidePermittedArea)
        );
    }
}
