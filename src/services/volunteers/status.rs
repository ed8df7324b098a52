//! A volunteer's background check and trainings as the guards see them
//! ([`crate::domain::vetting::Readiness`]) and as pages show them.

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::{training_module, volunteer, volunteer_training};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;

use crate::domain::vetting::{Check, ModuleStatus, Problem, Readiness, valid_on};
use crate::error::AppError;
use crate::i18n::{self, Lang};
use crate::services::training;

/// Outcome of a passed background check.
pub const CHECK_PASSED: &str = "passed";
/// Outcome of a failed background check.
pub const CHECK_FAILED: &str = "failed";

/// The background check as shown.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct CheckView {
    /// `passed` or `failed`.
    pub outcome: String,
    /// Done on.
    pub checked_on: Option<NaiveDate>,
    /// Lapses on (none: never).
    pub expires_on: Option<NaiveDate>,
    /// Passed and not lapsed today.
    pub valid: bool,
}

/// A training module with the volunteer's latest completion.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct TrainingStatus {
    /// Module code.
    pub code: String,
    /// Module name in the requested language.
    pub name: String,
    /// Approval requires it.
    pub mandatory: bool,
    /// Latest completion.
    pub completed_on: Option<NaiveDate>,
    /// That completion lapses on.
    pub expires_on: Option<NaiveDate>,
    /// Completed and not lapsed today.
    pub valid: bool,
}

/// A problem in the way of approval or matching, explained.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ProblemView {
    /// Message key (`vetting-problem-…`), stable.
    pub code: String,
    /// Explanation in the requested language.
    pub message: String,
}

/// The check of a volunteer row, if one was recorded.
pub fn check_of(v: &volunteer::Model) -> Option<Check> {
    v.check_outcome.as_deref().map(|outcome| Check {
        passed: outcome == CHECK_PASSED,
        expires_on: v.check_expires_on,
    })
}

/// The check as shown on `today`.
pub fn check_view(v: &volunteer::Model, today: NaiveDate) -> Option<CheckView> {
    let check = check_of(v)?;
    Some(CheckView {
        outcome: v.check_outcome.clone().unwrap_or_default(),
        checked_on: v.checked_on,
        expires_on: v.check_expires_on,
        valid: check.passed && valid_on(check.expires_on, today),
    })
}

/// The latest completion of each module among `rows`: the latest date, and on a tie the
/// later expiry.
pub fn latest(
    rows: impl IntoIterator<Item = volunteer_training::Model>,
) -> HashMap<i64, volunteer_training::Model> {
    let mut best: HashMap<i64, volunteer_training::Model> = HashMap::new();
    for row in rows {
        let better = match best.get(&row.module_id) {
            None => true,
            Some(current) => {
                (row.completed_on, row.expires_on.unwrap_or(NaiveDate::MAX))
                    > (
                        current.completed_on,
                        current.expires_on.unwrap_or(NaiveDate::MAX),
                    )
            }
        };
        if better {
            best.insert(row.module_id, row);
        }
    }
    best
}

/// The readiness of one volunteer given the active modules and their latest completions.
pub fn readiness_of(
    v: &volunteer::Model,
    modules: &[training_module::Model],
    completions: &HashMap<i64, volunteer_training::Model>,
) -> Readiness {
    Readiness {
        check: check_of(v),
        modules: modules
            .iter()
            .map(|m| {
                let done = completions.get(&m.id);
                ModuleStatus {
                    code: m.code.clone(),
                    mandatory: m.mandatory,
                    completed_on: done.map(|c| c.completed_on),
                    expires_on: done.and_then(|c| c.expires_on),
                }
            })
            .collect(),
    }
}

/// Loads the readiness of a volunteer and the status of each active module on `today`, named
/// in `lang`.
pub async fn load(
    db: &impl ConnectionTrait,
    v: &volunteer::Model,
    lang: Lang,
    today: NaiveDate,
) -> Result<(Readiness, Vec<TrainingStatus>), AppError> {
    let modules = training::all(db, false).await?;
    let completions = latest(
        volunteer_training::Entity::find()
            .filter(volunteer_training::Column::VolunteerId.eq(v.id))
            .all(db)
            .await?,
    );
    let readiness = readiness_of(v, &modules, &completions);
    let statuses = modules
        .iter()
        .zip(&readiness.modules)
        .map(|(m, s)| TrainingStatus {
            code: m.code.clone(),
            name: training::name_in(m, lang),
            mandatory: m.mandatory,
            completed_on: s.completed_on,
            expires_on: s.expires_on,
            valid: s.completed_on.is_some() && valid_on(s.expires_on, today),
        })
        .collect();
    Ok((readiness, statuses))
}

/// Problems explained in `lang`, naming modules by their names.
pub fn problem_views(
    problems: &[Problem],
    trainings: &[TrainingStatus],
    lang: Lang,
) -> Vec<ProblemView> {
    problems
        .iter()
        .map(|p| {
            let module_name = |code: &str| {
                trainings
                    .iter()
                    .find(|t| t.code == code)
                    .map_or_else(|| code.to_owned(), |t| t.name.clone())
            };
            let args = match p {
                Problem::CheckExpired(on) => i18n::args([("date", on.to_string().into())]),
                Problem::TrainingMissing(code) => {
                    i18n::args([("module", module_name(code).into())])
                }
                Problem::TrainingExpired(code, on) => i18n::args([
                    ("module", module_name(code).into()),
                    ("date", on.to_string().into()),
                ]),
                _ => i18n::Args::new(),
            };
            ProblemView {
                code: p.message_key().to_owned(),
                message: i18n::t_args(lang, p.message_key(), &args),
            }
        })
        .collect()
}
