//! `volunteers` in CSV: one row per volunteer or applicant, with their vetting stage and
//! background check.
//!
//! Rows are checked with the sign-up form's rules (`volunteers::profile`) and the check with
//! the queue's (`vetting::parse_check`). A new row enters the pipeline at the stage it gives
//! (default `email_verified`: the service got the address from the person), never at
//! `applied` (that needs our verification e-mail) nor `suspended`. The queue's guards apply:
//! a row in `training` needs a passed, unexpired check; an `approved` row also every
//! mandatory training module (column `trainings`), and approving it opens the account as the
//! queue does: the mentor (or psychologist) role and an e-mail with a link to set a password.
//! Passwords are never imported. Updating a row (with `id`) changes the profile only: its
//! e-mail, stage, check and trainings must be left as they are (or empty); the queue moves
//! them.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use entity::volunteer;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;

use super::cells::{join_list, split_list, weekly_from_text, weekly_to_text};
use super::volunteer_trainings::{self as trainings, Completion, Modules};
use super::volunteer_vetting::{self, Stored};
use super::{Caller, CsvKind, Progress, Row, Who, rename_fields};
use crate::domain::email::Email;
use crate::domain::vetting::Stage;
use crate::error::{AppError, FieldError, FieldErrors};
use crate::i18n::Lang;
use crate::mail::Mailer;
use crate::services::audit::{self, Actor, Event};
use crate::services::batch;
use crate::services::lookup::Lookup;
use crate::services::volunteers::profile::{self, Profile, ProfileInput};
use crate::services::volunteers::vetting::ValidCheck;
use crate::services::volunteers::{History, account};

/// The `volunteers` kind.
pub struct Volunteers;

/// What the privacy-notice version of an imported volunteer says: they consented to the
/// service that kept the spreadsheet, on the day of `consent_on`.
pub const IMPORTED_CONSENT: &str = "imported";

/// Reference data, the volunteers already stored, and who imports.
pub struct Context {
    lookup: Lookup,
    modules: Modules,
    stored: HashMap<i64, Stored>,
    actor: Actor,
    ip: String,
    mailer: Mailer,
}

/// A validated row.
pub struct Record {
    id: Option<i64>,
    email: Email,
    profile: Profile,
    stage: Stage,
    reason: Option<String>,
    check: Option<ValidCheck>,
    completions: Vec<Completion>,
    consent_on: NaiveDate,
}

/// The stored rows the updates change, by id.
async fn load(
    txn: &DatabaseTransaction,
    updates: &[Record],
) -> Result<HashMap<i64, volunteer::Model>, AppError> {
    let ids: Vec<i64> = updates.iter().filter_map(|r| r.id).collect();
    batch::records_by_id::<volunteer::Entity>(txn, volunteer::Column::Id, &ids, |v| v.id).await
}

/// A new volunteer's row: the profile, the stage, the check and the consent of `record`.
fn new_row(record: &Record, now: chrono::DateTime<Utc>) -> volunteer::ActiveModel {
    let (check_outcome, checked_on, check_expires_on) = match record.check {
        Some((outcome, on, expires)) => (Some(outcome.to_owned()), Some(on), expires),
        None => (None, None, None),
    };
    let mut row = volunteer::ActiveModel {
        email: Set(record.email.as_str().to_owned()),
        email_key: Set(record.email.key()),
        skills_other: Set(String::new()),
        consent_at: Set(record.consent_on.and_time(chrono::NaiveTime::MIN).and_utc()),
        privacy_version: Set(IMPORTED_CONSENT.to_owned()),
        stage: Set(record.stage),
        stage_reason: Set(record.reason.clone()),
        stage_changed_at: Set(now),
        user_id: Set(None),
        paused: Set(false),
        max_mentees: Set(profile::DEFAULT_MENTEES),
        check_outcome: Set(check_outcome),
        checked_on: Set(checked_on),
        check_expires_on: Set(check_expires_on),
        created_at: Set(now),
        updated_at: Set(now),
        deletion_requested_at: Set(None),
        erased_at: Set(None),
        ..Default::default()
    };
    profile::write(&record.profile, &mut row);
    row
}

