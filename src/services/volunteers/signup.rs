//! Signing up as a volunteer and verifying the e-mail address.
//!
//! No enumeration: [`apply`] answers the same whether or not the address was already
//! registered; the owner of an existing address gets an e-mail saying so (with a fresh
//! verification link when that application is still unverified) instead of a second
//! application.

use chrono::{Duration, Utc};
use entity::{volunteer, volunteer_token};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, SqlErr, TransactionTrait,
};
use serde_json::json;

use super::profile::{self, ApplicationInput};
use super::{History, PRIVACY_NOTICE_VERSION};
use crate::auth::rate_limit;
use crate::auth::tokens::{hash_token, new_token};
use crate::config::Config;
use crate::domain::email::Email;
use crate::domain::vetting::{self, Party, Readiness, Stage};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::mail::{Mail, Mailer};
use crate::services::accounts;
use crate::services::audit::{self, Actor, Event};

/// Verification e-mails one address may ask for per hour.
pub const RESENDS_PER_HOUR: u32 = 3;

/// Issues a verification token for a volunteer; returns the secret for the link.
async fn issue_token(
    db: &impl ConnectionTrait,
    volunteer_id: i64,
    valid_hours: i64,
) -> Result<String, AppError> {
    let token = new_token();
    let now = Utc::now();
    volunteer_token::ActiveModel {
        volunteer_id: Set(volunteer_id),
        token_hash: Set(hash_token(&token)),
        expires_at: Set(now + Duration::hours(valid_hours)),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

async fn send_verification(
    db: &impl ConnectionTrait,
    mailer: &Mailer,
    config: &Config,
    v: &volunteer::Model,
) -> Result<(), AppError> {
    let token = issue_token(db, v.id, config.verify_hours).await?;
    let lang = Lang::parse(&v.language).unwrap_or(Lang::Az);
    mailer
        .enqueue(
            db,
            Mail::new("volunteer_verify", &v.email, &v.name, lang)
                .with("link", &verify_link(mailer, &token))
                .with("valid_hours", &config.verify_hours),
        )
        .await?;
    Ok(())
}

fn verify_link(mailer: &Mailer, token: &str) -> String {
    format!("{}/volunteer/verify/{token}", mailer.base_url())
}

/// Takes a sign-up: validates it (field errors), counts it against the per-address limit
/// (`rate_signup_per_hour`, 429 beyond), then stores the application and queues the
/// verification e-mail — or, for an address already known, queues the "already registered"
/// e-mail. Both outcomes look the same to the caller.
pub async fn apply(
    db: &DatabaseConnection,
    mailer: &Mailer,
    config: &Config,
    input: &ApplicationInput,
    fallback: Lang,
    ip: &str,
) -> Result<(), AppError> {
    let application = profile::parse_application(db, input, fallback).await?;
    // Counted once the form is valid, so fixing mistakes does not use up the allowance.
    rate_limit::hit(
        db,
        &format!("signup:{ip}"),
        config.rate_signup_per_hour,
        3600,
    )
    .await?;
    if known_address(db, mailer, config, &application.email, ip).await? {
        return Ok(());
    }
    let txn = db.begin().await?;
    let now = Utc::now();
    let mut row = volunteer::ActiveModel {
        email: Set(application.email.as_str().to_owned()),
        email_key: Set(application.email.key()),
        skills_other: Set(String::new()),
        consent_at: Set(now),
        privacy_version: Set(PRIVACY_NOTICE_VERSION.to_owned()),
        stage: Set(Stage::Applied),
        stage_reason: Set(None),
        stage_changed_at: Set(now),
        user_id: Set(None),
        paused: Set(false),
        max_mentees: Set(profile::DEFAULT_MENTEES),
        check_outcome: Set(None),
        checked_on: Set(None),
        check_expires_on: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        deletion_requested_at: Set(None),
        erased_at: Set(None),
        ..Default::default()
    };
    profile::write(&application.profile, &mut row);
    let model = match row.insert(&txn).await {
        Ok(model) => model,
        // Two sign-ups for one address at once: the second is a known address.
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            txn.rollback().await?;
            known_address(db, mailer, config, &application.email, ip).await?;
            return Ok(());
        }
        Err(e) => return Err(e.into()),
    };
    let actor = Actor::Anonymous(model.email.clone());
    History {
        volunteer_id: model.id,
        actor: &actor,
        kind: "applied",
        stages: None,
        reason: None,
        detail: json!({ "privacy_version": PRIVACY_NOTICE_VERSION }),
    }
    .write(&txn)
    .await?;
    send_verification(&txn, mailer, config, &model).await?;
    audit::record(
        &txn,
        Event::new(actor, "volunteer.applied", ip).on("volunteer", model.id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// When the address already belongs to a volunteer or an account, e-mails its owner and
/// returns true.
async fn known_address(
    db: &DatabaseConnection,
    mailer: &Mailer,
    config: &Config,
    email: &Email,
    ip: &str,
) -> Result<bool, AppError> {
    let existing = volunteer::Entity::find()
        .filter(volunteer::Column::EmailKey.eq(email.key()))
        .one(db)
        .await?;
    let user = accounts::find_by_email(db, email.as_str()).await?;
    if existing.is_none() && user.is_none() {
        return Ok(false);
    }
    let txn = db.begin().await?;
    let (name, lang) = match (&existing, &user) {
        (Some(v), _) => (v.name.clone(), Lang::parse(&v.language)),
        (None, Some(u)) => (u.name.clone(), Lang::parse(&u.language)),
        (None, None) => (String::new(), None),
    };
    let lang = lang.unwrap_or(Lang::Az);
    // An unverified application gets a fresh link, so a lost e-mail is not a dead end.
    let verify = match &existing {
        Some(v) if v.stage == Stage::Applied => {
            let token = issue_token(&txn, v.id, config.verify_hours).await?;
            Some(verify_link(mailer, &token))
        }
        _ => None,
    };
    mailer
        .enqueue(
            &txn,
            Mail::new("volunteer_already_registered", email.as_str(), &name, lang)
                .with("verify_link", &verify)
                .with("valid_hours", &config.verify_hours)
                .with("sign_in_link", &format!("{}/sign-in", mailer.base_url()))
                .with(
                    "reset_link",
                    &format!("{}/password/forgot", mailer.base_url()),
                ),
        )
        .await?;
    let mut event = Event::new(
        Actor::Anonymous(email.as_str().to_owned()),
        "volunteer.apply_known_address",
        ip,
    );
    if let Some(v) = &existing {
        event = event.on("volunteer", v.id);
    }
    audit::record(&txn, event).await?;
    txn.commit().await?;
    Ok(true)
}

/// Verifies an address from the e-mailed link: the link is used up and an unverified
/// application moves to `email_verified`. An unknown, used or expired link is
/// `error-link-invalid`.
pub async fn verify(
    db: &DatabaseConnection,
    mailer: &Mailer,
    token: &str,
    ip: &str,
) -> Result<(), AppError> {
    let invalid = AppError::BadRequest("error-link-invalid");
    let txn = crate::db::begin_write(db).await?;
    let Some(row) = volunteer_token::Entity::find()
        .filter(volunteer_token::Column::TokenHash.eq(hash_token(token)))
        .one(&txn)
        .await?
    else {
        return Err(invalid);
    };
    if row.used_at.is_some() || row.expires_at <= Utc::now() {
        return Err(invalid);
    }
    let used = volunteer_token::Entity::update_many()
        .col_expr(
            volunteer_token::Column::UsedAt,
            Expr::value(Some(Utc::now())),
        )
        .filter(volunteer_token::Column::Id.eq(row.id))
        .filter(volunteer_token::Column::UsedAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    if used != 1 {
        return Err(invalid);
    }
    let v = super::find(&txn, row.volunteer_id).await?;
    if v.stage != Stage::Applied {
        // Already verified through another link: nothing more to do.
        txn.commit().await?;
        return Ok(());
    }
    let today = Utc::now().date_naive();
    vetting::check(
        v.stage,
        Stage::EmailVerified,
        Party::Volunteer,
        "",
        &Readiness::default(),
        today,
    )
    .map_err(|_| AppError::Conflict("error-vetting-not-allowed"))?;
    let actor = Actor::Anonymous(v.email.clone());
    super::vetting::move_stage(&txn, &v, Stage::EmailVerified, None).await?;
    History {
        volunteer_id: v.id,
        actor: &actor,
        kind: "transition",
        stages: Some((Stage::Applied, Stage::EmailVerified)),
        reason: None,
        detail: json!({}),
    }
    .write(&txn)
    .await?;
    super::vetting::stage_mail(&txn, mailer, &v, Stage::EmailVerified, None).await?;
    audit::record(
        &txn,
        Event::new(actor, "volunteer.email_verified", ip).on("volunteer", v.id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sends a new verification link to an unverified application with this address. Answers the
/// same for any address; at most [`RESENDS_PER_HOUR`] per address and hour (429 after).
pub async fn resend(
    db: &DatabaseConnection,
    mailer: &Mailer,
    config: &Config,
    email: &str,
    ip: &str,
) -> Result<(), AppError> {
    let email = Email::parse("email", email)
        .map_err(|e| AppError::Validation(crate::error::FieldErrors(vec![e])))?;
    rate_limit::hit(
        db,
        &format!("verify-resend:{}", email.key()),
        RESENDS_PER_HOUR,
        3600,
    )
    .await?;
    let existing = volunteer::Entity::find()
        .filter(volunteer::Column::EmailKey.eq(email.key()))
        .filter(volunteer::Column::Stage.eq(Stage::Applied))
        .one(db)
        .await?;
    let txn = db.begin().await?;
    let mut event = Event::new(
        Actor::Anonymous(email.as_str().to_owned()),
        "volunteer.verification_resent",
        ip,
    );
    if let Some(v) = &existing {
        send_verification(&txn, mailer, config, v).await?;
        event = event.on("volunteer", v.id);
    }
    audit::record(&txn, event).await?;
    txn.commit().await?;
    Ok(())
}
