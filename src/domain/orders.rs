//! Orders: the court or authority decisions a client serves, their kinds and statuses, and the
//! validation of an order as a form or JSON gives it (hours against the jurisdiction's rules).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::case_fields::{date as parse_date, multi_line, single_line};
use super::rules::Rules;
use crate::error::{FieldError, FieldErrors};

crate::code_enum! {
    /// A kind of order the probation service executes (from the Azerbaijani law; other
    /// jurisdictions use the nearest kind). Names are Fluent messages `order-kind-<code>`.
    pub enum OrderKind : "order-kind-" {
        /// A fine.
        Fine = "fine",
        /// Deprivation of the right to drive.
        DrivingBan = "driving_ban",
        /// Deprivation of the right to hold a position or do an activity.
        PositionBan = "position_ban",
        /// Public works (community service), counted in hours.
        PublicWorks = "public_works",
        /// Correctional work (a share of wages withheld), counted in months.
        CorrectionalWork = "correctional_work",
        /// Restriction of freedom (permitted area, curfew, electronic monitoring).
        RestrictionOfFreedom = "restriction_of_freedom",
        /// A conditional (suspended) sentence with a probation period.
        ConditionalSentence = "conditional_sentence",
        /// Conditional early release.
        ConditionalRelease = "conditional_release",
        /// A postponed sentence.
        PostponedSentence = "postponed_sentence",
        /// Compulsory treatment for alcohol or drug dependence.
        CompulsoryTreatment = "compulsory_treatment",
        /// Administrative community service (for an administrative offence), counted in hours.
        AdministrativeCommunityService = "administrative_community_service",
    }
}

impl OrderKind {
    /// Whether the order is served in hours of work (and so has hours ordered).
    pub fn is_hour_counted(self) -> bool {
        matches!(
            self,
            OrderKind::PublicWorks | OrderKind::AdministrativeCommunityService
        )
    }
}

crate::code_enum! {
    /// Where an order stands. Names are Fluent messages `order-status-<code>`.
    pub enum OrderStatus : "order-status-" {
        /// Decided, not yet started.
        Pending = "pending",
        /// Being served.
        Active = "active",
        /// Paused (illness, military service…).
        Suspended = "suspended",
        /// Served in full.
        Completed = "completed",
        /// Referred back to court for a breach.
        Breached = "breached",
        /// Revoked or replaced by the court.
        Revoked = "revoked",
    }
}

impl OrderStatus {
    /// Whether the order's restrictions still bind the client (everything but completed and
    /// revoked: a breached order stays in force until the court decides).
    pub fn in_force(self) -> bool {
        !matches!(self, OrderStatus::Completed | OrderStatus::Revoked)
    }
}

/// An order as submitted, by a form or as JSON (where hours may be a number).
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct OrderInput {
    /// Kind code.
    #[serde(default)]
    pub kind: String,
    /// Court or authority that decided.
    #[serde(default)]
    pub authority: String,
    /// Its case or decision reference.
    #[serde(default)]
    pub reference: String,
    /// The offence, as the decision states it (never shown to site supervisors).
    #[serde(default)]
    pub offence: String,
    /// Date of the decision, `YYYY-MM-DD`.
    #[serde(default)]
    pub decision_date: String,
    /// First day, `YYYY-MM-DD`.
    #[serde(default)]
    pub start_date: String,
    /// Last day, `YYYY-MM-DD`.
    #[serde(default)]
    pub end_date: String,
    /// Status code (default `pending`).
    #[serde(default)]
    pub status: String,
    /// Hours ordered (hour-counted kinds only), a whole number.
    #[serde(
        default,
        deserialize_with = "super::case_fields::lenient::text_or_number"
    )]
    #[schema(value_type = Option<u32>)]
    pub hours_ordered: String,
    /// Coordinator's notes.
    #[serde(default)]
    pub notes: String,
}

/// A validated order.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderData {
    /// Kind.
    pub kind: OrderKind,
    /// Court or authority.
    pub authority: String,
    /// Case or decision reference.
    pub reference: String,
    /// The offence.
    pub offence: Option<String>,
    /// Date of the decision.
    pub decision_date: NaiveDate,
    /// First day.
    pub start_date: NaiveDate,
    /// Last day (after the first).
    pub end_date: NaiveDate,
    /// Status.
    pub status: OrderStatus,
    /// Hours ordered, for hour-counted kinds, within the rules' range.
    pub hours_ordered: Option<u32>,
    /// Notes.
    pub notes: Option<String>,
}

