//! The vetting pipeline as coordinators work it: moving volunteers between stages (the rules
//! are `domain::vetting`), interview notes, background checks and training completions. Each
//! change is one transaction with its history entry, audit event and e-mail.

use chrono::{Months, NaiveDate, Utc};
use entity::{training_module, volunteer, volunteer_note, volunteer_training};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::status::{self, CHECK_FAILED, CHECK_PASSED};
use super::{History, account};
use crate::domain::vetting::{self, Party, Refusal, Stage};
use crate::domain::volunteer::parse_text;
use crate::error::{AppError, FieldError, FieldErrors};
use crate::i18n::Lang;
use crate::mail::{Mail, Mailer};
use crate::services::audit::{self, Actor, Event};

/// Longest reason or note, in characters.
pub const MAX_TEXT: usize = 5000;

/// Moves a volunteer row from its current stage to `to` only if nobody moved it meanwhile
/// (a conditional update, safe with concurrent coordinators on both databases).
pub(crate) async fn move_stage(
    db: &impl ConnectionTrait,
    v: &volunteer::Model,
    to: Stage,
    reason: Option<&str>,
) -> Result<(), AppError> {
    let now = Utc::now();
    let moved = volunteer::Entity::update_many()
        .col_expr(volunteer::Column::Stage, Expr::value(to.as_str()))
        .col_expr(
            volunteer::Column::StageReason,
            Expr::value(reason.filter(|r| !r.is_empty()).map(str::to_owned)),
        )
        .col_expr(volunteer::Column::StageChangedAt, Expr::value(now))
        .col_expr(volunteer::Column::UpdatedAt, Expr::value(now))
        .filter(volunteer::Column::Id.eq(v.id))
        .filter(volunteer::Column::Stage.eq(v.stage))
        .exec(db)
        .await?
        .rows_affected;
    if moved == 1 {
        Ok(())
    } else {
        Err(AppError::Conflict("error-vetting-changed"))
    }
}

/// Queues the e-mail telling a volunteer about their new stage, in their language.
pub(crate) async fn stage_mail(
    db: &impl ConnectionTrait,
    mailer: &Mailer,
    v: &volunteer::Model,
    stage: Stage,
    reason: Option<&str>,
) -> Result<(), AppError> {
    let lang = Lang::parse(&v.language).unwrap_or(Lang::Az);
    mailer
        .enqueue(
            db,
            Mail::new("volunteer_stage", &v.email, &v.name, lang)
                .with("stage", &stage.as_str())
                .with("previous", &v.stage.as_str())
                .with("reason", &reason.filter(|r| !r.is_empty())),
        )
        .await?;
    Ok(())
}

/// A decision of a coordinator: the stage to move to and why.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct TransitionInput {
    /// Target stage: `interview`, `background_check`, `training`, `approved`, `rejected`,
    /// `suspended`, `withdrawn`.
    #[serde(default)]
    pub to: String,
    /// Reason (required to reject or suspend; sent to the volunteer).
    #[serde(default)]
    pub reason: String,
}