impl CsvKind for Volunteers {
    const NAME: &'static str = "volunteers";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "name",
        "email",
        "phone",
        "language",
        "languages",
        "skills",
        "skills_other",
        "roles",
        "professional_kind",
        "specialties",
        "settlement",
        "lat",
        "lon",
        "travel_km",
        "availability",
        "motivation",
        "max_mentees",
        "stage",
        "stage_reason",
        "check_outcome",
        "checked_on",
        "check_expires_on",
        "trainings",
        "consent_on",
    ];
    const REQUIRED: &'static [&'static str] = &[
        "name",
        "email",
        "languages",
        "roles",
        "travel_km",
        "availability",
        "motivation",
    ];
    type Context = Context;
    type Record = Record;

    async fn context(txn: &DatabaseTransaction, who: &Who<'_>) -> Result<Context, AppError> {
        let stored = volunteer::Entity::find()
            .filter(volunteer::Column::ErasedAt.is_null())
            .all(txn)
            .await?
            .into_iter()
            .map(|v| (v.id, Stored::of(&v)))
            .collect();
        Ok(Context {
            lookup: Lookup::basic(txn).await?,
            modules: Modules::load(txn).await?,
            stored,
            actor: who.caller.actor(),
            ip: who.ip.to_owned(),
            mailer: who.mailer.clone(),
        })
    }

    fn parse(ctx: &Context, row: &Row<'_>) -> Result<Record, Vec<FieldError>> {
        let mut problems = Vec::new();
        let id = match row.get("id").trim() {
            "" => None,
            text => match text.parse::<i64>() {
                Ok(id) if ctx.stored.contains_key(&id) => Some(id),
                _ => {
                    problems.push(FieldError::new("id", "error-csv-id-unknown"));
                    None
                }
            },
        };
        let stored = id.and_then(|id| ctx.stored.get(&id));
        let email = Email::parse("email", row.get("email"))
            .map_err(|e| problems.push(e))
            .ok();
        if let (Some(email), Some(stored)) = (&email, stored)
            && email.key() != stored.email_key
        {
            problems.push(FieldError::new("email", "error-csv-volunteer-email-change"));
        }
        let vetting = volunteer_vetting::parse(row, id, stored, &ctx.modules, ctx.lookup.today)
            .map_err(|e| problems.extend(e))
            .ok();
        let consent_on = match crate::domain::case_fields::date(
            "consent_on",
            row.get("consent_on"),
            stored.is_none(),
        ) {
            Ok(Some(day)) if day > ctx.lookup.today => {
                problems.push(FieldError::new("consent_on", "error-date-future"));
                None
            }
            Ok(day) => Some(day.unwrap_or(ctx.lookup.today)),
            Err(e) => {
                problems.push(e);
                None
            }
        };
        // The form offers a choice; a file could hold anything, and a typo must not quietly
        // become Azerbaijani.
        let language = row.get("language").trim();
        if !language.is_empty() && Lang::parse(language).is_none() {
            problems.push(FieldError::new("language", "error-choice-unknown"));
        }
        let availability = weekly_from_text("availability", row.get("availability"))
            .map_err(|e| problems.push(e))
            .unwrap_or_default();
        let input = ProfileInput {
            name: row.get("name").to_owned(),
            phone: row.get("phone").to_owned(),
            language: row.get("language").to_owned(),
            languages: split_list(row.get("languages")),
            skills: split_list(row.get("skills")),
            skills_other: row.get("skills_other").to_owned(),
            roles: split_list(row.get("roles")),
            professional_kind: row.get("professional_kind").to_owned(),
            specialties: split_list(row.get("specialties")),
            home_settlement: row.get("settlement").to_owned(),
            home_lat: row.get("lat").to_owned(),
            home_lon: row.get("lon").to_owned(),
            travel_km: row.get("travel_km").to_owned(),
            availability,
            motivation: row.get("motivation").to_owned(),
            max_mentees: row.get("max_mentees").to_owned(),
        };
        let mut errors = FieldErrors::new();
        let profile = profile::parse_profile_with(&ctx.lookup, &input, Lang::Az, &mut errors);
        problems.extend(
            rename_fields(
                errors,
                &[
                    ("home_settlement", "settlement"),
                    ("home_lat", "lat"),
                    ("home_lon", "lon"),
                ],
            )
            .0,
        );
        match (email, profile, vetting, consent_on) {
            (Some(email), Some(profile), Some(vetting), Some(consent_on))
                if problems.is_empty() =>
            {
                Ok(Record {
                    id,
                    email,
                    profile,
                    stage: vetting.stage,
                    reason: vetting.reason,
                    check: vetting.check,
                    completions: vetting.completions,
                    consent_on,
                })
            }
            _ => Err(problems),
        }
    }

    async fn check_all(
        txn: &DatabaseTransaction,
        records: &[&Record],
    ) -> Result<Vec<(usize, FieldError)>, AppError> {
        let mut problems = Vec::new();
        let mut ids = HashSet::new();
        let mut emails = HashSet::new();
        let taken: HashMap<String, i64> = volunteer::Entity::find()
            .select_only()
            .column(volunteer::Column::EmailKey)
            .column(volunteer::Column::Id)
            .into_tuple::<(String, i64)>()
            .all(txn)
            .await?
            .into_iter()
            .collect();
        for (i, record) in records.iter().enumerate() {
            if let Some(id) = record.id
                && !ids.insert(id)
            {
                problems.push((i, FieldError::new("id", "error-csv-id-twice")));
            }
            let key = record.email.key();
            let held_by_other = taken
                .get(&key)
                .is_some_and(|holder| Some(*holder) != record.id);
            if !emails.insert(key) || held_by_other {
                problems.push((
                    i,
                    FieldError::new("email", "error-csv-volunteer-email-taken"),
                ));
            }
        }
        Ok(problems)
    }

    async fn write(
        txn: &DatabaseTransaction,
        ctx: &Context,
        records: Vec<Record>,
        progress: &dyn Progress,
    ) -> Result<(usize, usize), AppError> {
        let now = Utc::now();
        let (updates, creates): (Vec<Record>, Vec<Record>) =
            records.into_iter().partition(|r| r.id.is_some());
        let mut existing = load(txn, &updates).await?;
        let updated = updates.len();
        for record in updates {
            let model = record
                .id
                .and_then(|id| existing.remove(&id))
                .ok_or(AppError::NotFound)?;
            let mut row: volunteer::ActiveModel = model.into();
            profile::write(&record.profile, &mut row);
            row.updated_at = Set(now);
            row.update(txn).await?;
            progress.advance(1);
        }
        let created = creates.len();
        for chunk in creates.chunks(batch::RECORD_BATCH) {
            let rows = chunk.iter().map(|r| new_row(r, now)).collect();
            let ids = batch::insert_returning_ids(txn, rows).await?;
            let history = chunk
                .iter()
                .zip(ids.iter().copied())
                .map(|(record, volunteer_id)| {
                    History {
                        volunteer_id,
                        actor: &ctx.actor,
                        kind: "imported",
                        stages: None,
                        reason: record.reason.clone(),
                        detail: json!({
                            "stage": record.stage.as_str(),
                            "consent_on": record.consent_on,
                        }),
                    }
                    .row()
                })
                .collect();
            batch::insert_rows(txn, history).await?;
            let recorded_by = crate::services::volunteers::actor_parts(&ctx.actor).0;
            let completions = chunk
                .iter()
                .zip(&ids)
                .flat_map(|(record, id)| trainings::rows(*id, &record.completions, recorded_by))
                .collect();
            batch::insert_rows(txn, completions).await?;
            let approved: Vec<i64> = chunk
                .iter()
                .zip(&ids)
                .filter(|(record, _)| record.stage == Stage::Approved)
                .map(|(_, id)| *id)
                .collect();
            for volunteer in volunteer::Entity::find()
                .filter(volunteer::Column::Id.is_in(approved))
                .all(txn)
                .await?
            {
                account::open(txn, &ctx.mailer, &ctx.actor, &ctx.ip, &volunteer).await?;
            }
            progress.advance(chunk.len() as u64);
        }
        Ok((created, updated))
    }

    async fn export(
        db: &DatabaseConnection,
        caller: &Caller<'_>,
        ip: &str,
    ) -> Result<Vec<Vec<String>>, AppError> {
        let modules = Modules::load(db).await?;
        let rows = volunteer::Entity::find()
            .filter(volunteer::Column::ErasedAt.is_null())
            .order_by_asc(volunteer::Column::Id)
            .all(db)
            .await?;
        // As every read of a volunteer's record is, each exported one is audited.
        let txn = db.begin().await?;
        let actor = caller.actor();
        audit::record_many(
            &txn,
            rows.iter()
                .map(|v| Event::new(actor.clone(), "volunteer.exported", ip).on("volunteer", v.id))
                .collect(),
        )
        .await?;
        txn.commit().await?;
        Ok(rows
            .into_iter()
            .map(|v| {
                let input = profile::to_input(&v);
                let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
                vec![
                    v.id.to_string(),
                    input.name,
                    v.email.clone(),
                    input.phone,
                    input.language,
                    join_list(&input.languages),
                    join_list(&input.skills),
                    input.skills_other,
                    join_list(&input.roles),
                    input.professional_kind,
                    join_list(&input.specialties),
                    input.home_settlement,
                    input.home_lat,
                    input.home_lon,
                    input.travel_km,
                    weekly_to_text(&crate::domain::availability::Weekly::from_json(
                        &v.availability,
                    )),
                    input.motivation,
                    input.max_mentees,
                    v.stage.as_str().to_owned(),
                    v.stage_reason.clone().unwrap_or_default(),
                    v.check_outcome.clone().unwrap_or_default(),
                    date(v.checked_on),
                    date(v.check_expires_on),
                    modules.recorded_text(v.id),
                    v.consent_at.date_naive().to_string(),
                ]
            })
            .collect())
    }
}
