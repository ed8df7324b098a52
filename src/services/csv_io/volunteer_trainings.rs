//! The `trainings` column of `volunteers`: the training modules a volunteer completed, as
//! `code YYYY-MM-DD` separated by `;` (`intro 2026-01-05; safeguarding 2026-01-10`), and the
//! approval guard an imported `approved` row must pass (the queue's: a passed, unexpired
//! check and every mandatory module completed and unexpired).

use std::collections::{BTreeMap, HashMap};

use chrono::{Months, NaiveDate, Utc};
use entity::{training_module, volunteer_training};
use sea_orm::{ConnectionTrait, EntityTrait, Set};

use super::cells::split_list;
use crate::domain::vetting::{Check, ModuleStatus, Problem, Readiness};
use crate::error::{AppError, FieldError};
use crate::services::volunteers::vetting::ValidCheck;

/// The column.
pub const COLUMN: &str = "trainings";

/// One completion in a row.
#[derive(Clone, Debug, PartialEq)]
pub struct Completion {
    module_id: i64,
    code: String,
    completed_on: NaiveDate,
    expires_on: Option<NaiveDate>,
}

/// The modules, and the completions already recorded (latest per module, by volunteer).
pub struct Modules {
    modules: Vec<training_module::Model>,
    recorded: HashMap<i64, BTreeMap<String, NaiveDate>>,
}

impl Modules {
    /// Loads the modules and every recorded completion.
    pub async fn load(db: &impl ConnectionTrait) -> Result<Modules, AppError> {
        let modules = training_module::Entity::find().all(db).await?;
        let codes: HashMap<i64, String> = modules.iter().map(|m| (m.id, m.code.clone())).collect();
        let mut recorded: HashMap<i64, BTreeMap<String, NaiveDate>> = HashMap::new();
        for t in volunteer_training::Entity::find().all(db).await? {
            if let Some(code) = codes.get(&t.module_id) {
                let latest = recorded
                    .entry(t.volunteer_id)
                    .or_default()
                    .entry(code.clone())
                    .or_insert(t.completed_on);
                *latest = (*latest).max(t.completed_on);
            }
        }
        Ok(Modules { modules, recorded })
    }

    /// Reads a `trainings` cell: active modules, days not after `today`.
    pub fn parse(&self, text: &str, today: NaiveDate) -> Result<Vec<Completion>, FieldError> {
        split_list(text)
            .iter()
            .map(|item| {
                let (code, day) = item
                    .split_once(char::is_whitespace)
                    .ok_or_else(|| FieldError::new(COLUMN, "error-csv-volunteer-trainings"))?;
                let module = self
                    .modules
                    .iter()
                    .find(|m| m.active && m.code == code.trim())
                    .ok_or_else(|| {
                        FieldError::new(COLUMN, "error-csv-volunteer-training-unknown")
                            .with("module", code.trim())
                    })?;
                let completed_on = NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
                    .ok()
                    .filter(|d| *d <= today)
                    .ok_or_else(|| FieldError::new(COLUMN, "error-csv-volunteer-trainings"))?;
                Ok(Completion {
                    module_id: module.id,
                    code: module.code.clone(),
                    completed_on,
                    expires_on: module.validity_months.and_then(|months| {
                        completed_on.checked_add_months(Months::new(months.unsigned_abs()))
                    }),
                })
            })
            .collect()
    }

    /// The cell of what is recorded for a volunteer (latest per module, by code).
    pub fn recorded_text(&self, volunteer_id: i64) -> String {
        self.recorded
            .get(&volunteer_id)
            .map(text)
            .unwrap_or_default()
    }

    /// What the approval guard looks at, from a row's check and completions.
    pub fn readiness(&self, check: Option<ValidCheck>, completions: &[Completion]) -> Readiness {
        Readiness {
            check: check.map(|(outcome, _, expires_on)| Check {
                passed: outcome == "passed",
                expires_on,
            }),
            modules: self
                .modules
                .iter()
                .filter(|m| m.active)
                .map(|m| {
                    let latest = completions
                        .iter()
                        .filter(|c| c.module_id == m.id)
                        .max_by_key(|c| c.completed_on);
                    ModuleStatus {
                        code: m.code.clone(),
                        mandatory: m.mandatory,
                        completed_on: latest.map(|c| c.completed_on),
                        expires_on: latest.and_then(|c| c.expires_on),
                    }
                })
                .collect(),
        }
    }
}

/// The cell of completions: latest per module, by code.
pub fn completions_text(completions: &[Completion]) -> String {
    let mut latest: BTreeMap<String, NaiveDate> = BTreeMap::new();
    for c in completions {
        let day = latest.entry(c.code.clone()).or_insert(c.completed_on);
        *day = (*day).max(c.completed_on);
    }
    text(&latest)
}

fn text(latest: &BTreeMap<String, NaiveDate>) -> String {
    latest
        .iter()
        .map(|(code, day)| format!("{code} {day}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why a row cannot be approved, as problems of its columns.
pub fn problems(problems: Vec<Problem>) -> Vec<FieldError> {
    problems
        .into_iter()
        .map(|p| match &p {
            Problem::CheckMissing | Problem::CheckFailed => {
                FieldError::new("check_outcome", p.message_key())
            }
            Problem::CheckExpired(on) => {
                FieldError::new("check_expires_on", p.message_key()).with("date", on)
            }
            Problem::TrainingMissing(code) => {
                FieldError::new(COLUMN, p.message_key()).with("module", code)
            }
            Problem::TrainingExpired(code, on) => FieldError::new(COLUMN, p.message_key())
                .with("module", code)
                .with("date", on),
        })
        .collect()
}

/// The rows recording a volunteer's completions.
pub fn rows(
    volunteer_id: i64,
    completions: &[Completion],
    recorded_by: Option<i64>,
) -> Vec<volunteer_training::ActiveModel> {
    completions
        .iter()
        .map(|c| volunteer_training::ActiveModel {
            volunteer_id: Set(volunteer_id),
            module_id: Set(c.module_id),
            completed_on: Set(c.completed_on),
            expires_on: Set(c.expires_on),
            recorded_by: Set(recorded_by),
            recorded_at: Set(Utc::now()),
            ..Default::default()
        })
        .collect()
}
