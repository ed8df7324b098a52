//! The approved volunteer's own dashboard: their profile, availability and travel distance,
//! their training, pausing, and withdrawing with a request to delete their data.
//!
//! Withdrawal erases at once what the service does not need (privacy notes of the design):
//! name, e-mail address, phone, exact home location, free text (motivation, other skills,
//! reasons in the history), interview notes and pending links; the account is deactivated and
//! anonymised. What stays is anonymous: languages, skill and specialty codes, roles sought,
//! region, travel distance, stages with their dates, check outcome and training dates — for
//! statistics. The audit log keeps its rows (it is append-only by law and design), and e-mails
//! already sent stay in the outbox until it is cleaned.

use chrono::{NaiveDate, Utc};
use entity::{volunteer, volunteer_event, volunteer_note, volunteer_token};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, Set,
};
use serde_json::json;

use super::profile::{self, ProfileInput};
use super::{History, VolunteerProfile, account};
use crate::domain::vetting::{self, Party, Readiness, Stage};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Lang;
use crate::mail::{Mail, Mailer};
use crate::services::audit::{self, Actor, Event};

/// The volunteer row of a user.
pub async fn find_own(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<volunteer::Model, AppError> {
    volunteer::Entity::find()
        .filter(volunteer::Column::UserId.eq(user_id))
        .filter(volunteer::Column::ErasedAt.is_null())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The signed-in volunteer's profile and status.
pub async fn own(
    db: &impl ConnectionTrait,
    user_id: i64,
    lang: Lang,
    today: NaiveDate,
) -> Result<VolunteerProfile, AppError> {
    let v = find_own(db, user_id).await?;
    super::profile_view(db, v, lang, today).await
}

/// Saves the volunteer's own changes to their profile (not their e-mail address).
pub async fn update_own(
    db: &DatabaseConnection,
    actor: &Actor,
    ip: &str,
    user_id: i64,
    input: &ProfileInput,
) -> Result<(), AppError> {
    let v = find_own(db, user_id).await?;
    let fallback = Lang::parse(&v.language).unwrap_or(Lang::Az);
    let mut errors = FieldErrors::new();
    let parsed = profile::parse_profile(db, input, fallback, &mut errors).await?;
    errors.into_result()?;
    let parsed = parsed.ok_or(AppError::BadRequest("error-validation"))?;
    let txn = crate::db::begin_write(db).await?;
    let mut row: volunteer::ActiveModel = v.clone().into();
    profile::write(&parsed, &mut row);
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    History {
        volunteer_id: v.id,
        actor,
        kind: "profile",
        stages: None,
        reason: None,
        detail: json!({}),
    }
    .write(&txn)
    .await?;
    audit::record(
        &txn,
        Event::new(actor.clone(), "volunteer.profile_updated", ip).on("volunteer", v.id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Pauses (or resumes) the volunteer's availability: a paused volunteer is not matched.
pub async fn set_paused(
    db: &DatabaseConnection,
    actor: &Actor,
    ip: &str,
    user_id: i64,
    paused: bool,
) -> Result<(), AppError> {
    let v = find_own(db, user_id).await?;
    if v.paused == paused {
        return Ok(());
    }
    let txn = crate::db::begin_write(db).await?;
    let mut row: volunteer::ActiveModel = v.clone().into();
    row.paused = Set(paused);
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    let kind = if paused { "paused" } else { "resumed" };
    History {
        volunteer_id: v.id,
        actor,
        kind,
        stages: None,
        reason: None,
        detail: json!({}),
    }
    .write(&txn)
    .await?;
    audit::record(
        &txn,
        Event::new(
            actor.clone(),
            if paused {
                "volunteer.paused"
            } else {
                "volunteer.resumed"
            },
            ip,
        )
        .on("volunteer", v.id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Withdraws the signed-in volunteer with a request to delete their data: the stage becomes
/// `withdrawn`, the request is recorded, a confirmation is e-mailed, and personal data is
/// erased (see the module notes). Their sessions end.
pub async fn withdraw(
    db: &DatabaseConnection,
    mailer: &Mailer,
    actor: &Actor,
    ip: &str,
    user_id: i64,
) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    let v = find_own(&txn, user_id).await?;
    let today = Utc::now().date_naive();
    vetting::check(
        v.stage,
        Stage::Withdrawn,
        Party::Volunteer,
        "",
        &Readiness::default(),
        today,
    )
    .map_err(|_| AppError::Conflict("error-vetting-not-allowed"))?;
    super::vetting::move_stage(&txn, &v, Stage::Withdrawn, None).await?;
    let lang = Lang::parse(&v.language).unwrap_or(Lang::Az);
    mailer
        .enqueue(
            &txn,
            Mail::new("volunteer_withdrawn", &v.email, &v.name, lang),
        )
        .await?;
    History {
        volunteer_id: v.id,
        actor,
        kind: "transition",
        stages: Some((v.stage, Stage::Withdrawn)),
        reason: None,
        detail: json!({ "deletion_requested": true }),
    }
    .write(&txn)
    .await?;
    audit::record(
        &txn,
        Event::new(actor.clone(), "volunteer.withdrawn", ip)
            .on("volunteer", v.id)
            .detail(json!({ "deletion_requested": true })),
    )
    .await?;
    erase(&txn, v.id).await?;
    account::erase(&txn, v.user_id).await?;
    audit::record(
        &txn,
        Event::new(actor.clone(), "volunteer.erased", ip).on("volunteer", v.id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Erases the personal data of a volunteer, keeping the anonymous rest (see the module notes).
pub async fn erase(db: &impl ConnectionTrait, id: i64) -> Result<(), AppError> {
    let v = super::find(db, id).await?;
    let user_id = v.user_id;
    let now = Utc::now();
    let placeholder = format!("erased-{id}@erased.invalid");
    let mut row: volunteer::ActiveModel = v.into();
    row.name = Set(String::new());
    row.name_key = Set(String::new());
    row.email = Set(placeholder.clone());
    row.email_key = Set(placeholder);
    row.phone = Set(None);
    row.skills_other = Set(String::new());
    row.settlement = Set(None);
    row.lat = Set(None);
    row.lon = Set(None);
    row.availability = Set("[]".into());
    row.motivation = Set(String::new());
    row.stage_reason = Set(None);
    row.paused = Set(false);
    row.deletion_requested_at = Set(Some(now));
    row.erased_at = Set(Some(now));
    row.updated_at = Set(now);
    row.update(db).await?;
    volunteer_note::Entity::delete_many()
        .filter(volunteer_note::Column::VolunteerId.eq(id))
        .exec(db)
        .await?;
    volunteer_token::Entity::delete_many()
        .filter(volunteer_token::Column::VolunteerId.eq(id))
        .exec(db)
        .await?;
    volunteer_event::Entity::update_many()
        .col_expr(
            volunteer_event::Column::Reason,
            Expr::value(Option::<String>::None),
        )
        .filter(volunteer_event::Column::VolunteerId.eq(id))
        .exec(db)
        .await?;
    // Entries by the volunteer themself are labelled with their address: relabel them.
    let mut own_entries = Condition::any().add(volunteer_event::Column::ActorId.is_null());
    if let Some(user_id) = user_id {
        own_entries = own_entries.add(volunteer_event::Column::ActorId.eq(user_id));
    }
    volunteer_event::Entity::update_many()
        .col_expr(volunteer_event::Column::ActorLabel, Expr::value("—"))
        .filter(volunteer_event::Column::VolunteerId.eq(id))
        .filter(own_entries)
        .exec(db)
        .await?;
    let actor = Actor::System;
    History {
        volunteer_id: id,
        actor: &actor,
        kind: "erased",
        stages: None,
        reason: None,
        detail: json!({}),
    }
    .write(db)
    .await?;
    Ok(())
}
