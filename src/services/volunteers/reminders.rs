//! Reminders 30 days before a volunteer's background check or a mandatory training lapses.
//! Each reminder is sent once per subject and expiry date: the row recording it and the
//! e-mail are written in one transaction, and a unique index turns a second attempt (another
//! instance, another day's run) into a no-op.

use std::collections::HashMap;

use chrono::{Days, NaiveDate, Utc};
use entity::{volunteer, volunteer_reminder, volunteer_training};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, SqlErr,
    TransactionTrait,
};
use serde_json::json;

use super::History;
use super::status::{CHECK_PASSED, latest};
use crate::domain::vetting::Stage;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::mail::{Mail, Mailer};
use crate::services::audit::Actor;
use crate::services::training;

/// Days before the expiry that the reminder goes out.
pub const DAYS_BEFORE: u64 = 30;

/// One reminder due.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Due {
    volunteer_id: i64,
    /// `check` or `training:<code>`.
    subject: String,
    /// The module, for trainings.
    module_code: Option<String>,
    expires_on: NaiveDate,
}

/// Volunteers read per query when looking at lapsing trainings.
const CHUNK: usize = 500;

/// Sends the reminders due on `today` that were not sent before; returns how many were sent.
/// Only volunteers with something lapsing within [`DAYS_BEFORE`] days are read, so the daily
/// run stays small whatever the number of volunteers.
pub async fn send_expiry_reminders(
    db: &DatabaseConnection,
    mailer: &Mailer,
    today: NaiveDate,
) -> Result<usize, AppError> {
    let horizon = today
        .checked_add_days(Days::new(DAYS_BEFORE))
        .unwrap_or(NaiveDate::MAX);
    let in_vetting = || {
        volunteer::Entity::find()
            .filter(volunteer::Column::Stage.is_in([Stage::Training, Stage::Approved]))
            .filter(volunteer::Column::ErasedAt.is_null())
    };
    let mut volunteers: HashMap<i64, volunteer::Model> = HashMap::new();
    let mut due = Vec::new();
    for v in in_vetting()
        .filter(volunteer::Column::CheckOutcome.eq(CHECK_PASSED))
        .filter(volunteer::Column::CheckExpiresOn.gt(today))
        .filter(volunteer::Column::CheckExpiresOn.lte(horizon))
        .all(db)
        .await?
    {
        if let Some(end) = v.check_expires_on {
            due.push(Due {
                volunteer_id: v.id,
                subject: "check".into(),
                module_code: None,
                expires_on: end,
            });
        }
        volunteers.insert(v.id, v);
    }
    let modules = training::all(db, false).await?;
    let mandatory: Vec<i64> = modules
        .iter()
        .filter(|m| m.mandatory)
        .map(|m| m.id)
        .collect();
    let mut lapsing: Vec<i64> = volunteer_training::Entity::find()
        .filter(volunteer_training::Column::ModuleId.is_in(mandatory))
        .filter(volunteer_training::Column::ExpiresOn.gt(today))
        .filter(volunteer_training::Column::ExpiresOn.lte(horizon))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.volunteer_id)
        .collect();
    lapsing.sort_unstable();
    lapsing.dedup();
    for ids in lapsing.chunks(CHUNK) {
        let mut completions: HashMap<i64, Vec<volunteer_training::Model>> = HashMap::new();
        for c in volunteer_training::Entity::find()
            .filter(volunteer_training::Column::VolunteerId.is_in(ids.to_vec()))
            .all(db)
            .await?
        {
            completions.entry(c.volunteer_id).or_default().push(c);
        }
        for v in in_vetting()
            .filter(volunteer::Column::Id.is_in(ids.to_vec()))
            .all(db)
            .await?
        {
            let latest = latest(completions.remove(&v.id).unwrap_or_default());
            for module in modules.iter().filter(|m| m.mandatory) {
                if let Some(end) = latest.get(&module.id).and_then(|c| c.expires_on)
                    && today < end
                    && end <= horizon
                {
                    due.push(Due {
                        volunteer_id: v.id,
                        subject: format!("training:{}", module.code),
                        module_code: Some(module.code.clone()),
                        expires_on: end,
                    });
                }
            }
            volunteers.insert(v.id, v);
        }
    }
    let mut sent = 0;
    for item in due {
        let already = volunteer_reminder::Entity::find()
            .filter(volunteer_reminder::Column::VolunteerId.eq(item.volunteer_id))
            .filter(volunteer_reminder::Column::Subject.eq(&item.subject))
            .filter(volunteer_reminder::Column::ExpiresOn.eq(item.expires_on))
            .one(db)
            .await?
            .is_some();
        if already {
            continue;
        }
        let Some(v) = volunteers.get(&item.volunteer_id) else {
            continue;
        };
        if send_one(db, mailer, v, &modules, &item).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

async fn send_one(
    db: &DatabaseConnection,
    mailer: &Mailer,
    v: &volunteer::Model,
    modules: &[entity::training_module::Model],
    item: &Due,
) -> Result<bool, AppError> {
    let txn = db.begin().await?;
    let recorded = volunteer_reminder::ActiveModel {
        volunteer_id: Set(item.volunteer_id),
        subject: Set(item.subject.clone()),
        expires_on: Set(item.expires_on),
        sent_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    match recorded {
        Ok(_) => {}
        // Another instance sent it a moment ago.
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            txn.rollback().await?;
            return Ok(false);
        }
        Err(e) => return Err(e.into()),
    }
    let lang = Lang::parse(&v.language).unwrap_or(Lang::Az);
    let module_name = item.module_code.as_ref().and_then(|code| {
        modules
            .iter()
            .find(|m| &m.code == code)
            .map(|m| training::name_in(m, lang))
    });
    mailer
        .enqueue(
            &txn,
            Mail::new("volunteer_reminder", &v.email, &v.name, lang)
                .with("module", &module_name)
                .with("expires_on", &item.expires_on.to_string()),
        )
        .await?;
    History {
        volunteer_id: v.id,
        actor: &Actor::System,
        kind: "reminder",
        stages: None,
        reason: None,
        detail: json!({ "subject": item.subject, "expires_on": item.expires_on }),
    }
    .write(&txn)
    .await?;
    txn.commit().await?;
    Ok(true)
}
