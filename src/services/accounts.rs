//! Users and roles: creating accounts, inviting staff, granting and removing roles, locking and
//! unlocking, finding users. Every change is audited in the same transaction.

use chrono::Utc;
use entity::{user, user_role};
use sea_orm::sea_query::LikeExpr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;

use super::audit::{self, Actor, Event};
use super::{passwords, regions};
use crate::auth::{Role, password, session};
use crate::domain::email::Email;
use crate::domain::text::{is_single_line, like_escape, search_key};
use crate::error::{AppError, FieldError, FieldErrors};
use crate::i18n::Lang;
use crate::mail::{Mail, Mailer};

/// A new account as requested by an admin or the CLI.
#[derive(Clone, Debug)]
pub struct NewUser {
    /// E-mail address.
    pub email: Email,
    /// Display name.
    pub name: String,
    /// Roles to grant.
    pub roles: Vec<Role>,
    /// Preferred language.
    pub language: Lang,
    /// Region (coordinators).
    pub region_id: Option<i64>,
}

/// Parses a person's display name: 1 to 200 characters, one line.
pub fn parse_name(field: &str, input: &str) -> Result<String, FieldError> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(FieldError::new(field, "error-required"));
    }
    if name.chars().count() > 200 || !is_single_line(&name) {
        return Err(FieldError::new(field, "error-name-invalid"));
    }
    Ok(name)
}

impl NewUser {
    /// Parses form or JSON input.
    pub fn parse(
        email: &str,
        name: &str,
        roles: &[String],
        language: &str,
        region_id: Option<i64>,
    ) -> Result<NewUser, AppError> {
        let mut errors = FieldErrors::new();
        let email = errors.take(Email::parse("email", email));
        let name = errors.take(parse_name("name", name));
        let mut parsed_roles = Vec::new();
        for role in roles {
            match Role::parse(role) {
                Some(r) if !parsed_roles.contains(&r) => parsed_roles.push(r),
                Some(_) => {}
                None => errors.add("roles", "error-role-unknown"),
            }
        }
        let language = Lang::parse(language).unwrap_or(Lang::Az);
        errors.into_result()?;
        Ok(NewUser {
            email: email.ok_or(AppError::BadRequest("error-validation"))?,
            name: name.ok_or(AppError::BadRequest("error-validation"))?,
            roles: parsed_roles,
            language,
            region_id,
        })
    }
}

