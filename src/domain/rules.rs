//! Rules of the jurisdiction: hour ranges per order kind, the daily maximum of work, how
//! unacceptable absences lead to a warning and a breach referral, conversions between
//! punishments, travel limits and record retention. One TOML file per jurisdiction under
//! `rules/` (built into the binary), or a folder of such files chosen by configuration.
//! Every value carries its [`Basis`]: checked law, unconfirmed, or the service's policy.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::orders::OrderKind;

/// The rules files shipped with the service: (jurisdiction, TOML text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("az", include_str!("../../rules/az.toml")),
    (
        "england-wales",
        include_str!("../../rules/england-wales.toml"),
    ),
];

/// On what a value rests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Checked against the text of the law named in the source.
    Law,
    /// What the law is understood to say, not yet checked: verify before relying on it.
    Unconfirmed,
    /// Not set by law: the service's own choice.
    Policy,
}

/// Allowed hours for an hour-counted order kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HourRange {
    /// Fewest hours.
    pub min: u32,
    /// Most hours.
    pub max: u32,
    /// On what this rests.
    pub basis: Basis,
    /// The article or document.
    pub source: String,
}

/// The most hours of work in one day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DailyLimit {
    /// Hours.
    pub hours: u32,
    /// On what this rests.
    pub basis: Basis,
    /// The article or document.
    pub source: String,
}

/// How unacceptable absences within a window count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Absences {
    /// This many lead to a warning.
    pub warning_after: u32,
    /// This many lead to a breach referral.
    pub breach_referral_after: u32,
    /// Counted within this many days.
    pub window_days: u32,
    /// On what this rests.
    pub basis: Basis,
    /// The article or document.
    pub source: String,
}

/// What a number of unacceptable absences leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AbsenceOutcome {
    /// Nothing yet.
    None,
    /// A warning.
    Warning,
    /// A referral back to court for a breach.
    BreachReferral,
}

crate::code_enum! {
    /// A punishment that conversions speak of.
    pub enum Punishment : "punishment-" {
        /// Public works (community service).
        PublicWorks = "public_works",
        /// Correctional work.
        CorrectionalWork = "correctional_work",
        /// Restriction of freedom.
        RestrictionOfFreedom = "restriction_of_freedom",
        /// Imprisonment.
        Imprisonment = "imprisonment",
    }
}

crate::code_enum! {
    /// A unit of a punishment's measure.
    pub enum Unit : "unit-" {
        /// Hours.
        Hours = "hours",
        /// Days.
        Days = "days",
    }
}

/// An amount of a punishment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Quantity {
    /// Which punishment.
    pub punishment: Punishment,
    /// How much.
    pub amount: u32,
    /// In what.
    pub unit: Unit,
}

/// `from` counts as `to` (8 hours of public works = 1 day of imprisonment).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Conversion {
    /// This much of one punishment…
    pub from: Quantity,
    /// …counts as this much of another.
    pub to: Quantity,
    /// On what this rests.
    pub basis: Basis,
    /// The article or document.
    pub source: String,
}

/// How far a client may travel to a placement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Travel {
    /// Kilometres for a client who may drive.
    pub driving_limit_km: f64,
    /// Kilometres for a client who may not drive (public transport or walking).
    pub non_driving_limit_km: f64,
    /// On what this rests.
    pub basis: Basis,
    /// The article or document.
    pub source: String,
}

/// How long records are kept after an order ends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// Years.
    pub years_after_order_end: u32,
    /// On what this rests.
    pub basis: Basis,
    /// The article or document.
    pub source: String,
}

/// The rules of one jurisdiction, validated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Short name (`az`, `england-wales`), as in `KORPU_JURISDICTION`.
    pub jurisdiction: String,
    /// Display name.
    pub name: String,
    /// Hour range per hour-counted order kind; a kind missing here cannot be ordered.
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, HourRange>)]
    pub hours: BTreeMap<OrderKind, HourRange>,
    /// Most hours of work per day.
    pub max_hours_per_day: DailyLimit,
    /// Absences leading to a warning and a breach referral.
    pub absences: Absences,
    /// Conversions between punishments.
    #[serde(default)]
    pub conversions: Vec<Conversion>,
    /// Travel limits.
    pub travel: Travel,
    /// Record retention.
    pub retention: Retention,
}

/// A rules file that could not be used; the message is one line naming the file.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct RulesError(String);

