//! Signing in with e-mail and password, with lockout after repeated failures.
//!
//! After `lockout_threshold` failed attempts on one account within `lockout_window_minutes`
//! the account is locked for `lockout_minutes`: further attempts fail, even with the right
//! password, until the lock ends. The owner gets an e-mail. Failures are counted since the
//! last success or the end of the last lock, so an expired lock starts a fresh count.

use chrono::{DateTime, Duration, Utc};
use entity::{login_attempt, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde_json::json;

use super::accounts;
use super::audit::{self, Actor, Event};
use crate::auth::password;
use crate::config::Config;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::mail::{Mail, Mailer};

/// Why a sign-in failed. Pages show one message for all of them, so that nobody learns whether
/// an address has an account.
#[derive(Debug, PartialEq, Eq)]
pub enum SignInFailure {
    /// Wrong e-mail or password, or no password set yet.
    Invalid,
    /// Locked after failed attempts, or by an admin.
    Locked,
}

/// Checks the credentials and records the attempt. Returns the user id on success.
pub async fn sign_in(
    db: &DatabaseConnection,
    mailer: &Mailer,
    config: &Config,
    email: &str,
    plain_password: &str,
    ip: &str,
) -> Result<Result<i64, SignInFailure>, AppError> {
    let email_key = crate::domain::text::search_key(email.trim());
    let found = accounts::find_by_email(db, email).await?;
    let now = Utc::now();
    let Some(model) = found else {
        // Same work as for a real account, so timing tells nothing.
        let _ = password::verify(plain_password.to_owned(), password::DUMMY_HASH.clone()).await;
        record_attempt(db, &email_key, None, ip, false).await?;
        audit::record(
            db,
            Event::new(
                Actor::Anonymous(email.chars().take(100).collect()),
                "auth.sign_in_failed",
                ip,
            )
            .detail(json!({ "reason": "unknown_account" })),
        )
        .await?;
        return Ok(Err(SignInFailure::Invalid));
    };
    let actor = Actor::User {
        id: model.id,
        label: model.email.clone(),
    };
    if !model.active || model.locked_until.is_some_and(|until| until > now) {
        record_attempt(db, &email_key, Some(model.id), ip, false).await?;
        audit::record(
            db,
            Event::new(actor, "auth.sign_in_failed", ip)
                .on("user", model.id)
                .detail(json!({ "reason": "locked" })),
        )
        .await?;
        return Ok(Err(SignInFailure::Locked));
    }
    let stored = model
        .password_hash
        .clone()
        .unwrap_or_else(|| password::DUMMY_HASH.clone());
    if password::verify(plain_password.to_owned(), stored).await && model.password_hash.is_some() {
        record_attempt(db, &email_key, Some(model.id), ip, true).await?;
        audit::record(
            db,
            Event::new(actor, "auth.sign_in", ip).on("user", model.id),
        )
        .await?;
        return Ok(Ok(model.id));
    }
    let txn = db.begin().await?;
    record_attempt(&txn, &email_key, Some(model.id), ip, false).await?;
    audit::record(
        &txn,
        Event::new(actor.clone(), "auth.sign_in_failed", ip)
            .on("user", model.id)
            .detail(json!({ "reason": "wrong_password" })),
    )
    .await?;
    let failures = failures_since(&txn, &model, config, now).await?;
    if failures >= u64::from(config.lockout_threshold) {
        let until = now + Duration::minutes(config.lockout_minutes);
        let mut active: user::ActiveModel = model.clone().into();
        active.locked_until = Set(Some(until));
        active.update(&txn).await?;
        audit::record(
            &txn,
            Event::new(actor, "auth.account_locked", ip)
                .on("user", model.id)
                .detail(json!({ "failures": failures, "until": until.to_rfc3339() })),
        )
        .await?;
        mailer
            .enqueue(
                &txn,
                Mail::new(
                    "account_locked",
                    &model.email,
                    &model.name,
                    Lang::parse(&model.language).unwrap_or(Lang::Az),
                )
                .with("minutes", &config.lockout_minutes)
                .with("link", &format!("{}/password/forgot", mailer.base_url())),
            )
            .await?;
    }
    txn.commit().await?;
    Ok(Err(SignInFailure::Invalid))
}

async fn failures_since(
    db: &impl sea_orm::ConnectionTrait,
    model: &user::Model,
    config: &Config,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let mut since = now - Duration::minutes(config.lockout_window_minutes);
    if let Some(until) = model.locked_until.filter(|u| *u > since) {
        since = until;
    }
    let last_success = login_attempt::Entity::find()
        .filter(login_attempt::Column::UserId.eq(model.id))
        .filter(login_attempt::Column::Success.eq(true))
        .order_by_desc(login_attempt::Column::At)
        .one(db)
        .await?;
    if let Some(success) = last_success.filter(|s| s.at > since) {
        since = success.at;
    }
    Ok(login_attempt::Entity::find()
        .filter(login_attempt::Column::UserId.eq(model.id))
        .filter(login_attempt::Column::Success.eq(false))
        .filter(login_attempt::Column::At.gt(since))
        .count(db)
        .await?)
}

async fn record_attempt(
    db: &impl sea_orm::ConnectionTrait,
    email_key: &str,
    user_id: Option<i64>,
    ip: &str,
    success: bool,
) -> Result<(), AppError> {
    login_attempt::ActiveModel {
        email_key: Set(email_key.chars().take(254).collect()),
        user_id: Set(user_id),
        ip: Set(ip.to_owned()),
        success: Set(success),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Records a sign-out.
pub async fn signed_out(
    db: &DatabaseConnection,
    actor: Actor,
    user_id: i64,
    ip: &str,
) -> Result<(), AppError> {
    audit::record(
        db,
        Event::new(actor, "auth.sign_out", ip).on("user", user_id),
    )
    .await?;
    Ok(())
}