/// Creates a user (and roles) on `db`; a taken e-mail is a field error.
pub async fn create_user(
    db: &impl ConnectionTrait,
    new: &NewUser,
    password_hash: Option<String>,
) -> Result<user::Model, AppError> {
    let email_key = new.email.key();
    let taken = user::Entity::find()
        .filter(user::Column::EmailKey.eq(&email_key))
        .count(db)
        .await?
        > 0;
    if taken {
        return Err(AppError::field("email", "error-email-taken"));
    }
    check_region(db, new.region_id).await?;
    let now = Utc::now();
    let model = user::ActiveModel {
        email: Set(new.email.as_str().to_owned()),
        email_key: Set(email_key),
        name: Set(new.name.clone()),
        name_key: Set(search_key(&new.name)),
        password_hash: Set(password_hash.clone()),
        language: Set(new.language.code().to_owned()),
        region_id: Set(new.region_id),
        active: Set(true),
        locked_until: Set(None),
        password_changed_at: Set(password_hash.map(|_| now)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for role in &new.roles {
        grant_role_row(db, model.id, *role).await?;
    }
    Ok(model)
}

async fn grant_role_row(
    db: &impl ConnectionTrait,
    user_id: i64,
    role: Role,
) -> Result<(), AppError> {
    let exists = user_role::Entity::find_by_id((user_id, role))
        .one(db)
        .await?
        .is_some();
    if !exists {
        user_role::ActiveModel {
            user_id: Set(user_id),
            role: Set(role),
            granted_at: Set(Utc::now()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Creates a user with a password (the CLI's `korpu user add`); audited as the system.
pub async fn add_with_password(
    db: &sea_orm::DatabaseConnection,
    new: &NewUser,
    plain_password: &str,
) -> Result<user::Model, AppError> {
    password::check_policy("password", plain_password)
        .map_err(|e| AppError::Validation(FieldErrors(vec![e])))?;
    let hash = password::hash(plain_password.to_owned()).await?;
    let txn = db.begin().await?;
    let model = create_user(&txn, new, Some(hash)).await?;
    audit::record(
        &txn,
        Event::new(Actor::System, "user.created", "cli")
            .on("user", model.id)
            .detail(json!({ "email": model.email, "roles": roles_json(&new.roles) })),
    )
    .await?;
    txn.commit().await?;
    Ok(model)
}

/// Invites a user: creates the account without a password and e-mails a link to set one.
pub async fn invite(
    db: &sea_orm::DatabaseConnection,
    mailer: &Mailer,
    actor: &Actor,
    ip: &str,
    new: &NewUser,
) -> Result<user::Model, AppError> {
    let txn = db.begin().await?;
    let model = create_user(&txn, new, None).await?;
    let token = passwords::issue_token(&txn, model.id, passwords::Purpose::Invite).await?;
    mailer
        .enqueue(
            &txn,
            Mail::new("invitation", &model.email, &model.name, new.language)
                .with(
                    "link",
                    &format!("{}/password/set/{token}", mailer.base_url()),
                )
                .with("roles", &roles_json(&new.roles))
                .with(
                    "valid_days",
                    &passwords::Purpose::Invite.valid_hours().div_euclid(24),
                ),
        )
        .await?;
    audit::record(
        &txn,
        Event::new(actor.clone(), "user.invited", ip)
            .on("user", model.id)
            .detail(json!({ "email": model.email, "roles": roles_json(&new.roles) })),
    )
    .await?;
    txn.commit().await?;
    Ok(model)
}

fn roles_json(roles: &[Role]) -> Vec<&'static str> {
    roles.iter().map(|r| r.as_str()).collect()
}

/// The roles a user holds.
pub async fn roles_of(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<Role>, AppError> {
    Ok(user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .order_by_asc(user_role::Column::Role)
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.role)
        .collect())
}

/// Replaces a user's roles with `roles`; effective at the user's next request. An admin cannot
/// remove their own admin role (so the service always keeps one).
pub async fn set_roles(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    ip: &str,
    user_id: i64,
    roles: &[Role],
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Actor::User { id, .. } = actor
        && *id == user_id
        && !roles.contains(&Role::Admin)
    {
        return Err(AppError::Conflict("error-cannot-remove-own-admin"));
    }
    let before = roles_of(&txn, user_id).await?;
    for role in &before {
        if !roles.contains(role) {
            user_role::Entity::delete_by_id((user_id, *role))
                .exec(&txn)
                .await?;
            audit::record(
                &txn,
                Event::new(actor.clone(), "user.role_removed", ip)
                    .on("user", user_id)
                    .detail(json!({ "role": role.as_str() })),
            )
            .await?;
        }
    }
    for role in roles {
        if !before.contains(role) {
            grant_role_row(&txn, user_id, *role).await?;
            audit::record(
                &txn,
                Event::new(actor.clone(), "user.role_granted", ip)
                    .on("user", user_id)
                    .detail(json!({ "role": role.as_str() })),
            )
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Locks (`active = false`) or unlocks an account. Locking ends all its sessions at once;
/// unlocking also clears an automatic lock after failed sign-ins.
pub async fn set_locked(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    ip: &str,
    user_id: i64,
    locked: bool,
) -> Result<(), AppError> {
    if let Actor::User { id, .. } = actor
        && *id == user_id
        && locked
    {
        return Err(AppError::Conflict("error-cannot-lock-self"));
    }
    let txn = db.begin().await?;
    let model = user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut active: user::ActiveModel = model.into();
    active.active = Set(!locked);
    if !locked {
        active.locked_until = Set(None);
    }
    active.update(&txn).await?;
    if locked {
        session::end_all_for_user(&txn, user_id).await?;
    }
    audit::record(
        &txn,
        Event::new(
            actor.clone(),
            if locked {
                "user.locked"
            } else {
                "user.unlocked"
            },
            ip,
        )
        .on("user", user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A user as lists show them.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct UserSummary {
    /// Id.
    pub id: i64,
    /// E-mail.
    pub email: String,
    /// Name.
    pub name: String,
    /// Roles.
    pub roles: Vec<String>,
    /// Whether the account may sign in (not locked by an admin).
    pub active: bool,
    /// Until when failed sign-ins keep it locked.
    pub locked_until: Option<chrono::DateTime<Utc>>,
    /// Whether a password has been set.
    pub has_password: bool,
    /// Preferred language.
    pub language: String,
    /// Region (coordinators see the clients of their region).
    pub region_id: Option<i64>,
}

/// A page of users whose name or e-mail contains `query` (Azerbaijani-aware, case-insensitive).
pub async fn list(
    db: &impl ConnectionTrait,
    query: &str,
    page: u64,
    per_page: u64,
) -> Result<(Vec<UserSummary>, u64), AppError> {
    let mut select = user::Entity::find().order_by_asc(user::Column::NameKey);
    let key = search_key(query);
    if !key.is_empty() {
        let pattern = format!("%{}%", like_escape(&key));
        select = select.filter(
            sea_orm::Condition::any()
                .add(user::Column::NameKey.like(LikeExpr::new(pattern.clone()).escape('\\')))
                .add(user::Column::EmailKey.like(LikeExpr::new(pattern).escape('\\'))),
        );
    }
    let total = select.clone().count(db).await?;
    let users = select
        .offset(page.saturating_sub(1) * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    let mut summaries = Vec::with_capacity(users.len());
    for u in users {
        let roles = roles_of(db, u.id).await?;
        summaries.push(summary(u, &roles));
    }
    Ok((summaries, total))
}

/// One user by id.
pub async fn get(db: &impl ConnectionTrait, user_id: i64) -> Result<UserSummary, AppError> {
    let model = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let roles = roles_of(db, user_id).await?;
    Ok(summary(model, &roles))
}

fn summary(u: user::Model, roles: &[Role]) -> UserSummary {
    UserSummary {
        id: u.id,
        email: u.email,
        name: u.name,
        roles: roles.iter().map(|r| r.as_str().to_owned()).collect(),
        active: u.active,
        locked_until: u.locked_until.filter(|t| *t > Utc::now()),
        has_password: u.password_hash.is_some(),
        language: u.language,
        region_id: u.region_id,
    }
}

/// Finds a user by e-mail (folded).
pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<user::Model>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::EmailKey.eq(search_key(email.trim())))
        .one(db)
        .await?)
}

/// Sets the preferred language of a user.
pub async fn set_language(
    db: &impl ConnectionTrait,
    user_id: i64,
    lang: Lang,
) -> Result<(), AppError> {
    if let Some(model) = user::Entity::find_by_id(user_id).one(db).await? {
        let mut active: user::ActiveModel = model.into();
        active.language = Set(lang.code().to_owned());
        active.update(db).await?;
    }
    Ok(())
}

/// A region id that does not exist is a field error on `region_id`.
async fn check_region(db: &impl ConnectionTrait, region_id: Option<i64>) -> Result<(), AppError> {
    match region_id {
        Some(id) if !regions::exists(db, id).await? => {
            Err(AppError::field("region_id", "error-region-unknown"))
        }
        _ => Ok(()),
    }
}

/// Puts a user in a region (or none); effective at the user's next request. Audited.
pub async fn set_region(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    ip: &str,
    user_id: i64,
    region_id: Option<i64>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let model = user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    check_region(&txn, region_id).await?;
    let before = model.region_id;
    if before != region_id {
        let mut active: user::ActiveModel = model.into();
        active.region_id = Set(region_id);
        active.update(&txn).await?;
        audit::record(
            &txn,
            Event::new(actor.clone(), "user.region_set", ip)
                .on("user", user_id)
                .detail(json!({ "from": before, "to": region_id })),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
