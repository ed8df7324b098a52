//! The vetting columns of `volunteers`: `stage`, `stage_reason`, the background check and
//! `trainings`, with the queue's rules. A new row enters at its stage if the queue's guard for
//! that stage passes; a row with an `id` must leave them as stored (or empty).

use chrono::NaiveDate;
use entity::volunteer;

use super::volunteer_trainings::{self as trainings, Completion, Modules, completions_text};
use super::{Row, rename_fields};
use crate::domain::vetting::{Stage, reason_required};
use crate::domain::volunteer::parse_line;
use crate::error::FieldError;
use crate::services::volunteers::vetting::{CheckInput, ValidCheck, parse_check};

/// Stages a new row may give.
pub const IMPORT_STAGES: [Stage; 7] = [
    Stage::EmailVerified,
    Stage::Interview,
    Stage::BackgroundCheck,
    Stage::Training,
    Stage::Approved,
    Stage::Rejected,
    Stage::Withdrawn,
];

/// What an update is compared with.
pub struct Stored {
    /// Folded e-mail address.
    pub email_key: String,
    stage: Stage,
    check: Option<ValidCheck>,
}

impl Stored {
    /// What is stored of `v`.
    pub fn of(v: &volunteer::Model) -> Stored {
        Stored {
            email_key: v.email_key.clone(),
            stage: v.stage,
            check: check_of(v),
        }
    }
}

/// The vetting of a validated row.
pub struct Vetting {
    /// Stage.
    pub stage: Stage,
    /// Reason of the stage.
    pub reason: Option<String>,
    /// Background check.
    pub check: Option<ValidCheck>,
    /// Training completions to record (none for an update).
    pub completions: Vec<Completion>,
}

/// Reads and checks the vetting columns of a row (`id` and what is `stored` of it for an
/// update) against the training `modules` on `today`.
pub fn parse(
    row: &Row<'_>,
    id: Option<i64>,
    stored: Option<&Stored>,
    modules: &Modules,
    today: NaiveDate,
) -> Result<Vetting, Vec<FieldError>> {
    let mut problems = Vec::new();
    let stage = parse_stage(row.get("stage"), stored)
        .map_err(|e| problems.push(e))
        .ok();
    let reason = parse_line("stage_reason", row.get("stage_reason"), 1000)
        .map_err(|e| problems.push(e))
        .ok()
        .filter(|r| !r.is_empty());
    if stored.is_none()
        && reason.is_none()
        && stage.is_some_and(reason_required)
        && row.get("stage_reason").trim().is_empty()
    {
        problems.push(FieldError::new("stage_reason", "error-required"));
    }
    let check = parse_row_check(row, stored, today, &mut problems);
    let completions = modules
        .parse(row.get(trainings::COLUMN), today)
        .map_err(|e| problems.push(e))
        .unwrap_or_default();
    match (id, stage) {
        (Some(id), _) => {
            let given = row.get(trainings::COLUMN).trim();
            if !given.is_empty() && completions_text(&completions) != modules.recorded_text(id) {
                problems.push(FieldError::new(
                    trainings::COLUMN,
                    "error-csv-volunteer-trainings-change",
                ));
            }
        }
        (None, Some(Stage::Training)) => {
            let readiness = modules.readiness(check, &completions);
            if !readiness.check_problems(today).is_empty() {
                problems.push(FieldError::new(
                    "check_outcome",
                    "error-csv-volunteer-training-check",
                ));
            }
        }
        (None, Some(Stage::Approved)) => {
            let readiness = modules.readiness(check, &completions);
            problems.extend(trainings::problems(readiness.problems(today)));
        }
        _ => {}
    }
    match stage {
        Some(stage) if problems.is_empty() => Ok(Vetting {
            stage,
            reason,
            check,
            completions: if stored.is_some() {
                Vec::new()
            } else {
                completions
            },
        }),
        _ => Err(problems),
    }
}

fn check_of(v: &volunteer::Model) -> Option<ValidCheck> {
    let outcome = match v.check_outcome.as_deref()? {
        "passed" => "passed",
        _ => "failed",
    };
    Some((outcome, v.checked_on?, v.check_expires_on))
}

/// The stage of a row: empty keeps the stored one (or gives `email_verified` to a new row).
fn parse_stage(text: &str, stored: Option<&Stored>) -> Result<Stage, FieldError> {
    if text.trim().is_empty() {
        return Ok(stored.map_or(Stage::EmailVerified, |s| s.stage));
    }
    let stage =
        Stage::parse(text).ok_or_else(|| FieldError::new("stage", "error-choice-unknown"))?;
    match stored {
        Some(s) if s.stage != stage => {
            Err(FieldError::new("stage", "error-csv-volunteer-stage-change"))
        }
        Some(_) => Ok(stage),
        None if IMPORT_STAGES.contains(&stage) => Ok(stage),
        None => Err(FieldError::new("stage", "error-csv-volunteer-stage")),
    }
}

/// The background check of a row: empty keeps the stored one (none for a new row).
fn parse_row_check(
    row: &Row<'_>,
    stored: Option<&Stored>,
    today: NaiveDate,
    problems: &mut Vec<FieldError>,
) -> Option<ValidCheck> {
    let input = CheckInput {
        outcome: row.get("check_outcome").to_owned(),
        checked_on: row.get("checked_on").to_owned(),
        expires_on: row.get("check_expires_on").to_owned(),
    };
    let empty = [&input.outcome, &input.checked_on, &input.expires_on]
        .iter()
        .all(|v| v.trim().is_empty());
    if empty {
        return stored.and_then(|s| s.check);
    }
    match parse_check(&input, today) {
        Ok(check) if stored.is_some_and(|s| s.check != Some(check)) => {
            problems.push(FieldError::new(
                "check_outcome",
                "error-csv-volunteer-check-change",
            ));
            None
        }
        Ok(check) => Some(check),
        Err(errors) => {
            let renamed = rename_fields(
                errors,
                &[
                    ("outcome", "check_outcome"),
                    ("expires_on", "check_expires_on"),
                ],
            );
            problems.extend(renamed.0);
            None
        }
    }
}