impl Rules {
    /// Parses and validates a rules file; `origin` names it in errors.
    pub fn parse(origin: &str, text: &str) -> Result<Rules, RulesError> {
        let fail = |detail: String| RulesError(format!("jurisdiction rules {origin}: {detail}"));
        let rules: Rules = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|span| text[..span.start.min(text.len())].lines().count().max(1));
            let message = e.message().split_whitespace().collect::<Vec<_>>().join(" ");
            fail(match line {
                Some(line) => format!("line {line}: {message}"),
                None => message,
            })
        })?;
        rules.check().map_err(fail)?;
        Ok(rules)
    }

    /// A built-in rules file.
    pub fn builtin(jurisdiction: &str) -> Result<Rules, RulesError> {
        let (_, text) = BUILTIN
            .iter()
            .find(|(name, _)| *name == jurisdiction)
            .ok_or_else(|| {
                RulesError(format!(
                    "no built-in jurisdiction rules for {jurisdiction:?} (built in: {}); \
                     set KORPU_RULES_DIR to a folder holding {jurisdiction}.toml",
                    BUILTIN
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
        Rules::parse(&format!("rules/{jurisdiction}.toml (built in)"), text)
    }

    /// Loads `<dir>/<jurisdiction>.toml`, or the built-in file when `dir` is `None`.
    pub fn load(jurisdiction: &str, dir: Option<&Path>) -> Result<Rules, RulesError> {
        if jurisdiction.is_empty()
            || !jurisdiction
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            return Err(RulesError(format!(
                "KORPU_JURISDICTION: {jurisdiction:?} is not a rules file name such as az or england-wales"
            )));
        }
        let rules = match dir {
            None => Rules::builtin(jurisdiction)?,
            Some(dir) => {
                let path = dir.join(format!("{jurisdiction}.toml"));
                let text = std::fs::read_to_string(&path).map_err(|e| {
                    RulesError(format!(
                        "jurisdiction rules {}: cannot read: {e}",
                        path.display()
                    ))
                })?;
                Rules::parse(&path.display().to_string(), &text)?
            }
        };
        if rules.jurisdiction != jurisdiction {
            return Err(RulesError(format!(
                "jurisdiction rules for {jurisdiction:?} say jurisdiction = {:?}",
                rules.jurisdiction
            )));
        }
        Ok(rules)
    }

    fn check(&self) -> Result<(), String> {
        for (kind, range) in &self.hours {
            if !kind.is_hour_counted() {
                return Err(format!("hours.{kind}: {kind} is not counted in hours"));
            }
            if range.min == 0 || range.min > range.max {
                return Err(format!(
                    "hours.{kind}: need 0 < min <= max, got min {} and max {}",
                    range.min, range.max
                ));
            }
        }
        if !(1..=24).contains(&self.max_hours_per_day.hours) {
            return Err("max_hours_per_day.hours: must be between 1 and 24".into());
        }
        let a = &self.absences;
        if a.warning_after == 0 || a.breach_referral_after < a.warning_after || a.window_days == 0 {
            return Err(
                "absences: need 0 < warning_after <= breach_referral_after and window_days > 0"
                    .into(),
            );
        }
        for (i, c) in self.conversions.iter().enumerate() {
            if c.from.amount == 0 || c.to.amount == 0 || c.from.punishment == c.to.punishment {
                return Err(format!(
                    "conversions[{i}]: amounts must be positive and the punishments different"
                ));
            }
        }
        let t = &self.travel;
        let sane = |km: f64| km.is_finite() && km > 0.0 && km <= 1000.0;
        if !sane(t.driving_limit_km)
            || !sane(t.non_driving_limit_km)
            || t.non_driving_limit_km > t.driving_limit_km
        {
            return Err("travel: need 0 < non_driving_limit_km <= driving_limit_km <= 1000".into());
        }
        if !(1..=100).contains(&self.retention.years_after_order_end) {
            return Err("retention.years_after_order_end: must be between 1 and 100".into());
        }
        if self.name.trim().is_empty() {
            return Err("name: must not be empty".into());
        }
        Ok(())
    }

    /// The allowed hours for an hour-counted kind; `None` when the kind cannot be ordered here.
    pub fn hour_range(&self, kind: OrderKind) -> Option<&HourRange> {
        self.hours.get(&kind)
    }

    /// The travel radius in metres for a client who may or may not drive.
    pub fn travel_limit_m(&self, may_drive: bool) -> f64 {
        1000.0
            * if may_drive {
                self.travel.driving_limit_km
            } else {
                self.travel.non_driving_limit_km
            }
    }

    /// Converts `amount` of one punishment into another, by a conversion of the file used in
    /// either direction; `None` when the file has none between them.
    pub fn convert(&self, from: Punishment, amount: f64, to: Punishment) -> Option<f64> {
        self.conversions.iter().find_map(|c| {
            let (a, b) = (f64::from(c.from.amount), f64::from(c.to.amount));
            if c.from.punishment == from && c.to.punishment == to {
                Some(amount * b / a)
            } else if c.from.punishment == to && c.to.punishment == from {
                Some(amount * a / b)
            } else {
                None
            }
        })
    }

    /// What `count` unacceptable absences within the window lead to.
    pub fn absence_outcome(&self, count: u32) -> AbsenceOutcome {
        if count >= self.absences.breach_referral_after {
            AbsenceOutcome::BreachReferral
        } else if count >= self.absences.warning_after {
            AbsenceOutcome::Warning
        } else {
            AbsenceOutcome::None
        }
    }

    /// The day until which records of an order that ended on `ended` are kept.
    pub fn retain_until(&self, ended: NaiveDate) -> NaiveDate {
        ended
            .checked_add_months(Months::new(12 * self.retention.years_after_order_end))
            .unwrap_or(NaiveDate::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_files_load_and_differ() {
        let az = Rules::builtin("az").unwrap();
        let ew = Rules::builtin("england-wales").unwrap();
        let pw = |r: &Rules| {
            let h = r.hour_range(OrderKind::PublicWorks).unwrap();
            (h.min, h.max)
        };
        assert_eq!(pw(&az), (240, 480));
        assert_eq!(pw(&ew), (40, 300));
        assert!(
            az.hour_range(OrderKind::AdministrativeCommunityService)
                .is_some()
        );
        assert!(
            ew.hour_range(OrderKind::AdministrativeCommunityService)
                .is_none()
        );
        assert_eq!(az.max_hours_per_day.hours, 4);
    }

    #[test]
    fn art_68_counts_eight_hours_of_public_works_as_a_day_of_imprisonment() {
        let az = Rules::builtin("az").unwrap();
        assert_eq!(
            az.convert(Punishment::PublicWorks, 240.0, Punishment::Imprisonment),
            Some(30.0)
        );
        assert_eq!(
            az.convert(Punishment::Imprisonment, 2.0, Punishment::PublicWorks),
            Some(16.0)
        );
        let ew = Rules::builtin("england-wales").unwrap();
        assert_eq!(
            ew.convert(Punishment::PublicWorks, 8.0, Punishment::Imprisonment),
            None
        );
    }

    #[test]
    fn absences_lead_to_a_warning_then_a_breach_referral() {
        let az = Rules::builtin("az").unwrap();
        assert_eq!(az.absence_outcome(0), AbsenceOutcome::None);
        assert_eq!(az.absence_outcome(1), AbsenceOutcome::Warning);
        assert_eq!(az.absence_outcome(3), AbsenceOutcome::BreachReferral);
        assert!(az.travel_limit_m(false) < az.travel_limit_m(true));
        assert_eq!(
            az.retain_until(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()),
            NaiveDate::from_ymd_opt(2031, 2, 28).unwrap()
        );
    }

    #[test]
    fn bad_files_give_one_line_naming_the_problem() {
        let good = BUILTIN[0].1;
        let cases = [
            (good.replace("max = 480", "max = 100"), "hours.public_works"),
            (
                good.replace("[hours.public_works]", "[hours.fine]"),
                "not counted in hours",
            ),
            (
                good.replace("[hours.public_works]", "[hours.flogging]"),
                "line",
            ),
            (good.replace("min = 240", "min = \"many\""), "line"),
            (
                good.replace("breach_referral_after = 3", "breach_referral_after = 0"),
                "absences",
            ),
            (
                good.replace("non_driving_limit_km = 12.0", "non_driving_limit_km = 99.0"),
                "travel",
            ),
            (format!("{good}\nsurprise = 1\n"), "surprise"),
            (
                good.replace("basis = \"law\"", "basis = \"hearsay\""),
                "line",
            ),
        ];
        for (text, mentions) in cases {
            let error = Rules::parse("test.toml", &text).unwrap_err().to_string();
            assert_eq!(error.lines().count(), 1, "{error}");
            assert!(
                error.starts_with("jurisdiction rules test.toml: "),
                "{error}"
            );
            assert!(error.contains(mentions), "{mentions}: {error}");
        }
    }

    #[test]
    fn loading_refuses_unknown_names_and_mismatched_files() {
        assert!(Rules::load("../etc/passwd", None).is_err());
        assert!(
            Rules::load("atlantis", None)
                .unwrap_err()
                .to_string()
                .contains("atlantis")
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("xx.toml"), BUILTIN[0].1).unwrap();
        let error = Rules::load("xx", Some(dir.path())).unwrap_err().to_string();
        assert!(error.contains("jurisdiction = \"az\""), "{error}");
        std::fs::write(
            dir.path().join("az.toml"),
            BUILTIN[0].1.replace("max = 480", "max = 400"),
        )
        .unwrap();
        let custom = Rules::load("az", Some(dir.path())).unwrap();
        assert_eq!(custom.hour_range(OrderKind::PublicWorks).unwrap().max, 400);
    }
}