/// Moves a volunteer to another stage as a coordinator. Approval creates (or links) the
/// volunteer's account and e-mails a link to set a password; suspension and withdrawal
/// deactivate the account; reinstatement reactivates it.
pub async fn transition(
    db: &DatabaseConnection,
    mailer: &Mailer,
    actor: &Actor,
    ip: &str,
    id: i64,
    input: &TransitionInput,
    today: NaiveDate,
) -> Result<(), AppError> {
    let to =
        Stage::parse(&input.to).ok_or_else(|| AppError::field("to", "error-choice-unknown"))?;
    let reason = parse_text("reason", &input.reason, MAX_TEXT, false)
        .map_err(|e| AppError::Validation(FieldErrors(vec![e])))?;
    let txn = crate::db::begin_write(db).await?;
    let v = super::find(&txn, id).await?;
    let (readiness, _) = status::load(&txn, &v, Lang::En, today).await?;
    match vetting::check(v.stage, to, Party::Coordinator, &reason, &readiness, today) {
        Ok(()) => {}
        Err(Refusal::NotAllowed) => return Err(AppError::Conflict("error-vetting-not-allowed")),
        Err(Refusal::ReasonRequired) => {
            return Err(AppError::field("reason", "error-reason-required"));
        }
        Err(Refusal::NotReady(_)) => return Err(AppError::field("to", "error-vetting-not-ready")),
    }
    move_stage(&txn, &v, to, Some(&reason)).await?;
    let mut detail = json!({ "from": v.stage.as_str(), "to": to.as_str() });
    match (v.stage, to) {
        (Stage::Training, Stage::Approved) => {
            let user_id = account::open(&txn, mailer, actor, ip, &v).await?;
            detail["user_id"] = json!(user_id);
        }
        (Stage::Suspended, Stage::Approved) => {
            account::set_active(&txn, v.user_id, true).await?;
            stage_mail(&txn, mailer, &v, to, Some(&reason)).await?;
        }
        (_, Stage::Suspended | Stage::Withdrawn) => {
            account::set_active(&txn, v.user_id, false).await?;
            stage_mail(&txn, mailer, &v, to, Some(&reason)).await?;
        }
        _ => stage_mail(&txn, mailer, &v, to, Some(&reason)).await?,
    }
    History {
        volunteer_id: v.id,
        actor,
        kind: "transition",
        stages: Some((v.stage, to)),
        reason: Some(reason),
        detail: detail.clone(),
    }
    .write(&txn)
    .await?;
    audit::record(
        &txn,
        Event::new(actor.clone(), "volunteer.transition", ip)
            .on("volunteer", v.id)
            .detail(detail),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn open_for_vetting(v: &volunteer::Model) -> Result<(), AppError> {
    if vetting::is_closed(v.stage) || v.stage == Stage::Applied || v.erased_at.is_some() {
        Err(AppError::Conflict("error-vetting-closed"))
    } else {
        Ok(())
    }
}

/// A confidential interview note.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct NoteInput {
    /// Text (up to 5000 characters).
    #[serde(default)]
    pub body: String,
}

/// Adds an interview note (confidential: only coordinators read it, and reads are audited).
pub async fn add_note(
    db: &DatabaseConnection,
    actor: &Actor,
    ip: &str,
    id: i64,
    input: &NoteInput,
) -> Result<(), AppError> {
    let body = parse_text("body", &input.body, MAX_TEXT, true)
        .map_err(|e| AppError::Validation(FieldErrors(vec![e])))?;
    let txn = crate::db::begin_write(db).await?;
    let v = super::find(&txn, id).await?;
    open_for_vetting(&v)?;
    let (author_id, author_label) = super::actor_parts(actor);
    volunteer_note::ActiveModel {
        volunteer_id: Set(v.id),
        author_id: Set(author_id),
        author_label: Set(author_label),
        body: Set(body),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    History {
        volunteer_id: v.id,
        actor,
        kind: "note",
        stages: None,
        reason: None,
        detail: json!({}),
    }
    .write(&txn)
    .await?;
    audit::record(
        &txn,
        Event::new(actor.clone(), "volunteer.note_added", ip).on("volunteer", v.id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The outcome of a background check as submitted.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct CheckInput {
    /// `passed` or `failed`.
    #[serde(default)]
    pub outcome: String,
    /// Done on, `YYYY-MM-DD` (not in the future).
    #[serde(default)]
    pub checked_on: String,
    /// Lapses on, `YYYY-MM-DD`, after `checked_on`; required when passed.
    #[serde(default)]
    pub expires_on: String,
}

/// Parses a `YYYY-MM-DD` date; empty is `None`.
pub fn parse_date(field: &str, text: &str) -> Result<Option<NaiveDate>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|d| (1900..=9999).contains(&chrono::Datelike::year(d)))
        .map(Some)
        .ok_or_else(|| FieldError::new(field, "error-date-invalid"))
}

/// A background check validated: outcome (`passed` or `failed`), done on, lapses on.
pub type ValidCheck = (&'static str, NaiveDate, Option<NaiveDate>);

/// Validates a background check as submitted on `today`.
pub fn parse_check(input: &CheckInput, today: NaiveDate) -> Result<ValidCheck, FieldErrors> {
    let mut errors = FieldErrors::new();
    let outcome = match input.outcome.trim() {
        CHECK_PASSED => Some(CHECK_PASSED),
        CHECK_FAILED => Some(CHECK_FAILED),
        _ => {
            errors.add("outcome", "error-choice-unknown");
            None
        }
    };
    let checked_on = match errors.take(parse_date("checked_on", &input.checked_on)) {
        Some(None) => {
            errors.add("checked_on", "error-required");
            None
        }
        Some(Some(d)) if d > today => {
            errors.add("checked_on", "error-date-future");
            None
        }
        other => other.flatten(),
    };
    let expires_on = errors
        .take(parse_date("expires_on", &input.expires_on))
        .flatten();
    match (outcome, checked_on, expires_on) {
        (Some(CHECK_PASSED), _, None) => errors.add("expires_on", "error-required"),
        (_, Some(from), Some(to)) if to <= from => {
            errors.add("expires_on", "error-date-after-check");
        }
        _ => {}
    }
    match (outcome, checked_on) {
        (Some(outcome), Some(checked_on)) if errors.is_empty() => {
            Ok((outcome, checked_on, expires_on))
        }
        _ => Err(errors),
    }
}

/// Records the outcome of a background check (replacing the previous one).
pub async fn record_check(
    db: &DatabaseConnection,
    actor: &Actor,
    ip: &str,
    id: i64,
    input: &CheckInput,
    today: NaiveDate,
) -> Result<(), AppError> {
    let (outcome, checked_on, expires_on) =
        parse_check(input, today).map_err(AppError::Validation)?;
    let txn = crate::db::begin_write(db).await?;
    let v = super::find(&txn, id).await?;
    open_for_vetting(&v)?;
    let mut row: volunteer::ActiveModel = v.clone().into();
    row.check_outcome = Set(Some(outcome.to_owned()));
    row.checked_on = Set(Some(checked_on));
    row.check_expires_on = Set(expires_on);
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    let detail = json!({ "outcome": outcome, "checked_on": checked_on, "expires_on": expires_on });
    History {
        volunteer_id: v.id,
        actor,
        kind: "check",
        stages: None,
        reason: None,
        detail: detail.clone(),
    }
    .write(&txn)
    .await?;
    audit::record(
        &txn,
        Event::new(actor.clone(), "volunteer.check_recorded", ip)
            .on("volunteer", v.id)
            .detail(detail),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A training completion as submitted.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct TrainingInput {
    /// Module code (`GET /api/v1/training-modules`).
    #[serde(default)]
    pub module: String,
    /// Completed on, `YYYY-MM-DD` (not in the future).
    #[serde(default)]
    pub completed_on: String,
}

/// Records that a volunteer completed a module; the completion lapses after the module's
/// validity at this time.
pub async fn record_training(
    db: &DatabaseConnection,
    actor: &Actor,
    ip: &str,
    id: i64,
    input: &TrainingInput,
    today: NaiveDate,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let module = training_module::Entity::find()
        .filter(training_module::Column::Code.eq(input.module.trim()))
        .filter(training_module::Column::Active.eq(true))
        .one(db)
        .await?;
    if module.is_none() {
        errors.add("module", "error-choice-unknown");
    }
    let completed_on = match errors.take(parse_date("completed_on", &input.completed_on)) {
        Some(None) => {
            errors.add("completed_on", "error-required");
            None
        }
        Some(Some(d)) if d > today => {
            errors.add("completed_on", "error-date-future");
            None
        }
        other => other.flatten(),
    };
    errors.into_result()?;
    let (Some(module), Some(completed_on)) = (module, completed_on) else {
        return Err(AppError::BadRequest("error-validation"));
    };
    let expires_on = module
        .validity_months
        .and_then(|m| completed_on.checked_add_months(Months::new(m.unsigned_abs())));
    let txn = crate::db::begin_write(db).await?;
    let v = super::find(&txn, id).await?;
    open_for_vetting(&v)?;
    let (recorded_by, _) = super::actor_parts(actor);
    volunteer_training::ActiveModel {
        volunteer_id: Set(v.id),
        module_id: Set(module.id),
        completed_on: Set(completed_on),
        expires_on: Set(expires_on),
        recorded_by: Set(recorded_by),
        recorded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let detail = json!({
        "module": module.code, "completed_on": completed_on, "expires_on": expires_on
    });
    History {
        volunteer_id: v.id,
        actor,
        kind: "training",
        stages: None,
        reason: None,
        detail: detail.clone(),
    }
    .write(&txn)
    .await?;
    audit::record(
        &txn,
        Event::new(actor.clone(), "volunteer.training_recorded", ip)
            .on("volunteer", v.id)
            .detail(detail),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