impl OrderInput {
    /// Validates every field, collecting all problems; hours are checked against `rules`.
    pub fn parse(&self, rules: &Rules) -> Result<OrderData, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = match OrderKind::parse(&self.kind) {
            Some(kind) => Some(kind),
            None => {
                errors.push(FieldError::new(
                    "kind",
                    if self.kind.trim().is_empty() {
                        "error-required"
                    } else {
                        "error-order-kind"
                    },
                ));
                None
            }
        };
        let authority = errors
            .take(single_line("authority", &self.authority, 200, true))
            .flatten();
        let reference = errors
            .take(single_line("reference", &self.reference, 100, true))
            .flatten();
        let offence = errors
            .take(multi_line("offence", &self.offence, 2000))
            .flatten();
        let notes = errors
            .take(multi_line("notes", &self.notes, 4000))
            .flatten();
        let decision = errors
            .take(parse_date("decision_date", &self.decision_date, true))
            .flatten();
        let start = errors
            .take(parse_date("start_date", &self.start_date, true))
            .flatten();
        let end = errors
            .take(parse_date("end_date", &self.end_date, true))
            .flatten();
        if let (Some(decision), Some(start)) = (decision, start)
            && start < decision
        {
            errors.add("start_date", "error-order-start-before-decision");
        }
        if let (Some(start), Some(end)) = (start, end)
            && end <= start
        {
            errors.add("end_date", "error-end-before-start");
        }
        let status = if self.status.trim().is_empty() {
            Some(OrderStatus::Pending)
        } else {
            let parsed = OrderStatus::parse(&self.status);
            if parsed.is_none() {
                errors.add("status", "error-order-status");
            }
            parsed
        };
        let hours = kind.and_then(|kind| {
            errors
                .take(parse_hours(kind, &self.hours_ordered, rules))
                .flatten()
        });
        match (kind, authority, reference, decision, start, end, status) {
            (
                Some(kind),
                Some(authority),
                Some(reference),
                Some(decision),
                Some(start),
                Some(end),
                Some(status),
            ) if errors.is_empty() => Ok(OrderData {
                kind,
                authority,
                reference,
                offence,
                decision_date: decision,
                start_date: start,
                end_date: end,
                status,
                hours_ordered: hours,
                notes,
            }),
            _ => Err(errors),
        }
    }
}

/// Hours ordered: required and within the rules' range for hour-counted kinds, absent otherwise.
fn parse_hours(kind: OrderKind, text: &str, rules: &Rules) -> Result<Option<u32>, FieldError> {
    let text = text.trim();
    if !kind.is_hour_counted() {
        return if text.is_empty() {
            Ok(None)
        } else {
            Err(FieldError::new(
                "hours_ordered",
                "error-order-hours-not-counted",
            ))
        };
    }
    let Some(range) = rules.hour_range(kind) else {
        return Err(
            FieldError::new("kind", "error-order-kind-not-in-jurisdiction")
                .with("jurisdiction", &rules.name),
        );
    };
    if text.is_empty() {
        return Err(FieldError::new("hours_ordered", "error-required"));
    }
    let out_of_range = || {
        FieldError::new("hours_ordered", "error-order-hours-range")
            .with("min", range.min)
            .with("max", range.max)
    };
    let hours: u32 = text.parse().map_err(|_| out_of_range())?;
    if !(range.min..=range.max).contains(&hours) {
        return Err(out_of_range());
    }
    Ok(Some(hours))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(kind: &str, hours: &str) -> OrderInput {
        OrderInput {
            kind: kind.into(),
            authority: "Bakı şəhər Səbail rayon məhkəməsi".into(),
            reference: "1(101)-123/2026".into(),
            offence: String::new(),
            decision_date: "2026-01-10".into(),
            start_date: "2026-02-01".into(),
            end_date: "2026-12-31".into(),
            status: "active".into(),
            hours_ordered: hours.into(),
            notes: String::new(),
        }
    }

    fn codes(errors: &FieldErrors) -> Vec<(&str, &str)> {
        errors
            .0
            .iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect()
    }

    #[test]
    fn hours_must_lie_in_the_jurisdiction_range() {
        let az = Rules::builtin("az").unwrap();
        assert_eq!(
            input("public_works", "300")
                .parse(&az)
                .unwrap()
                .hours_ordered,
            Some(300)
        );
        for bad in ["100", "481", "-5", "12.5", "lots"] {
            let errors = input("public_works", bad).parse(&az).unwrap_err();
            assert_eq!(
                codes(&errors),
                [("hours_ordered", "error-order-hours-range")],
                "{bad}"
            );
        }
        let missing = input("public_works", "").parse(&az).unwrap_err();
        assert_eq!(codes(&missing), [("hours_ordered", "error-required")]);
        let not_counted = input("fine", "10").parse(&az).unwrap_err();
        assert_eq!(
            codes(&not_counted),
            [("hours_ordered", "error-order-hours-not-counted")]
        );
        assert_eq!(input("fine", "").parse(&az).unwrap().hours_ordered, None);
    }

    #[test]
    fn the_end_comes_after_the_start_and_the_start_after_the_decision() {
        let az = Rules::builtin("az").unwrap();
        let mut order = input("conditional_sentence", "");
        order.end_date = "2026-02-01".into();
        order.start_date = "2026-02-01".into();
        assert_eq!(
            codes(&order.parse(&az).unwrap_err()),
            [("end_date", "error-end-before-start")]
        );
        order.start_date = "2026-01-01".into();
        order.end_date = "2026-06-01".into();
        assert_eq!(
            codes(&order.parse(&az).unwrap_err()),
            [("start_date", "error-order-start-before-decision")]
        );
    }

    #[test]
    fn every_field_problem_is_reported_at_once() {
        let az = Rules::builtin("az").unwrap();
        let errors = OrderInput {
            kind: "flogging".into(),
            status: "asleep".into(),
            decision_date: "2026-13-01".into(),
            ..Default::default()
        }
        .parse(&az)
        .unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        for field in [
            "kind",
            "authority",
            "reference",
            "decision_date",
            "start_date",
            "end_date",
            "status",
        ] {
            assert!(fields.contains(&field), "{field} missing in {fields:?}");
        }
    }

    #[test]
    fn only_public_works_and_administrative_service_count_hours() {
        let counted: Vec<_> = OrderKind::ALL
            .iter()
            .filter(|k| k.is_hour_counted())
            .collect();
        assert_eq!(
            counted,
            [
                &OrderKind::PublicWorks,
                &OrderKind::AdministrativeCommunityService
            ]
        );
        assert_eq!(OrderKind::ALL.len(), 11);
        assert!(OrderStatus::Breached.in_force());
        assert!(!OrderStatus::Completed.in_force());
    }
}
