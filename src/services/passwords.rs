//! Passwords: one-time links (reset, invitation), setting a password from such a link, and
//! changing one's password. Any of these ends the user's other sessions.

use chrono::{Duration, Utc};
use entity::{one_time_token, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};

use super::accounts;
use super::audit::{self, Actor, Event};
use crate::auth::tokens::{hash_token, new_token};
use crate::auth::{password, session};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Lang;
use crate::mail::{Mail, Mailer};

/// What a one-time link is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Forgotten password.
    Reset,
    /// First password of an invited user or approved volunteer.
    Invite,
}

impl Purpose {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Reset => "reset",
            Purpose::Invite => "invite",
        }
    }

    /// How long a link stays valid.
    pub fn valid_hours(self) -> i64 {
        match self {
            Purpose::Reset => 1,
            Purpose::Invite => 7 * 24,
        }
    }
}

/// Creates a one-time token for `user_id`; returns the secret to put in the link.
pub async fn issue_token(
    db: &impl ConnectionTrait,
    user_id: i64,
    purpose: Purpose,
) -> Result<String, AppError> {
    let token = new_token();
    let now = Utc::now();
    one_time_token::ActiveModel {
        user_id: Set(user_id),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(hash_token(&token)),
        expires_at: Set(now + Duration::hours(purpose.valid_hours())),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The live (unused, unexpired) token row for a secret, of one of the given purposes.
pub async fn find_live_token(
    db: &impl ConnectionTrait,
    token: &str,
    purposes: &[Purpose],
) -> Result<Option<one_time_token::Model>, AppError> {
    let row = one_time_token::Entity::find()
        .filter(one_time_token::Column::TokenHash.eq(hash_token(token)))
        .one(db)
        .await?;
    Ok(row.filter(|r| {
        r.used_at.is_none()
            && r.expires_at > Utc::now()
            && purposes.iter().any(|p| p.as_str() == r.purpose)
    }))
}

/// Asks for a reset link. The caller answers the same way whether or not the address exists:
/// only an existing, active account gets an e-mail.
pub async fn request_reset(
    db: &DatabaseConnection,
    mailer: &Mailer,
    email: &str,
    lang: Lang,
    ip: &str,
) -> Result<(), AppError> {
    let Some(model) = accounts::find_by_email(db, email).await? else {
        audit::record(
            db,
            Event::new(
                Actor::Anonymous(email.chars().take(100).collect()),
                "auth.reset_unknown",
                ip,
            ),
        )
        .await?;
        return Ok(());
    };
    if !model.active {
        return Ok(());
    }
    let txn = db.begin().await?;
    let token = issue_token(&txn, model.id, Purpose::Reset).await?;
    let user_lang = Lang::parse(&model.language).unwrap_or(lang);
    mailer
        .enqueue(
            &txn,
            Mail::new("password_reset", &model.email, &model.name, user_lang)
                .with(
                    "link",
                    &format!("{}/password/set/{token}", mailer.base_url()),
                )
                .with("valid_hours", &Purpose::Reset.valid_hours()),
        )
        .await?;
    audit::record(
        &txn,
        Event::new(
            Actor::Anonymous(model.email.clone()),
            "auth.reset_requested",
            ip,
        )
        .on("user", model.id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets a password from a one-time link (reset or invitation). The link is used up and every
/// session of the user ends. Returns the user id.
pub async fn set_from_token(
    db: &DatabaseConnection,
    token: &str,
    new_password: &str,
    confirmation: &str,
    ip: &str,
) -> Result<i64, AppError> {
    check_new_password(new_password, confirmation)?;
    let hash = password::hash(new_password.to_owned()).await?;
    let txn = crate::db::begin_write(db).await?;
    let row = find_live_token(&txn, token, &[Purpose::Reset, Purpose::Invite])
        .await?
        .ok_or(AppError::BadRequest("error-link-invalid"))?;
    // Mark used with a condition, so two concurrent uses cannot both succeed.
    let used = one_time_token::Entity::update_many()
        .col_expr(
            one_time_token::Column::UsedAt,
            sea_orm::sea_query::Expr::value(Some(Utc::now())),
        )
        .filter(one_time_token::Column::Id.eq(row.id))
        .filter(one_time_token::Column::UsedAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    if used != 1 {
        return Err(AppError::BadRequest("error-link-invalid"));
    }
    store_password(&txn, row.user_id, hash).await?;
    session::end_all_for_user(&txn, row.user_id).await?;
    let label = user::Entity::find_by_id(row.user_id)
        .one(&txn)
        .await?
        .map(|u| u.email)
        .unwrap_or_default();
    audit::record(
        &txn,
        Event::new(
            Actor::User {
                id: row.user_id,
                label,
            },
            if row.purpose == Purpose::Invite.as_str() {
                "auth.password_set"
            } else {
                "auth.password_reset"
            },
            ip,
        )
        .on("user", row.user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(row.user_id)
}

/// Changes the signed-in user's password after checking the current one. Other sessions end;
/// the caller rotates the current session.
pub async fn change(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i64,
    current: &str,
    new_password: &str,
    confirmation: &str,
    ip: &str,
) -> Result<(), AppError> {
    let model = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let stored = model.password_hash.clone().unwrap_or_default();
    if !password::verify(current.to_owned(), stored).await {
        return Err(AppError::field("current_password", "error-password-wrong"));
    }
    check_new_password(new_password, confirmation)?;
    let hash = password::hash(new_password.to_owned()).await?;
    let txn = db.begin().await?;
    store_password(&txn, user_id, hash).await?;
    session::end_all_for_user(&txn, user_id).await?;
    audit::record(
        &txn,
        Event::new(actor.clone(), "auth.password_changed", ip).on("user", user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn check_new_password(new_password: &str, confirmation: &str) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    if let Err(e) = password::check_policy("password", new_password) {
        errors.push(e);
    } else if new_password != confirmation {
        errors.add("password_confirmation", "error-password-mismatch");
    }
    errors.into_result()
}

async fn store_password(
    db: &impl ConnectionTrait,
    user_id: i64,
    hash: String,
) -> Result<(), AppError> {
    let model = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut active: user::ActiveModel = model.into();
    active.password_hash = Set(Some(hash));
    active.password_changed_at = Set(Some(Utc::now()));
    active.locked_until = Set(None);
    active.update(db).await?;
    Ok(())
}
